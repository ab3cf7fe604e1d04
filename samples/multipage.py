"""Typed letters over several pages, numbered ("2/3", "Page 2/3", "Page 2") or not, and a feeder's scan of a page.

A letter of ``samples.letters`` is laid out by that module (its fonts,
blocks and lines); here the lines are spread over as many A4 pages as asked,
the letter lengthened with paragraphs of other letters on its topic.
"""

from __future__ import annotations

import random
from dataclasses import replace

from PIL import Image, ImageDraw

from samples.letters import (LetterSpec, _advance, _degrade, _draw, _font, _fonts, _layout, _Line, _page,
                                    _Page, make_letter, render_letter)

DPI = 300
PT = 11.0
FOOTER = 0.05  # share of the page height kept free at the bottom for the page number
NUMBERINGS = ("{n}/{m}", "Page {n}/{m}", "Page {n}", "- {n} -")


def letter_pages(spec: LetterSpec, count: int, numbered: bool, rng: random.Random) -> list[Image.Image]:
    """The letter as ``count`` A4 pages at 300 dpi (one page: exactly ``render_letter``'s)."""
    if count == 1:
        return [render_letter(spec, dpi=DPI)[0]]
    page, fonts = _page(DPI), _fonts(spec.font, PT, DPI)
    chunks = _paginate(_layout(_lengthen(spec, count, fonts, page, rng), fonts, page), fonts, page)
    images = [_draw(chunk, fonts, page) for chunk in chunks]
    if numbered:
        style = rng.choice(NUMBERINGS)
        for n, image in enumerate(images, start=1):
            _number(image, style.format(n=n, m=len(images)), spec.font, page)
    return images


def _lengthen(spec: LetterSpec, count: int, fonts: dict, page: _Page, rng: random.Random) -> LetterSpec:
    """The letter with paragraphs of other letters on its topic, one by one, until it fills ``count`` pages."""
    longer = spec
    while len(_paginate(_layout(longer, fonts, page), fonts, page)) < count:
        donor = make_letter(rng.randrange(1_000_000), spec.topic)
        longer = replace(longer, paragraphs=longer.paragraphs + (rng.choice(donor.paragraphs[1:]),))
    return longer


def _paginate(lines: list[_Line], fonts: dict, page: _Page) -> list[list[_Line]]:
    """The lines cut into pages: a page takes lines while they fit above its footer."""
    room = page.height * (1 - FOOTER) - 2 * page.top
    pages: list[list[_Line]] = [[]]
    used = 0.0
    for line in lines:
        if pages[-1] and used + _advance(line, fonts) > room:
            pages.append([])
            used, line = 0.0, line._replace(gap=0.0)  # a new page starts at its top margin
        pages[-1].append(line)
        used += _advance(line, fonts)
    return pages


def _number(image: Image.Image, text: str, family: str, page: _Page) -> None:
    font = _font(family, "body", round(10 * DPI / 72))
    x = (image.width - font.getlength(text)) / 2 if "Page" not in text else page.right - font.getlength(text)
    ImageDraw.Draw(image).text((x, page.height - page.top * 1.2), text, font=font, fill=0)


def scanned(image: Image.Image, rng: random.Random, seed: int) -> Image.Image:
    """The page as a feeder scans it: up to 1.5 degrees of skew, light grain and blur, 300 dpi."""
    page = _degrade(image, round(rng.uniform(-1.5, 1.5), 2), rng.uniform(0.05, 0.15), rng.uniform(0.3, 0.7), seed)
    page.info["dpi"] = (DPI, DPI)
    return page
