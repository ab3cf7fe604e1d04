"""The pages of a mailroom stack that are not typed letters, drawn as 300-dpi scans.

Separator sheets (Kodak patch codes drawn from ``capture.batch.patch``'s own
bar table, Code 128 and QR codes from zxing-cpp), duplex backs (paper noise,
a scanner's dark edge, the front showing through), a page holding only a
signature or a stamp, a handwritten-looking letter, a postal envelope with
its stamp and postmark, a reply form with a case-reference barcode, and an
invoice sent along with a letter. Every function takes its own
``random.Random`` so a seed gives the same page.
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from capture.batch.patch import patch_bars
from samples.letters import _font, _page  # the letters' own fonts and A4 page

DPI = 300
MM = DPI / 25.4


def blank_page(size: tuple[int, int] | None = None) -> Image.Image:
    """A white page, A4 at 300 dpi unless ``size`` is given."""
    page = _page(DPI)
    return Image.new("L", size or (page.width, page.height), 255)


def caption(pen: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, pt: float = 14, style: str = "bold") -> None:
    """A line of text at ``xy`` (pixels), ``pt`` points high."""
    pen.text(xy, text, font=_font("dejavu-sans", style, round(pt * DPI / 72)), fill=0)


# -- separator sheets ----------------------------------------------------------------------------


def patch_sheet(name: str) -> Image.Image:
    """A patch sheet: the patch twice across the top (2.5-inch bars), and a caption."""
    image = blank_page()
    pen = ImageDraw.Draw(image)
    top, length = 1.0 * DPI, 2.5 * DPI
    for left in (0.6 * DPI, image.width - 0.6 * DPI - length):
        for start, end in patch_bars(name, DPI):
            pen.rectangle([left, top + start, left + length, top + end - 1], fill=0)
    caption(pen, (0.6 * DPI, 2.6 * DPI), f"PATCH {'II' if name == '2' else name}")
    caption(pen, (0.6 * DPI, 3.0 * DPI), "Feuille de séparation - ne pas retirer", 11, "body")
    return image


def barcode_sheet(text: str, symbology: str) -> Image.Image:
    """A separator sheet with one Code 128 or QR code of ``text``, and a caption."""
    image = blank_page()
    code = barcode_image(text, symbology, module_mm=0.5 if symbology == "Code128" else 1.2)
    image.paste(code, ((image.width - code.width) // 2, round(1.0 * DPI)))
    pen = ImageDraw.Draw(image)
    caption(pen, (0.9 * DPI, 1.0 * DPI + code.height + 0.4 * DPI), "Feuille de séparation - ne pas retirer", 11, "body")
    return image


def barcode_image(text: str, symbology: str, module_mm: float) -> Image.Image:
    """A barcode drawn by zxing-cpp, ``module_mm`` per module, 15 mm high for a linear code."""
    import zxingcpp

    code = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, symbology))
    image = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(code, scale=max(1, round(module_mm * MM)))))
    if image.height < 15 * MM:  # a linear code comes one module high
        image = image.resize((image.width, round(15 * MM)), Image.Resampling.NEAREST)
    return image.convert("L")


# -- near-empty pages and backs ------------------------------------------------------------------


def duplex_back(rng: random.Random, front: Image.Image | None) -> Image.Image:
    """A back side: paper, dust, sometimes the front showing through faintly, sometimes a dark scanner edge."""
    image = blank_page(front.size if front is not None else None)
    if front is not None and rng.random() < 0.4:
        strength = rng.uniform(0.04, 0.2)  # ink shows through at 4-20 % of its darkness
        mirrored = np.asarray(ImageOps.mirror(front.filter(ImageFilter.GaussianBlur(3))), dtype=np.float32)
        image = Image.fromarray((255 - (255 - mirrored) * strength).astype(np.uint8))
    if rng.random() < 0.3:
        edge = rng.choice(("left", "right", "top", "bottom"))
        ImageDraw.Draw(image).rectangle(_edge_box(image.size, edge, rng.uniform(1, 5) * MM), fill=rng.randint(20, 60))
    _dust(ImageDraw.Draw(image), rng, image.size)
    return image


def _dust(pen: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]) -> None:
    """Up to 30 dark specks, 2 to 8 pixels across, anywhere on the page."""
    for _ in range(rng.randint(0, 30)):
        x, y, r = rng.uniform(0, size[0]), rng.uniform(0, size[1]), rng.uniform(1, 4)
        pen.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(0, 90))


def _edge_box(size: tuple[int, int], edge: str, depth: float) -> list[float]:
    width, height = size
    return {"left": [0, 0, depth, height], "right": [width - depth, 0, width, height],
            "top": [0, 0, width, depth], "bottom": [0, height - depth, width, height]}[edge]


def signature_page(rng: random.Random) -> Image.Image:
    """A page with nothing but a handwritten signature in its lower half."""
    image = blank_page()
    signature(ImageDraw.Draw(image), rng, (rng.uniform(0.45, 0.65) * image.width, rng.uniform(0.5, 0.8) * image.height))
    return image


def signature(pen: ImageDraw.ImageDraw, rng: random.Random, at: tuple[float, float]) -> None:
    """A signature: a few looping strokes about 45 mm wide, and an underline."""
    x0, y0 = at
    width, loops = rng.uniform(35, 55) * MM, rng.randint(3, 6)
    points = [(x0 + width * t / 200 + 6 * MM * math.sin(t / 200 * loops * 2 * math.pi + 1.3) * 0.4,
               y0 - 7 * MM * math.sin(t / 200 * loops * math.pi) ** 2 * rng.uniform(0.8, 1.0) + 2 * MM * math.cos(t / 17))
              for t in range(201)]
    pen.line(points, fill=rng.randint(10, 60), width=rng.randint(3, 6), joint="curve")
    pen.line([(x0 - 3 * MM, y0 + 4 * MM), (x0 + width * 1.05, y0 + 2 * MM)], fill=40, width=4)


def stamp_page(rng: random.Random, doctor: str) -> Image.Image:
    """A page with nothing but a practitioner's rubber stamp, slightly askew."""
    stamp = Image.new("L", (round(62 * MM), round(26 * MM)), 255)
    pen = ImageDraw.Draw(stamp)
    pen.rectangle([3, 3, stamp.width - 4, stamp.height - 4], outline=70, width=5)
    for row, text in enumerate((doctor, "Médecin généraliste", "12 place Bellecour 69002 Lyon")):
        pen.text((5 * MM, (4 + row * 7) * MM), text, font=_font("dejavu-sans", "bold" if row == 0 else "body",
                                                                    round(9 * DPI / 72)), fill=70)
    stamp = stamp.rotate(rng.uniform(-8, 8), expand=True, fillcolor=255)
    image = blank_page()
    image.paste(stamp, (round(rng.uniform(0.15, 0.55) * image.width), round(rng.uniform(0.3, 0.7) * image.height)))
    return image
