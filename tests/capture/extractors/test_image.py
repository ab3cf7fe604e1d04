"""Image extraction: real Tesseract OCR on scans, multi-page TIFF, bombs."""

from __future__ import annotations

import pytest
from docs import image_bytes, render_page, tiff_pages
from PIL import Image

from capture.context import CaptureContext
from capture.extractors import image as image_extractor
from intake.errors import PermanentError

CTX = CaptureContext()


def test_tesseracts_own_test_page_is_read_nearly_word_for_word(corpora):
    pages = image_extractor.extract((corpora / "ocr-tesseract" / "phototest.tif").read_bytes(), CTX)
    expected = (corpora / "ocr-tesseract" / "phototest.txt").read_text().split()
    found = pages[0].text.split()
    assert len(set(expected) & set(found)) / len(set(expected)) > 0.95
    assert pages[0].method == "ocr" and pages[0].confidence > 0.8


def test_a_multi_page_tiff_gives_one_capture_per_page():
    scans = [render_page(["Madame, Monsieur,", "je vous adresse ma facture d'optique."]),
             render_page(["Montant des verres : 320,00 €"])]
    pages = image_extractor.extract(tiff_pages(scans), CTX)
    assert [p.number for p in pages] == [1, 2]
    assert "optique" in pages[0].text and "320,00" in pages[1].text


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = image_bytes(Image.new("1", (12000, 12000), 1), "PNG")
    assert len(bomb) < 100_000
    with pytest.raises(PermanentError, match="decompression bomb"):
        image_extractor.extract(bomb, CaptureContext(max_pixels=50_000_000))


def test_a_tiff_hiding_a_huge_page_behind_a_small_first_page_is_refused():
    huge = Image.new("1", (9000, 9000), 1)
    data = image_bytes(render_page(["Bonjour"], dpi=50).convert("1"), "TIFF", save_all=True, append_images=[huge],
                       compression="group4")
    assert len(data) < 200_000
    with pytest.raises(PermanentError, match="decompression bomb") as caught:
        image_extractor.extract(data, CaptureContext(max_pixels=50_000_000))
    assert caught.value.data["page"] == 2


def test_a_truncated_scan_is_a_permanent_error():
    data = image_bytes(render_page(["Bonjour"]), "PNG")
    with pytest.raises(PermanentError):
        image_extractor.extract(data[: len(data) // 3], CTX)
