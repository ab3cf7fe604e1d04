"""Plain text, HTML and JSON documents: decode, strip markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from capture.context import CaptureContext
from intake.models import PageCapture

_ENCODINGS = ("utf-8", "cp1252", "latin-1")
_SKIP = {"script", "style", "head", "title"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "blockquote"}


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 first, then the Windows and Latin-1 code pages."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")  # pragma: no cover - latin-1 never fails


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skipping += tag in _SKIP
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._skipping -= tag in _SKIP and self._skipping > 0
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML document, one block per line."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t\u00a0]+", " ", text)).strip()


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """One page with the decoded text."""
    text = decode(data[: ctx.max_bytes])
    if re.search(r"<(html|body|p|div|br)\b", text[:2000], re.IGNORECASE):
        text = html_to_text(text)
    return [PageCapture(number=1, text=text.strip(), method="text")]
