"""``intake connect [NAME]`` and ``intake import-folder PATH`` (registered in cli/main.py)."""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from typing import Protocol

import click

from connectors.registry import CONNECTORS, build, expand
from intake.errors import ConfigError
from intake.settings import Settings
from runtime.app import App

log = logging.getLogger(__name__)


@click.command()
@click.argument("name", required=False)
@click.pass_obj
def connect(app: App, name: str | None) -> None:
    """Run a channel connector until stopped.

    NAME is imap, imap:<mailbox>, hotfolder, calllog-amqp or web; without it,
    every connector listed in INTAKE_CONNECTORS runs, each in a thread.
    """
    names = [name] if name else list(app.settings.connectors)
    if not names:
        raise click.ClickException("name a connector, or list them in INTAKE_CONNECTORS")
    apps: list[App] = []
    try:
        connectors = build_each(app.settings, names, apps)
        if not connectors:
            raise click.ClickException(f"nothing configured for {', '.join(names)}")
        failures = run_until_stopped(connectors)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        for each in apps:
            each.close()
    if failures:
        raise click.ClickException("; ".join(f"{c.name}: {exc}" for c, exc in failures))


def build_each(settings: Settings, names: list[str], apps: list[App]) -> list[Runnable]:
    """One runner per source, each on an App of its own (a bus connection is not shared by threads)."""
    runners: list[Runnable] = []
    for single in (one for name in names for one in _expand(name)):
        apps.append(App(settings))
        runners.extend(_build(apps[-1], single))
    return runners


def _expand(name: str) -> list[str]:
    if name != "web" and name.partition(":")[0] not in CONNECTORS:
        raise ConfigError(f"unknown connector {name!r}; known: {', '.join([*CONNECTORS, 'web'])}")
    return [name] if name == "web" else expand(name)


def _build(app: App, name: str) -> list[Runnable]:
    """The web server, or the channel connectors ``name`` stands for."""
    if name != "web":
        return build(app.connector_context(), name)
    from web.server import WebServer
    from web.settings import WebSettings

    web = WebSettings.load()
    if problem := web.problem():
        raise ConfigError(f"connector 'web' {problem}")
    return [WebServer(app, web)]


class Runnable(Protocol):
    """A channel connector or the web server: runs until ``stop`` is set."""

    name: str

    def run(self, stop: threading.Event) -> None: ...


def run_until_stopped(connectors: list[Runnable]) -> list[tuple[Runnable, BaseException]]:
    """Run each connector in a thread until SIGINT/SIGTERM, or until one of them fails."""
    stop, failures = threading.Event(), []

    def guarded(connector: Runnable) -> None:
        try:
            connector.run(stop)
        except Exception as exc:  # one failed connector stops the process, so a supervisor restarts it
            log.exception("%s stopped", connector.name)
            failures.append((connector, exc))
            stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    threads = [threading.Thread(target=guarded, args=(c,), name=c.name, daemon=True) for c in connectors]
    for thread in threads:
        thread.start()
    click.echo(f"running {', '.join(c.name for c in connectors)}; Ctrl-C to stop", err=True)
    while any(t.is_alive() for t in threads):
        for thread in threads:
            thread.join(0.5)
    return failures


@click.command("import-folder")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--progress/--no-progress", default=True, show_default=True)
@click.option("--batches", is_flag=True, help="Each file is a mailroom batch: a stack of letters to cut apart.")
@click.pass_obj
def import_folder(app: App, path: Path, progress: bool, batches: bool) -> None:
    """Submit a backlog of scanned letters (PDF, TIFF, JPEG, PNG) under PATH; files stay in place."""
    from connectors.hotfolder import batch_import

    report = batch_import(app.connector_context(), path, progress=progress, batches=batches)
    click.echo(f"queued {len(report.submitted)} letter(s), {len(report.duplicates)} already taken, "
               f"{len(report.refused)} refused")
    for name, reason in report.refused:
        click.echo(f"  refused {name}: {reason}")
