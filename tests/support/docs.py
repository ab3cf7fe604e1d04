"""Real documents for tests: text PDFs, scanned pages, mixed PDFs, TIFFs."""

from __future__ import annotations

import io
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

FONT = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def render_page(lines: list[str], dpi: int = 300, size_pt: int = 12) -> Image.Image:
    """An A4 page at ``dpi`` with ``lines`` drawn in black, like a clean scan."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), int(size_pt * dpi / 72))
    y = int(dpi * 0.8)
    for line in lines:
        draw.text((int(dpi * 0.8), y), line, font=font, fill=0)
        y += int(size_pt * dpi / 72 * 1.6)
    return image


def image_bytes(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    """Encode an image."""
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=(300, 300), **options)
    return buffer.getvalue()


def tiff_pages(pages: list[Image.Image]) -> bytes:
    """A multi-page TIFF, as a scanner writes it."""
    return image_bytes(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")


def pdf(pages: list[list[str] | Image.Image]) -> bytes:
    """A PDF whose pages are either text (a real text layer) or a scanned image."""
    buffer = io.BytesIO()
    page_canvas = canvas.Canvas(buffer, pagesize=A4)
    for page in pages:
        if isinstance(page, Image.Image):
            page_canvas.drawImage(ImageReader(page), 0, 0, width=A4[0], height=A4[1])
        else:
            text = page_canvas.beginText(60, A4[1] - 80)
            text.setFont("Helvetica", 12)
            for line in page:
                text.textLine(line)
            page_canvas.drawText(text)
        page_canvas.showPage()
    page_canvas.save()
    return buffer.getvalue()


def encrypted_pdf(password: str = "secret") -> bytes:
    """A PDF that needs a user password to open."""
    buffer = io.BytesIO()
    page_canvas = canvas.Canvas(buffer, pagesize=A4, encrypt=password)
    page_canvas.drawString(60, 700, "Relevé confidentiel")
    page_canvas.showPage()
    page_canvas.save()
    return buffer.getvalue()
