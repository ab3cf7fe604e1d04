"""split_batch: every non-blank page ends in exactly one letter (a property), and real stacks cut right."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capture.batch.models import BatchPage, Layout, Mark, PageFacts
from capture.batch.reading import read_batch
from capture.batch.settings import BatchSettings
from capture.batch.split import split_batch
from capture.context import CaptureContext
from intake.refs import make_case_ref
from samples.batches import make_batch, render_batch


class Reading(NamedTuple):
    text: str
    confidence: float | None
    words: int


TEXTS = ["Lyon, le 3 mars 2026\nObjet : remboursement\nMadame, Monsieur,\nJe vous écris.",
         "suite de ma lettre\n2/3", "Veuillez agréer mes salutations distinguées.\nP.J. : facture",
         "LA POSTE\n12-03-26\nMutuelle Santé Horizon", "", "Xqz brl wkk tpp"]
SEPARATOR = Mark(symbology="patch", value="T", role="separator")
CASE = Mark(symbology="QRCode", value="x", role="case", case_ref=make_case_ref("property"))


@st.composite
def pages(draw):
    kinds = draw(st.lists(st.sampled_from(["blank", "separator", "content", "content", "envelope", "case"]),
                          min_size=0, max_size=25))
    out = []
    for number, kind in enumerate(kinds, start=1):
        coverage = 0.0 if kind == "blank" else draw(st.floats(0.001, 0.08))
        layout = Layout(aspect=2.0 if kind == "envelope" else 0.707, stamp_ink=0.2 if kind == "envelope" else 0.0,
                        short_top_share=draw(st.floats(0, 1)))
        marks = {"separator": (SEPARATOR,), "case": (CASE,)}.get(kind, ())
        facts = PageFacts(number=number, coverage=coverage, blank=kind == "blank", marks=marks, layout=layout)
        text = TEXTS[3] if kind == "envelope" else draw(st.sampled_from(TEXTS))
        reading = None if kind in ("blank", "separator") else Reading(text, draw(st.floats(0.2, 1)), len(text.split()))
        out.append(BatchPage(facts, reading))
    return out


@settings(max_examples=300, deadline=None)
@given(pages(), st.sampled_from(["auto", "separators", "content"]))
def test_every_page_that_is_not_blank_nor_a_separator_ends_in_exactly_one_letter(batch, separation):
    split = split_batch(batch, BatchSettings(separation=separation))
    placed = Counter(n for letter in split.letters for n in (*letter.pages, *filter(None, [letter.envelope])))
    kept = [p.facts.number for p in batch if not p.facts.blank and p.facts.separator is None]
    assert sorted(placed) == kept and set(placed.values()) <= {1}
    assert split.blanks == tuple(p.facts.number for p in batch if p.facts.blank)
    for letter in split.letters:
        assert letter.first <= min(letter.pages, default=letter.first) and max(letter.pages, default=0) <= letter.last
        assert list(letter.pages) == sorted(letter.pages)


def test_a_low_confidence_decision_sends_the_batch_to_review_with_the_page_named():
    unsure = Reading("texte sans indice", 0.9, 3)
    batch = [BatchPage(PageFacts(number=1, coverage=0.03, blank=False), Reading(TEXTS[0], 0.95, 12)),
             BatchPage(PageFacts(number=2, coverage=0.03, blank=False, layout=Layout(short_top_share=0.5)), unsure)]
    split = split_batch(batch, BatchSettings(review_confidence=1.0))
    assert split.needs_review
    assert any("page 2" in reason for reason in split.review_reasons)


@pytest.fixture(scope="module")
def context():
    return CaptureContext()


@pytest.mark.parametrize("separator", ["patch-T", "qr"])
def test_a_duplex_stack_with_separator_sheets_is_cut_where_its_letters_start(separator, context):
    spec = make_batch(31, letters=4, separator=separator)
    split = split_batch(read_batch(render_batch(spec), context))
    assert split.method == "separators"
    assert {letter.first for letter in split.letters[1:]} == spec.boundaries()
    assert set(split.blanks) == {n for n, p in enumerate(spec.pages, start=1) if p.kind == "blank"}
    placed = sorted(n for letter in split.letters for n in letter.pages)
    assert placed == sorted(spec.content_pages())


def test_a_duplex_stack_without_separators_is_cut_by_its_first_pages(context):
    spec = make_batch(36, letters=4, separator=None)  # a letter ending on a signature page, one with an invoice
    split = split_batch(read_batch(render_batch(spec), context))
    assert split.method == "content"
    assert {letter.first for letter in split.letters[1:]} == spec.boundaries()
    assert sorted(n for letter in split.letters for n in letter.pages) == sorted(spec.content_pages())


def test_a_handwritten_letter_in_a_stack_without_separators_sends_it_to_review_naming_the_page(context):
    spec = make_batch(33, letters=4, separator=None)
    handwritten = next(n for n, page in enumerate(spec.pages, start=1) if page.kind == "handwritten")
    split = split_batch(read_batch(render_batch(spec), context))
    assert split.needs_review
    assert any(reason.startswith(f"page {handwritten} : page manuscrite") for reason in split.review_reasons)
    assert sorted(n for letter in split.letters for n in letter.pages) == sorted(spec.content_pages())
