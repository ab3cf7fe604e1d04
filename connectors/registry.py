"""The channel connectors, keyed by kind, imported on first use.

Names: ``imap`` (every configured mailbox) or ``imap:<mailbox>``,
``hotfolder``, ``calllog-amqp``. Each kind declares its own settings model
(``Connector.Settings``); the core settings do not list them.
"""

from __future__ import annotations

from collections.abc import Mapping

from connectors.base import Connector, ConnectorContext
from intake.errors import ConfigError
from intake.plugins import lookup
from intake.settings import Section

CONNECTORS: dict[str, str] = {
    "imap": "connectors.imap:ImapConnector",
    "hotfolder": "connectors.hotfolder:HotFolder",
    "calllog-amqp": "connectors.calllog:CallFeedConsumer",
}


def connector_class(kind: str) -> type[Connector]:
    """The implementation of one kind, imported now."""
    return lookup(CONNECTORS, kind, "connector")


def settings_of(kind: str, environ: Mapping[str, str] | None = None) -> Section:
    """The settings of one kind, read and checked now (ConfigError names the variable)."""
    return connector_class(kind).Settings.load(environ)


def expand(name: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """``imap`` stands for one ``imap:<mailbox>`` per configured mailbox; other names for themselves."""
    if name == "imap":
        return [f"imap:{m.name}" for m in settings_of("imap", environ).imap_mailboxes]
    return [name]


def build(context: ConnectorContext, name: str, environ: Mapping[str, str] | None = None) -> list[Connector]:
    """The connectors ``name`` (``kind`` or ``kind:target``) stands for, checked against their settings."""
    kind, _, target = name.partition(":")
    cls = connector_class(kind)
    settings = cls.Settings.load(environ)
    if problem := cls.problem(settings, target):
        raise ConfigError(f"connector {name!r} {problem}")
    return cls.configured(context, settings, target)
