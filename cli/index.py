"""``intake reindex``, ``intake case list``, ``intake case search`` and ``intake member show``:
the commands that read the SQL case index (storage/index/) instead of walking the store."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.markup import escape
from rich.table import Table
from sqlalchemy.engine import make_url

from cli.output import cases_table, console, operator_zone, print_cases, when
from intake import labels
from intake.errors import IntakeError
from intake.taxonomy import CHANNELS, COMPLEXITIES, STATUSES, TOPICS, URGENCIES
from routing.calendar import add_working_days
from runtime.app import App
from storage.index.query import CaseQuery
from storage.index.rebuild import reindex
from storage.records import Records

SORTS = ("received", "last_contact", "deadline", "priority")


@click.command("reindex")
@click.pass_obj
def reindex_command(app: App) -> None:
    """Empty the case index and rebuild it from the store (the store stays the truth)."""
    columns = (TextColumn("reindex"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("cases", total=None)
        done = reindex(Records(app.store, cache_size=0), app.index,
                       progress=lambda n, total: bar.update(task, completed=n, total=total))
    console.print(f"{done.cases} dossier(s), {done.items} élément(s), {done.events} événement(s) et "
                  f"{done.quarantined} sortie(s) de quarantaine indexés en {done.seconds:.1f} s "
                  f"dans {_shown(app.index.url)}", markup=False)


def filter_options(command):
    """The filters ``case list`` and ``case search`` share."""
    options = [
        click.option("--team", "teams", multiple=True, help="A team (repeat for several)."),
        click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES)),
        click.option("--topic", "topics", multiple=True, type=click.Choice(TOPICS)),
        click.option("--complexity", "complexities", multiple=True, type=click.Choice(COMPLEXITIES)),
        click.option("--urgency", "urgencies", multiple=True, type=click.Choice(URGENCIES)),
        click.option("--channel", "channels", multiple=True, type=click.Choice(CHANNELS)),
        click.option("--member", default=None, help="A member number."),
        click.option("--assignee", default=None),
        click.option("--active/--any-status", "active", default=None, help="Only cases still to handle."),
        click.option("--received-from", type=click.DateTime(["%Y-%m-%d"]), help="First item received on or after."),
        click.option("--received-until", type=click.DateTime(["%Y-%m-%d"]), help="First item received before."),
        click.option("--past-deadline", is_flag=True, help="Active cases past their deadline."),
        click.option("--due-within", type=click.IntRange(0), help="Active cases due within N working days."),
        click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True),
        click.option("--offset", type=click.IntRange(0), default=0),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def case_query(tz: ZoneInfo, today: date | None = None, **given) -> CaseQuery:
    """The index query of the command line's filters (days in the index's time zone ``tz``)."""
    today = today or datetime.now(tz).date()
    past, within = given.pop("past_deadline", False), given.pop("due_within", None)
    for name in ("received_from", "received_until"):
        if given.get(name) is not None:
            given[name] = datetime.combine(given[name].date(), time(), tz)
    query = CaseQuery(**{k: v for k, v in given.items() if v not in (None, ())})
    if past:
        query = query.past_deadline(today)
    if within is not None:
        query = query.due_by(today, add_working_days(today, within))
    return query


@click.command("list")
@filter_options
@click.option("--sort", type=click.Choice(SORTS), default="received", show_default=True)
@click.option("--asc/--desc", "ascending", default=None, help="Against the sort's natural direction.")
@click.option("--cursor", default=None, help="The cursor a previous page printed (instead of --offset).")
@click.pass_obj
def case_list(app: App, sort: str, ascending: bool | None, cursor: str | None, **filters) -> None:
    """List cases from the case index, filtered, sorted and paged."""
    descending = None if ascending is None else not ascending
    _known_teams(app, filters["teams"])
    try:
        query = case_query(_zone(app), **filters).model_copy(update={"sort": sort, "descending": descending, "cursor": cursor})
        page, total = app.index.list_cases(query), app.index.count_cases(query)
    except IntakeError as exc:
        raise click.ClickException(exc.message) from None
    print_cases(page.cases, f"{len(page.cases)} dossier(s) sur {total}", _zone(app), "Aucun dossier ne correspond.")
    if page.next_cursor:
        console.print(f"page suivante : --cursor {page.next_cursor}", markup=False)


@click.command("search")
@click.argument("text")
@filter_options
@click.pass_obj
def case_search(app: App, text: str, **filters) -> None:
    """Search the cases' items (words, "a phrase", -word, a or b, prefix*), best first."""
    _known_teams(app, filters["teams"])
    try:
        page = app.index.search(text, case_query(_zone(app), **filters))
    except IntakeError as exc:
        raise click.ClickException(exc.message) from None
    if not page.hits:
        console.print("Aucun dossier ne correspond à cette recherche.", markup=False)
        return
    zone = _zone(app)
    table = Table("dossier", "équipe", "statut", "thème", f"reçu le ({zone.key})", "passage",
                  title=f"{len(page.hits)} résultat(s)")
    for hit in page.hits:
        c = hit.case
        table.add_row(c.id, labels.team(c.team), labels.status(c.status), labels.topic(c.topic),
                      f"{c.first_received_at.astimezone(zone):%d/%m/%Y}",
                      " ".join(hit.marked("[bold]", "[/bold]", escape=escape).split()))
    console.print(table)
    if page.next_offset is not None:
        console.print(f"page suivante : --offset {page.next_offset}", markup=False)


@click.command("show")
@click.argument("number")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.pass_obj
def member_show(app: App, number: str, limit: int) -> None:
    """Every case and contact of one member across channels (the 360° view), from the case index."""
    view, zone = app.index.member_view(number.strip(), limit), _zone(app)
    if not view.cases:
        raise click.ClickException(f"aucun dossier pour l'adhérent n° {number.strip()}")
    console.print(cases_table(view.cases, f"adhérent n° {view.member} : {len(view.cases)} dossier(s)", zone))
    contacts = Table(f"reçu le ({zone.key})", "canal", "dossier", "équipe", "objet", title="contacts")
    for contact in view.contacts:
        contacts.add_row(when(contact.received_at, zone), labels.channel(contact.channel), contact.case_id,
                         labels.team(contact.team), contact.subject[:70] or labels.NONE)
    console.print(contacts)


def _zone(app: App) -> ZoneInfo:
    return operator_zone(app)


def _known_teams(app: App, teams: tuple[str, ...]) -> None:
    """An unknown team is said, with the known ones, instead of an empty table."""
    if unknown := [t for t in teams if t not in app.rules.teams]:
        known = ", ".join(f"{t} ({labels.team(t)})" for t in app.rules.teams)
        raise click.ClickException(f"équipe inconnue : {', '.join(unknown)} ; équipes : {known}")


def _shown(url: str) -> str:
    """The index URL without its password."""
    return make_url(url).render_as_string(hide_password=True)
