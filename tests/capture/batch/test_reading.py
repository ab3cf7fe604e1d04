"""read_batch: every page looked at, only the pages that need it OCR'd (once), in the capture's pool."""

from __future__ import annotations

import random

from capture.batch.reading import read_batch
from capture.context import CaptureContext
from samples.batch_pages import duplex_back, patch_sheet
from samples.letters import make_letter, render_letter


def test_blank_backs_and_separator_sheets_are_not_ocrd_and_letters_are(monkeypatch):
    letter, _ = render_letter(make_letter(12), noise=0.1)
    images = [patch_sheet("T"), duplex_back(random.Random(1), None), letter, duplex_back(random.Random(2), letter)]
    read = []
    import capture.ocr.pages as ocr

    real = ocr.ocr_image
    monkeypatch.setattr(ocr, "ocr_image", lambda image, *a, **k: read.append(image) or real(image, *a, **k))
    pages = read_batch(images, CaptureContext(ocr_workers=1))
    assert [p.reading is None for p in pages] == [True, True, False, True]
    assert read == [images[2]]
    assert "Objet" in pages[2].reading.text
    assert [p.facts.number for p in pages] == [1, 2, 3, 4]
