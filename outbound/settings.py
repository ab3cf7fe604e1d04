"""The outbound stage's settings: SMTP and acknowledgements, webhooks, the events exchange."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from intake.settings import CommaList, Section


class OutboundSettings(Section):
    """``INTAKE_SMTP_*``, ``INTAKE_ACK_*``, ``INTAKE_WEBHOOK_*``, ``INTAKE_EVENTS_EXCHANGE`` (outbound/README.md)."""

    smtp_host: str = ""
    smtp_port: int | None = Field(None, gt=0, lt=65536)
    smtp_tls: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = ""
    smtp_timeout_seconds: float = Field(30.0, gt=0)
    smtp_ca_file: Path | None = None
    ack_language: str = "fr"
    ack_resend_unconfirmed: bool = True
    outbound_templates_dir: Path | None = None
    webhook_urls: CommaList = ()
    webhook_secret: SecretStr = SecretStr("")
    webhook_timeout_seconds: float = 10.0
    webhook_max_attempts: int = 5
    webhook_retry_base_seconds: float = 1.0
    events_exchange: str = "intake.events"
