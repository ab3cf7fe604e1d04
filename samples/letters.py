"""Realistic French letters from members to their mutual insurer, as 300-dpi scans.

``make_letter(seed)`` draws a :class:`LetterSpec` (what is written and how it is
laid out) deterministically from a seed; ``render_letter(spec)`` draws it on an
A4 page with Pillow and returns the image with the exact text drawn, so OCR can
be scored against ground truth, and ``ground_truth_fields(spec)`` gives the
normalized field values for field-extraction benchmarks.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import phonenumbers
import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from intake.refs import make_case_ref
from samples import wording as W
from samples import wrapping
from samples.wording import (
    format_eur,
    french_date,
    group_iban,
    group_nir,
    iban_is_valid,
    make_iban,
    make_nir,
    phone_e164,
)

TOPICS = W.TOPICS
__all__ = [
    "TOPICS", "FONT_FAMILIES", "AmountLine", "LetterSpec", "make_letter", "render_letter", "ground_truth_fields",
    "wrapped_truth_fields",
    "french_date", "format_eur", "iban_is_valid", "make_iban", "group_iban", "phone_e164",
]
NBSP = "\u00a0"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_RL = Path(reportlab.__file__).parent / "fonts"
_GLUE = re.compile(r"\d{1,2}(?:er)? \w+ \d{4}|\d[\d ]*,\d{2} €|[A-Z]{2}\d{2}(?: [A-Z0-9]{1,4})+|\bDr \w+")

# family -> (regular, bold, italic); missing files fall back to Vera, then Pillow's default.
FONT_FAMILIES: dict[str, tuple[Path, Path, Path]] = {
    "vera": (_RL / "Vera.ttf", _RL / "VeraBd.ttf", _RL / "VeraIt.ttf"),
    "dejavu-sans": tuple(_DEJAVU / f"DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique")),
    "dejavu-serif": tuple(_DEJAVU / f"DejaVuSerif{s}.ttf" for s in ("", "-Bold", "-Italic")),
    "dejavu-condensed": tuple(_DEJAVU / f"DejaVuSansCondensed{s}.ttf" for s in ("", "-Bold", "-Oblique")),
}


@dataclass(frozen=True)
class AmountLine:
    """One row of the amount table: a label and a sum in euro cents."""

    label: str
    cents: int


@dataclass(frozen=True)
class LetterSpec:
    """What one letter says and how it is laid out.

    ``iban`` is stored without spaces; ``event_date`` is the date quoted in the
    body, if any (kept for ground truth); ``table_after`` is how many body
    paragraphs come before the amount table and IBAN line.
    """

    sender_name: str
    address: tuple[str, ...]
    member_number: str
    letter_date: date
    topic: str
    subject: str
    paragraphs: tuple[str, ...]
    salutation: str = "Madame, Monsieur,"
    closing: str = W.CLOSINGS["formal"][0]
    policy_number: str | None = None
    case_ref: str | None = None
    amounts: tuple[AmountLine, ...] = ()
    table_after: int = 1
    event_date: date | None = None
    iban: str | None = None
    phone: str | None = None
    email: str | None = None
    nir: str | None = None  # 15 characters without spaces; printed grouped or not (``nir_grouped``)
    nir_grouped: bool = True
    attachments: str | None = None
    register: str = "formal"
    layout: str = "left"
    letterhead: bool = False
    font: str = "dejavu-sans"
    wrapped: tuple[str, ...] = ()  # kinds whose value is written in ``wrap_text`` instead of its usual place
    wrap_text: str = ""  # running text holding those values, each cut by a newline where a line ends

    @property
    def city(self) -> str:
        return self.address[-1].split(" ", 1)[-1]

    @property
    def total_cents(self) -> int:
        return sum(a.cents for a in self.amounts)


# -- Drawing a letter from a seed -------------------------------------------------------------


class _Person(NamedTuple):
    name: str
    gender: str
    address: tuple[str, ...]
    phone: str | None
    email: str | None


def make_letter(seed: int, topic: str | None = None, wrap_share: float = wrapping.WRAP_SHARE) -> LetterSpec:
    """A varied but deterministic letter: the same seed always gives the same letter.

    ``wrap_share`` of the letters cut some of their values at a line end (``samples/wrapping.py``);
    1.0 makes every letter cut every value it can, 0.0 none.
    """
    rng = random.Random(seed)
    topic = topic or rng.choice(TOPICS)
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; expected one of {TOPICS}")
    person, register = _person(rng), rng.choice(("formal", "plain"))
    content, identifiers = _content(rng, topic, register, person), _identifiers(rng, seed, topic)
    spec = LetterSpec(sender_name=person.name, address=person.address, phone=person.phone, email=person.email,
                      topic=topic, register=register, **content, **identifiers, **_looks(rng, topic, register),
                      **_social_security(random.Random(f"nir-{seed}"), topic, person.gender))
    # a generator of its own, so that wrapping values left every other draw of a seed as it was
    return replace(spec, **wrapping.wrap(spec, random.Random(f"wrap-{seed}"), wrap_share))


def _social_security(rng: random.Random, topic: str, gender: str) -> dict:
    # a generator of its own, so that adding the NIR left every other draw of a seed as it was
    if rng.random() >= (0.5 if topic in {"hospitalisation", "membership", "change_of_details"} else 0.2):
        return {}
    return {"nir": make_nir(rng, gender), "nir_grouped": rng.random() < 0.8}


def _content(rng: random.Random, topic: str, register: str, person: _Person) -> dict:
    letter_date = date(2026, 1, 5) + timedelta(days=rng.randrange(320))
    event_date = letter_date + timedelta(days=rng.randint(7, 45) * (1 if topic in W.FUTURE_EVENTS else -1))
    amounts = _amounts(rng, topic)
    iban = _iban(rng, topic)
    templates = _templates(rng, topic, register, iban)
    context = _context(rng, person, event_date, amounts)
    used = any("{event_date}" in t for t in templates)
    return {"letter_date": letter_date, "event_date": event_date if used else None, "amounts": amounts,
            "iban": iban, "subject": rng.choice(W.SUBJECTS[topic]), "table_after": 2,
            "paragraphs": tuple(t.format_map(context) for t in templates)}


def _iban(rng: random.Random, topic: str) -> str | None:
    if topic == "change_of_details" or (topic in {"reimbursement", "optical", "complaint"} and rng.random() < 0.3):
        return make_iban(rng)
    return None


def _identifiers(rng: random.Random, seed: int, topic: str) -> dict:
    case_ref = make_case_ref(hashlib.sha256(f"letter-{seed}".encode()).hexdigest())
    return {"member_number": str(rng.randint(10_000_000, 99_999_999)),
            "policy_number": f"MS-{rng.randint(100_000, 999_999)}" if rng.random() < 0.6 else None,
            "case_ref": case_ref if rng.random() < (0.7 if topic == "complaint" else 0.2) else None}


def _looks(rng: random.Random, topic: str, register: str) -> dict:
    return {"salutation": rng.choice(W.SALUTATIONS[register]), "closing": rng.choice(W.CLOSINGS[register]),
            "attachments": W.ATTACHMENTS.get(topic) if rng.random() < 0.5 else None,
            "layout": rng.choice(("left", "left", "right")), "letterhead": rng.random() < 0.25,
            "font": rng.choice(sorted(FONT_FAMILIES))}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _person(rng: random.Random) -> _Person:
    gender = rng.choice("fm")
    first = rng.choice(W.FEMALE_NAMES if gender == "f" else W.MALE_NAMES)
    last = rng.choice(W.LAST_NAMES)
    name = f"{first} {last.upper() if rng.random() < 0.4 else last}"
    email = f"{_ascii(first)}.{_ascii(last)}@{rng.choice(W.MAIL_DOMAINS)}" if rng.random() < 0.7 else None
    return _Person(name, gender, _address(rng), _phone(rng) if rng.random() < 0.85 else None, email)


def _address(rng: random.Random) -> tuple[str, ...]:
    street = f"{rng.randint(1, 120)} {rng.choice(W.STREET_TYPES)} {rng.choice(W.STREET_NAMES)}"
    postcode, city = rng.choice(W.CITIES)
    extra = (rng.choice(W.ADDRESS_EXTRAS),) if rng.random() < 0.2 else ()
    return (*extra, street, f"{postcode} {city}")


def _phone(rng: random.Random) -> str:
    digits = _in_service(rng.choice(("06", "07", "04")) + "".join(rng.choice("0123456789") for _ in range(8)))
    pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
    style = rng.randrange(3)
    return f"+33 {digits[1]} " + " ".join(pairs[1:]) if style == 2 else (" ", ".")[style].join(pairs)


def _in_service(digits: str) -> str:
    """The number moved into a range in service (phonenumbers' metadata) by its third digit, with no new draw.

    One drawn number in six was in no allocated range (070, 0400, 0690...), which no member writes.
    """
    for shift in range(10):
        number = digits[:2] + str((int(digits[2]) + shift) % 10) + digits[3:]
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "FR")):
            return number
    return digits


def _amounts(rng: random.Random, topic: str) -> tuple[AmountLine, ...]:
    items = W.AMOUNT_ITEMS.get(topic, ())
    chosen = rng.sample(items, rng.randint(1, min(3, len(items)))) if items else []
    return tuple(AmountLine(label, rng.randrange(low, high + 1, step)) for label, low, high, step in chosen)


def _templates(rng: random.Random, topic: str, register: str, iban: str | None) -> list[str]:
    bank = W.BODY[topic]
    closing = [rng.choice(bank[register])] + ([W.IBAN_REQUEST] if iban and topic != "change_of_details" else [])
    extras = rng.sample(W.EXTRAS[register], rng.randint(0, 2))
    if rng.random() < 0.5 or not extras:
        return [rng.choice(bank["opening"]), rng.choice(bank["detail"]), " ".join(closing + extras)]
    return [rng.choice(bank["opening"]), rng.choice(bank["detail"]), " ".join(closing), " ".join(extras)]


def _context(rng: random.Random, person: _Person, event_date: date, amounts: tuple[AmountLine, ...]) -> dict:
    return {
        "event_date": french_date(event_date), "total": format_eur(sum(a.cents for a in amounts)),
        "doctor": rng.choice(W.DOCTORS), "place": rng.choice(W.PLACES), "procedure": rng.choice(W.PROCEDURES),
        "new_address": ", ".join(person.address), "e": "e" if person.gender == "f" else "",
    }


# -- Ground truth -----------------------------------------------------------------------------


def _some(value: str | None) -> list[str]:
    return [value] if value else []


def ground_truth_fields(spec: LetterSpec) -> dict[str, list[str]]:
    """Normalized values of every field kind written on the letter (empty list when absent)."""
    cents = [a.cents for a in spec.amounts] + ([spec.total_cents] if len(spec.amounts) > 1 else [])
    dates = [spec.letter_date] + ([spec.event_date] if spec.event_date else [])
    return {
        "member_number": [spec.member_number],
        "policy_number": _some(spec.policy_number),
        "case_ref": _some(spec.case_ref),
        "date": list(dict.fromkeys(d.isoformat() for d in dates)),
        "amount": list(dict.fromkeys(f"{c // 100}.{c % 100:02d}" for c in cents)),
        "iban": _some(spec.iban and group_iban(spec.iban).replace(" ", "")),
        "phone": _some(spec.phone and phone_e164(spec.phone)),
        "email": _some(spec.email and spec.email.lower()),
        "nir": _some(spec.nir),
        "person": [spec.sender_name],
    }


def wrapped_truth_fields(spec: LetterSpec) -> dict[str, list[str]]:
    """The normalized values the letter cuts at a line end, by kind (the total for amounts, the letter's date)."""
    truth = ground_truth_fields(spec)
    special = {"amount": [f"{spec.total_cents // 100}.{spec.total_cents % 100:02d}"],
               "date": [spec.letter_date.isoformat()]}
    return {kind: special.get(kind, truth[kind]) for kind in spec.wrapped}


# -- Layout and rendering ---------------------------------------------------------------------


class _Line(NamedTuple):
    text: str
    style: str = "body"  # body, bold, italic, head, rule
    align: str = "left"  # left, indent, at (x), right, center
    gap: float = 0.0  # space before, in body line heights
    amount: str = ""  # right-aligned in the amount column
    x: float = 0.0

    @property
    def truth(self) -> str:
        return f"{self.text} {self.amount}" if self.amount else self.text


class _Page(NamedTuple):
    width: int
    height: int
    margin: int
    top: int

    @property
    def right(self) -> int:
        return self.width - self.margin


def _page(dpi: int) -> _Page:
    mm = dpi / 25.4
    return _Page(round(210 * mm), round(297 * mm), round(22 * mm), round(18 * mm))


@lru_cache(maxsize=128)
def _font(family: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    index = {"bold": 1, "head": 1, "italic": 2}.get(style, 0)
    vera = FONT_FAMILIES["vera"]
    for path in (FONT_FAMILIES.get(family, vera)[index], vera[index], vera[0]):
        if path.exists():
            return ImageFont.truetype(str(path), px)
    return ImageFont.load_default(px)  # type: ignore[return-value]


def _fonts(family: str, pt: float, dpi: int) -> dict[str, ImageFont.FreeTypeFont]:
    px = round(pt * dpi / 72)
    sizes = {"body": px, "bold": px, "italic": px, "head": round(px * 1.45), "rule": px}
    return {style: _font(family, style, size) for style, size in sizes.items()}


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap by font metrics; a newline ends a line; dates, amounts and IBANs are not split otherwise."""
    return [line for piece in text.split("\n") for line in _wrap_piece(piece, font, width)]


def _wrap_piece(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, current = [], ""
    for word in _GLUE.sub(lambda m: m.group().replace(" ", NBSP), text).split(" "):
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial.replace(NBSP, " ")) > width:
            lines.append(current)
            trial = word
        current = trial
    return [line.replace(NBSP, " ") for line in lines + [current]]


def _wrapped(text: str, fonts: dict, page: _Page, style: str = "body", gap: float = 0.6,
             align: str = "left") -> list[_Line]:
    rows = _wrap(text, fonts[style], page.right - page.margin)
    return [_Line(row, style, align, gap if i == 0 else 0.0) for i, row in enumerate(rows)]


def _at_block(lines: list[_Line], fonts: dict, page: _Page) -> list[_Line]:
    """Place a block in the right half, moved left if its widest line would overflow."""
    widest = max(fonts[line.style].getlength(line.text) for line in lines)
    x = min(page.width * 0.52, page.right - widest)
    return [line._replace(align="at", x=x) for line in lines]


def _sender(spec: LetterSpec, fonts: dict, page: _Page) -> list[_Line]:
    phone, email = (None if kind in spec.wrapped else getattr(spec, kind) for kind in ("phone", "email"))
    contact = [t for t in (phone and f"Tél. : {phone}", email and f"Courriel : {email}") if t]
    if spec.letterhead:
        texts = (" - ".join(spec.address), *([" - ".join(contact)] if contact else []))
        body = [row for t in texts for row in _wrapped(t, fonts, page, gap=0.0, align="center")]
        return [_Line(spec.sender_name, "head", "center"), *body, _Line("", "rule")]
    block = [_Line(spec.sender_name, "bold"), *(_Line(t) for t in (*spec.address, *contact))]
    return block if spec.layout == "left" else _at_block(block, fonts, page)


def _recipient(spec: LetterSpec, fonts: dict, page: _Page) -> list[_Line]:
    texts = (W.SERVICES.get(spec.topic, "Service Relation Adhérents"), *W.INSURER_ADDRESS)
    block = [_Line(W.INSURER_NAME, "bold", gap=1.2), *(_Line(t) for t in texts)]
    return _at_block(block, fonts, page) if spec.layout == "left" or spec.letterhead else block


def _references(spec: LetterSpec) -> list[_Line]:
    texts = {"member_number": f"N° adhérent : {spec.member_number}",
             "policy_number": spec.policy_number and f"Contrat n° {spec.policy_number}",
             "case_ref": spec.case_ref and f"Réf. dossier : {spec.case_ref}",
             "nir": spec.nir and f"N° de sécurité sociale : {group_nir(spec.nir) if spec.nir_grouped else spec.nir}"}
    kept = [t for kind, t in texts.items() if t and kind not in spec.wrapped]
    return [_Line(t, gap=1.0 if i == 0 else 0.0) for i, t in enumerate(kept)]


def _table(spec: LetterSpec) -> list[_Line]:
    # a total written in running text leaves the table (a lone amount is that total: no table then)
    amounts = spec.amounts if "amount" not in spec.wrapped or len(spec.amounts) > 1 else ()
    rows = [_Line(a.label, "body", "indent", 0.5 if i == 0 else 0.0, format_eur(a.cents)) for i, a in enumerate(amounts)]
    with_total = len(rows) > 1 and "amount" not in spec.wrapped
    total = [_Line("Total", "bold", "indent", 0.0, format_eur(spec.total_cents))] if with_total else []
    iban = [_Line(f"IBAN : {group_iban(spec.iban)}", "body", "indent", 0.5)] if spec.iban and "iban" not in spec.wrapped \
        else []
    return rows + total + iban


def _layout(spec: LetterSpec, fonts: dict, page: _Page) -> list[_Line]:
    para = lambda texts: [line for t in texts for line in _wrapped(t, fonts, page)]  # noqa: E731
    lines = _sender(spec, fonts, page) + _recipient(spec, fonts, page)
    dateline = _Line(f"{spec.city}, le {french_date(spec.letter_date)}", align="right", gap=1.2)
    lines += [*([dateline] if "date" not in spec.wrapped else []), *_references(spec)]
    lines += _wrapped(f"Objet : {spec.subject}", fonts, page, "bold", 1.0) + [_Line(spec.salutation, gap=1.0)]
    lines += para(spec.paragraphs[: spec.table_after]) + _table(spec) + para(spec.paragraphs[spec.table_after :])
    lines += para([spec.wrap_text] if spec.wrap_text else [])
    lines += para([spec.closing]) + [_Line(spec.sender_name, "italic", "at", 1.5, x=page.width * 0.55)]
    return lines + ([_Line(spec.attachments, gap=1.5)] if spec.attachments else [])


def _advance(line: _Line, fonts: dict) -> float:
    body = fonts["body"].size * 1.4
    return line.gap * body + (0.7 * body if line.style == "rule" else fonts[line.style].size * 1.4)


def _fit(spec: LetterSpec, dpi: int, page: _Page) -> tuple[dict, list[_Line]]:
    """Lay out at 11 pt, shrinking to 9 pt if the letter would not fit on one page."""
    for pt in (11.0, 10.5, 10.0, 9.5, 9.0):
        fonts = _fonts(spec.font, pt, dpi)
        lines = _layout(spec, fonts, page)
        if sum(_advance(line, fonts) for line in lines) <= page.height - 2 * page.top:
            return fonts, lines
    raise ValueError("the letter does not fit on one A4 page")


def _x(line: _Line, font: ImageFont.FreeTypeFont, page: _Page) -> float:
    width = font.getlength(line.text)
    offsets = {"left": page.margin, "indent": page.margin + page.width * 0.04, "at": line.x,
               "right": page.right - width, "center": (page.width - width) / 2}
    return offsets[line.align]


def _draw(lines: list[_Line], fonts: dict, page: _Page) -> Image.Image:
    image = Image.new("L", (page.width, page.height), 255)
    pen, y = ImageDraw.Draw(image), float(page.top)
    for line in lines:
        y += line.gap * fonts["body"].size * 1.4
        font = fonts[line.style]
        if line.style == "rule":
            rule_y = y + font.size * 0.3
            pen.line([(page.margin, rule_y), (page.right, rule_y)], fill=0, width=max(1, font.size // 12))
        else:
            pen.text((_x(line, font, page), y), line.text, font=font, fill=0)
        if line.amount:
            column = page.margin + (page.right - page.margin) * 0.8
            pen.text((column - font.getlength(line.amount), y), line.amount, font=font, fill=0)
        y += _advance(line._replace(gap=0.0), fonts)
    return image


def _degrade(image: Image.Image, skew: float, noise: float, blur: float, seed: int) -> Image.Image:
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return _speckle(image, noise, seed) if noise else image


def _speckle(image: Image.Image, amount: float, seed: int) -> Image.Image:
    """Gaussian grain (sigma 40 * amount grey levels), a scanner white point, salt-and-pepper dots."""
    rng = np.random.default_rng(seed)
    shape = image.size[::-1]
    pixels = np.asarray(image, dtype=np.float32) + rng.standard_normal(shape, dtype=np.float32) * (40.0 * amount)
    pixels[pixels > 235.0] = 255.0
    dots = rng.random(shape, dtype=np.float32)
    pixels[dots < 0.002 * amount] = 0.0
    pixels[dots > 1.0 - 0.002 * amount] = 255.0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def render_letter(spec: LetterSpec, *, dpi: int = 300, skew_degrees: float = 0.0, noise: float = 0.0,
                  blur: float = 0.0) -> tuple[Image.Image, str]:
    """The letter as a grayscale A4 page image at ``dpi``, and the exact text drawn.

    ``noise`` is 0..1 (0.1 is a light scan), ``blur`` a Gaussian radius in pixels.
    The ground truth holds the drawn lines top to bottom, joined by newlines.
    """
    page = _page(dpi)
    fonts, lines = _fit(spec, dpi, page)
    truth = "\n".join(line.truth for line in lines if line.text)
    image = _degrade(_draw(lines, fonts, page), skew_degrees, noise, blur, zlib.crc32(truth.encode()))
    image.info["dpi"] = (dpi, dpi)
    return image, truth
