"""The ``intake`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from intake.app import App
from intake.bus import STAGES
from intake.errors import ConfigError, NotFound
from intake.logs import setup_logging
from intake.settings import Settings

console = Console(width=None if sys.stdout.isatty() else 160)


@click.group()
@click.option("--data-dir", type=click.Path(path_type=Path), help="Local data directory (default: .intake).")
@click.option("--log-level", default="WARNING", show_default=True)
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, log_level: str) -> None:
    """intake: omnichannel intake and capture for case management."""
    try:
        settings = Settings.load(data_dir=data_dir)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    setup_logging(log_level.upper(), settings.log_format)
    ctx.obj = App(settings)
    ctx.call_on_close(ctx.obj.close)


@main.command()
@click.option("--idle", default=3.0, show_default=True, help="Stop after this many idle seconds.")
@click.pass_obj
def demo(app: App, idle: float) -> None:
    """Run the bundled sample intake through every stage and print the cases."""
    from intake.demo import run_demo

    cases = run_demo(app, idle)
    console.print(cases_table(cases, title=f"intake demo: {len(cases)} case(s)"))
    console.print(f"Records in {app.store.url}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def ingest(app: App, paths: tuple[Path, ...]) -> None:
    """Submit files (.eml, .pdf, images, web-form .json, call-log .csv/.jsonl)."""
    from intake.ingest import ingest_paths

    report = ingest_paths(app, paths)
    console.print(f"queued {len(report.envelopes)} item(s), quarantined {len(report.quarantined)}")
    for name, reason in report.quarantined:
        console.print(f"  quarantined {name}: {reason}")


@main.command()
@click.argument("stages", nargs=-1, type=click.Choice(STAGES))
@click.option("--until-idle", type=float, default=None, help="Exit after this many idle seconds.")
@click.pass_obj
def worker(app: App, stages: tuple[str, ...], until_idle: float | None) -> None:
    """Consume and process items for STAGES (default: all)."""
    app.worker(stages or STAGES).run(idle_timeout=until_idle)


@main.group()
def case() -> None:
    """Read case records."""


@case.command("show")
@click.argument("case_id")
@click.pass_obj
def case_show(app: App, case_id: str) -> None:
    """Print a case and its timeline."""
    try:
        record = app.records.case(case_id.upper())
    except NotFound:
        raise click.ClickException(f"no case {case_id}") from None
    console.print(cases_table([record], title=f"case {record.id} ({record.status})"))
    timeline = Table("when", "who", "what", "why", title="timeline")
    for event in record.events:
        timeline.add_row(event.at.strftime("%Y-%m-%d %H:%M:%S"), event.actor, event.kind, event.summary)
    console.print(timeline)


@case.command("list")
@click.option("--team", default=None)
@click.option("--status", default=None)
@click.pass_obj
def case_list(app: App, team: str | None, status: str | None) -> None:
    """List cases, optionally of one team or status."""
    cases = [app.records.case(cid) for cid in app.records.case_ids()]
    cases = [c for c in cases if (team is None or c.team == team) and (status is None or c.status == status)]
    console.print(cases_table(cases, title=f"{len(cases)} case(s)"))


@main.group()
def quarantine() -> None:
    """Items that could not be processed."""


@quarantine.command("list")
@click.pass_obj
def quarantine_list(app: App) -> None:
    """List quarantined items with their reason."""
    table = Table("id", "stage", "at", "reason")
    for item in app.records.quarantined():
        table.add_row(item["id"], item["stage"], item["at"], item["reason"])
    console.print(table)


def cases_table(cases, title: str) -> Table:
    """A table of cases: id, channel, topic, complexity, team, deadline."""
    table = Table("case", "channel", "topic", "complexity", "urgency", "team", "deadline", "items", "status",
                  title=title)
    for c in cases:
        table.add_row(c.id, c.channel or "", c.topic or "", c.complexity or "", c.urgency or "", c.team or "",
                      c.deadline.isoformat() if c.deadline else "", str(len(c.items)), c.status)
    return table


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
