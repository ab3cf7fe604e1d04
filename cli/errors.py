"""One error path for the command line: one or two lines and a documented exit status.

Errors are converted to intake's where they enter (settings, kombu, minio,
SQLAlchemy); here they become a message naming the setting or the service,
what was tried and what to do. ``intake --debug ...`` shows the traceback
instead. Exit statuses (sysexits where one fits):

====  ============================================================
0     done
1     another failure (or a command's own status, see its --help)
2     a setting or the command line is wrong (fix and run again)
69    a service (broker, object store, database) is unavailable
====  ============================================================
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click

from intake.errors import ConfigError, IntakeError, RetryableError, ServiceUnavailable

EXIT_OTHER, EXIT_CONFIG, EXIT_UNAVAILABLE = 1, 2, 69
EXIT_STATUSES = ("0 done; 1 another failure (or the command's own status); 2 a setting or the command "
                 "line is wrong; 69 a service (broker, object store, database) is unavailable")


class IntakeGroup(click.Group):
    """A click group whose commands' errors end in :func:`fail` unless ``--debug`` is on."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            fail(exc)


def fail(exc: BaseException) -> NoReturn:
    """Print what went wrong and what to do (stderr), then exit with the status of its kind."""
    lines, status = explain(exc)
    for line in lines:
        click.echo(line, err=True)
    sys.exit(status)


def explain(exc: BaseException) -> tuple[list[str], int]:
    """The lines to print for ``exc`` and the exit status."""
    if isinstance(exc, ServiceUnavailable):
        return [f"intake: {exc.message}", f"  {exc.hint}"], EXIT_UNAVAILABLE
    if isinstance(exc, ConfigError):
        return [f"intake: {exc}"], EXIT_CONFIG
    if isinstance(exc, RetryableError):
        return [f"intake: {exc}", "  a service failed or is busy: check it, then run again"], EXIT_UNAVAILABLE
    if isinstance(exc, IntakeError):
        return [f"intake: {exc}", "  run again with --debug for the details"], EXIT_OTHER
    first = str(exc).splitlines()[0] if str(exc) else ""
    return [f"intake: unexpected error: {type(exc).__name__}: {first}",
            "  run again with --debug for the traceback, and report it"], EXIT_OTHER
