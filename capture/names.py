"""Person and organisation names with spaCy's small French model.

The model is loaded once per process, on first use, and shared by every
:class:`NameFinder`. spaCy's small models give no entity scores, so every name
gets the same confidence.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from capture.name_noise import is_noise_organisation, is_noise_person, line_at, without_role
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
        return one_spelling([_names(doc, source) for doc, (_, source) in zip(docs, texts)])


def one_spelling(found: list[list[ExtractedField]]) -> list[list[ExtractedField]]:
    """Each person of an item under one normalized spelling: the likeliest of the readings.

    A sender's name is printed two or three times on a letter, and OCR bends one of them now and
    then: it drops an accent ("Hélene", "GUERIN") far more often than it adds one, and what it
    adds is seldom French ("Nathälie"). Readings that differ only in accents are one person; the
    spelling kept is the one without foreign marks, then the most frequent, then the most
    accented. Case is left as written: "Sébastien Mercier" and "Sébastien MERCIER" on two letters
    of one scan are two writers' choices, not a misreading.
    """
    readings: dict[str, dict[str, int]] = {}
    for f in (f for batch in found for f in batch if f.kind == "person"):
        spellings = readings.setdefault(_folded(f.normalized), {})
        spellings[f.normalized] = spellings.get(f.normalized, 0) + 1
    best = {key: max(spellings, key=lambda name: _likelihood(name, spellings[name]))
            for key, spellings in readings.items()}
    return [[f.model_copy(update={"normalized": best[_folded(f.normalized)]}) if f.kind == "person" else f
             for f in batch] for batch in found]


FRENCH_LETTERS = set("àâæçéèêëîïôœùûüÿ")


def _likelihood(name: str, count: int) -> tuple[int, int, int]:
    marked = [c for c in name.lower() if c.isalpha() and not c.isascii()]
    foreign = sum(c not in FRENCH_LETTERS for c in marked)
    return -foreign, count, len(marked) - foreign


def _folded(name: str) -> str:
    """The name without its accents (the key of one person's readings)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _names(doc: Any, source: str) -> list[ExtractedField]:
    """The PER and ORG entities of one spaCy doc that are not noise, and the lines that are a name alone."""
    found = (_entity_field(doc.text, ent, source) for ent in doc.ents if ent.label_ in KINDS)
    names = [f for f in found if f is not None and (f.kind != "person" or is_person(f.value, doc.text[:f.start]))]
    taken = {(f.start, f.end) for f in names}
    names += [f for f in _name_lines(doc, source) if (f.start, f.end) not in taken]
    names += [f for f in _organisation_lines(doc, source) if not any(f.start < n.end and n.start < f.end for n in names)]
    return sorted(names, key=lambda f: f.start)


def _organisation_lines(doc: Any, source: str) -> list[ExtractedField]:
    """Lines that are an institution's name alone ("Mutuelle Santé Horizon") where the model saw an entity.

    In an address block the small model runs the town above into it and calls both a place.
    """
    lines = ((m.start("name"), m.group("name")) for m in _ORGANISATION_LINE.finditer(doc.text))
    return [ExtractedField(kind="organisation", value=name, normalized=" ".join(name.split()), source=source,
                           start=start, end=start + len(name), confidence=CONFIDENCE)
            for start, name in lines
            if any(e.start_char < start + len(name) and start < e.end_char for e in doc.ents)]


def _name_lines(doc: Any, source: str) -> list[ExtractedField]:
    """Lines that are a name alone ("Sylvie Bertrand") where the model saw an entity of any kind.

    Without a sentence around it the small model splits the sender's name at the head and foot of a
    letter into two one-word entities, or calls it a place; the line's shape says it is a name.
    """
    lines = ((m.start("name"), m.group("name")) for m in _NAME_LINE.finditer(doc.text))
    return [ExtractedField(kind="person", value=name, normalized=" ".join(name.split()), source=source,
                           start=start, end=start + len(name), confidence=CONFIDENCE)
            for start, name in lines
            if any(e.start_char < start + len(name) and start < e.end_char for e in doc.ents)
            and is_person(name, doc.text[:start]) and not is_noise_person(name, line_at(doc.text, start))]


def _entity_field(text: str, ent: Any, source: str) -> ExtractedField | None:
    """One entity, cut at its first line break and trimmed, or None if noise."""
    raw = ent.text.split("\n", 1)[0]
    start = ent.start_char + len(raw) - len(raw.lstrip())
    value = raw.strip()
    if ent.label_ == "PER" and (surname := _CAPITALS_AFTER.match(text, start + len(value))):
        value += surname.group()  # "Gérard LAMBERT": the small model often stops before a surname in capitals
    if ent.label_ == "PER":
        value = without_role(value)  # "Claire Moreau - Ophtalmologiste"
    if is_noise(value) or _page_word(ent.label_, value, line_at(text, start)):
        return None
    return ExtractedField(
        kind=KINDS[ent.label_], value=value, normalized=" ".join(value.split()), source=source,
        start=start, end=start + len(value), confidence=CONFIDENCE,
    )


def _page_word(label: str, value: str, line: str) -> bool:
    """A word of the page rather than a name: an abbreviation, a table's header or item, a shop's line."""
    return is_noise_person(value, line) if label == "PER" else is_noise_organisation(value, line)


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
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_CAPITALS_AFTER = re.compile(rf"[ \t]+[{_UPPER}]{{2,}}(?:[-'’ ][{_UPPER}]{{2,}})*(?!\w)")
# "Prénom Nom", "Prénom NOM", "Jean-Pierre MARTIN": a first name and one or two surnames, alone on their line
_NAME_LINE = re.compile(
    rf"^[ \t]*(?P<name>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
    rf"(?:[ \t]+(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})(?:-[{_UPPER}][{_UPPER}{_LOWER}]+)?){{1,2}})[ \t]*$",
    re.MULTILINE,
)
_INSTITUTION = re.compile(
    r"(?i)(?:clinique|h[ôo]pital|centre|service|mutuelle|soci[ée]t[ée]|banque|cabinet|pharmacie|groupe|"
    r"association|direction|caisse|laboratoire|institut|fondation|r[ée]sidence|lyc[ée]e|coll[èe]ge|[ée]cole)\b"
)
_ORGANISATION_LINE = re.compile(
    r"^[ \t]*(?P<name>(?:Mutuelle|Caisse|Clinique|H[ôo]pital|Soci[ée]t[ée]|Banque|Groupe|Association|Laboratoire|"
    rf"Institut|Fondation|Optique|Pharmacie)(?:[ \t]+(?:[{_UPPER}][\w'’-]*|d[eu]s?|de la|l['’]\w+|et)){{1,5}})[ \t]*$",
    re.MULTILINE,
)
PARTICLES = {"de", "du", "des", "d", "la", "le", "van", "von"}  # "Charles de Gaulle" is two names, not three


def is_person(value: str, before: str) -> bool:
    """A person's name as a handler needs it: two names or more, no digits, no institution or street.

    Initials do not count as names. The small model tags single capitalised words ("Réf", "Devis",
    "Courriel") and the people streets are named after as PER; a first name or a surname alone does
    not identify anyone either.
    """
    words = [w for w in re.findall(r"[^\W\d_]{2,}", value.lower()) if w not in TITLES | PARTICLES]  # no initials
    return (len(words) >= 2 and not re.search(r"\d", value) and not _INSTITUTION.match(value)
            and not _NAMED_AFTER.search(before[-40:]))
