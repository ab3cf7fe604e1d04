"""The case index's settings: which database, and the managers' time zone for "per day" counts."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from intake.errors import ConfigError

ENV = {"index_url": "INTAKE_INDEX_URL", "timezone": "INTAKE_INDEX_TIMEZONE"}


class IndexSettings(BaseModel):
    """``INTAKE_INDEX_URL`` (default ``sqlite:///<data_dir>/index.sqlite3``) and ``INTAKE_INDEX_TIMEZONE``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index_url: str
    timezone: str = "Europe/Paris"

    @field_validator("index_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        from storage.index.base import BACKENDS

        scheme = value.partition(":")[0].partition("+")[0]
        if scheme not in BACKENDS:
            raise ValueError(f"scheme must be one of {sorted(BACKENDS)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a time zone name (e.g. Europe/Paris)") from None
        return value

    @classmethod
    def load(cls, data_dir: Path, environ: dict[str, str] | None = None) -> "IndexSettings":
        """Settings from the environment, with the embedded default under ``data_dir``."""
        env = os.environ if environ is None else environ
        values = {name: env[var] for name, var in ENV.items() if env.get(var)}
        values.setdefault("index_url", f"sqlite:///{(data_dir / 'index.sqlite3').resolve()}")
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "; ".join(f"{ENV[str(e['loc'][0])]}: {e['msg']}" for e in exc.errors())
            raise ConfigError(f"invalid index settings: {problems}") from None

    def open(self):
        """The index these settings name, migrated and ready."""
        from storage.index.base import open_index

        return open_index(self.index_url, self.timezone)
