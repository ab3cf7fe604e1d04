"""Text as it arrives: bytes decoded, HTML stripped, and a folded form to match words on.

Channels (e-mail bodies, call logs) and stages (capture, classify, outbound)
all read text the same way, so the functions live in the kernel.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

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


def fold(text: str) -> str:
    """Lower-case, accent-free text with punctuation turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9€]+", " ", bare).split())
