"""Page geometry: skew measured by projection profile, orientation read from OSD reports."""

from __future__ import annotations

import numpy as np
import pytest
from docs import render_page
from PIL import Image

from capture.ocr.deskew import estimate_skew, gray, has_ink, parse_osd, straighten, trim, turn

LINES = ["Madame, Monsieur,", "je vous adresse la facture de mes lunettes,", "d'un montant de 320,00 euros,",
         "pour remboursement au titre de mon contrat.", "Veuillez agréer mes salutations distinguées."] * 3


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return render_page(LINES, dpi=150)


@pytest.mark.parametrize("degrees", [-4.6, -2.0, 1.3, 3.7, 5.0])
def test_the_skew_of_a_scanned_page_is_measured_to_a_tenth_of_a_degree(page, degrees):
    skewed = page.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(skewed) == pytest.approx(-degrees, abs=0.1)


def test_a_level_page_measures_level_and_is_left_untouched(page):
    assert estimate_skew(page) == pytest.approx(0.0, abs=0.1)
    assert straighten(page, 0.1) is page


def test_straightening_levels_the_lines_and_fills_the_corners_white(page):
    skewed = page.rotate(3.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    level = straighten(skewed, estimate_skew(skewed))
    assert level.width == page.width and level.height >= page.height  # sheared onto a taller page, nothing cut
    assert estimate_skew(level) == pytest.approx(0.0, abs=0.1)
    assert np.asarray(level)[0, 0] == 255 and np.asarray(level)[-1, -1] == 255


def test_a_blank_noisy_page_has_no_ink_and_no_skew():
    rng = np.random.default_rng(7)
    grain = np.clip(250 + rng.standard_normal((1754, 1240)) * 6, 0, 255).astype(np.uint8)
    grain[rng.random(grain.shape) < 0.0004] = 0  # scanner specks
    blank = Image.fromarray(grain)
    assert not has_ink(blank)
    assert estimate_skew(blank) == 0.0


def test_trimming_keeps_all_the_text_with_a_margin_and_drops_the_bare_paper(page):
    trimmed = trim(page)
    assert trimmed.width < page.width * 0.8 and trimmed.height < page.height * 0.5
    ink_before, ink_after = (int((np.asarray(p) < 128).sum()) for p in (page, trimmed))
    assert ink_after == ink_before
    edges = np.asarray(trimmed)
    assert edges[:5].min() == 255 and edges[-5:].min() == 255 and edges[:, :5].min() == 255


def test_a_blank_page_is_not_trimmed():
    blank = Image.new("L", (800, 1100), 255)
    assert trim(blank) is blank


def test_a_page_in_two_tones_has_ink(page):
    assert has_ink(page.convert("1"))


def test_a_16_bit_scan_is_scaled_to_8_bits_not_clipped_to_white():
    depth16 = Image.fromarray(np.array([[0, 32768, 65535]], dtype=np.uint16))
    assert list(np.asarray(gray(depth16))[0]) == [0, 128, 255]
    assert gray(Image.new("RGB", (2, 2), (255, 0, 0))).mode == "L"


def test_turning_by_quarter_turns_is_lossless_and_clockwise():
    image = Image.new("L", (4, 2), 255)
    image.putpixel((0, 0), 0)  # top left
    assert turn(image, 90).size == (2, 4) and turn(image, 90).getpixel((1, 0)) == 0  # now top right
    assert turn(image, 180).getpixel((3, 1)) == 0
    assert turn(image, 270).getpixel((0, 3)) == 0
    assert turn(image, 0) is image


def test_an_osd_report_gives_the_clockwise_turn_when_confident():
    report = ("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 9.62\n"
              "Script: Latin\nScript confidence: 3.03\n")
    assert parse_osd(report) == 90
    assert parse_osd(report.replace("9.62", "0.40")) == 0
    assert parse_osd("Too few characters. Skipping this page") == 0
