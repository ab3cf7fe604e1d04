"""``intake connect [NAME]`` and ``intake import-folder PATH`` (registered in intake/cli.py)."""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path

import click

from connectors.registry import Connector, build_each
from runtime.app import App
from intake.errors import ConfigError

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
    try:
        connectors = build_each(app.settings, names)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if not connectors:
        raise click.ClickException(f"nothing configured for {', '.join(names)}")
    try:
        failures = run_until_stopped(connectors)
    finally:
        for connector in connectors:
            connector.app.close()
    if failures:
        raise click.ClickException("; ".join(f"{c.name}: {exc}" for c, exc in failures))


def run_until_stopped(connectors: list[Connector]) -> list[tuple[Connector, BaseException]]:
    """Run each connector in a thread until SIGINT/SIGTERM, or until one of them fails."""
    stop, failures = threading.Event(), []

    def guarded(connector: Connector) -> None:
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
@click.pass_obj
def import_folder(app: App, path: Path, progress: bool) -> None:
    """Submit a backlog of scanned letters (PDF, TIFF, JPEG, PNG) under PATH; files stay in place."""
    from connectors.hotfolder import batch_import

    report = batch_import(app, path, progress=progress)
    click.echo(f"queued {len(report.submitted)} letter(s), {len(report.duplicates)} already taken, "
               f"{len(report.refused)} refused")
    for name, reason in report.refused:
        click.echo(f"  refused {name}: {reason}")
