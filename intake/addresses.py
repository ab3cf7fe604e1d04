"""Whether an address is a mailbox we may write to, by email-validator (no DNS look-up).

A reply goes only to an address that is one deliverable mailbox by the RFC 5322
and RFC 6531 grammar: ``Big Bug bb@bug.com`` (an address with a display name
glued on), ``jean..x@a.fr``, ``x@localhost`` or ``a@[127.0.0.1]`` are not. The
domain's mail servers are not looked up here: that is the SMTP relay's job, and
it keeps the channels fast and the tests off the network.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

MAX_ADDRESS = 254  # RFC 5321's limit on a forward path


def mailbox(text: str | None) -> str | None:
    """The normalised address when ``text`` is exactly one deliverable mailbox, else None."""
    candidate = (text or "").strip()
    if not candidate or len(candidate) > MAX_ADDRESS:
        return None
    try:
        checked = validate_email(candidate, check_deliverability=False, allow_quoted_local=False)
    except (EmailNotValidError, ValueError, UnicodeError):
        return None
    return checked.normalized.lower()
