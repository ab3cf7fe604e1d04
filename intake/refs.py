"""Human-friendly case references: ``IN-7K3M-9QX2``.

Seven Crockford base-32 characters and one Luhn mod 32 check character, so a
member can quote the reference on a letter and a single mistyped character or
a swap of two neighbours is caught. Ambiguous letters are read leniently
(O as 0, I and L as 1), as Crockford intends.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# each character's value, the ambiguous letters read leniently (O as 0, I and L as 1)
LENIENT = {c: i for i, c in enumerate(ALPHABET)}
LENIENT.update({"O": 0, "I": 1, "L": 1})
_N = len(ALPHABET)
PATTERN = re.compile(r"\bIN[-\s]?([0-9A-Za-z]{4})[-\s]?([0-9A-Za-z]{4})\b", re.IGNORECASE)


def check_char(body: str) -> str:
    """The Luhn mod 32 check character of a 7-character canonical body."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * LENIENT[char]
        total += addend // _N + addend % _N
        factor = 1 if factor == 2 else 2
    return ALPHABET[(_N - total % _N) % _N]


def make_case_ref(seed: str) -> str:
    """A reference derived from ``seed`` (e.g. an envelope id), so it is deterministic."""
    number = int(hashlib.sha256(seed.encode()).hexdigest()[:10], 16) % (_N**7)
    body = ""
    for _ in range(7):
        number, digit = divmod(number, _N)
        body = ALPHABET[digit] + body
    full = body + check_char(body)
    return f"IN-{full[:4]}-{full[4:]}"


def normalize(candidate: str) -> str | None:
    """The canonical form of a quoted reference, or None if its check fails."""
    match = PATTERN.fullmatch(candidate.strip())
    if not match:
        return None
    chars = (match.group(1) + match.group(2)).upper()
    if any(c not in LENIENT for c in chars):
        return None
    canon = "".join(ALPHABET[LENIENT[c]] for c in chars)
    if check_char(canon[:7]) != canon[7]:
        return None
    return f"IN-{canon[:4]}-{canon[4:]}"


def mistyped(candidate: str) -> bool:
    """Whether ``candidate`` is shaped as a reference but its check character fails (a typing mistake)."""
    return PATTERN.fullmatch(candidate.strip()) is not None and normalize(candidate) is None


def one_substitution_away(candidate: str, known: Iterable[str]) -> list[str]:
    """The ``known`` references that differ from ``candidate`` by exactly one character."""
    typed = candidate.strip().upper().replace(" ", "-")
    return [ref for ref in known if len(ref) == len(typed) and sum(a != b for a, b in zip(ref, typed)) == 1]
