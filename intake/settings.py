"""Settings: read once at start-up from the environment (``INTAKE_*``) and an
optional TOML file (``INTAKE_CONFIG``); bad values stop the program with a
clear message. Stages never import this module: they get a frozen context.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from intake.errors import ConfigError

ENV_PREFIX = "INTAKE_"
DEFAULT_MEMBER_PATTERN = r"(?i)adh[ée]rent\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*(\d{8})\b"
DEFAULT_POLICY_PATTERN = r"(?i)contrat\s*(?:n[°ºo]\.?|num[ée]ro)?\s*:?\s*([A-Z]{2}-?\d{6})\b"


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
    max_item_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_attempts: int = 5
    retry_base_seconds: float = 0.5
    prefetch: int = 4
    member_number_pattern: str = DEFAULT_MEMBER_PATTERN
    policy_number_pattern: str = DEFAULT_POLICY_PATTERN
    link_window_days: int = 30
    log_format: str = "text"

    @field_validator("member_number_pattern", "policy_number_pattern")
    @classmethod
    def _pattern_compiles(cls, value: str) -> str:
        try:
            if re.compile(value).groups < 1:
                raise ValueError("needs one capturing group for the number")
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @field_validator("ocr_dpi", "max_attempts", "max_pages", "prefetch", "max_item_bytes")
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
        lines.append(f"  {ENV_PREFIX}{name.upper()}: {err['msg']} (got {err.get('input')!r})")
    return "\n".join(lines)
