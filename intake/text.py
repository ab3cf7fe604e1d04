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
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman", "ascii"}
_MIN_GUESS_BYTES = 16  # below this a charset guess is a coin toss: the house default wins
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def guess_decode(data: bytes, declared: tuple[str, ...] = ()) -> str:
    """Bytes of unknown charset to text: UTF-8 if they are, else a charset the message
    declares elsewhere, else charset-normalizer's guess (Western European on a tie or a
    sample too short to tell, as French mail mostly is)."""
    for encoding in ("utf-8", *declared):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(_guessed_charset(data), errors="replace")


def _guessed_charset(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return "cp1252"
    least = min(m.percent_chaos for m in matches)
    calm = [m.encoding for m in matches if m.percent_chaos == least]
    if any(e in _WESTERN for e in calm) or len(data) < _MIN_GUESS_BYTES:
        return "cp1252"
    return calm[0]


def clean(text: str) -> str:
    """``text`` without NULs and other control characters (tabs and line breaks kept)."""
    return _CONTROLS.sub("", text)


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
