"""The web app's settings: the submissions API, the public form, the dashboard."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode

from intake.settings import CommaList, Section, json_objects

MIN_API_KEY_LENGTH = 16


class WebSettings(Section):
    """``INTAKE_WEB_*`` and ``INTAKE_DASHBOARD_*`` (web/dashboard/README.md)."""

    web_api_keys: CommaList = ()
    web_max_bytes: int = Field(25 * 1024 * 1024, gt=0)
    web_public_form: bool = False
    web_rate_limit: int = Field(60, ge=0)  # requests a minute per API key; 0: no limit
    web_rate_burst: int = Field(20, gt=0)
    web_host: str = "127.0.0.1"
    web_port: int = Field(8080, gt=0, lt=65536)
    web_trusted_proxies: CommaList = ()  # addresses or networks whose X-Forwarded-For/-Proto are believed
    web_internal_host: str = "127.0.0.1"  # /metrics, /docs, /openapi.json (web/internal.py)
    web_internal_port: int = Field(9180, gt=0, lt=65536)
    dashboard_users: Annotated[tuple[dict[str, Any], ...], NoDecode] = ()
    dashboard_session_secret: SecretStr | None = None
    dashboard_login_free_failures: int = Field(3, ge=0)  # per user name, then waits that double
    dashboard_login_free_failures_per_address: int = Field(20, ge=0)  # per client address
    dashboard_login_backoff_seconds: float = Field(1.0, gt=0)  # the first wait (capped at 15 min)

    @field_validator("dashboard_users", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        return json_objects(value)

    @field_validator("web_api_keys")
    @classmethod
    def _strong_keys(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for key in value:
            hashed = key.startswith("sha256:") and re.fullmatch(r"[0-9a-f]{64}", key[7:])
            if not hashed and len(key) < MIN_API_KEY_LENGTH:
                raise ValueError(f"each API key needs {MIN_API_KEY_LENGTH}+ characters or the form sha256:<64 hex>")
        return value

    @field_validator("web_trusted_proxies")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network (no names, no '*')") from None
        return value

    @model_validator(mode="after")
    def _two_ports(self) -> WebSettings:
        if self.web_internal_port == self.web_port:
            raise ValueError("INTAKE_WEB_INTERNAL_PORT must differ from INTAKE_WEB_PORT")
        return self

    def problem(self) -> str | None:
        """Why the web app cannot serve submissions with these settings, or None."""
        if not self.web_api_keys and not self.web_public_form:
            return "needs INTAKE_WEB_API_KEYS (or INTAKE_WEB_PUBLIC_FORM=true)"
        return None
