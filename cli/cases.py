"""``intake case``, ``intake member`` and ``intake quarantine``: read and move case records."""

from __future__ import annotations

import getpass

import click
from rich.table import Table
from rich.text import Text

from cli.output import cases_table, console, operator_zone, when
from intake import labels
from intake.errors import IntakeError, NotFound, PermanentError, RetryableError
from intake.models import Case
from intake.refs import mistyped, normalize, one_substitution_away
from runtime.app import App
from storage import lifecycle
from storage.reroute import reroute
from storage.surgery import surgeries
from storage.timeline import case_timeline


def _actor() -> str:
    return f"user:{getpass.getuser()}"


def _load(app: App, case_id: str) -> Case:
    wanted = case_id.strip().upper()
    try:
        return app.records.case(normalize(wanted) or wanted)
    except NotFound:
        raise click.ClickException(_unknown_case(app, wanted)) from None


def _unknown_case(app: App, ref: str) -> str:
    """Why no case is found: a reference whose check character fails was mistyped; say which one was meant."""
    if not mistyped(ref):
        return f"aucun dossier {ref}"
    near = one_substitution_away(ref, app.records.case_ids())
    hint = f" ; vouliez-vous dire {' ou '.join(near)} ?" if near else ""
    return f"{ref} : référence mal saisie (caractère de contrôle){hint}"


def _run(app: App, change) -> Case:
    """Apply a lifecycle change (then tell the outbound stage), or fail with a clear CLI error."""
    try:
        record = change()
        app.bus.send_to_stage("outbound", {"case_id": record.id})
        return record
    except NotFound as exc:
        raise click.ClickException(f"aucun dossier {exc.data.get('case_id')}") from None
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def case() -> None:
    """Read and move cases."""


@case.command("show")
@click.argument("case_id")
@click.pass_obj
def case_show(app: App, case_id: str) -> None:
    """Print a case and its timeline (who, what, when, why)."""
    record, zone = _load(app, case_id), operator_zone(app)
    console.print(cases_table([record], f"dossier {record.id} ({labels.status(record.status)})", zone))
    timeline = Table(f"quand ({zone.key})", "qui", "quoi", "pourquoi", title="historique")
    for group in case_timeline(app.records, record, zone):
        timeline.add_section()
        timeline.add_row("", "", "", Text(group.label, style="bold"))
        for event in group.events:
            timeline.add_row(when(event.at, zone), event.actor, labels.label("event", event.kind),
                             labels.summary(event.kind, event.actor, event.summary))
    console.print(timeline)
    for done in surgeries(record):  # what `intake case undo REF KEY` can reverse
        console.print(f"annuler « {labels.label('event', done.kind)} » du {when(done.at, zone)} : "
                      f"intake case undo {record.id} {done.data['op_key']}", markup=False)
    if (took := lifecycle.time_to_close(record)) is not None:
        console.print(f"clos après {took} ({record.outcome})", markup=False)


@case.command("assign")
@click.argument("case_id")
@click.argument("assignee")
@click.option("--note", default="")
@click.pass_obj
def case_assign(app: App, case_id: str, assignee: str, note: str) -> None:
    """Give a case to a person."""
    record = _run(app, lambda: lifecycle.assign(app.records, case_id.upper(), assignee, _actor(), note))
    click.echo(f"{record.id} attribué à {record.assignee}")


@case.command("reroute")
@click.argument("case_id")
@click.argument("team")
@click.option("--note", default="")
@click.pass_obj
def case_reroute(app: App, case_id: str, team: str, note: str) -> None:
    """Give a case to another team (later items keep that choice unless a rule must escalate)."""
    record = _run(app, lambda: reroute(app.records, case_id.upper(), team, _actor(), app.rules.teams, app.notify, note))
    click.echo(f"{record.id} réorienté vers {labels.team(record.team)} ({record.team})")


@case.command("status")
@click.argument("case_id")
@click.argument("status", type=click.Choice(["in_progress", "waiting_member"]))
@click.option("--note", default="")
@click.pass_obj
def case_status(app: App, case_id: str, status: str, note: str) -> None:
    """Mark a case in progress or waiting for the member."""
    record = _run(app, lambda: lifecycle.change_status(app.records, case_id.upper(), status, _actor(), note))
    click.echo(f"{record.id} : {labels.status(record.status)}")


@case.command("close")
@click.argument("case_id")
@click.option("--outcome", required=True, help="What was decided or done.")
@click.option("--note", default="")
@click.pass_obj
def case_close(app: App, case_id: str, outcome: str, note: str) -> None:
    """Close a case with its outcome."""
    record = _run(app, lambda: lifecycle.close(app.records, case_id.upper(), outcome, _actor(), note))
    click.echo(f"{record.id} clos après {lifecycle.time_to_close(record)} : {record.outcome}")


@case.command("reopen")
@click.argument("case_id")
@click.option("--note", required=True, help="Why the case is reopened.")
@click.pass_obj
def case_reopen(app: App, case_id: str, note: str) -> None:
    """Reopen a closed case."""
    record = _run(app, lambda: lifecycle.reopen(app.records, case_id.upper(), _actor(), note))
    click.echo(f"{record.id} rouvert")


@click.group()
def member() -> None:
    """A member's cases and contacts across channels."""


@click.group()
def quarantine() -> None:
    """Items that could not be processed."""


@quarantine.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.pass_obj
def quarantine_list(app: App, limit: int, offset: int) -> None:
    """List quarantined items with their reason, newest first (from the case index)."""
    entries, zone = app.index.quarantine(limit, offset), operator_zone(app)
    if not entries:
        console.print("Aucun élément en quarantaine.")
        return
    table = Table("élément", "étape", f"depuis ({zone.key})", "motif")
    for item in entries:
        table.add_row(item.id, labels.label("stage", item.stage), when(item.at, zone), labels.phrase(str(item.reason)))
    console.print(table)


@quarantine.command("retry")
@click.argument("item_id")
@click.pass_obj
def quarantine_retry(app: App, item_id: str) -> None:
    """Send a quarantined item through the pipeline again."""
    from runtime.quarantine import retry

    try:
        click.echo(f"{item_id}: {retry(app, item_id)}")
    except NotFound:
        raise click.ClickException(f"nothing quarantined as {item_id}") from None
    except (PermanentError, RetryableError) as exc:
        raise click.ClickException(f"{item_id} ne peut pas être relancé : {exc.message}") from None
