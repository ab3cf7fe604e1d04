"""Small SVG charts drawn on the server from the numbers of the page (no
JavaScript, no front-end build): horizontal bars and stacked day columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

PALETTE = {"email": "#3b6ea8", "letter": "#c27c2c", "webform": "#4b9a5b", "phone": "#8a5aa8"}
DEFAULT_COLOUR = "#5b6b7b"


def colour(name: str) -> str:
    """The colour of a series (channel), the same on every chart."""
    return PALETTE.get(name, DEFAULT_COLOUR)


def bars(rows: Sequence[tuple[str, int]], label: str, names: Mapping[str, str] | None = None,
         width: int = 420, bar_height: int = 22) -> Markup:
    """Horizontal bars, one per (key, value), named by ``names`` (else the key), the value at the end."""
    left, top, names = 150, 6, names or {}
    scale = (width - left - 40) / max([v for _, v in rows] + [1])
    height = top * 2 + bar_height * len(rows)
    shapes = [_bar(i, key, names.get(key, key), value, (left, top, bar_height), scale)
              for i, (key, value) in enumerate(rows)]
    return _svg(width, height, label, "".join(shapes))


def _bar(i: int, key: str, name: str, value: int, box: tuple[int, int, int], scale: float) -> str:
    left, top, h = box
    y, w = top + i * h, value * scale
    return (f'<text x="{left - 6}" y="{y + h * .7:.1f}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{h - 6}" fill="{colour(key)}">'
            f'<title>{escape(name)} : {value}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + h * .7:.1f}">{value}</text>')


def stacked_columns(days: Sequence[tuple[str, dict[str, int]]], label: str, names: Mapping[str, str] | None = None,
                    width: int = 460, height: int = 190) -> Markup:
    """One column per day, stacked by series (channel, named by ``names``), with the day's total above it."""
    bottom, top = height - 22, 18
    step = width / max(len(days), 1)
    scale = (bottom - top) / max([sum(v.values()) for _, v in days] + [1])
    shapes = [_column(i * step, step * 0.6, day, values, bottom, scale, names or {})
              for i, (day, values) in enumerate(days)]
    return _svg(width, height, label, "".join(shapes))


def _column(x: float, w: float, day: str, values: dict[str, int], bottom: int, scale: float,
            names: Mapping[str, str]) -> str:
    parts, y = [], float(bottom)
    for name, value in values.items():
        if value:
            y -= value * scale
            parts.append(f'<rect x="{x + w * .3:.1f}" y="{y:.1f}" width="{w:.1f}" height="{value * scale:.1f}" '
                         f'fill="{colour(name)}"><title>{escape(day)} {escape(names.get(name, name))} : {value}</title></rect>')
    centre = x + w * .8
    parts.append(f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle">{sum(values.values())}</text>')
    parts.append(f'<text x="{centre:.1f}" y="{bottom + 15}" text-anchor="middle">{escape(day)}</text>')
    return "".join(parts)


def legend(keys: Sequence[str], names: Mapping[str, str] | None = None) -> Markup:
    """Colour keys for the series, as HTML (each colour a small SVG square: no style attribute, which
    the Content-Security-Policy forbids)."""
    names = names or {}
    swatch = '<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="{}"/></svg>'
    keys = (Markup(f'<span class="key">{swatch}{{}}</span>').format(colour(k), names.get(k, k)) for k in keys)
    return Markup(" ").join(keys)


def _svg(width: int, height: int, label: str, body: str) -> Markup:
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')
