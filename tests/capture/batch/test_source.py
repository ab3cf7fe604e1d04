"""A batch file as pages, a letter's pages as a file of its own, thumbnails; the page limit refuses a stack whole."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image, ImageDraw

from capture.batch.source import letter_file, page_images, thumbnail
from capture.context import CaptureContext
from intake.errors import PermanentError, UnsupportedInput


def pages(count: int) -> list[Image.Image]:
    """Pages that tell themselves apart: page n has a black band n tenths down."""
    out = []
    for n in range(1, count + 1):
        image = Image.new("L", (200, 280), 255)
        ImageDraw.Draw(image).rectangle((0, 25 * n, 200, 25 * n + 10), fill=0)
        out.append(image)
    return out


def saved(images: list[Image.Image], fmt: str) -> bytes:
    out = io.BytesIO()
    options = {"resolution": 100} if fmt == "PDF" else {"compression": "tiff_deflate"}
    images[0].save(out, format=fmt, save_all=True, append_images=images[1:], **options)
    return out.getvalue()


def band(image: Image.Image) -> int:
    """Which tenth of the page the black band is in."""
    gray = image.convert("L").resize((200, 280))
    return next(n for n in range(1, 11) if gray.getpixel((100, 25 * n + 5)) < 128)


@pytest.mark.parametrize("fmt", ["PDF", "TIFF"])
def test_a_letters_file_holds_exactly_its_pages_in_order(fmt):
    data = saved(pages(6), fmt)
    content, suffix = letter_file(data, [2, 4, 5])
    assert suffix == (".pdf" if fmt == "PDF" else ".tif")
    if fmt == "PDF":
        assert len(pypdfium2.PdfDocument(content)) == 3
    read = list(page_images(content, CaptureContext(dpi=100)))
    assert [band(image) for image in read] == [2, 4, 5]


def test_a_stack_over_the_page_limit_is_refused_whole_never_cut_off():
    data = saved(pages(5), "TIFF")
    with pytest.raises(PermanentError, match="lot de 5 pages, au-delà de la limite de 4 pages"):
        next(page_images(data, CaptureContext(max_pages=4)))
    assert len(list(page_images(data, CaptureContext(max_pages=5)))) == 5


def test_a_png_is_no_stack_and_a_thumbnail_is_a_small_png():
    png = io.BytesIO()
    pages(1)[0].save(png, format="PNG")
    with pytest.raises(UnsupportedInput, match="un lot doit être un PDF ou un TIFF"):
        next(page_images(png.getvalue(), CaptureContext()))
    small = Image.open(io.BytesIO(thumbnail(Image.new("L", (2480, 3508), 255))))
    assert small.format == "PNG" and small.width == 180
