"""Search words: accents folded, and a search box's text turned into an FTS5 query.

The search box takes what people type into web search engines: words (all
must match), "a quoted phrase", ``-word`` to leave out, ``or`` between two
alternatives, ``word*`` for a prefix. Anything else is read as a word, so no
input can make a syntax error.
"""

from __future__ import annotations

import re
import unicodedata

TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without diacritics (``crèche`` -> ``creche``, ``Œuvre`` -> ``OEuvre``); case kept."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fts5_query(text: str) -> str:
    """The FTS5 MATCH expression for a search box's text ('' when nothing searchable is left)."""
    wanted: list[str] = []
    unwanted: list[str] = []
    either = False
    for match in TERM.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            either = bool(wanted)
            continue
        term = _term(phrase if phrase is not None else bare.lstrip("-"), prefix=bool(bare and bare.endswith("*")))
        if term is None:
            continue
        if minus or (bare is not None and bare.startswith("-") and len(bare) > 1):
            unwanted.append(term)
        elif either:
            wanted[-1], either = f"({wanted[-1]} OR {term})", False
        else:
            wanted.append(term)
    if not wanted:
        return ""
    return " AND ".join(wanted) + "".join(f" NOT {t}" for t in unwanted)


def _term(text: str, prefix: bool) -> str | None:
    """One quoted FTS5 phrase of the words in ``text`` (None if it has none)."""
    words = WORD.findall(text)
    if not words:
        return None
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")
