"""Sending one message over SMTP (none, STARTTLS or implicit TLS), errors sorted.

A refusal of this message or its recipient (5xx to RCPT or DATA) is final:
:class:`MailRefused`, so the caller records it instead of retrying forever.
Everything else (server down, 4xx, authentication, our sender refused) is
:class:`RetryableError`: the worker retries, then quarantines for a person.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from intake.errors import IntakeError, RetryableError
from outbound.config import SmtpConfig


class MailRefused(IntakeError):
    """The server refused this message or its recipient for good (5xx)."""


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    """An open (and, unless tls is none, encrypted and logged-in) SMTP session."""
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    if config.tls == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.effective_port, timeout=config.timeout_seconds,
                                                context=context)
    else:
        client = smtplib.SMTP(config.host, config.effective_port, timeout=config.timeout_seconds)
    try:
        if config.tls == "starttls":
            client.starttls(context=context)
        if config.username:
            client.login(config.username, config.password)
    except BaseException:
        client.close()
        raise
    return client


def _refused(exc: smtplib.SMTPException) -> bool:
    """Whether the error is a final refusal of this message (not of us, not transient)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPDataError) and exc.smtp_code >= 500


def send(config: SmtpConfig, message: EmailMessage) -> None:
    """Send ``message``; returns once the server accepted it (250 after DATA)."""
    try:
        client = _connect(config)
        try:
            client.send_message(message, from_addr=config.address)
        finally:
            _quit(client)
    except smtplib.SMTPException as exc:
        if _refused(exc):
            raise MailRefused("the mail server refused the acknowledgement", error=type(exc).__name__) from exc
        raise RetryableError("SMTP send failed", host=config.host, error=type(exc).__name__) from exc
    except OSError as exc:
        raise RetryableError("SMTP server unreachable", host=config.host, error=type(exc).__name__) from exc


def _quit(client: smtplib.SMTP) -> None:
    """Close politely; the message is already accepted, so a failing QUIT changes nothing."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
