"""Kodak patch codes on real rendered separator sheets, read from the page image."""

from __future__ import annotations

import random

import pytest
from PIL import Image

from capture.batch.facts import look_at
from capture.batch.patch import PATTERNS, patch_bars
from capture.batch.settings import BatchSettings
from samples.batch_pages import patch_sheet
from samples.letters import make_letter, render_letter
from samples.multipage import scanned

SETTINGS = BatchSettings()


def test_a_patch_is_four_bars_in_eight_tenths_of_an_inch_wide_ones_two_tenths():
    bars = patch_bars("T", 100)
    assert bars[-1][1] == pytest.approx(80)
    assert [round(bottom - top) for top, bottom in bars] == [8, 20, 8, 20]  # N W N W
    assert PATTERNS["2"] == "WNNW"


@pytest.mark.parametrize(("name", "value"), [("T", "T"), ("2", "2")])
def test_a_patch_t_or_patch_ii_sheet_scanned_askew_is_a_separator(name, value):
    page = scanned(patch_sheet(name), random.Random(3), seed=3)
    (mark,) = look_at(page, 1, 300, SETTINGS).marks
    assert (mark.symbology, mark.value, mark.role) == ("patch", value, "separator")


def test_a_patch_that_is_not_configured_as_a_separator_is_read_but_does_not_separate():
    facts = look_at(patch_sheet("3"), 1, 300, SETTINGS)
    assert [(m.value, m.role) for m in facts.marks] == [("3", "other")]
    assert facts.separator is None


def test_the_separating_patches_are_a_setting():
    settings = BatchSettings(patch={"separators": frozenset({"3"})})
    assert look_at(patch_sheet("3"), 1, 300, settings).separator.value == "3"
    assert look_at(patch_sheet("T"), 1, 300, settings).separator is None


def test_a_typed_letter_has_no_patch_code():
    image, _ = render_letter(make_letter(8), noise=0.1, blur=0.5)
    assert look_at(image, 1, 300, SETTINGS).marks == ()


def test_a_patch_sheet_read_at_200_dpi_is_still_a_separator():
    sheet = patch_sheet("T")
    smaller = sheet.resize((sheet.width * 2 // 3, sheet.height * 2 // 3), Image.Resampling.LANCZOS)
    assert look_at(smaller, 1, 200, SETTINGS).separator.value == "T"
