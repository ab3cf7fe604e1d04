"""Plain text, HTML and JSON documents: decode, strip markup."""

from __future__ import annotations

import re

from capture.context import CaptureContext
from intake.models import PageCapture
from intake.text import decode, html_to_text


def extract(data: bytes, ctx: CaptureContext) -> list[PageCapture]:
    """One page with the decoded text."""
    text = decode(data[: ctx.max_bytes])
    if re.search(r"<(html|body|p|div|br)\b", text[:2000], re.IGNORECASE):
        text = html_to_text(text)
    return [PageCapture(number=1, text=text.strip(), method="text")]
