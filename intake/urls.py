"""URLs as they may be shown: without their password."""

from __future__ import annotations

from urllib.parse import urlsplit


def redacted(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for logs and error messages)."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return "<unparsable URL>"
    if not password:
        return url
    return url.replace(f":{password}@", ":***@", 1)


def scheme(url: str) -> str:
    """The URL's scheme, lower case ("" when there is none)."""
    return url.partition("://")[0].lower() if "://" in url else ""
