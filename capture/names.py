"""Person and organisation names with spaCy's small French model.

The model is loaded once per process, on first use, and shared by every
:class:`NameFinder`. spaCy's small models give no entity scores, so every name
gets the same confidence.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from intake.cpu import tune_for_workers
from intake.models import ExtractedField

MODEL = "fr_core_news_sm"
CONFIDENCE = 0.8
KINDS = {"PER": "person", "ORG": "organisation"}
# Salutations the small model often tags PER ("Madame, Monsieur,").
TITLES = {"madame", "monsieur", "mesdames", "messieurs", "mademoiselle", "mme", "mlle", "m",
          "docteur", "dr", "maître", "maitre", "me", "cher", "chère", "bonjour"}


def load_model(name: str = MODEL) -> Any:
    """The spaCy pipeline, loaded once, with only its NER component enabled."""
    return _load(name)  # one cache key however it is called: load_model() and load_model(MODEL) alike


@functools.lru_cache(maxsize=1)
def _load(name: str) -> Any:
    import spacy

    tune_for_workers()
    nlp = spacy.load(name, disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])
    # The small French model's NER embeds its own tok2vec: the shared one only feeds the disabled
    # components, and running it anyway was a third of the NER time, for the same entities.
    if "tok2vec" in nlp.pipe_names and not _listens(nlp.get_pipe("ner")):
        nlp.disable_pipe("tok2vec")
    return nlp


def _listens(component: Any) -> bool:
    """Whether a component reads the shared tok2vec's output (a listener layer in its model)."""
    model = getattr(component, "model", None)
    return model is not None and any(layer.name.startswith("tok2vec-listener") for layer in model.walk())


class NameFinder:
    """Finds person and organisation names in batches of (text, source) pairs."""

    def __init__(self, model: str = MODEL, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size

    def find(self, texts: list[tuple[str, str]]) -> list[list[ExtractedField]]:
        """For each (text, source) pair, the names found in that text, in order."""
        nlp = load_model(self.model)
        docs = nlp.pipe((text for text, _ in texts), batch_size=self.batch_size)
        return [_names(doc, source) for doc, (_, source) in zip(docs, texts)]


def _names(doc: Any, source: str) -> list[ExtractedField]:
    """The PER and ORG entities of one spaCy doc that are not noise."""
    found = (_entity_field(doc.text, ent, source) for ent in doc.ents if ent.label_ in KINDS)
    return [f for f in found if f is not None and (f.kind != "person" or is_person(f.value, doc.text[:f.start]))]


def _entity_field(text: str, ent: Any, source: str) -> ExtractedField | None:
    """One entity, cut at its first line break and trimmed, or None if noise."""
    raw = ent.text.split("\n", 1)[0]
    start = ent.start_char + len(raw) - len(raw.lstrip())
    value = raw.strip()
    if ent.label_ == "PER" and (surname := _CAPITALS_AFTER.match(text, start + len(value))):
        value += surname.group()  # "Gérard LAMBERT": the small model often stops before a surname in capitals
    if is_noise(value):
        return None
    return ExtractedField(
        kind=KINDS[ent.label_], value=value, normalized=" ".join(value.split()), source=source,
        start=start, end=start + len(value), confidence=CONFIDENCE,
    )


def is_noise(value: str) -> bool:
    """True for entities that cannot be a name: 1 character, no letter, titles only."""
    words = re.findall(r"[^\W\d_]+", value.lower())
    return len(value) <= 1 or not words or all(w in TITLES for w in words)


# Streets, schools and hospitals named after people: "12 rue Paul Bert", "Hôpital Édouard Herriot"
_NAMED_AFTER = re.compile(
    r"(?i)\b(?:rue|av(?:enue|\.)?|bd|boulevard|place|all[ée]e|impasse|quai|chemin|cours|square|route|"
    r"r[ée]sidence|lyc[ée]e|coll[èe]ge|[ée]cole|h[ôo]pital|clinique|centre|institut|fondation)"
    r"\s+(?:du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+|d['’])?"
    r"(?:(?:g[ée]n[ée]ral|mar[ée]chal|pr[ée]sident|docteur|abb[ée]|saint|sainte)\s+)?$"
)
_CAPITALS_AFTER = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ]{2,}(?:[-'’ ][A-ZÀ-ÖØ-Þ]{2,})*(?!\w)")
PARTICLES = {"de", "du", "des", "d", "la", "le", "van", "von"}  # "Charles de Gaulle" is two names, not three


def is_person(value: str, before: str) -> bool:
    """A person's name as a handler needs it: two names or more (initials aside), no digits, no street or building.

    The small model tags single capitalised words ("Réf", "Devis", "Courriel") and the people streets
    are named after as PER; a first name or a surname alone does not identify anyone either.
    """
    words = [w for w in re.findall(r"[^\W\d_]{2,}", value.lower()) if w not in TITLES | PARTICLES]  # no initials
    return len(words) >= 2 and not re.search(r"\d", value) and not _NAMED_AFTER.search(before[-40:])
