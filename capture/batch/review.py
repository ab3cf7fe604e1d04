"""A reviewer's cut: the same pages, the letters opening where the reviewer says.

A reviewer moves a boundary (the letter that opened at one page opens at
another) or joins two letters (a boundary moved onto another). The pages
keep their kinds (blank backs and separator sheets stay dropped); the
letters are cut again from the kept pages, each keeping the postmark of
its envelope page and the case reference of its barcode page.
"""

from __future__ import annotations

from capture.batch.models import BatchSplit, Letter, PageVerdict
from intake.errors import IntakeError

KEPT = ("content", "envelope")
REVIEWED = ("limite fixée à la relecture",)


class BadMove(IntakeError):
    """A move that cannot be made, with the reason in French."""


def firsts(split: BatchSplit) -> list[int]:
    """The page each letter opens at."""
    return [letter.first for letter in split.letters]


def move_boundary(split: BatchSplit, page_from: int, page_to: int) -> BatchSplit:
    """The letter that opened at ``page_from`` opens at ``page_to`` (onto another letter's first page: joined)."""
    kept = [p.number for p in split.pages if p.kind in KEPT]
    if page_from not in firsts(split):
        raise BadMove(f"aucune lettre ne commence à la page {page_from}")
    if page_to not in kept:
        raise BadMove(f"la page {page_to} n'est pas une page de courrier (page blanche, séparateur ou hors du lot)")
    opening = (set(firsts(split)) - {page_from}) | {page_to}
    if kept and kept[0] not in opening:
        raise BadMove(f"la première page du lot ({kept[0]}) ouvre toujours une lettre")
    return recut(split, opening)


def recut(split: BatchSplit, opening: set[int]) -> BatchSplit:
    """The split with letters opening exactly at the pages ``opening``."""
    groups: list[list[PageVerdict]] = []
    for page in split.pages:
        if page.kind in KEPT:
            if page.number in opening or not groups:
                groups.append([])
            groups[-1].append(page)
    pages = tuple(p.model_copy(update=_verdict(p, p.number in opening)) if p.kind in KEPT else p
                  for p in split.pages)
    letters = tuple(_letter(group, split.letters) for group in groups)
    return split.model_copy(update={"letters": letters, "pages": pages, "needs_review": False,
                                    "review_reasons": ()})


def _verdict(page: PageVerdict, starts: bool) -> dict:
    if page.starts_letter == starts:
        return {}
    return {"starts_letter": starts, "decided_by": "review", "confidence": 1.0, "reasons": REVIEWED}


def _letter(group: list[PageVerdict], before: tuple[Letter, ...]) -> Letter:
    head = group[0]
    envelope = head.number if head.kind == "envelope" else None
    content = tuple(p.number for p in group if p.number != envelope)
    if same := next((l for l in before if l.first == head.number and l.pages == content), None):
        return same
    postmark = next((l.postmark for l in before if envelope is not None and l.envelope == envelope), None)
    barcode = next((l for l in before if l.case_ref_page in content), None)
    unreadable = tuple(n for l in before for n in l.unreadable if n in content)
    return Letter(first=head.number, last=group[-1].number, pages=content, envelope=envelope, postmark=postmark,
                  case_ref=barcode.case_ref if barcode else None,
                  case_ref_page=barcode.case_ref_page if barcode else None, confidence=1.0, reasons=REVIEWED,
                  unreadable=unreadable)
