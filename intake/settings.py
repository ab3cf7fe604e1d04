"""Settings: read once at start-up from the environment (``INTAKE_*``) and an
optional TOML file (``INTAKE_CONFIG``); bad values stop the program with a
clear message. Stages never import this module: they get a frozen context.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from intake.errors import ConfigError

ENV_PREFIX = "INTAKE_"
DEFAULT_MEMBER_PATTERN = r"(?i)adh[ée]rent\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*(\d(?: ?\d){7})\b"
DEFAULT_POLICY_PATTERN = r"(?i)contrat\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*([A-Z]{2}-?\d(?: ?\d){5})\b"
CONNECTOR_KINDS = ("imap", "hotfolder", "calllog-amqp", "web")
MIN_API_KEY_LENGTH = 16


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


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (plain-text credentials are allowed only there)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Settings(BaseModel):
    """All knobs of an intake process."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path = Path(".intake")
    broker_url: str = ""
    store_url: str = ""
    rules_file: Path | None = None
    ocr_languages: str = "fra+eng"
    ocr_dpi: int = 300
    ocr_workers: int = 0
    pdf_text_layer: Literal["pdfium", "pdfplumber"] = "pdfium"
    max_item_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_attempts: int = 5
    retry_base_seconds: float = 0.5
    prefetch: int = 4
    # a worker that handles the next stage too runs it at once instead of through the queue
    chain_stages: bool = True
    member_number_pattern: str = DEFAULT_MEMBER_PATTERN
    policy_number_pattern: str = DEFAULT_POLICY_PATTERN
    link_window_days: int = 30
    log_format: str = "text"
    # channel connectors (see connectors/README.md)
    connectors: tuple[str, ...] = ()
    imap_mailboxes: tuple[ImapMailbox, ...] = ()
    hotfolder_dir: Path | None = None
    hotfolder_poll_seconds: float = 2.0
    hotfolder_settle_seconds: float = 5.0
    web_api_keys: tuple[str, ...] = ()
    web_max_bytes: int = 25 * 1024 * 1024
    web_public_form: bool = False
    web_rate_limit: int = Field(60, ge=0)  # requests a minute per API key; 0: no limit
    web_rate_burst: int = 20
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    calls_amqp_url: str = ""
    calls_exchange: str = ""
    calls_exchange_type: Literal["direct", "topic", "fanout", "headers"] = "topic"
    calls_routing_key: str = "#"
    calls_queue: str = "intake.calls"
    # outbound: acknowledgements, webhooks, events exchange (connectors/outbound/README.md)
    smtp_host: str = ""
    smtp_port: int | None = None
    smtp_tls: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = ""
    smtp_timeout_seconds: float = 30.0
    smtp_ca_file: Path | None = None
    ack_language: str = "fr"
    ack_resend_unconfirmed: bool = True
    outbound_templates_dir: Path | None = None
    webhook_urls: tuple[str, ...] = ()
    webhook_secret: SecretStr = SecretStr("")
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 5
    webhook_retry_base_seconds: float = 1.0
    events_exchange: str = "intake.events"
    # observability and the dashboard (connectors/dashboard/README.md)
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    dashboard_users: tuple[dict[str, Any], ...] = ()
    dashboard_session_secret: SecretStr | None = None
    # trained text classifier (classify/README.md); None: <data_dir>/models/classifier
    classifier_model: Path | None = None

    @field_validator("member_number_pattern", "policy_number_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str) -> str:
        try:
            if re.compile(value).groups < 1:
                raise ValueError("needs one capturing group for the number")
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @field_validator("ocr_dpi", "max_attempts", "max_pages", "prefetch", "max_item_bytes", "web_max_bytes",
                     "web_rate_burst", "hotfolder_poll_seconds", "hotfolder_settle_seconds")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("must be positive")
        return value

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("must be 'text' or 'json'")
        return value

    @field_validator("web_port")
    @classmethod
    def _web_port(cls, value: int) -> int:
        if not 0 < value < 65536:
            raise ValueError("port must be between 1 and 65535")
        return value

    @field_validator("connectors", "web_api_keys", "webhook_urls", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("imap_mailboxes", "dashboard_users", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"must be a JSON list of objects: {exc}") from None
        return [value] if isinstance(value, dict) else value

    @field_validator("imap_mailboxes")
    @classmethod
    def _unique_mailboxes(cls, value: tuple[ImapMailbox, ...]) -> tuple[ImapMailbox, ...]:
        names = [m.name for m in value]
        if len(names) != len(set(names)):
            raise ValueError(f"mailbox names must be unique (got {names})")
        return value

    @field_validator("web_api_keys")
    @classmethod
    def _strong_keys(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for key in value:
            hashed = key.startswith("sha256:") and re.fullmatch(r"[0-9a-f]{64}", key[7:])
            if not hashed and len(key) < MIN_API_KEY_LENGTH:
                raise ValueError(f"each API key needs {MIN_API_KEY_LENGTH}+ characters or the form sha256:<64 hex>")
        return value

    @model_validator(mode="after")
    def _connectors_configured(self) -> "Settings":
        for name in self.connectors:
            kind, _, target = name.partition(":")
            if kind not in CONNECTOR_KINDS:
                raise ValueError(f"INTAKE_CONNECTORS: unknown connector {name!r}; known: {', '.join(CONNECTOR_KINDS)}")
            if problem := self._connector_problem(kind, target):
                raise ValueError(f"INTAKE_CONNECTORS: connector {name!r} {problem}")
        return self

    def _connector_problem(self, kind: str, target: str) -> str | None:
        """Why connector ``kind`` (``target``: one mailbox) cannot run with these settings, if it cannot."""
        mailboxes = [m.name for m in self.imap_mailboxes]
        problems = {
            "imap": (not mailboxes or (target and target not in mailboxes), "needs INTAKE_IMAP_MAILBOXES entries"
                     + (f" (one named {target!r}; have {mailboxes})" if target else "")),
            "hotfolder": (self.hotfolder_dir is None, "needs INTAKE_HOTFOLDER_DIR"),
            "calllog-amqp": (not self.calls_exchange or not self.effective_calls_url.startswith(("amqp://", "amqps://")),
                             "needs INTAKE_CALLS_EXCHANGE and an amqp:// INTAKE_CALLS_AMQP_URL (or broker URL)"),
            "web": (not self.web_api_keys and not self.web_public_form,
                    "needs INTAKE_WEB_API_KEYS (or INTAKE_WEB_PUBLIC_FORM=true)"),
        }
        failed, message = problems[kind]
        return message if failed else None

    def connector_problem(self, name: str) -> str | None:
        """Why the connector ``name`` cannot run, or None when it is configured."""
        kind, _, target = name.partition(":")
        if kind not in CONNECTOR_KINDS:
            return f"unknown connector {name!r}; known: {', '.join(CONNECTOR_KINDS)}"
        return self._connector_problem(kind, target)

    @property
    def effective_calls_url(self) -> str:
        """The telephony broker; by default the intake broker itself."""
        return self.calls_amqp_url or self.broker_url

    @property
    def effective_broker_url(self) -> str:
        """The broker URL; the embedded default is kombu's filesystem transport."""
        return self.broker_url or "filesystem://"

    @property
    def effective_store_url(self) -> str:
        """The store URL; the embedded default is a local directory."""
        return self.store_url or f"file://{(self.data_dir / 'store').resolve()}"

    @property
    def bus_dir(self) -> Path:
        return (self.data_dir / "bus").resolve()

    @classmethod
    def load(cls, environ: dict[str, str] | None = None, **overrides: Any) -> "Settings":
        """Parse settings from file, environment and overrides (in that order)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = _read_file(env.get("INTAKE_CONFIG"))
        for name in cls.model_fields:
            raw = env.get(ENV_PREFIX + name.upper())
            if raw is not None and raw != "":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigError(_explain(exc)) from None


def _read_file(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        with open(path, "rb") as handle:
            return dict(tomllib.load(handle).get("intake", {}))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from None


def _explain(exc: ValidationError) -> str:
    lines = ["invalid settings:"]
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"])
        if not name:  # a check across several settings names them in its message
            lines.append(f"  {err['msg']}")
            continue
        secret = any(word in name for word in ("password", "secret")) or name.startswith("web_api_keys") \
            or name in {"imap_mailboxes", "dashboard_users"}
        shown = "<hidden>" if secret or isinstance(err.get("input"), dict) else repr(err.get("input"))
        lines.append(f"  {ENV_PREFIX}{name.upper()}: {err['msg']} (got {shown})")
    return "\n".join(lines)
