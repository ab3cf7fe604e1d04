"""A labelled French corpus of requests to a mutual insurer, generated from a seed.

Each sample picks an intent (which fixes its topic and complexity), a channel
(e-mail, scanned letter, web form, agent's call note), a register, an urgency
and sometimes a second, minor request, then adds channel noise: typos,
missing accents, OCR confusions and hard line breaks for letters. Every
phrase bank in ``corpus_wording`` is partitioned by index between the
splits, so the dev and test sets use sentences the training set never saw.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from classify import corpus_more as more
from classify import corpus_styles as styles
from classify import corpus_wording as w

SPLITS = ("train", "dev", "test")
SIZES = {"train": 3000, "dev": 800, "test": 800}
# Variant i of a bank goes to SPLIT_CYCLE[i % 6]: 4 of 6 train, 1 dev, 1 test.
SPLIT_CYCLE = ("train", "train", "train", "train", "dev", "test")
CHANNELS = {"email": 0.35, "letter": 0.3, "webform": 0.15, "phone": 0.2}
URGENCIES = {"low": 0.15, "normal": 0.5, "high": 0.25, "critical": 0.1}
ASIDE_RATE = 0.12
NO_ASIDE_TOPICS = ("change_of_details", "certificate", "other")  # an aside would become the real request
# What OCR reads for a character now and then (accents lost or read as "?", l/1, o/0, m/rn).
OCR_CONFUSIONS = {"é": "e?6", "è": "e?", "à": "a?", "ê": "e?", "ç": "c?", "l": "1I", "o": "0", "m": "rn", "i": "l",
                  "e": "c"}
VERDICT_RATE = 0.25  # call notes ending with the agent's verdict on complexity
TERSE_RATE = 0.2  # two-line e-mails: a greeting, the request, a thanks
QUOTED_RATE = 0.2  # e-mails that quote an earlier message under the reply
INTENTS = {**w.INTENTS, **more.INTENTS, **styles.INTENTS}
SLOTS = {**w.SLOTS, **more.SLOTS}
Written = tuple[str, str, bool]  # subject, body, whether a second request was added
SLOT = re.compile(r"\{(\w+?)(_cap|_low)?\}")


@dataclass(frozen=True)
class Sample:
    """One labelled request as an intake envelope would carry it."""

    subject: str
    body: str
    channel: str
    topic: str
    complexity: str
    urgency: str
    intent: str
    mixed: bool = False  # a second, minor request rides along (the label is the main one)

    @property
    def text(self) -> str:
        """Subject and body as the classifier reads them."""
        return f"{self.subject}\n{self.body}".strip()


def split_of(index: int) -> str:
    """The split that owns variant ``index`` of a phrase bank."""
    return SPLIT_CYCLE[index % len(SPLIT_CYCLE)]


def variants(bank: tuple[str, ...], split: str) -> tuple[str, ...]:
    """The variants of ``bank`` a split may use (all of them for banks too small to partition)."""
    if len(bank) < len(SPLIT_CYCLE):
        return bank
    return tuple(v for i, v in enumerate(bank) if split_of(i) == split)


def build_corpus(seed: int = 0, sizes: dict[str, int] | None = None) -> dict[str, list[Sample]]:
    """Train, dev and test samples; no text appears in two splits."""
    seen: set[str] = set()
    return {split: generate(split, n, seed, seen) for split, n in (sizes or SIZES).items()}


def generate(split: str, n: int, seed: int = 0, seen: set[str] | None = None) -> list[Sample]:
    """``n`` distinct samples of one split, the same for the same seed."""
    writer = Writer(split, random.Random(f"intake-corpus:{seed}:{split}"))
    seen = set() if seen is None else seen
    samples: list[Sample] = []
    while len(samples) < n:
        sample = writer.sample()
        if sample.text not in seen:  # a repeat would leak between splits or weigh twice
            seen.add(sample.text)
            samples.append(sample)
    return samples


class Writer:
    """Writes samples of one split with its own random generator."""

    def __init__(self, split: str, rng: random.Random) -> None:
        self.split, self.rng = split, rng
        self.by_topic: dict[str, list[str]] = {}
        for name, spec in INTENTS.items():
            self.by_topic.setdefault(spec["topic"], []).append(name)

    def pick(self, bank: tuple[str, ...]) -> str:
        """A variant of ``bank`` this split may use."""
        return self.rng.choice(variants(bank, self.split))

    def weighted(self, weights: dict[str, float]) -> str:
        """A key of ``weights`` drawn with those weights."""
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def fill(self, template: str) -> str:
        """Replace every ``{slot}`` with a fresh value."""
        return SLOT.sub(lambda m: self._slot_text(m.group(1), m.group(2)), template)

    def _slot_text(self, name: str, case: str | None) -> str:
        value = self.slot(name)
        first = {"_cap": value[:1].upper(), "_low": value[:1].lower()}.get(case or "", value[:1])
        return first + value[1:]

    def slot(self, name: str) -> str:
        """A value for one slot: split-owned phrasing, shared vocabulary, or made up (dates, amounts...)."""
        if name in w.PHRASES:
            return self.fill(self.pick(w.PHRASES[name]))
        return MADE_UP[name](self.rng) if name in MADE_UP else self.rng.choice(SLOTS[name])

    def sample(self) -> Sample:
        """One labelled sample."""
        topic = self.rng.choice(sorted(self.by_topic))
        intent = self.rng.choice(self.by_topic[topic])
        spec = INTENTS[intent]
        channel = self.weighted(CHANNELS)
        urgency = spec.get("urgency") or self.weighted(URGENCIES)
        aside = topic not in NO_ASIDE_TOPICS and self.rng.random() < ASIDE_RATE
        subject, body, mixed = CHANNEL_WRITERS[channel](self, spec, urgency, aside)
        return Sample(subject, body, channel, topic, spec["complexity"], urgency, intent, mixed)

    def request(self, spec: dict, urgency: str, aside: bool) -> list[str]:
        """The sentences of the request itself: ask, maybe an aside, the urgency phrase."""
        sentences = [self.fill(self.pick(spec["asks"]))]
        if aside:
            sentences.append(self.fill(self.pick(w.ASIDES)))
        if urgency != "normal" and "urgency" not in spec:
            sentences.insert(self.rng.choice((0, len(sentences))), self.pick(w.URGENCY[urgency]))
        return sentences

    def subject(self, topic: str) -> str:
        """A subject line: about the topic, or generic as members often write."""
        bank = w.SUBJECTS[topic] if self.rng.random() < 0.6 else w.GENERIC_SUBJECTS
        return self.fill(self.pick(bank))

    def contexts(self, most: int) -> list[str]:
        """Up to ``most`` neutral context sentences."""
        pool = variants(w.CONTEXTS, self.split)
        return [self.fill(c) for c in self.rng.sample(pool, self.rng.randint(0, min(most, len(pool))))]


def write_email(writer: Writer, spec: dict, urgency: str, aside: bool) -> Written:
    """An e-mail: plain or formal greeting, the request, a closing and a name."""
    rng, formal = writer.rng, writer.rng.random() < 0.35
    greeting = writer.pick(w.GREETINGS_FORMAL if formal else w.GREETINGS_PLAIN)
    terse = rng.random() < TERSE_RATE
    aside = aside and not terse
    middle = " ".join(([] if terse else writer.contexts(2)) + writer.request(spec, urgency, aside))
    closing = "Merci" if terse else writer.pick(w.CLOSINGS_FORMAL if formal else w.CLOSINGS_PLAIN)
    body = f"{greeting}\n\n{middle}\n\n{closing}\n{writer.fill('{name}')}"
    if rng.random() < QUOTED_RATE:
        body += "\n\n" + writer.fill(writer.pick(more.QUOTED_REPLIES))
    body = noisy(body, rng, accents=0.15, typos=0.3)
    return (writer.subject(spec["topic"]) if rng.random() < 0.9 else ""), body, aside


def write_letter(writer: Writer, spec: dict, urgency: str, aside: bool) -> Written:
    """A scanned letter: header, subject line, formal wording, often long, OCR noise."""
    rng, name = writer.rng, writer.fill("{name}")
    header = f"{name}\n{writer.fill('{address}')}\n\n{writer.fill('{city}')}, le {writer.fill('{date}')} 2026"
    paragraphs = [" ".join(writer.contexts(3)), " ".join(writer.request(spec, urgency, aside))]
    background = variants(w.BACKGROUND, writer.split)
    paragraphs += [writer.fill(b) for b in rng.sample(background, rng.randint(0, min(3, len(background))))]
    subject = f"Objet : {writer.subject(spec['topic'])}"
    closing = writer.pick(w.CLOSINGS_FORMAL)
    text = "\n\n".join(p for p in (header, subject, writer.pick(w.GREETINGS_FORMAL), *paragraphs, closing, name) if p)
    text = noisy(text, rng, accents=0.05, typos=0.2)
    return "", (ocr(text, rng) if rng.random() < 0.6 else wrap(text, rng)), aside


def write_webform(writer: Writer, spec: dict, urgency: str, aside: bool) -> Written:
    """A web form: often one line, plain, lower case or without accents."""
    rng = writer.rng
    aside = aside and rng.random() < 0.5  # a form has one purpose; a second request is rarer
    ask = " ".join(writer.request(spec, urgency, aside))
    body = writer.fill(writer.pick(w.WEBFORM_LAYOUTS).replace("{ask}", "\0")).replace("\0", ask)
    body = body.lower() if rng.random() < 0.3 else body
    subject = writer.subject(spec["topic"]) if rng.random() < 0.5 else "Formulaire de contact"
    return subject, noisy(body, rng, accents=0.4, typos=0.4), aside


def write_phone(writer: Writer, spec: dict, urgency: str, aside: bool) -> Written:
    """An agent's call note: telegraphic, abbreviated, no greeting."""
    rng = writer.rng
    # Half the notes are written as agents write; half are a member's sentence cut down to its key words.
    summary = writer.pick(spec["notes"]) if rng.random() < 0.5 else telegraph(writer.pick(spec["asks"]))
    parts = [writer.fill(writer.pick(w.PHONE_OPENERS)), writer.fill(summary).rstrip(" ?.")]
    if urgency != "normal" and "urgency" not in spec:
        parts.append(", " + writer.pick(w.PHONE_URGENCY[urgency]))
    aside = aside and rng.random() < 0.5  # a second request takes a whole line of a short note: rarer
    if aside:
        parts.append(" " + writer.fill(writer.pick(w.PHONE_ASIDES)))
    ending = writer.pick(w.PHONE_ENDINGS)
    if rng.random() < VERDICT_RATE:
        ending = writer.pick(more.PHONE_VERDICT[spec["complexity"]])
    note = f"{parts[0]} {''.join(parts[1:])}. {ending}"
    note = abbreviate(note) if rng.random() < 0.7 else note
    return ("Appel entrant" if rng.random() < 0.3 else ""), noisy(note, rng, accents=0.3, typos=0.2), aside


