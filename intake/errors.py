"""One exception tree for the whole pipeline.

The worker runtime decides what to do from the type alone: retry a
:class:`RetryableError`, record and drop a :class:`SkipItem`, quarantine a
:class:`PermanentError`. Library errors are converted where they enter.
"""

from __future__ import annotations


class IntakeError(Exception):
    """Root of every error intake raises on purpose."""

    def __init__(self, message: str, **data: object) -> None:
        super().__init__(message)
        self.message = message
        self.data = data

    def __str__(self) -> str:
        if not self.data:
            return self.message
        details = ", ".join(f"{k}={v!r}" for k, v in sorted(self.data.items()))
        return f"{self.message} ({details})"


class ConfigError(IntakeError):
    """Settings or rules that cannot be used; raised at start-up."""


class RetryableError(IntakeError):
    """A transient failure (service down, timeout): try again later."""


class PermanentError(IntakeError):
    """The item itself is bad: retrying cannot help, quarantine it."""


class UnsupportedInput(PermanentError):
    """The bytes are of a type intake refuses or cannot read."""


class SkipItem(IntakeError):
    """Nothing to do for this item (already processed); ack without output."""


class StoreError(RetryableError):
    """The object store failed; usually transient."""


class NotFound(IntakeError):
    """An object or case that does not exist."""


class ServiceUnavailable(RetryableError):
    """A service intake needs (broker, object store, database) does not answer or refuses the login.

    ``service`` names it, ``setting`` the variable that points at it, ``url`` where it was
    looked for (without password), ``hint`` what to do; the command line prints them in two lines.
    """

    def __init__(self, service: str, setting: str, url: str, reason: str, hint: str) -> None:
        super().__init__(f"cannot use the {service} at {url} ({setting}): {reason}")
        self.service, self.setting, self.url, self.reason, self.hint = service, setting, url, reason, hint
