"""A reviewer's cut: a boundary moved or two letters joined, blank backs and separators still dropped,
each letter keeping its envelope's postmark and its barcode's case; impossible moves refused in French."""

from __future__ import annotations

from datetime import date

import pytest

from capture.batch.models import BatchSplit, Letter, PageVerdict
from capture.batch.review import BadMove, move_boundary, recut

# 1 separator, 2 envelope, 3 letter A, 4 blank, 5 letter A page 2 (taken for a new letter), 6 letter B
PAGES = (PageVerdict(number=1, kind="separator"),
         PageVerdict(number=2, kind="envelope", starts_letter=True, decided_by="envelope"),
         PageVerdict(number=3, kind="content", decided_by="envelope"),
         PageVerdict(number=4, kind="blank"),
         PageVerdict(number=5, kind="content", starts_letter=True, decided_by="detector", confidence=0.6),
         PageVerdict(number=6, kind="content", starts_letter=True, decided_by="barcode", confidence=0.99))
LETTERS = (Letter(first=2, last=3, pages=(3,), envelope=2, postmark=date(2026, 4, 29)),
           Letter(first=5, last=5, pages=(5,), confidence=0.6),
           Letter(first=6, last=6, pages=(6,), case_ref="IN-X83F-VXER", case_ref_page=6))
SPLIT = BatchSplit(method="content", letters=LETTERS, pages=PAGES, needs_review=True,
                   review_reasons=("décision incertaine page 5 (0.60)",))


def test_moving_a_boundary_onto_another_letters_first_page_joins_the_two_letters():
    joined = move_boundary(SPLIT, 5, 2)
    assert [(l.first, l.last, l.pages, l.envelope) for l in joined.letters] == [(2, 5, (3, 5), 2), (6, 6, (6,), None)]
    assert joined.letters[0].postmark == date(2026, 4, 29) and joined.letters[1].case_ref == "IN-X83F-VXER"
    assert not joined.needs_review and not joined.review_reasons
    assert joined.blanks == (4,) and joined.separators == (1,)
    page5 = joined.pages[4]
    assert not page5.starts_letter and page5.decided_by == "review" and page5.confidence == 1.0


def test_moving_a_boundary_later_gives_the_pages_between_to_the_letter_before():
    later = move_boundary(recut(SPLIT, {2, 3}), 3, 5)
    assert [(l.first, l.pages) for l in later.letters] == [(2, (3,)), (5, (5, 6))]
    assert later.letters[1].case_ref == "IN-X83F-VXER"  # the barcode page is in it, not its first


def test_a_letter_the_move_leaves_as_it_was_keeps_its_reasons_and_confidence():
    moved = move_boundary(SPLIT, 5, 6)
    assert moved.letters[-1] == LETTERS[2]


@pytest.mark.parametrize("page_from, page_to, why", [
    (4, 5, "aucune lettre ne commence à la page 4"),
    (5, 4, "la page 4 n'est pas une page de courrier"),
    (5, 9, "la page 9 n'est pas une page de courrier"),
    (2, 3, "la première page du lot (2) ouvre toujours une lettre"),
])
def test_a_move_that_cannot_be_made_says_why_in_french(page_from, page_to, why):
    with pytest.raises(BadMove, match=why.replace("(", r"\(").replace(")", r"\)")):
        move_boundary(SPLIT, page_from, page_to)
