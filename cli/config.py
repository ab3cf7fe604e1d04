"""Every settings section of intake, and the start-up checks that span them.

The kernel's core settings, the outbound stage's, the web app's and each
channel connector's (found through the connector registry) are read
separately; this module knows them all, so a key in the settings file that
no section knows is refused at start-up, naming it.
"""

from __future__ import annotations

from collections.abc import Mapping

from connectors.registry import CONNECTORS, connector_class
from intake.errors import ConfigError
from intake.settings import ENV_PREFIX, Section, Settings, _environ, config_table
from outbound.settings import OutboundSettings
from storage.index.settings import IndexSettings
from web.settings import WebSettings


def sections() -> list[type[Section]]:
    """Every settings model: core, outbound, web, the case index, and one per connector kind."""
    return [Settings, OutboundSettings, WebSettings, IndexSettings, *(connector_class(kind).Settings for kind in CONNECTORS)]


def setting_names() -> set[str]:
    """The name of every setting (``INTAKE_<NAME>`` in the environment, ``name`` in the file)."""
    return {name for section in sections() for name in section.model_fields}


def check_config_file(environ: Mapping[str, str] | None = None) -> None:
    """Refuse a settings file holding a key that no section knows (a typo would be ignored)."""
    token = _environ.set(environ)
    try:
        unknown = sorted(set(config_table()) - setting_names())
    finally:
        _environ.reset(token)
    if unknown:
        names = ", ".join(f"{k} ({ENV_PREFIX}{k.upper()})" for k in unknown)
        raise ConfigError(f"invalid settings: unknown setting(s) in the settings file: {names}")


def check_connectors(settings: Settings, environ: Mapping[str, str] | None = None) -> None:
    """Refuse an ``INTAKE_CONNECTORS`` entry that is unknown or lacks its settings."""
    for name in settings.connectors:
        if problem := connector_problem(name, environ):
            raise ConfigError(f"invalid settings:\n  INTAKE_CONNECTORS: connector {name!r} {problem}")


def connector_problem(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """Why the connector (or the web app) ``name`` cannot run with the settings, or None."""
    kind, _, target = name.partition(":")
    if kind == "web":
        return WebSettings.load(environ).problem()
    if kind not in CONNECTORS:
        return f"is unknown; known: {', '.join([*CONNECTORS, 'web'])}"
    cls = connector_class(kind)
    return cls.problem(cls.Settings.load(environ), target)


def load_settings(environ: Mapping[str, str] | None = None, **overrides) -> Settings:
    """The core settings, after checking the settings file and the listed connectors against every section."""
    check_config_file(environ)
    settings = Settings.load(environ, **overrides)
    check_connectors(settings, environ)
    IndexSettings.load(settings.data_dir, dict(environ) if environ is not None else None)  # the operators' zone too
    return settings
