"""Parsing one e-mail (RFC 5322 bytes) into a draft, with the standard library.

Headers are read as RFC 2047 and 5322 say, where the standard parser does not:
adjacent encoded words are joined without the spaces it puts between them (a
name split over several words stays one name), and 8-bit bytes a header carries
without declaring a charset are decoded with a guess (intake.text.guess_decode:
the charsets the message declares, then charset-normalizer) instead of becoming
replacement characters. NULs and control characters are removed. The sender's
address is kept only when it is one deliverable mailbox (intake.addresses), so a
reply never goes to ``Big Bug bb@bug.com``. A file with no mail header at all is
not an e-mail and is refused. The ``Date`` header is what the sender claims: it
is kept as the claimed time, never as the received time (intake.clock). The text
part is preferred over HTML; attachments keep their declared type only as a hint
(capture sniffs the real one). Threading headers are kept for case linking.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from intake.addresses import mailbox
from intake.clock import claimed_meta, received_time
from intake.drafts import Draft, FileDraft
from intake.errors import PermanentError
from intake.models import Party, sha256_hex
from intake.text import clean, decode, guess_decode, html_to_text

KEPT_HEADERS = (
    "message-id", "in-reply-to", "references", "from", "to", "cc", "date", "subject", "reply-to",
    "return-path", "auto-submitted", "x-autoreply", "x-autorespond", "precedence", "x-auto-response-suppress",
    "content-type", "x-failed-recipients", "list-id", "x-loop",
)
# RFC 5322's fields (origin, destination, identification, information, trace) and MIME-Version:
# a file with none of them is not an e-mail
MAIL_HEADERS = {"from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references",
                "subject", "comments", "keywords", "date", "received", "return-path", "mime-version"}
MAX_HEADER = 4000  # characters of one header kept (a References list of a long thread fits)
_ADJACENT_WORDS = re.compile(r"(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?)")
_ESCAPED = re.compile("[\udc80-\udcff]")
PARSE_ERRORS = (ValueError, LookupError, TypeError, AttributeError, UnicodeError, AssertionError,
                email.errors.MessageError)


def parse_email(raw: bytes, source: str, stamp: datetime | None = None) -> Draft:
    """A draft from the raw bytes of one message; ``stamp``: when our server got it (IMAP
    INTERNALDATE, the file's time), used as the received time when it is sane."""
    message = _message(raw)
    raw_headers = _raw_headers(message)
    if not MAIL_HEADERS & set(raw_headers):
        raise PermanentError("ce fichier n'est pas un courriel : il n'a aucun en-tête de message")
    declared = _declared_charsets(message)
    headers = {k: v for k in KEPT_HEADERS if (v := _header(k, raw_headers.get(k), declared))}
    return Draft(
        channel="email", source=source, source_id=headers.get("message-id") or f"sha256:{sha256_hex(raw)}",
        received_at=received_time(stamp), sender=_sender(raw_headers.get("from"), declared),
        subject=headers.get("subject", ""), body=clean(_body(message)), raw=raw, files=_files(message),
        headers=headers, meta=claimed_meta(_date(headers.get("date"))),
    )


def _message(raw: bytes) -> EmailMessage:
    try:
        return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]
    except PARSE_ERRORS as exc:
        raise PermanentError("ce courriel est illisible : sa structure est endommagée",
                             error=type(exc).__name__) from None


def _raw_headers(message: EmailMessage) -> dict[str, str]:
    """Each header's first value as it came (8-bit bytes still escaped), by lower-case name."""
    found: dict[str, str] = {}
    for name, value in message.raw_items():
        found.setdefault(str(name).strip().lower(), str(value))
    return found


def _declared_charsets(message: EmailMessage) -> tuple[str, ...]:
    """The charsets the message's parts declare: the likeliest of its undeclared header bytes."""
    try:
        return tuple(dict.fromkeys(c for c in message.get_charsets() if c))
    except PARSE_ERRORS:
        return ()


def _header(name: str, value: str | None, declared: tuple[str, ...]) -> str:
    """A header's text: 8-bit bytes decoded, encoded words joined and decoded, on one clean line."""
    if value is None:
        return ""
    text = _unescaped(value, declared)
    try:
        text = str(email.policy.default.header_factory(name, _ADJACENT_WORDS.sub(r"\1", text)))
    except PARSE_ERRORS:
        pass  # malformed beyond repair: the text as it came
    return " ".join(clean(text).split())[:MAX_HEADER]


def _unescaped(value: str, declared: tuple[str, ...]) -> str:
    """Undeclared 8-bit header bytes (kept escaped by the parser) decoded with a charset guess."""
    if not _ESCAPED.search(value):
        return value
    return guess_decode(value.encode("utf-8", "surrogateescape"), declared)


def _sender(value: str | None, declared: tuple[str, ...]) -> Party:
    """The sender's name and, when it is one deliverable mailbox, address."""
    if value is None:
        return Party()
    text = _ADJACENT_WORDS.sub(r"\1", _unescaped(value, declared))
    try:
        addresses = email.policy.default.header_factory("from", text).addresses
    except PARSE_ERRORS:
        return Party()
    if len(addresses) != 1:
        return Party()
    name = " ".join(clean(addresses[0].display_name or "").split())[:200]
    return Party(name=name or None, email=mailbox(_addr_spec(addresses[0])))


def _addr_spec(address: object) -> str:
    try:
        return str(address.addr_spec)  # type: ignore[attr-defined]
    except PARSE_ERRORS:
        return ""


def _date(value: str | None) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (ValueError, TypeError, OverflowError, IndexError):
        return None


def _body(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except PARSE_ERRORS + (KeyError,):
        part = None
    if part is None:
        return ""
    text = _part_text(part)
    return html_to_text(text) if part.get_content_subtype() == "html" else text.strip()


def _part_text(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except PARSE_ERRORS + (KeyError,):  # unknown or lying charset
        return decode(part.get_payload(decode=True) or b"")


def _files(message: EmailMessage) -> list[FileDraft]:
    files = []
    for index, part in enumerate(_attachments(message), start=1):
        data = _payload(part)
        if data:
            files.append(FileDraft(filename=_filename(part) or f"attachment-{index}", data=data,
                                   declared_type=part.get_content_type()))
    return files


def _payload(part: EmailMessage) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except PARSE_ERRORS:
        return b""
    return data if isinstance(data, bytes) else b""


def _filename(part: EmailMessage) -> str:
    try:
        return clean(part.get_filename() or "")
    except PARSE_ERRORS:
        return ""


def _attachments(message: EmailMessage) -> list[EmailMessage]:
    try:
        return list(message.iter_attachments())
    except PARSE_ERRORS + (KeyError,):
        return []
