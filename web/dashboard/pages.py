"""What each dashboard page shows for one user (a team member sees their team's items and cases only):
the overview from the case index's aggregates, a case page from the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from intake import labels
from intake.errors import NotFound
from intake.models import Case, Envelope, ExtractedField
from intake.telemetry import NEAR_DAYS
from storage.index.base import CaseIndex
from storage.index.query import CaseQuery
from storage.index.views import DayVolume
from storage.records import Records
from storage.timeline import case_timeline
from web.dashboard import charts, queries, stats
from web.dashboard.auth import Principal
from web.dashboard.document import DocumentView, document_views

RECENT = 50
CHANNEL_LABELS = {code: text.capitalize() for code, text in labels.CHANNEL.items()}


@dataclass(frozen=True)
class ItemView:
    """One item of a case: the envelope and its read documents (None while not captured)."""

    envelope: Envelope
    documents: list[DocumentView] | None
    fields: tuple[ExtractedField, ...] = ()  # the capture's fields in order: a field's number is its place here


def overview(index: CaseIndex, who: Principal, day: date, now: datetime, teams: Iterable[str],
             review_team: str = "review") -> dict:
    """The overview's numbers and charts for ``who``, from the index's aggregates; volumes for ``day``,
    deadlines as of today."""
    shown = queries.visible(who)
    today = stats.local_day(now)
    return {
        "day": day, **_volumes(index.volumes(day - timedelta(days=6), day, shown)),
        **_backlog(index, now, list(teams) if who.supervisor else list(shown), shown),
        **_deadlines(index, CaseQuery(teams=shown), today),
        "review": index.review_queue(review_team, RECENT) if who.sees(review_team) else [],
        "review_team": review_team,
        "recent": index.list_cases(CaseQuery(teams=shown, limit=RECENT)).cases,
        **(_quarantine(index) if who.supervisor else {"quarantine": None}),
    }


def _volumes(days: list[DayVolume]) -> dict:
    day, volume = days[-1].day, days[-1].channels
    week = [(d.day.strftime("%d/%m"), d.channels) for d in days]
    return {"volume": volume, "volume_total": sum(volume.values()), "week": week,
            "volume_chart": charts.bars(list(volume.items()), f"Volume du {day:%d/%m/%Y} par canal", CHANNEL_LABELS),
            "week_chart": charts.stacked_columns(week, "Volume des 7 derniers jours par canal", CHANNEL_LABELS),
            "legend": charts.legend(stats.CHANNELS, CHANNEL_LABELS)}


def _backlog(index: CaseIndex, now: datetime, teams: list[str], shown: tuple[str, ...]) -> dict:
    counts = [c for c in index.count_by_team(teams) if not shown or c.team in shown]
    backlog = stats.backlog(counts, now)
    chart = charts.bars([(b.team, b.waiting) for b in backlog], "Dossiers en attente par équipe",
                        {b.team: labels.team(b.team) for b in backlog})
    return {"backlog": backlog, "backlog_chart": chart}


def _deadlines(index: CaseIndex, query: CaseQuery, today: date) -> dict:
    watched = query.model_copy(update={"active": True, "deadline_until": today + timedelta(days=NEAR_DAYS),
                                       "sort": "deadline", "limit": RECENT})
    return {"deadlines": stats.deadline_rows(index.list_cases(watched).cases, today),
            "deadlines_total": index.count_cases(watched)}


def _quarantine(index: CaseIndex) -> dict:
    reasons = index.quarantine_reasons()
    return {"quarantine": index.quarantine(RECENT), "quarantine_total": sum(n for _, n in reasons),
            "quarantine_reasons": stats.quarantine_by_reason(reasons)}


def case_page(records: Records, case: Case, zone: tzinfo = stats.TZ) -> dict:
    """A case, its timeline (times in ``zone``), and each item's documents with the fields highlighted."""
    return {"case": case, "timeline": case_timeline(records, case, zone),
            "items": [_item_view(records, envelope_id) for envelope_id in case.items]}


def _item_view(records: Records, envelope_id: str) -> ItemView:
    envelope = records.envelope(envelope_id)
    try:
        capture = records.capture(envelope_id)
    except NotFound:  # linked before its capture was readable: show what came in
        return ItemView(envelope, None)
    return ItemView(envelope, document_views(envelope, capture), capture.fields)
