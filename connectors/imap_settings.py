"""The IMAP connector's settings: the mailboxes it reads (``INTAKE_IMAP_MAILBOXES``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode

from intake.settings import Section, is_loopback, json_objects


class ImapMailbox(BaseModel):
    """One mailbox the IMAP connector reads (``imap_mailboxes`` entries)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    host: str
    port: int | None = None
    user: str
    password: SecretStr
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    security: Literal["ssl", "starttls", "plain"] = "ssl"
    ca_file: Path | None = None
    idle: bool = True
    poll_seconds: float = 30.0
    timeout_seconds: float = 60.0

    @field_validator("name")
    @classmethod
    def _simple_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", value):
            raise ValueError("mailbox name must be letters, digits, '-', '_' or '.'")
        return value

    @field_validator("port")
    @classmethod
    def _port(cls, value: int | None) -> int | None:
        if value is not None and not 0 < value < 65536:
            raise ValueError("port must be between 1 and 65535")
        return value

    @field_validator("poll_seconds", "timeout_seconds")
    @classmethod
    def _positive_seconds(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("must be positive")
        return value

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> "ImapMailbox":
        if self.security == "plain" and not is_loopback(self.host):
            raise ValueError(f"mailbox {self.name!r}: security 'plain' is only allowed on loopback, not {self.host!r}")
        if len({self.folder, self.processed_folder, self.quarantine_folder}) != 3:
            raise ValueError(f"mailbox {self.name!r}: folder, processed_folder and quarantine_folder must differ")
        return self

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "ssl" else 143)


class ImapSettings(Section):
    """The mailboxes, as a JSON list of objects (or ``[[intake.imap_mailboxes]]`` tables in the file)."""

    imap_mailboxes: Annotated[tuple[ImapMailbox, ...], NoDecode] = ()

    @field_validator("imap_mailboxes", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        return json_objects(value)

    @field_validator("imap_mailboxes")
    @classmethod
    def _unique_names(cls, value: tuple[ImapMailbox, ...]) -> tuple[ImapMailbox, ...]:
        names = [m.name for m in value]
        if len(names) != len(set(names)):
            raise ValueError(f"mailbox names must be unique (got {names})")
        return value
