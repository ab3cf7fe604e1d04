"""Parsing one e-mail (RFC 5322 bytes) into a draft, with the standard library.

Encoded-word subjects and names are decoded; the text part is preferred over
HTML; attachments keep their declared type only as a hint (capture sniffs the
real one). Threading headers are kept for case linking.
"""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime

from intake.drafts import Draft, FileDraft
from intake.models import Party, sha256_hex
from intake.text import decode, html_to_text

KEPT_HEADERS = (
    "message-id", "in-reply-to", "references", "from", "to", "cc", "date", "subject", "reply-to",
    "return-path", "auto-submitted", "x-autoreply", "x-autorespond", "precedence", "x-auto-response-suppress",
    "content-type", "x-failed-recipients", "list-id", "x-loop",
)


def parse_email(raw: bytes, source: str, fallback_time: datetime | None = None) -> Draft:
    """A draft from the raw bytes of one message."""
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[assignment]
    headers = {name: _header(message, name) for name in KEPT_HEADERS}
    headers = {k: v for k, v in headers.items() if v}
    name, address = parseaddr(headers.get("from", ""))
    return Draft(
        channel="email", source=source, source_id=headers.get("message-id") or f"sha256:{sha256_hex(raw)}",
        received_at=_date(headers.get("date"), fallback_time), sender=Party(name=name or None, email=address or None),
        subject=headers.get("subject", ""), body=_body(message), raw=raw, files=_files(message), headers=headers,
    )


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):  # malformed header: keep what can be read raw
        value = next((v for k, v in message.raw_items() if k.lower() == name), None)
    return " ".join(str(value).split()) if value is not None else ""


def _date(value: str | None, fallback: datetime | None) -> datetime:
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (ValueError, TypeError):
        parsed = None
    if parsed is None:
        return fallback or datetime.now(timezone.utc)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _body(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, TypeError, AttributeError):
        part = None
    if part is None:
        return ""
    text = _part_text(part)
    return html_to_text(text) if part.get_content_subtype() == "html" else text.strip()


def _part_text(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError, KeyError):  # unknown or lying charset
        return decode(part.get_payload(decode=True) or b"")


def _files(message: EmailMessage) -> list[FileDraft]:
    files = []
    for index, part in enumerate(_attachments(message), start=1):
        data = part.get_payload(decode=True)
        if isinstance(data, bytes) and data:
            name = part.get_filename() or f"attachment-{index}"
            files.append(FileDraft(filename=name, data=data, declared_type=part.get_content_type()))
    return files


def _attachments(message: EmailMessage) -> list[EmailMessage]:
    try:
        return list(message.iter_attachments())
    except (KeyError, TypeError, AttributeError):
        return []
