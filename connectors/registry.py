"""The connector interface and its registry keyed by name.

Implementations are imported on first use (like ``storage.base`` backends), so
running the hot folder never loads imaplib2, pika or FastAPI.

Names: ``imap`` (every configured mailbox) or ``imap:<mailbox>``,
``hotfolder``, ``calllog-amqp``, ``web``.
"""

from __future__ import annotations

import importlib
import threading
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from intake.errors import ConfigError

if TYPE_CHECKING:
    from runtime.app import App
    from intake.settings import Settings

CONNECTORS: dict[str, str] = {
    "imap": "connectors.imap:ImapConnector",
    "hotfolder": "connectors.hotfolder:HotFolder",
    "calllog-amqp": "connectors.calllog:CallFeedConsumer",
    "web": "web.server:WebConnector",
}


class Connector(ABC):
    """Pulls items from one source and submits them; acknowledges the source
    only after ``submit`` returned, and remembers what it took."""

    kind: ClassVar[str]
    name: str
    app: "App"

    @classmethod
    @abstractmethod
    def configured(cls, app: "App", target: str = "") -> list["Connector"]:
        """The connectors of this kind the settings describe (``target``: just one of them)."""

    @abstractmethod
    def run(self, stop: threading.Event) -> None:
        """Take items until ``stop`` is set; reconnect on transient failures."""


def connector_class(kind: str) -> type[Connector]:
    """The implementation of one kind, imported now."""
    target = CONNECTORS.get(kind)
    if target is None:
        raise ConfigError(f"unknown connector {kind!r}; known: {', '.join(CONNECTORS)}")
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def expand(settings: "Settings", name: str) -> list[str]:
    """``imap`` stands for one ``imap:<mailbox>`` per configured mailbox; other names for themselves."""
    if name == "imap":
        return [f"imap:{m.name}" for m in settings.imap_mailboxes]
    return [name]


def build_each(settings: "Settings", names: list[str]) -> list[Connector]:
    """One connector per source, each on an App of its own (a bus connection is not shared by threads)."""
    from runtime.app import App

    return [connector for name in names for single in expand(settings, name)
            for connector in build(App(settings), single)]


def build(app: "App", name: str) -> list[Connector]:
    """The connectors ``name`` (``kind`` or ``kind:target``) stands for, checked against the settings."""
    problem = app.settings.connector_problem(name)
    if problem:
        raise ConfigError(problem if problem.startswith("unknown") else f"connector {name!r} {problem}")
    kind, _, target = name.partition(":")
    return connector_class(kind).configured(app, target)
