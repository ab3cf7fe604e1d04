"""A scanned postal envelope: its shape, its stamp, its postal words and the postmark's date.

Mailrooms scan the envelope in front of its letter, because the postmark
dates the request. An envelope page is wider than tall (DL 220 x 110 mm,
C5 229 x 162 mm), has its stamp in the top-right corner, a few lines of
address and the postal service's words ("LA POSTE", "LETTRE VERTE"), and no
opening of a letter. Each cue adds to a score; the postmark date is the
first valid date written with separators ("12-03-26", "12.03.2026") no later
than the day the batch was received and not older than ``max_age_days``.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import NamedTuple

from capture.batch.models import Layout

POSTAL = re.compile(r"\bLA\s*POSTE\b|\bLETTRE\s+(?:VERTE|PRIORITAIRE|SUIVIE|RECOMMAND)|\bECOPLI\b", re.I)
POSTMARK = re.compile(r"(?<![\d./-])(\d{1,2})\s?([-./])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d./-])")
LETTER_OPENING = re.compile(r"^\s*(?:objet\s*:|madame|monsieur|bonjour)", re.I | re.M)
LANDSCAPE = 1.2  # width over height above which a page is an envelope's shape
STAMP_INK = 0.08  # ink share of the top-right corner a stamp and its postmark give
FEW_WORDS = 40
THRESHOLD = 3.0


class EnvelopeVerdict(NamedTuple):
    """Whether a page is an envelope, how sure, its postmark date, and why (French)."""

    envelope: bool
    confidence: float
    postmark: date | None
    reasons: tuple[str, ...]


def envelope_verdict(layout: Layout, text: str, received: date | None, max_age_days: int) -> EnvelopeVerdict:
    """Whether this page is a scanned envelope; its postmark date when it can be read."""
    postmark = postmark_date(text, received, max_age_days)
    cues = [(2.5, layout.aspect >= LANDSCAPE, "page au format d'une enveloppe"),
            (1.0, layout.stamp_ink >= STAMP_INK, "timbre en haut à droite"),
            (1.5, bool(POSTAL.search(text)), "mention postale (La Poste, Lettre verte...)"),
            (1.0, postmark is not None, f"cachet de la poste du {postmark:%d/%m/%Y}" if postmark else ""),
            (0.5, len(text.split()) <= FEW_WORDS, "peu de texte"),
            (-3.0, bool(LETTER_OPENING.search(text)), "début de lettre (objet, formule d'appel)")]
    score = sum(weight for weight, seen, _ in cues if seen)
    reasons = tuple(reason for weight, seen, reason in cues if seen and weight > 0)
    confidence = 1 / (1 + math.exp(-2 * abs(score - THRESHOLD + 0.25)))
    return EnvelopeVerdict(score >= THRESHOLD, round(confidence, 3), postmark if score >= THRESHOLD else None, reasons)


def postmark_date(text: str, received: date | None, max_age_days: int) -> date | None:
    """The first plausible date written with separators on the page."""
    for match in POSTMARK.finditer(text):
        day, _, month, year = match.groups()
        try:
            found = date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
        except ValueError:
            continue
        if received is None or 0 <= (received - found).days <= max_age_days:
            return found
    return None