def _amount(rng: random.Random) -> str:
    value = rng.choice((rng.randint(15, 300), rng.randint(300, 4000)))
    cents = rng.choice(("", ",00", f",{rng.randint(10, 99)}"))
    return rng.choice((f"{value}{cents} €", f"{value}{cents} euros", f"{value}€", f"{value} EUR"))


def _email(rng: random.Random) -> str:
    first, last = rng.choice(w.SLOTS["first"]).lower(), rng.choice(w.SLOTS["last"]).lower()
    return f"{first}.{last}@{rng.choice(('orange.fr', 'gmail.com', 'free.fr', 'laposte.net'))}"


def _address(rng: random.Random) -> str:
    number, street, department = rng.randint(1, 120), rng.choice(w.SLOTS["street"]), rng.randint(10, 95)
    return f"{number} {street}, {department}{rng.randint(100, 999)} {rng.choice(w.SLOTS['city'])}"


# Slots whose values are made up rather than taken from the vocabulary.
MADE_UP: dict[str, Callable[[random.Random], str]] = {
    "date": lambda rng: f"{rng.randint(1, 28)} {rng.choice(w.SLOTS['month'])}",
    "amount": _amount,
    "member": lambda rng: str(rng.randint(10_000_000, 99_999_999)),
    "contract": lambda rng: f"SA-{rng.randint(100_000, 999_999)}",
    "year": lambda rng: str(rng.randint(2009, 2025)),
    "n": lambda rng: str(rng.randint(2, 12)),
    "phone": lambda rng: f"0{rng.randint(1, 7)} " + " ".join(f"{rng.randint(10, 99)}" for _ in range(4)),
    "email": _email,
    "iban": lambda rng: "FR76 " + " ".join(str(rng.randint(n, 10 * n - 1)) for n in (1000,) * 5 + (100,)),
    "address": _address,
    "name": lambda rng: f"{rng.choice(w.SLOTS['first'])} {rng.choice(w.SLOTS['last'])}",
    "title": lambda rng: rng.choice(("Mme", "M.", "Mme", "Mr")),
}

