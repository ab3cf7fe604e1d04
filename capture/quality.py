"""How well a page was read: edit distance and character error rate (CER)."""

from __future__ import annotations

import re


def normalize_space(text: str) -> str:
    """Runs of whitespace as one space, trimmed: layout is not what OCR is scored on."""
    return re.sub(r"\s+", " ", text).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (Hyyrö's bit-parallel algorithm: one pass, Python ints as bit vectors)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    masks: dict[str, int] = {}
    for i, char in enumerate(b):
        masks[char] = masks.get(char, 0) | 1 << i
    full, top = (1 << len(b)) - 1, 1 << (len(b) - 1)
    plus, minus, score = full, 0, len(b)
    for char in a:
        plus, minus, score = _step(masks.get(char, 0), plus, minus, score, full, top)
    return score


def _step(eq: int, plus: int, minus: int, score: int, full: int, top: int) -> tuple[int, int, int]:
    """One column of the bit-parallel recurrence (vertical deltas ``plus``/``minus``)."""
    xv = eq | minus
    xh = (((eq & plus) + plus) ^ plus) | eq
    hp = minus | (~(xh | plus) & full)
    hm = plus & xh
    score += 1 if hp & top else -1 if hm & top else 0
    hp = ((hp << 1) | 1) & full
    hm = (hm << 1) & full
    return hm | (~(xv | hp) & full), hp & xv, score


def cer(read: str, truth: str) -> float:
    """Character error rate of ``read`` against ``truth``, whitespace-normalised."""
    expected = normalize_space(truth)
    return edit_distance(normalize_space(read), expected) / max(1, len(expected))
