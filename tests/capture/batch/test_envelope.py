"""Envelope pages, read by real Tesseract: detected, and their postmark date read when it can be."""

from __future__ import annotations

import random
from datetime import date

import pytest

from capture.batch.envelope import envelope_verdict, postmark_date
from capture.batch.facts import look_at
from capture.batch.settings import BatchSettings
from capture.ocr.pages import ocr_image
from samples.batch_documents import envelope_page
from samples.letters import make_letter, render_letter
from samples.multipage import scanned

POSTED = date(2026, 3, 12)


def verdict_of(image, received=date(2026, 3, 16)):
    facts = look_at(image, 1, 300, BatchSettings())
    return envelope_verdict(facts.layout, ocr_image(image, "fra+eng").text, received, 90)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_scanned_envelope_is_an_envelope_and_its_postmark_date_is_read(seed):
    image = scanned(envelope_page(random.Random(seed), make_letter(seed), POSTED, readable=True), random.Random(seed),
                    seed=seed)
    verdict = verdict_of(image)
    assert verdict.envelope and verdict.confidence >= 0.9
    assert verdict.postmark == POSTED
    assert "timbre en haut à droite" in verdict.reasons


def test_an_envelope_whose_postmark_is_smudged_is_still_an_envelope_without_a_date():
    image = envelope_page(random.Random(3), make_letter(3), POSTED, readable=False)
    verdict = verdict_of(image)
    assert verdict.envelope and verdict.postmark is None


def test_a_letter_is_no_envelope():
    image, _ = render_letter(make_letter(4), noise=0.1)
    assert not verdict_of(image).envelope


@pytest.mark.parametrize(("text", "expected"), [
    ("LA POSTE\n12-03-26", date(2026, 3, 12)),
    ("LA POSTE 12.03.2026", date(2026, 3, 12)),
    ("Tél. 04.78.12.03 LA POSTE 31-02-26 puis 01/03/2026", date(2026, 3, 1)),  # no 31 February; a phone is no date
    ("12-03-2025", None),  # a year before the batch came in: no postmark
    ("20-03-26", None),  # after the batch came in
])
def test_a_postmark_date_is_the_first_plausible_date_written_with_separators(text, expected):
    assert postmark_date(text, date(2026, 3, 16), 90) == expected
