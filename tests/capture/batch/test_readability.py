"""Handwritten or unreadable pages, from real Tesseract readings and the French word list."""

from __future__ import annotations

import random

import pytest

from capture.batch.facts import look_at
from capture.batch.readability import known_share, readability
from capture.batch.settings import BatchSettings
from capture.ocr.pages import ocr_image
from samples.batch_documents import handwritten_page
from samples.batch_pages import signature_page
from samples.letters import make_letter, render_letter

S = BatchSettings()


def verdict_of(image):
    reading, facts = ocr_image(image, "fra+eng"), look_at(image, 1, 300, S)
    return readability(reading, facts.coverage, S.text_coverage, S.unreadable_confidence, S.unreadable_known_share)


@pytest.mark.parametrize("note", [False, True])
def test_a_handwritten_page_is_unreadable_with_a_french_reason(note):
    verdict = verdict_of(handwritten_page(random.Random(5), make_letter(5), note=note))
    assert verdict.unreadable
    assert verdict.reason.startswith("page manuscrite ou illisible")


def test_a_typed_letter_is_readable():
    image, _ = render_letter(make_letter(6), noise=0.1, blur=0.5)
    verdict = verdict_of(image)
    assert not verdict.unreadable and verdict.confidence > 0.9 and verdict.known_share > 0.75


def test_a_page_with_only_a_signature_is_near_empty_not_unreadable():
    assert not verdict_of(signature_page(random.Random(1))).unreadable


def test_the_share_of_french_words_counts_words_of_three_letters_or_more():
    assert known_share("Je vous prie d'agréer mes salutations distinguées") == 1.0
    assert known_share("Xqzt brlm vous") == pytest.approx(1 / 3)
    assert known_share("12 345 ,;") == 0.0
