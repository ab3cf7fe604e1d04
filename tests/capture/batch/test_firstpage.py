"""First-page detection on pages read by real Tesseract, and the cues it reads off a page's text."""

from __future__ import annotations

import random

import pytest

from capture.batch.facts import look_at
from capture.batch.firstpage import FEATURES, features, first_page
from capture.batch.models import Layout
from capture.batch.settings import BatchSettings
from capture.ocr.pages import ocr_image
from samples.batch_pages import signature_page
from samples.multipage import letter_pages
from samples.letters import make_letter

S = BatchSettings()


def read(image):
    return ocr_image(image, "fra+eng").text, look_at(image, 1, 300, S).layout


@pytest.fixture(scope="module")
def three_pages():
    """A letter typed over three pages numbered n/m, read by OCR: (text, layout) per page."""
    return [read(image) for image in letter_pages(make_letter(21), 3, True, random.Random(21))]


def test_the_first_page_of_a_typed_letter_opens_a_letter(three_pages):
    text, layout = three_pages[0]
    guess = first_page(text, layout, previous=None, unreadable=False)
    assert guess.probability > 0.9
    assert "formule d'appel" in guess.reasons and "ligne « Objet : »" in guess.reasons


def test_the_pages_after_it_continue_the_letter(three_pages):
    for (previous, _), (text, layout) in zip(three_pages, three_pages[1:]):
        assert first_page(text, layout, previous, unreadable=False).probability < 0.5


def test_a_page_holding_only_a_signature_continues_the_letter_before_it(three_pages):
    text, layout = read(signature_page(random.Random(4)))
    assert first_page(text, layout, three_pages[-1][0], unreadable=False).probability < 0.5


def test_a_new_letter_after_a_letter_that_ended_on_a_closing_formula_opens_a_letter(three_pages):
    text, layout = three_pages[0]
    assert first_page(text, layout, three_pages[-1][0], unreadable=False).probability > 0.9


def cues(text: str, previous: str | None = None) -> set[str]:
    values = features(text, Layout(), previous, unreadable=False)
    return {name for name, value in zip(FEATURES, values) if value >= 0.5 and name != "bias"}


def test_a_salutation_counts_alone_on_its_line_not_inside_a_closing_formula():
    assert "salutation" in cues("Madame, Monsieur,\nJe vous écris")
    assert "salutation" not in cues("Je vous prie d'agréer,\nMadame, Monsieur, l'expression de mes salutations distinguées.")


def test_page_numbers_are_read_at_the_top_or_bottom_of_a_page_and_a_date_is_no_page_number():
    assert "says_later_page" in cues("suite du texte\n2/3")
    assert "says_page_one" in cues("Objet : demande\nPage 1/2")
    assert "says_later_page" in cues("- 2 -\nsuite")
    assert cues("Date : 12/03/2026") & {"says_page_one", "says_later_page"} == set()


def test_what_the_previous_page_said_carries_over():
    assert "after_page_of_more" in cues("texte", previous="Objet : x\n1/2")
    assert "after_enclosures" in cues("FACTURE", previous="Cordialement,\nP.J. : facture de l'opticien")
    assert "after_closing" in cues("texte", previous="ligne\nligne\nVeuillez agréer mes salutations distinguées.")
