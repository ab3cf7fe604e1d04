"""OCR with real Tesseract: orientation, skew, and a pool of one engine per core."""

from __future__ import annotations

import threading
import time

import pytest
from docs import render_page, tiff_pages
from PIL import Image

from capture.context import CaptureContext
from capture.extractors import image as image_extractor
from capture.ocr import engine
from capture.ocr.pages import ocr_image, ocr_pages, warm_up
from capture.quality import cer
from samples.letters import make_letter, render_letter

CTX = CaptureContext()


def word_overlap(read: str, expected: str) -> float:
    """Share of the expected words that were read."""
    words = set(expected.split())
    return len(words & set(read.split())) / len(words)


@pytest.mark.parametrize(("name", "turned"), [("phototest-rotated-L.png", 90), ("phototest-rotated-R.png", 270),
                                              ("phototest-rotated-180.png", 180)])
def test_a_page_scanned_on_its_side_or_upside_down_is_turned_upright_before_ocr(corpora, name, turned):
    page = ocr_image(Image.open(corpora / "ocr-tesseract" / name), "fra+eng")
    assert word_overlap(page.text, (corpora / "ocr-tesseract" / "phototest.txt").read_text()) > 0.9
    assert page.rotation == turned
    assert page.confidence is not None and page.confidence > 0.8


def test_a_turned_scan_keeps_its_confidence_in_the_page_capture(corpora):
    (page,) = image_extractor.extract((corpora / "ocr-tesseract" / "phototest-rotated-L.png").read_bytes(), CTX)
    assert page.method == "ocr" and page.confidence > 0.8
    assert "quick brown dog" in page.text


def test_an_upright_page_is_read_without_an_orientation_check(corpora):
    page = ocr_image(Image.open(corpora / "ocr-tesseract" / "phototest.tif"), "fra+eng")
    assert page.rotation == 0 and page.confidence > 0.9


@pytest.mark.parametrize("skew", [-4.5, 3.5])
def test_a_skewed_letter_is_levelled_and_read_with_under_3_percent_character_errors(skew):
    image, truth = render_letter(make_letter(11, "reimbursement"), skew_degrees=skew, noise=0.1, blur=0.5)
    page = ocr_image(image, "fra+eng")
    assert page.skew == pytest.approx(-skew, abs=0.15)
    assert cer(page.text, truth) < 0.03


class ConcurrencyWatch(threading.Thread):
    """Samples how many OCR engines of this process are reading at once, until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self.running = 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, engine.stats()["busy"])
            time.sleep(0.005)


def test_the_pages_of_a_tiff_are_read_in_parallel_one_engine_per_worker_and_come_back_in_order():
    scans = [render_page([f"Page {n} du courrier", f"Montant : {n}20,00 euros"]) for n in range(1, 5)]
    watch = ConcurrencyWatch()
    watch.start()
    pages = image_extractor.extract(tiff_pages(scans), CaptureContext(ocr_workers=2))
    watch.running = False
    watch.join()
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert all(f"Page {n} du courrier" in p.text and f"{n}20,00" in p.text for n, p in enumerate(pages, start=1))
    assert watch.peak == 2  # in parallel, and never more engines reading than workers


def test_a_page_that_cannot_be_read_stops_the_document_and_the_rest_is_not_waited_for():
    def pages():
        yield render_page(["Première page"], dpi=100)
        raise OSError("truncated frame")

    with pytest.raises(OSError, match="truncated frame"):
        list(ocr_pages(pages(), CaptureContext(ocr_workers=2)))


def test_warming_up_gives_each_ocr_thread_its_engine_with_the_models_loaded():
    ctx = CaptureContext(ocr_workers=3)  # a pool of its own: its threads have no engine yet
    before = set(engine.pids())
    warm_up(ctx)
    started = set(engine.pids()) - before
    assert len(started) == 3
    page = render_page(["Montant : 120,00 euros"])
    list(ocr_pages([page, page, page], ctx))
    assert set(engine.pids()) - before == started  # the pages went to the engines already running
