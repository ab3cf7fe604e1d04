"""Pure field extraction: numbers, references, dates, amounts, IBAN, NIR, contacts.

Each kind has a small finder ``(text, source, patterns) -> Iterable[ExtractedField]``
registered in :data:`FINDERS`; :func:`extract_fields` runs them all and drops
overlapping duplicates, keeping the most specific kind (an IBAN over a phone),
then adds the values a line break cut in two (:mod:`capture.wrapped`).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from capture import checks, tolerant, wrapped
from intake.models import ExtractedField

_SP = "[ \u00a0\u202f]"  # plain, non-breaking and thin spaces
_SEP = "[ \u00a0\u202f.-]"


@dataclass(frozen=True)
class FieldPatterns:
    """Site-specific regexes, each with one capturing group for the number."""

    member: re.Pattern[str]
    policy: re.Pattern[str]

    @classmethod
    def from_strings(cls, member: str, policy: str) -> "FieldPatterns":
        """Compile the two settings strings (each needs a capturing group)."""
        compiled = [re.compile(member), re.compile(policy)]
        if any(p.groups < 1 for p in compiled):
            raise ValueError("member and policy patterns need one capturing group")
        return cls(*compiled)


Finder = Callable[[str, str, FieldPatterns], Iterable[ExtractedField]]


def _field(kind: str, match: re.Match[str], source: str, normalized: str,
           confidence: float, group: int | str = 0, note: str | None = None) -> ExtractedField:
    """An ExtractedField for one regex group; a note marks the value invalid."""
    return ExtractedField(
        kind=kind, value=match.group(group), normalized=normalized, source=source,
        start=match.start(group), end=match.end(group), confidence=confidence,
        valid=note is None, note=note,
    )


def _read(kind: str, match: re.Match[str], source: str, reading: tolerant.Reading) -> ExtractedField:
    """A valid ExtractedField for a tolerant reading; its note lists the corrections, if any."""
    return ExtractedField(
        kind=kind, value=match.group(0), normalized=reading.normalized, source=source, start=match.start(),
        end=match.end(), confidence=reading.confidence, valid=True, note=reading.note,
    )


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


# --- labelled numbers and case references ---------------------------------

def find_member(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """Member numbers: the capturing group of the member pattern."""
    for m in patterns.member.finditer(text):
        if m.group(1):
            yield _field("member_number", m, source, _compact(m.group(1)), 0.9, 1)


def find_policy(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """Policy numbers: the capturing group of the policy pattern."""
    for m in patterns.policy.finditer(text):
        if m.group(1):
            yield _field("policy_number", m, source, _compact(m.group(1)), 0.9, 1)


def find_case_ref(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """Case references ``IN-XXXX-XXXX``, read leniently; a failed check character is kept, invalid."""
    for m in tolerant.CASE_REF.finditer(text):
        reading = tolerant.read_case_ref(m)
        if reading:
            yield _read("case_ref", m, source, reading)
        elif _looks_like_ref(m.group(0)):
            yield _field("case_ref", m, source, m.group(0), 0.4, note="check character mismatch")


def _looks_like_ref(raw: str) -> bool:
    """Upper-case ``IN`` and a digit or dash, so English "in this case" is no ref."""
    return raw.startswith("IN") and bool(re.search(r"[\d-]", raw[2:]))


# --- IBAN and NIR ------------------------------------------------------------

_IBAN = re.compile(rf"\b[A-Z]{{2}}\d{{2}}(?:{_SP}?[A-Z0-9]{{4}}){{2,7}}(?:{_SP}?[A-Z0-9]{{1,3}})?\b")


def find_iban(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """IBANs, spaced or not, cut to the country length and checked mod 97."""
    for m in _IBAN.finditer(text):
        expected = checks.IBAN_LENGTHS.get(m.group(0)[:2])
        if expected is None:
            continue
        cut = _cut_to_length(m, expected)
        iban = _compact(cut.group(0))
        problem = checks.iban_problem(iban)
        yield _field("iban", cut, source, iban, 0.99 if problem is None else 0.6, note=problem)


def _cut_to_length(m: re.Match[str], length: int) -> re.Match[str]:
    """Re-match the IBAN prefix holding ``length`` alphanumerics (drops trailing words)."""
    return _iban_prefix(length).match(m.string, m.start(), m.end())  # type: ignore[return-value]


@functools.lru_cache(maxsize=None)
def _iban_prefix(length: int) -> re.Pattern[str]:
    """``length`` alphanumerics with optional spaces, or the whole candidate if shorter."""
    return re.compile(rf"[A-Z0-9](?:{_SP}?[A-Z0-9]){{{length - 1}}}|.+")


_NIR = re.compile(
    rf"(?<![\w+])(?P<n>[1-478]{_SEP}?\d\d{_SEP}?\d\d{_SEP}?(?:\d\d|2[AB]){_SEP}?\d{{3}}"
    rf"{_SEP}?\d{{3}}){_SEP}?(?P<key>\d\d)(?![\w]|{_SEP}\d)",
    re.IGNORECASE,
)


def find_nir(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """French social security numbers (13 characters + key), key checked."""
    for m in _NIR.finditer(text):
        nir = re.sub(r"[^0-9AB]", "", m.group("n").upper()) + m.group("key")
        note = checks.nir_problem(nir)
        yield _field("nir", m, source, nir, 0.99 if note is None else 0.5, note=note)


# --- contacts ----------------------------------------------------------------

# OCR reads a 0 as the letter O, and a dot between two pairs as a comma, now and then; in the rigid
# pairs of a phone number both are safe to undo
_PAIRS = r"[1-9](?:[ \u00a0.,-]?[\dO][\dO]){4}"
_PHONE = re.compile(
    rf"(?<![\w+])(?<!\d[ .-])(?:(?:\+|00)33{_SEP}?(?:\(0\){_SEP}?)?(?P<i>{_PAIRS})|[0O](?P<n>{_PAIRS}))"
    rf"(?!\w|[ .-]\d)"
)


def find_phone(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """French phone numbers, national or international, normalized to E.164; unallocated ones invalid."""
    for m in _PHONE.finditer(text):
        e164, note = checks.french_phone(re.sub(r"\D", "", (m.group("i") or m.group("n")).replace("O", "0")))
        confidence = (0.7 if re.search("[O,]", m.group(0)) else 0.85) * (1.0 if note is None else 0.5)
        yield _field("phone", m, source, e164, confidence, note=note)


def find_email(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """E-mail addresses, lower-cased; an OCR-damaged ``@`` or TLD dot mended where unambiguous."""
    for m in tolerant.EMAIL.finditer(text):
        yield _read("email", m, source, tolerant.read_email(m))


# --- dates -------------------------------------------------------------------

_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "février": 2, "fevr": 2, "févr": 2, "fev": 2,
    "fév": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7,
    "juil": 7, "aout": 8, "août": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "décembre": 12, "dec": 12, "déc": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_FIRST = r"[1lIT|]er"  # "1er"; OCR reads a serif 1 as l, I, T or |, and a month name follows anyway
_DATE_WORDS = re.compile(
    rf"(?<!\w)(?P<d>{_FIRST}|\d{{1,2}}){_SP}+(?P<m>{_MONTH_NAMES})\.?{_SP}+(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_DATE_NUM = re.compile(
    r"(?<!\d)(?<!\d[/.])(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?!\d|[/.]\d)"
)
_DATE_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")


def find_date(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """Dates in French written, numeric (day first) and ISO forms, as ISO."""
    for regex in (_DATE_WORDS, _DATE_NUM, _DATE_ISO):
        for m in regex.finditer(text):
            yield _date_field(m, source)


def _date_field(m: re.Match[str], source: str) -> ExtractedField:
    """One date match, checked against the calendar."""
    day = 1 if m.group("d").lower().endswith("er") else int(m.group("d"))
    raw_month = m.group("m")
    month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month.lower()]
    year = checks.full_year(int(m.group("y")))
    iso = checks.iso_date(year, month, day)
    if iso is None:
        return _field("date", m, source, f"{year:04d}-{month:02d}-{day:02d}", 0.3, note="impossible date")
    return _field("date", m, source, iso, 0.75 if len(m.group("y")) == 2 else 0.9)


# --- amounts -----------------------------------------------------------------

_NUM = r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?:(?:€|\bEUR\b){_SP}?(?P<a>{_NUM})(?![\d.,]?\d)"
    rf"|(?<![\d.,])(?P<b>{_NUM}){_SP}?(?:€|EUR\b|euros?\b))",
    re.IGNORECASE,
)


def find_amount(text: str, source: str, patterns: FieldPatterns) -> Iterator[ExtractedField]:
    """Amounts with a currency marker (€, EUR, euros), normalized to 2 decimals."""
    for m in _AMOUNT.finditer(text):
        yield _field("amount", m, source, parse_amount(m.group("a") or m.group("b")), 0.9)


def parse_amount(number: str) -> str:
    """``"1 234,56"`` or ``"1.234,56"`` → ``"1234.56"``; 3-digit groups are thousands."""
    decimals = re.search(r"[.,](\d{1,2})$", number)
    whole = number[: decimals.start()] if decimals else number
    value = Decimal(re.sub(r"\D", "", whole) + "." + (decimals.group(1) if decimals else "0"))
    return f"{value:.2f}"


# --- registry and entry point -----------------------------------------------

FINDERS: dict[str, Finder] = {
    "case_ref": find_case_ref,
    "iban": find_iban,
    "nir": find_nir,
    "email": find_email,
    "member_number": find_member,
    "policy_number": find_policy,
    "phone": find_phone,
    "date": find_date,
    "amount": find_amount,
}
_RANK = {kind: rank for rank, kind in enumerate(FINDERS)}


def extract_fields(text: str, source: str, patterns: FieldPatterns) -> list[ExtractedField]:
    """Every field found in ``text``, values wrapped onto the next line included, in text order, no overlaps."""
    found = _without_overlaps([f for finder in FINDERS.values() for f in finder(text, source, patterns)])
    joined = _without_overlaps(wrapped.joined_fields(text, source, patterns, FINDERS))
    return sorted(wrapped.merged(found, joined, text), key=lambda f: (f.start, f.end, f.kind))


def _without_overlaps(fields: list[ExtractedField]) -> list[ExtractedField]:
    """Keep the most specific, surest, longest field where spans overlap."""
    spans: list[tuple[int, int]] = []  # kept spans, disjoint, sorted by start
    kept: list[ExtractedField] = []
    for f in sorted(fields, key=lambda f: (_RANK.get(f.kind, 99), -f.confidence, f.start - f.end)):
        at = bisect.bisect_left(spans, (f.start, f.end))
        if (at == 0 or spans[at - 1][1] <= f.start) and (at == len(spans) or f.end <= spans[at][0]):
            spans.insert(at, (f.start, f.end))
            kept.append(f)
    return kept
