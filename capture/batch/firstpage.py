"""Does this page open a letter? From its text, its layout and the page before it, with a calibrated probability.

A letter's first page has a sender's block (a postcode and town among its
first lines), a date line ("Lyon, le 3 mars 2026"), "Objet :", a salutation
alone on its line ("Madame, Monsieur,"), the member's number, short address
lines at the top, or says "1/3". A page that continues one says "2/3" or
"Page 2", or follows a page that said "1/2", announced enclosures ("P.J. :",
"ci-joint") or did not end on a closing formula; a near-empty page (a
signature, a stamp) continues too. Each cue is a feature; the probability
is a logistic regression over them, its weights fitted on tuning seeds of
generated batches (``bench/batches.py --fit`` writes ``firstpage.json``)
with an L2 penalty so the probabilities stay calibrated, which the bench
checks on held-out seeds (expected calibration error, Brier score).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np

from capture.batch.calibrate import sigmoid
from capture.batch.models import Layout

MONTHS = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
SALUTATION = re.compile(r"^(?:madame|monsieur|mesdames|messieurs|bonjour|cher|ch[èe]re)\b[\w ,.'’-]{0,30}$", re.I)
SUBJECT = re.compile(r"^\s*(?:objet|obj\.|concerne)\s*:", re.I | re.M)
DATE_LINE = re.compile(rf"\ble\s+\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}", re.I)
POSTCODE_TOWN = re.compile(r"^\s*\d{5}\s+[A-ZÀ-Ý][\w' -]+$")
MEMBER = re.compile(r"\bn[°o]\s*(?:d['’])?\s*adh[ée]rent", re.I)
PAGE_OF = re.compile(r"(?<![\d/])(?:page\s*)?(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])", re.I)
PAGE_ALONE = re.compile(r"^\s*(?:page\s+(\d{1,2})|-\s*(\d{1,2})\s*-)\s*$", re.I)
CLOSING = re.compile(r"salutations|sentiments|cordialement|consid[ée]ration|bonne journ[ée]e|bien [àa] vous"
                     r"|veuillez agr[ée]er|prie d['’]agr[ée]er", re.I)
ENCLOSURES = re.compile(r"\bP\.?\s?J\.?\s*:|pi[èe]ces?\s+jointes?|ci-joint", re.I)
FEATURES = ("salutation", "subject", "date_line", "sender_block", "member_number", "says_page_one",
            "says_later_page", "after_page_of_more", "after_enclosures", "after_closing", "short_top_lines",
            "few_words", "unreadable", "bias")
REASONS = {"salutation": "formule d'appel", "subject": "ligne « Objet : »", "date_line": "ligne de date",
           "sender_block": "bloc d'adresse de l'expéditeur", "member_number": "numéro d'adhérent",
           "says_page_one": "numérotée page 1", "says_later_page": "numérotée comme une page suivante",
           "after_page_of_more": "la page précédente annonce une suite", "after_enclosures":
           "la page précédente annonce des pièces jointes", "after_closing":
           "la page précédente finit sur une formule de politesse", "short_top_lines":
           "lignes courtes en haut de page (blocs d'adresse)", "few_words": "page presque vide",
           "unreadable": "page illisible"}
WEIGHTS_FILE = Path(__file__).with_name("firstpage.json")


class FirstPage(NamedTuple):
    """The probability that a page opens a letter, and the cues seen (French)."""

    probability: float
    reasons: tuple[str, ...]


def first_page(text: str, layout: Layout, previous: str | None, unreadable: bool) -> FirstPage:
    """How likely the page opens a letter, given its text and layout and the previous content page's text."""
    values = features(text, layout, previous, unreadable)
    probability = float(sigmoid(np.dot(values, weights())))
    seen = tuple(REASONS[name] for name, value in zip(FEATURES, values) if value >= 0.5 and name in REASONS)
    return FirstPage(round(probability, 4), seen)


def features(text: str, layout: Layout, previous: str | None, unreadable: bool) -> np.ndarray:
    """The feature vector, in ``FEATURES`` order."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head, edges = lines[:15], lines[:2] + lines[-3:]
    number, total = _page_number(edges)
    before_number, before_total = _page_number(_edge_lines(previous))
    values = {
        "salutation": any(SALUTATION.match(line) for line in lines[: max(8, len(lines) * 2 // 3)]),
        "subject": bool(SUBJECT.search(text)), "date_line": bool(DATE_LINE.search("\n".join(head))),
        "sender_block": any(POSTCODE_TOWN.match(line) for line in head),
        "member_number": bool(MEMBER.search("\n".join(head))), "says_page_one": number == 1,
        "says_later_page": number is not None and number > 1,
        "after_page_of_more": before_total is not None and before_number < before_total,
        "after_enclosures": bool(previous and ENCLOSURES.search(previous)),
        "after_closing": bool(previous and CLOSING.search(_tail(previous))),
        "short_top_lines": layout.short_top_share, "few_words": len(text.split()) < 30,
        "unreadable": unreadable, "bias": 1.0}
    return np.array([float(values[name]) for name in FEATURES])


def _page_number(lines: list[str]) -> tuple[int | None, int | None]:
    """The page number (and page count, if written) among a page's first and last lines."""
    for line in lines:
        if (match := PAGE_OF.fullmatch(line.strip())) and 0 < int(match[1]) <= int(match[2]):
            return int(match[1]), int(match[2])
        if match := PAGE_ALONE.match(line):
            return int(match[1] or match[2]), None
    return None, None


def _edge_lines(text: str | None) -> list[str]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[:2] + lines[-3:]


def _tail(text: str) -> str:
    """The last third of a page's lines, where a closing formula is."""
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[-max(3, len(lines) // 3) :])


@functools.lru_cache(maxsize=1)
def weights() -> np.ndarray:
    """The fitted weights, in ``FEATURES`` order."""
    fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]
    return np.array([fitted[name] for name in FEATURES])
