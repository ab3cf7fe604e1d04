"""Values a letter wraps onto the next line: found on the two lines joined, kept by checksum or by layout.

A letter cuts an IBAN between two groups, an amount before its euro sign, a
date between day, month and year, a case reference or a policy number after
its dash. Each line break (one blank line between the two lines at most: OCR
ends a paragraph after a line shorter than the others, as the first part of a
cut value may leave it) whose neighbouring words hold a digit or an ``@`` is
tried both ways, the two lines joined by a space and joined as one word, and
the finders of :mod:`capture.fields` run on the joined lines; a value is a
candidate only if it takes something from each line and is valid. Then:

* an IBAN, a NIR or a case reference is kept when its checksum holds;
* a value with no checksum is kept only where the cut is one a line break
  makes: between the parts of a date, the groups of a phone number or a member
  number, after a dash, at the decimal comma or beside the currency of an
  amount (not inside a thousands group: "les 3\\n100,00 €" is two things),
  after a hyphen or an ``@`` of an e-mail address, or at a dot of its domain
  (not at a dot of its first part, which a sentence's full stop looks like).
  It is less sure, and says so in its note.

A joined value replaces what the lines read apart gave at its place (the
fragment "50 €" of "1 234,\\n50 €"), except a value a line held whole: a
valid checksum value, or a complete value of the same kind ending the first
line. So a joined value never turns a correct value into a wrong one.
This module is ours because no library reads values across line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from intake.models import ExtractedField

CHECKSUMMED = frozenset({"iban", "nir", "case_ref"})
JOINED_NOTE = "joined across a line break"
LAYOUT_CONFIDENCE = 0.8  # a value joined on layout alone keeps 80 % of its confidence
# a line break, or two: Tesseract ends a paragraph (a blank line) after a line shorter than the column
_BREAK = re.compile(r"[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)?[ \t\u00a0]*(?=\S)")
# the first line's part of an amount cut at its decimal comma: euros written in groups of three
_AMOUNT_HEAD = re.compile(r"(?:(?:€|EUR)[ \u00a0\u202f]?)?\d{1,3}(?:[ \u00a0\u202f.]\d{3})*[.,]", re.IGNORECASE)
_CURRENCY = re.compile(r"(?:€|EUR\b|euros?\b)", re.IGNORECASE)
_WORD_CUT = "-,./"  # a value joined as one word must be cut after one of these
_AT_SIGN = re.compile(r"@|©|\((?:a|at)\)|\[(?:a|at)\]")  # an @ as capture/tolerant.py reads it
_AT_END = re.compile(rf"(?:{_AT_SIGN.pattern})$")
_FIRST_OF_MONTH = re.compile(r"[1lIT|]er")  # "1er" as OCR reads it (capture/fields.py reads it as a day too)


@dataclass(frozen=True)
class Joint:
    """A line break: where the first line starts and stops, where the next resumes and ends."""

    start: int
    cut: int
    resume: int
    end: int


def joints(text: str) -> Iterator[Joint]:
    """Every line break (one blank line at most) between two lines that hold something, worth a look."""
    for m in _BREAK.finditer(text):
        start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        joint = Joint(start, m.start(), m.end(), len(text) if end < 0 else end)
        if joint.cut > joint.start and _worth_a_look(text, joint):
            yield joint


def _worth_a_look(text: str, joint: Joint) -> bool:
    """Whether the words either side of the break hold a digit or an ``@``, as some part of every cut value does.

    (A case reference cut after a dash with no digit on either side is read whole by its own pattern;
    the first of a month, ``1er``, may be read ``ler``.)
    """
    tail = text[joint.start:joint.cut].rsplit(" ", 1)[-1]
    words = tail + text[joint.resume:joint.end].split(" ", 1)[0]
    return any(c.isdigit() for c in words) or bool(_AT_SIGN.search(words) or _FIRST_OF_MONTH.fullmatch(tail))


Finder = Callable[[str, str, Any], Iterable[ExtractedField]]


def joined_fields(text: str, source: str, patterns: Any, finders: dict[str, Finder]) -> list[ExtractedField]:
    """Valid values that run from the end of one line onto the start of the next, at their place in ``text``."""
    return [field for joint in joints(text) for joiner in (" ", "")
            for field in _across(text, joint, joiner, source, patterns, finders)]


def _across(text: str, joint: Joint, joiner: str, source: str, patterns: Any,
            finders: dict[str, Finder]) -> Iterator[ExtractedField]:
    """The valid values found on the two lines joined by ``joiner`` that take something from each line."""
    window = text[joint.start:joint.cut] + joiner + text[joint.resume:joint.end]
    at = joint.cut - joint.start
    for finder in finders.values():
        for field in finder(window, source, patterns):
            if field.valid and field.start < at and field.end > at + len(joiner) \
                    and _cut_allowed(field, window, at, joiner):
                yield _placed(field, text, joint, at, joiner)


def _cut_allowed(field: ExtractedField, window: str, at: int, joiner: str) -> bool:
    """Whether a line break may fall where this value is cut (checksummed values: anywhere)."""
    if field.kind in CHECKSUMMED:
        return True
    before, after = window[field.start:at], window[at + len(joiner):field.end]
    if joiner == "" and before[-1] not in _WORD_CUT:
        return False  # no line break falls between two letters or digits of a word
    if field.kind == "amount":
        return bool(_AMOUNT_HEAD.fullmatch(before) or _CURRENCY.match(after) or _CURRENCY.fullmatch(before.strip()))
    if field.kind == "email":
        return _email_cut(before, after)
    return True


def _email_cut(before: str, after: str) -> bool:
    """After a hyphen or an ``@``, before an ``@``, or at a dot of the domain (never a dot before the ``@``)."""
    if before.endswith("-") or _AT_END.search(before) or _AT_SIGN.match(after):
        return True
    return before.endswith(".") and bool(_AT_SIGN.search(before))


def _placed(field: ExtractedField, text: str, joint: Joint, at: int, joiner: str) -> ExtractedField:
    """The field moved to its offsets in ``text`` (its value holds the line break), less sure, with a note."""
    start = joint.start + field.start
    end = joint.resume + field.end - at - len(joiner)
    confidence = min(field.confidence, 0.95) if field.kind in CHECKSUMMED else field.confidence * LAYOUT_CONFIDENCE
    note = f"{JOINED_NOTE}; {field.note}" if field.note else JOINED_NOTE
    return field.model_copy(update={"value": text[start:end], "start": start, "end": end,
                                    "confidence": round(confidence, 3), "note": note})


def merged(apart: list[ExtractedField], joined: list[ExtractedField], text: str) -> list[ExtractedField]:
    """The values read line by line, with each joined value put in place of the fragments it covers."""
    kept = [j for j in joined if not any(_holds_its_place(f, j, text) for f in apart)]
    return [f for f in apart if not any(_overlap(f, j) for j in kept)] + kept


def _holds_its_place(line_value: ExtractedField, joined: ExtractedField, text: str) -> bool:
    """A value read on one line beats a joined one: a valid checksum, or a whole value ending the first line."""
    if not line_value.valid or not _overlap(line_value, joined):
        return False
    if line_value.kind in CHECKSUMMED:
        return True
    first_line_end = text.find("\n", joined.start)
    return line_value.kind == joined.kind and line_value.end <= first_line_end


def _overlap(a: ExtractedField, b: ExtractedField) -> bool:
    return a.start < b.end and b.start < a.end
