"""``intake case note|confirm|correct|field|move|split|merge|undo|access`` and ``intake corrections export``:
the checks and the surgery people do on cases, through the same storage functions as the dashboard."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from cli.cases import _actor, _run, case
from cli.output import console, operator_zone, when
from intake.labels import label, phrase
from intake.taxonomy import COMPLEXITIES, TOPICS, URGENCIES
from runtime.app import App
from runtime.review import route_for
from storage import access, corrections, notes, surgery
from storage.labelled import labelled_examples, write_jsonl

OP = click.option("--op", default=None, help="A token for this action: the same token again records nothing new.")


def _ref(case_id: str) -> str:
    return case_id.strip().upper()


@case.command("note")
@click.argument("case_id")
@click.argument("text")
@OP
@click.pass_obj
def case_note(app: App, case_id: str, text: str, op: str | None) -> None:
    """Add a note to a case."""
    record = _run(app, lambda: notes.add_note(app.records, _ref(case_id), text, _actor(), op))
    click.echo(f"{record.id} : note ajoutée")


def _check(app: App, case_id: str, labels: dict, team: str | None, reason: str, op: str | None):
    return _run(app, lambda: corrections.check_decision(
        app.records, _ref(case_id), _actor(), labels, route_for(app.records, app.rules), app.rules.teams,
        app.notify, reason, team, op))


@case.command("confirm")
@click.argument("case_id")
@click.option("--note", default="", help="Why (optional).")
@OP
@click.pass_obj
def case_confirm(app: App, case_id: str, note: str, op: str | None) -> None:
    """Confirm the case's topic, complexity and urgency (a case in review goes where the rules send it)."""
    record = _check(app, case_id, {}, None, note, op)
    click.echo(f"{record.id} : décision confirmée, équipe {label('team', record.team)}")


@case.command("correct")
@click.argument("case_id")
@click.option("--topic", type=click.Choice(TOPICS), default=None)
@click.option("--complexity", type=click.Choice(COMPLEXITIES), default=None)
@click.option("--urgency", type=click.Choice(URGENCIES), default=None)
@click.option("--team", default=None, help="A team chosen instead of the rules' one.")
@click.option("--reason", required=True, help="Why the decision was wrong.")
@OP
@click.pass_obj
def case_correct(app: App, case_id: str, topic: str | None, complexity: str | None, urgency: str | None,
                 team: str | None, reason: str, op: str | None) -> None:
    """Correct the case's decision; the case is re-routed by the rules (or to --team) with its new deadline."""
    chosen = {"topic": topic, "complexity": complexity, "urgency": urgency}
    record = _check(app, case_id, {k: v for k, v in chosen.items() if v}, team, reason, op)
    deadline = record.deadline.strftime("%d/%m/%Y") if record.deadline else "—"
    click.echo(f"{record.id} : {label('topic', record.topic)}, {label('complexity', record.complexity)}, urgence "
               f"{label('urgency', record.urgency)}, équipe {label('team', record.team)}, échéance {deadline}")


@case.command("field")
@click.argument("case_id")
@click.argument("envelope_id")
@click.argument("number", type=int)
@click.option("--value", default=None, help="The right value (none: confirm the value read).")
@click.option("--reason", default="")
@OP
@click.pass_obj
def case_field(app: App, case_id: str, envelope_id: str, number: int, value: str | None, reason: str,
               op: str | None) -> None:
    """Confirm or correct field NUMBER of an item (the value read is kept beside the corrected one)."""
    record = _run(app, lambda: corrections.check_field(app.records, _ref(case_id), envelope_id, number, _actor(),
                                                       value, reason, op))
    click.echo(f"{record.id} : {phrase(record.events[-1].summary)}")


@case.command("move")
@click.argument("envelope_id")
@click.argument("source")
@click.argument("target")
@click.option("--reason", required=True)
@OP
@click.pass_obj
def case_move(app: App, envelope_id: str, source: str, target: str, reason: str, op: str | None) -> None:
    """Move an item from SOURCE to the case TARGET."""
    left, joined = _run_pair(app, lambda: surgery.move_item(app.records, envelope_id, _ref(source), _ref(target),
                                                            _actor(), reason, op))
    click.echo(f"{envelope_id} déplacé de {left.id} vers {joined.id}")


@case.command("split")
@click.argument("envelope_id")
@click.argument("source")
@click.option("--reason", required=True)
@OP
@click.pass_obj
def case_split(app: App, envelope_id: str, source: str, reason: str, op: str | None) -> None:
    """Take an item out of SOURCE into a new case."""
    left, new = _run_pair(app, lambda: surgery.split_item(app.records, envelope_id, _ref(source), _actor(), reason,
                                                          op))
    click.echo(f"{envelope_id} séparé de {left.id} dans le nouveau dossier {new.id}")


@case.command("merge")
@click.argument("source")
@click.argument("target")
@click.option("--reason", required=True)
@OP
@click.pass_obj
def case_merge(app: App, source: str, target: str, reason: str, op: str | None) -> None:
    """Merge the case SOURCE into TARGET (SOURCE is closed as merged)."""
    left, joined = _run_pair(app, lambda: surgery.merge_cases(app.records, _ref(source), _ref(target), _actor(),
                                                              reason, op))
    click.echo(f"{left.id} fusionné dans {joined.id} ({len(joined.items)} élément(s))")


@case.command("undo")
@click.argument("case_id")
@click.argument("op_key")
@click.option("--reason", required=True)
@click.pass_obj
def case_undo(app: App, case_id: str, op_key: str, reason: str) -> None:
    """Undo a move, split or merge of the case (OP_KEY: as `intake case show` lists it)."""
    back, left = _run_pair(app, lambda: surgery.undo(app.records, _ref(case_id), op_key, _actor(), reason))
    click.echo(f"annulé : {len(back.items)} élément(s) dans {back.id}, {len(left.items)} dans {left.id}")


def _run_pair(app: App, change):
    """Run a surgery (errors as CLI errors) and tell the outbound stage about both cases."""
    pair: list = []

    def first():
        pair.extend(change())
        return pair[0]

    _run(app, first)
    app.bus.send_to_stage("outbound", {"case_id": pair[1].id})
    return pair[0], pair[1]


@case.command("access")
@click.argument("case_id")
@click.pass_obj
def case_access(app: App, case_id: str) -> None:
    """Who saw the case and its documents, and when (health data)."""
    zone = operator_zone(app)
    table = Table(f"quand ({zone.key})", "qui", "rôle", "quoi", "adhérent")
    for view in access.views(app.store, _ref(case_id)):
        table.add_row(when(view.when, zone), view.actor, _role(view.role), _seen(view), view.member or "—")
    console.print(table)


def _role(role: str) -> str:
    return f"équipe {label('team', role[5:])}" if role.startswith("team:") else label("role", role)


def _seen(view: access.View) -> str:
    return "fiche du dossier" if view.what == "case" else f"document {view.envelope_id} n° {view.document + 1}"


@click.group()
def corrections_group() -> None:
    """People's checks of the classifier's decisions."""


@corrections_group.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default: stdout).")
@click.pass_obj
def corrections_export(app: App, out: Path | None) -> None:
    """Write every confirmed or corrected decision as JSON lines (text, labels, labels read, who, when)."""
    if out is None:
        write_jsonl(labelled_examples(app.records), sys.stdout)
        return
    with out.open("w", encoding="utf-8") as stream:
        count = write_jsonl(labelled_examples(app.records), stream)
    console.print(f"{count} example(s) written to {out}")
