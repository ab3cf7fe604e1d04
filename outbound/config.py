"""Outbound settings as frozen values: SMTP, acknowledgements, webhooks, the events exchange.

The caller builds them once (``from_settings``); every check runs here, so a bad
value stops the program at start-up rather than at the first acknowledgement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from urllib.parse import urlsplit

from intake.backoff import Backoff
from intake.errors import ConfigError
from intake.settings import is_loopback
from outbound.settings import OutboundSettings

TlsMode = Literal["none", "starttls", "ssl"]
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
EVENTS_EXCHANGE = "intake.events"

# How the member is told who handles the request: the rules' descriptions are written
# for the office ("Relecture — le classement automatique n'est pas sûr"), not for members.
FRIENDLY_TEAMS: Mapping[str, str] = MappingProxyType({
    "general": "l'équipe de gestion santé",
    "expert-hospitalisation": "nos gestionnaires spécialisés en hospitalisation",
    "expert-dental": "nos gestionnaires spécialisés en soins dentaires",
    "expert-optical": "nos gestionnaires spécialisés en optique",
    "complaints": "notre cellule réclamations",
    "review": "l'équipe de gestion santé",
})


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how acknowledgements are sent."""

    host: str
    from_address: str
    port: int | None = None
    tls: TlsMode = "starttls"
    username: str = ""
    password: str = field(default="", repr=False)
    timeout_seconds: float = 30.0
    ca_file: Path | None = None  # a private CA for an in-house relay; else the system's

    def __post_init__(self) -> None:
        if self.tls not in DEFAULT_PORTS:
            raise ConfigError(f"INTAKE_SMTP_TLS must be none, starttls or ssl (got {self.tls!r})")
        if "@" not in parseaddr(self.from_address)[1]:
            raise ConfigError("INTAKE_SMTP_FROM needs an address, e.g. 'Pôle santé <sante@mutuelle.example>'")
        # a password never crosses the network in clear; a local relay on loopback may do without TLS
        if self.tls == "none" and self.username and not is_loopback(self.host):
            raise ConfigError(f"INTAKE_SMTP_TLS=none with credentials is only allowed on loopback, not {self.host!r}")

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.tls]

    @property
    def address(self) -> str:
        """The bare sender address (no display name)."""
        return parseaddr(self.from_address)[1].lower()

    @property
    def domain(self) -> str:
        """Our mail domain: Message-IDs are made in it, and we never acknowledge to it."""
        return self.address.rsplit("@", 1)[1]


@dataclass(frozen=True)
class WebhookConfig:
    """Which URLs get every case event, signed with ``secret``, and how hard we try."""

    urls: tuple[str, ...] = field(repr=False)  # a URL may carry a token
    secret: str = field(default="", repr=False)
    timeout_seconds: float = 10.0
    max_attempts: int = 5
    retry_base_seconds: float = 1.0
    retry_max_seconds: float = 30.0

    def __post_init__(self) -> None:
        if len(self.secret) < 16:
            raise ConfigError("INTAKE_WEBHOOK_SECRET needs 16+ characters when INTAKE_WEBHOOK_URLS is set")
        for url in self.urls:
            if urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).hostname:
                raise ConfigError(f"INTAKE_WEBHOOK_URLS: not an http(s) URL: {urlsplit(url).netloc or url[:40]!r}")
        if self.max_attempts < 1 or self.timeout_seconds <= 0:
            raise ConfigError("INTAKE_WEBHOOK_MAX_ATTEMPTS and INTAKE_WEBHOOK_TIMEOUT_SECONDS must be positive")

    @property
    def backoff(self) -> Backoff:
        """The waits between attempts."""
        return Backoff(self.retry_base_seconds, self.retry_max_seconds)


@dataclass(frozen=True)
class OutboundConfig:
    """Everything the outbound stage needs; a part left at None is switched off."""

    smtp: SmtpConfig | None = None
    webhooks: WebhookConfig | None = None
    events_exchange: str = EVENTS_EXCHANGE
    language: str = "fr"
    templates_dir: Path | None = None
    resend_unconfirmed: bool = True
    team_names: Mapping[str, str] = field(default_factory=lambda: FRIENDLY_TEAMS)


def team_names(teams: Mapping[str, str]) -> dict[str, str]:
    """Member-facing wording per team: the friendly map, else the rules' description."""
    named = {team: f"l'équipe « {description.split(' — ')[0].strip()} »" for team, description in teams.items()}
    return named | dict(FRIENDLY_TEAMS)


def _secret(value: Any) -> str:
    """A plain string from a pydantic SecretStr or a str."""
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value or "")


def smtp_from_settings(s: OutboundSettings) -> SmtpConfig | None:
    """The SMTP part of the settings, or None when no host is set (no acknowledgements)."""
    if not s.smtp_host:
        return None
    return SmtpConfig(host=s.smtp_host, from_address=s.smtp_from, port=s.smtp_port, tls=s.smtp_tls,
                      username=s.smtp_user, password=_secret(s.smtp_password), timeout_seconds=s.smtp_timeout_seconds,
                      ca_file=s.smtp_ca_file)


def webhooks_from_settings(s: OutboundSettings) -> WebhookConfig | None:
    """The webhook part of the settings, or None when no URL is set."""
    if not s.webhook_urls:
        return None
    return WebhookConfig(urls=tuple(s.webhook_urls), secret=_secret(s.webhook_secret),
                         timeout_seconds=s.webhook_timeout_seconds, max_attempts=s.webhook_max_attempts,
                         retry_base_seconds=s.webhook_retry_base_seconds)


def from_settings(settings: OutboundSettings, teams: Mapping[str, str]) -> OutboundConfig:
    """The outbound config from its settings and the rules' teams; ConfigError if unusable."""
    return OutboundConfig(
        smtp=smtp_from_settings(settings), webhooks=webhooks_from_settings(settings),
        events_exchange=settings.events_exchange, language=settings.ack_language,
        templates_dir=settings.outbound_templates_dir, resend_unconfirmed=settings.ack_resend_unconfirmed,
        team_names=MappingProxyType(team_names(teams)),
    )
