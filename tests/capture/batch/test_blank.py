"""The blank threshold: duplex backs dropped, near-empty pages with a signature or a stamp kept."""

from __future__ import annotations

import random

import numpy as np
import pytest

from capture.batch.facts import look_at
from capture.batch.settings import BatchSettings
from samples.batch_pages import duplex_back, signature_page, stamp_page
from samples.letters import make_letter, render_letter
from samples.multipage import scanned

SETTINGS = BatchSettings()


@pytest.mark.parametrize("seed", range(6))
def test_a_duplex_back_with_grain_dust_show_through_or_a_dark_edge_is_blank(seed):
    front, _ = render_letter(make_letter(seed))
    back = scanned(duplex_back(random.Random(seed), front), random.Random(seed), seed=seed)
    facts = look_at(back, 2, 300, SETTINGS)
    assert facts.blank, facts.coverage


def test_a_back_showing_its_front_through_at_a_fifth_of_its_darkness_is_blank():
    front, _ = render_letter(make_letter(4))
    seed = next(s for s in range(100) if random.Random(s).random() < 0.4)  # a draw that shows the front through
    back = duplex_back(random.Random(seed), front)
    assert np.asarray(back).min() < 250  # the front does show
    assert look_at(back, 1, 300, SETTINGS).blank


@pytest.mark.parametrize("seed", range(4))
def test_a_page_with_only_a_signature_is_kept(seed):
    page = scanned(signature_page(random.Random(seed)), random.Random(seed), seed=seed)
    facts = look_at(page, 1, 300, SETTINGS)
    assert not facts.blank
    assert facts.coverage > 2 * SETTINGS.blank_coverage  # with room to spare


@pytest.mark.parametrize("seed", range(4))
def test_a_page_with_only_a_practitioners_stamp_is_kept(seed):
    page = scanned(stamp_page(random.Random(seed), "Dr Caron"), random.Random(seed), seed=seed)
    assert not look_at(page, 1, 300, SETTINGS).blank


def test_a_typed_letter_is_far_above_the_blank_threshold():
    image, _ = render_letter(make_letter(3), noise=0.15)
    assert look_at(image, 1, 300, SETTINGS).coverage > 20 * SETTINGS.blank_coverage
