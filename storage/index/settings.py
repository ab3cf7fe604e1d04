"""The case index's settings: which database, and the managers' time zone for "per day" counts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator

from intake.settings import Section


class IndexSettings(Section):
    """``INTAKE_INDEX_URL`` (default ``sqlite:///<data_dir>/index.sqlite3``) and ``INTAKE_INDEX_TIMEZONE``."""

    index_url: str = ""
    index_timezone: str = "Europe/Paris"

    @field_validator("index_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        from storage.index.base import BACKENDS

        scheme = value.partition(":")[0].partition("+")[0]
        if value and scheme not in BACKENDS:
            raise ValueError(f"scheme must be one of {sorted(BACKENDS)}")
        return value

    @field_validator("index_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a time zone name (e.g. Europe/Paris)") from None
        return value

    @classmethod
    def load(cls, data_dir: Path = Path(".intake"), environ: Mapping[str, str] | None = None,  # type: ignore[override]
             **overrides) -> "IndexSettings":
        """Settings from the file and environment, with the embedded default under ``data_dir``."""
        loaded = super().load(environ, **overrides)
        if loaded.index_url:
            return loaded
        return loaded.model_copy(update={"index_url": f"sqlite:///{(Path(data_dir) / 'index.sqlite3').resolve()}"})

    @property
    def timezone(self) -> str:
        return self.index_timezone

    def open(self):
        """The index these settings name, migrated and ready."""
        from storage.index.base import open_index

        return open_index(self.index_url, self.index_timezone)
