"""Tesseract in process through its C API, on real libtesseract."""

from __future__ import annotations

import threading

import pytest
from PIL import Image, ImageDraw, ImageFont

from capture.ocr import tessapi
from intake.errors import RetryableError

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def line_image(text: str, px: int = 42) -> Image.Image:
    """``text`` in black on white, as a 300-dpi scan would show a 10-point line."""
    font = ImageFont.truetype(FONT, px)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 40, bottom - top + 40), 255)
    ImageDraw.Draw(image).text((20 - left, 20 - top), text, font=font, fill=0)
    return image


def test_a_line_is_read_in_process_with_its_confidence():
    reading = tessapi.read_line(line_image("Remboursement du 12 mars 2026"), "fra")
    assert reading.text == "Remboursement du 12 mars 2026"
    assert 0.8 < reading.confidence <= 1.0


def test_a_language_without_a_model_is_an_operators_error_to_retry_once_installed():
    with pytest.raises(RetryableError) as caught:
        tessapi.read_line(line_image("Bonjour"), "xyz")
    assert caught.value.data["language"] == "xyz"


def test_each_thread_keeps_its_own_engine_and_reuses_it():
    handles: dict[str, list[int]] = {}

    def read_twice() -> None:
        for _ in range(2):
            tessapi.read_line(line_image("contact@example.fr"), "eng")
            handles.setdefault(threading.current_thread().name, []).append(tessapi._local.engines["eng"])

    threads = [threading.Thread(target=read_twice) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [len(set(h)) for h in handles.values()] == [1, 1]
    assert len({h[0] for h in handles.values()}) == 2