CHANNEL_WRITERS = {"email": write_email, "letter": write_letter, "webform": write_webform, "phone": write_phone}


def telegraph(sentence: str, most: int = 16) -> str:
    """A request cut down to its content words, as an agent notes it during a call."""
    words = []
    for raw in sentence.split():
        bare = re.sub(r"^(?:[jlmdnst]|qu)'", "", raw, flags=re.I)
        if bare.strip(",.;:?!").lower() not in w.TELEGRAPH_DROP and bare.strip(",.;:?!"):
            words.append(bare)
    return " ".join(words[:most]).rstrip(",;: ")


def abbreviate(text: str) -> str:
    """Replace words with the abbreviations agents type in call notes."""
    for word, short in w.PHONE_ABBREVIATIONS.items():
        text = re.sub(rf"\b{word}\b", short, text, flags=re.I)
    return text


def noisy(text: str, rng: random.Random, accents: float, typos: float) -> str:
    """Sometimes drop every accent, sometimes add typos."""
    if rng.random() < accents:
        text = strip_accents(text)
    return add_typos(text, rng) if rng.random() < typos else text


def strip_accents(text: str) -> str:
    """Text typed without accents ("reclamation", "hopital")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def add_typos(text: str, rng: random.Random, rate: float = 0.05) -> str:
    """Swap, drop or double one letter in a few longer words."""
    return re.sub(r"\w{5,}", lambda m: _typo(m.group(), rng) if rng.random() < rate else m.group(), text)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randint(1, len(word) - 2)
    kind = rng.randint(0, 2)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:] if kind == 1 else word[:i] + word[i] + word[i:]


def ocr(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """What OCR makes of a scan: confused characters, lost accents, broken lines."""
    chars = [rng.choice(OCR_CONFUSIONS[c]) if c in OCR_CONFUSIONS and rng.random() < rate else c for c in text]
    noisy_text = "".join(chars).replace(" ", "  " if rng.random() < 0.2 else " ")
    return wrap(noisy_text, rng, hyphenate=True) + rng.choice(("", "\n\n1/1", "\n\n- 1 -", "\n|"))


def wrap(text: str, rng: random.Random, hyphenate: bool = False) -> str:
    """Hard line breaks as on a printed page, sometimes cutting words with a hyphen."""
    width = rng.randint(60, 80)
    lines = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, width, hyphenate and rng.random() < 0.5))
    return "\n".join(lines)


def _wrap_line(line: str, width: int, hyphenate: bool) -> list[str]:
    out: list[str] = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width)
        if hyphenate or cut <= 0:
            out.append(line[:width] + "-")
            line = line[width:]
        else:
            out.append(line[:cut])
            line = line[cut + 1:]
    return out + [line]
