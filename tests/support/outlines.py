"""PDFs whose text is drawn as vector paths (glyph outlines), as "convert text to outlines" exports do.

Such a page has no text layer and no image: only paths. The outlines are read
from a real TrueType font with fontTools and drawn with reportlab.
"""

from __future__ import annotations

import io

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docs import FONT


class _PathPen(BasePen):
    """Draws fontTools glyph outlines into a reportlab path, scaled and moved to the pen position."""

    def __init__(self, glyphs, path, scale: float, x: float, y: float) -> None:
        super().__init__(glyphs)
        self.path, self.scale, self.x, self.y = path, scale, x, y

    def _at(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def _moveTo(self, point):
        self.path.moveTo(*self._at(point))

    def _lineTo(self, point):
        self.path.lineTo(*self._at(point))

    def _curveToOne(self, a, b, c):
        self.path.curveTo(*self._at(a), *self._at(b), *self._at(c))

    def _closePath(self):
        self.path.close()


def _draw_line(page: canvas.Canvas, font: TTFont, text: str, x: float, y: float, size: float) -> None:
    """One line of text as filled glyph outlines, advancing by each glyph's width."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    path = page.beginPath()
    for char in text:
        name = cmap.get(ord(char), ".notdef")
        glyphs[name].draw(_PathPen(glyphs, path, scale, x, y))
        x += glyphs[name].width * scale
    page.drawPath(path, stroke=0, fill=1, fillMode=1)


def outlined_pdf(pages: list[list[str]], whitespace_layer: bool = False, size: float = 14) -> bytes:
    """A PDF whose pages hold ``pages``' lines as outlines only (and, if asked, a text layer of spaces)."""
    font, buffer = TTFont(str(FONT)), io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for lines in pages:
        for number, line in enumerate(lines):
            _draw_line(page, font, line, 60, A4[1] - 90 - number * size * 1.6, size)
        if whitespace_layer:
            page.drawString(60, 60, "    ")
        page.showPage()
    page.save()
    return buffer.getvalue()
