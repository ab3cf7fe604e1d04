"""``intake worker``: one worker process per usable core by default, each reporting what it does.

With more than one process the command supervises child commands
(``runtime/supervisor.py``), each ``intake worker --processes 1`` with the
same options, and gives each a share of the cores for its OCR engines unless
``INTAKE_OCR_WORKERS`` says otherwise: processes × OCR engines ≈ cores.
Deployment units run one process each (``--processes 1``) and scale by units.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

from cli.errors import EXIT_CONFIG
from intake.cpu import usable_cores
from intake.errors import ConfigError
from intake.pipeline import STAGES
from intake.urls import redacted
from runtime.app import App
from runtime.progress import ProgressHook, report_every
from runtime.supervisor import Supervisor


@click.command()
@click.argument("stages", nargs=-1, type=click.Choice(STAGES))
@click.option("--until-idle", type=float, default=None, help="Exit after this many idle seconds.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes to run (default: one per core this process may use, cgroup quota included).")
@click.option("--progress-every", type=float, default=10.0, show_default=True,
              help="Print the items handled per stage this often (seconds), when they changed.")
@click.pass_context
def worker(ctx: click.Context, stages: tuple[str, ...], until_idle: float | None, processes: int | None,
           progress_every: float) -> None:
    """Consume and process items for STAGES (default: all)."""
    app: App = ctx.obj
    count = processes or usable_cores()
    if count == 1:
        return run_one(app, stages or STAGES, until_idle, progress_every)
    if app.settings.metrics_port:
        raise ConfigError("invalid settings:\n  INTAKE_METRICS_PORT: one process serves its metrics; run "
                          "`intake worker --processes 1` per unit (or per port) to serve them")
    app.connect().close()  # a service that is down is told once, here, not by every child in turn
    sys.exit(supervise(ctx, app, count))


def run_one(app: App, stages: tuple[str, ...], until_idle: float | None, progress_every: float) -> None:
    """This process consumes ``stages`` until idle or stopped (SIGTERM/SIGINT end it after its message)."""
    _serve_metrics(app)
    progress = ProgressHook()
    app.hooks.hooks.append(progress)
    running = app.connect().worker(stages)
    app.start()  # cases an earlier process left journalled reach the index
    say(f"worker ready (pid {os.getpid()}): {', '.join(stages)}; {app.capture_context().pool_size} OCR engine(s); "
        f"broker {redacted(app.bus.url)}, store {app.store.url}")
    ticker = report_every(progress, progress_every, lambda text: say(f"worker {os.getpid()}: {text}"))
    with stopped_by_signals() as stop:
        try:
            running.run(idle_timeout=until_idle, should_stop=stop.is_set)
        finally:
            ticker.set()
    say(f"worker stopped (pid {os.getpid()}): {progress.line(always=True)} handled")


def _serve_metrics(app: App) -> None:
    if app.settings.metrics_port:
        from runtime.metrics import serve_metrics

        serve_metrics(app.settings.metrics_port, app.settings.metrics_host)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[threading.Event]:
    """An event SIGTERM and SIGINT set while inside (the worker finishes its message, then returns)."""
    stop, previous = threading.Event(), {}
    for number in (signal.SIGTERM, signal.SIGINT):
        previous[number] = signal.signal(number, lambda *_: stop.set())
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def supervise(ctx: click.Context, app: App, count: int) -> int:
    """Run ``count`` copies of this command, one process each, until done or stopped."""
    env = dict(os.environ)
    if not app.settings.ocr_workers:
        env["INTAKE_OCR_WORKERS"] = str(max(1, usable_cores() // count))
    say(f"intake worker: starting {count} worker processes ({usable_cores()} usable core(s), "
        f"{env.get('INTAKE_OCR_WORKERS', app.settings.ocr_workers)} OCR engine(s) each)")
    status = Supervisor(child_command(ctx), count, env, fatal=(EXIT_CONFIG,)).run()
    say(f"intake worker: {count} worker processes stopped")
    return status


def child_command(ctx: click.Context) -> list[str]:
    """``intake [options] worker --processes 1 [options] [STAGES]``, the way this process was started."""
    top, params = ctx.find_root().params, ctx.params
    command = [sys.executable, "-m", "cli.main", "--log-level", top["log_level"]]
    command += ["--data-dir", str(top["data_dir"])] if top.get("data_dir") else []
    command += ["--debug"] if top.get("debug") else []
    command += ["worker", "--processes", "1", "--progress-every", str(params["progress_every"])]
    command += ["--until-idle", str(params["until_idle"])] if params.get("until_idle") is not None else []
    return command + list(params["stages"])


def say(text: str) -> None:
    """A status line, at once (operators watch it; tests read it)."""
    click.echo(text)
