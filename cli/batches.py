"""``intake batch list|show|move|confirm``: mailroom batches, and a reviewer's check of an unsure cut."""

from __future__ import annotations

import click
from rich.table import Table

from cli.cases import _actor
from cli.output import console
from intake.errors import IntakeError, NotFound
from runtime import batch_record, batches
from runtime.app import App
from runtime.batch_record import BatchRecord
from storage.batches import STATUSES, batch_events


@click.group("batch")
def batch_group() -> None:
    """Mailroom batches: stacks of scanned letters cut into one case per letter."""


def _load(app: App, batch_id: str) -> BatchRecord:
    try:
        return batch_record.load(app.store, batch_id.strip())
    except NotFound:
        raise click.ClickException(f"no batch {batch_id}") from None


def _run(change) -> BatchRecord:
    try:
        return change()
    except NotFound as exc:
        raise click.ClickException(f"no batch ({exc})") from None
    except IntakeError as exc:
        raise click.ClickException(exc.message) from None


@batch_group.command("list")
@click.option("--status", type=click.Choice(STATUSES), default=None)
@click.pass_obj
def batch_list(app: App, status: str | None) -> None:
    """Batches, newest first (``--status review``: the ones waiting for a person)."""
    table = Table("batch", "file", "received", "pages", "letters", "status", "why", title="batches")
    for record in batch_record.every(app.store, status):
        table.add_row(record.id, record.filename, f"{record.received_at:%Y-%m-%d %H:%M}", str(record.scanned),
                      str(len(record.split.letters)), record.status, " ; ".join(record.split.review_reasons))
    console.print(table)


@batch_group.command("show")
@click.argument("batch_id")
@click.pass_obj
def batch_show(app: App, batch_id: str) -> None:
    """A batch's letters (page ranges, envelope, postmark, barcode), its dropped pages and its history."""
    record = _load(app, batch_id)
    console.print(f"{record.id} {record.filename}: {record.scanned} pages, {record.status}", markup=False)
    table = Table("letter", "pages", "content pages", "envelope", "postmark", "case barcode", "confidence", "why")
    for number, letter in enumerate(record.split.letters, start=1):
        table.add_row(str(number), f"{letter.first}-{letter.last}", " ".join(map(str, letter.pages)),
                      str(letter.envelope or ""), letter.postmark.isoformat() if letter.postmark else "",
                      letter.case_ref or "", f"{letter.confidence:.2f}", " ; ".join(letter.reasons))
    console.print(table)
    console.print(f"blank pages dropped: {list(record.split.blanks)}; separator sheets: "
                  f"{list(record.split.separators)}", markup=False)
    for reason in record.split.review_reasons:
        console.print(f"  à vérifier : {reason}", markup=False)
    for event in batch_events(app.store, record.id):
        console.print(f"{event.at:%Y-%m-%d %H:%M:%S} {event.actor} {event.kind}: {event.summary}", markup=False)


@batch_group.command("move")
@click.argument("batch_id")
@click.argument("page_from", type=int)
@click.argument("page_to", type=int)
@click.pass_obj
def batch_move(app: App, batch_id: str, page_from: int, page_to: int) -> None:
    """The letter that opens at page PAGE_FROM opens at PAGE_TO instead (onto another letter's first page: the
    two are joined). The batch stays in review until ``intake batch confirm``."""
    record = _run(lambda: batches.move(app.records, batch_id.strip(), page_from, page_to, _actor()))
    starts = ", ".join(str(letter.first) for letter in record.split.letters)
    click.echo(f"{record.id}: {len(record.split.letters)} letter(s), opening at pages {starts}")


@batch_group.command("confirm")
@click.argument("batch_id")
@click.pass_obj
def batch_confirm(app: App, batch_id: str) -> None:
    """Confirm the batch's cut: the capture workers make its letters, each an envelope and a case."""
    record = _run(lambda: batches.confirm(app.records, batch_id.strip(), app.bus.send_to_stage, _actor()))
    click.echo(f"{record.id}: {len(record.split.letters)} letter(s) to be made by the capture workers")
