"""Logging set-up: text or JSON lines, with personal data masked and the
correlation id of the item being handled on every line.

The mask is the last line of defence: code logs ids, not content, but a
library error message may still quote an address or a number. It covers the
message, the traceback and the stack of every record, in both formats, and
the web server's own loggers (uvicorn's) go through the same handler. The correlation
id (the envelope id) is set by a hook when a stage starts on an item, so every
line any stage or library logs for that item can be found with one search.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator
from contextvars import ContextVar, Token

_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "<email>"),
    (re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b"), "<iban>"),
    (re.compile(r"\b[1-478]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b"), "<nir>"),
    (re.compile(r"(?:\+33\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b"), "<phone>"),
)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s]: %(message)s"

# a ContextVar, not a thread-local: it follows the item into asyncio tasks and copied contexts too
correlation_id: ContextVar[str | None] = ContextVar("intake_correlation_id", default=None)


def mask(text: str) -> str:
    """``text`` with e-mail addresses, IBANs, NIRs and phone numbers masked."""
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def set_correlation_id(value: str | None) -> Token:
    """Tag the log lines that follow (in this context) with ``value``; returns the token to reset."""
    return correlation_id.set(value)


def reset_correlation_id(token: Token) -> None:
    """Restore the correlation id that was current before ``set_correlation_id``."""
    correlation_id.reset(token)


@contextlib.contextmanager
def correlated(value: str | None) -> Iterator[None]:
    """Tag every log line inside the block with ``value``."""
    token = set_correlation_id(value)
    try:
        yield
    finally:
        reset_correlation_id(token)


class MaskingFilter(logging.Filter):
    """Masks personal data in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask(record.getMessage())
        record.args = ()
        return True


class CorrelationFilter(logging.Filter):
    """Stamps each record with the current correlation id (``-`` when there is none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "correlation_id", None):
            record.correlation_id = correlation_id.get() or "-"
        return True


class MaskingTextFormatter(logging.Formatter):
    """The text format, with personal data masked in tracebacks and stacks too (the filter sees only the message)."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return mask(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return mask(super().formatStack(stack_info))


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        body = {"at": self.formatTime(record), "level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        found = getattr(record, "correlation_id", None) or correlation_id.get()
        if found and found != "-":
            body["correlation_id"] = found
        if record.exc_info:
            body["error"] = mask(self.formatException(record.exc_info))
        if record.stack_info:
            body["stack"] = mask(self.formatStack(record.stack_info))
        return json.dumps(body, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text") -> None:
    """Configure the root logger once, masking personal data."""
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationFilter())
    handler.addFilter(MaskingFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else MaskingTextFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("pdfminer", "urllib3", "amqp", "kombu"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for server in ("uvicorn", "uvicorn.error", "uvicorn.access"):  # through this handler, never their own
        logging.getLogger(server).handlers[:] = []
        logging.getLogger(server).propagate = True
