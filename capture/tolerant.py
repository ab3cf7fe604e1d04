"""Tolerant readings of OCR-damaged case references and e-mail addresses.

A case reference carries a check character (Luhn mod 32, :mod:`intake.refs`)
that catches every single wrong character, so a damaged reading can be put
right: characters no reference contains are mapped back to the one letter they
stand for, and when the read still fails its check, each single correction OCR
commonly causes (one confusable character, one stray extra character) is
tried. A correction is kept only if the check character then holds and no
other correction holds too: with several, the reading is ambiguous and
refused, because picking one would be a guess. E-mail addresses have no
checksum, so only forms that cannot mean anything else are read: an ``@`` read
as ``©`` or ``(a)`` or with a space beside it, and a space or comma at the dot
of a well-known top-level domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake import refs

CLEAN, REPAIRED, CORRECTED = 0.99, 0.9, 0.75  # confidences: as written, forced repairs only, one guess


@dataclass(frozen=True)
class Reading:
    """A normalized value, how sure we are of it, and the corrections it took (none when read as written)."""

    normalized: str
    confidence: float
    corrections: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """The corrections as one line, or None for a clean reading."""
        return "read leniently: " + "; ".join(self.corrections) if self.corrections else None


# --- case references -----------------------------------------------------------

# Characters no reference contains, each the misreading of exactly one that it does (U is not
# in Crockford's alphabet; OCR reads a J as a closing bracket, a 1 as a bar...).
_FORCED = {"}": "J", "]": "J", ")": "J", "|": "1", "!": "1", "$": "S", "€": "E", "£": "E", "U": "V"}
_NOISE = "('`’"  # specks read as marks between two characters: never part of a reference
# Pairs OCR confuses both ways, both members in the alphabet: tried one at a time, checked.
# Kept short: each pair adds candidates, and so chances that a wrong one passes the check.
_PAIRS = ("S5", "B8", "Z2", "G6", "A4")
_CONFUSED = {c: "".join(p.replace(c, "") for p in _PAIRS if c in p) for c in "".join(_PAIRS)}
_CHAR = r"[0-9A-Za-z}\])|!$€£('`’]"
_DASH = r"\s{0,2}[-–—_.:]?\s{0,2}"  # a dash read as a long dash, underscore, dot or space(s)
CASE_REF = re.compile(
    rf"(?<!\w)(?P<prefix>(?i:IN)|[1lI|]N){_DASH}(?P<a>{_CHAR}{{4,5}}){_DASH}"
    rf"(?P<b>{_CHAR}{{4}}(?:{_CHAR}(?<![)\]}}('`’]))?)(?!\w)"  # a fifth character, but no closing mark
)


def read_case_ref(match: re.Match[str]) -> Reading | None:
    """The reference a :data:`CASE_REF` match stands for, or None if no single reading holds."""
    (a, fixed_a), (b, fixed_b) = _repaired(match.group("a")), _repaired(match.group("b"))
    repairs = tuple(dict.fromkeys(fixed_a + fixed_b + _prefix_repair(match.group("prefix"))))
    if a is None or b is None:
        return None
    if len(a + b) == 8 and _valid(a + b):
        return Reading(_canonical(a + b), REPAIRED if repairs else CLEAN, repairs)
    guessed = _single_correction(a, b, _split(match)) if _may_guess(match) else None
    return guessed and Reading(_canonical(guessed[0]), CORRECTED, repairs + (guessed[1],))


def _prefix_repair(prefix: str) -> tuple[str, ...]:
    return () if prefix.upper() == "IN" else (f"prefix {prefix} taken as IN",)


def _split(match: re.Match[str]) -> bool:
    """Whether a dash or space parts the two halves, so an extra character is known to be in the longer."""
    return match.end("a") < match.start("b")


def _repaired(raw: str) -> tuple[str | None, tuple[str, ...]]:
    """The half in canonical characters (None if some character cannot be one) and the forced repairs."""
    upper = raw.upper()
    if upper[0] in _NOISE or upper[-1] in _NOISE:  # a mark at either end is punctuation, not a speck
        return None, ()
    marks, kept = sorted({c for c in upper if c in _NOISE}), "".join(c for c in upper if c not in _NOISE)
    repairs = ((f"stray {''.join(marks)} dropped",) if marks else ()) + tuple(
        f"{c} taken as {_FORCED[c]}" for c in sorted(set(kept) & _FORCED.keys()))
    body = "".join(_FORCED.get(c, c) for c in kept)
    if any(c not in refs.LENIENT for c in body):
        return None, repairs
    return "".join(refs.ALPHABET[refs.LENIENT[c]] for c in body), repairs


def _may_guess(match: re.Match[str]) -> bool:
    """Only a token that is plainly a reference is corrected: capital N, a digit and a dash-like mark."""
    token = match.group(0)
    return token[1] == "N" and any(c.isdigit() for c in token[2:]) and bool(re.search(r"[-–—_.]", token))


def _single_correction(a: str, b: str, split: bool) -> tuple[str, str] | None:
    """The one valid body a single confusion (8 characters) or a dropped extra (9) gives, else None."""
    body = a + b
    candidates = _substitutions(body) if len(body) == 8 else _deletions(body, _extra_at(a, b, split))
    valid = {fixed: why for fixed, why in candidates.items() if _valid(fixed)}
    return next(iter(valid.items())) if len(valid) == 1 else None


def _substitutions(body: str) -> dict[str, str]:
    """Each body with one confusable character swapped for its look-alike."""
    return {body[:i] + alt + body[i + 1:]: f"{c} at position {i + 1} taken as {alt}"
            for i, c in enumerate(body) for alt in _CONFUSED.get(c, "")}


def _extra_at(a: str, b: str, split: bool) -> range:
    """Where an extra character may be: in the half of 5 when the halves are parted, else anywhere."""
    if len(a + b) != 9:
        return range(0)
    return range(len(a + b)) if not split else range(5) if len(a) == 5 else range(4, 9)


def _deletions(body: str, positions: range) -> dict[str, str]:
    """The body with one character left out at each of ``positions`` (OCR read one glyph as two)."""
    return {body[:i] + body[i + 1:]: f"extra {body[i]} at position {i + 1} dropped" for i in positions}


def _valid(body: str) -> bool:
    return refs.check_char(body[:7]) == body[7]


def _canonical(body: str) -> str:
    return f"IN-{body[:4]}-{body[4:]}"


# --- e-mail addresses ----------------------------------------------------------

_TLDS = "fr|com|net|org|eu|be|ch|lu|info"
_AT = r"@|[ ]?@[ ]?|©|\((?:a|at)\)|\[(?:a|at)\]"
# the spaced or comma dot only before a well-known TLD, and only in a one-label domain, so a
# sentence ending after an address ("...@mutuelle.fr. Com...") is not glued onto it
EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]+)(?P<at>{_AT})(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}\b"
    rf"|[A-Za-z0-9-]+(?:[ ]\.|\.[ ]|,)(?:{_TLDS})\b)"
)


def read_email(match: re.Match[str]) -> Reading:
    """The address an :data:`EMAIL` match stands for, lower-cased; a mended ``@`` or dot is noted."""
    domain = match.group("domain")
    mended_dot = ("space or comma at the TLD dot mended",) if re.search("[ ,]", domain) else ()
    fixes = _at_fixes(match.group("at")) + mended_dot
    address = f"{match.group('local')}@{re.sub(r'[ ]?[.,][ ]?', '.', domain)}".lower()
    return Reading(address, 0.8 if fixes else 0.95, fixes)


def _at_fixes(at: str) -> tuple[str, ...]:
    """What was mended at the ``@``: nothing, the spaces beside it, or a look-alike sign."""
    if at == "@":
        return ()
    return ("spaces beside '@' dropped",) if at.strip() == "@" else (f"'{at}' taken as '@'",)
