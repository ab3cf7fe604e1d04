"""What each dashboard page shows, computed from a store snapshot for one user
(a team member sees their team's items and cases only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from intake import labels
from intake.errors import NotFound
from intake.models import Case, Envelope, ExtractedField
from storage.records import Records
from storage.timeline import case_timeline
from web.dashboard import charts, stats
from web.dashboard.auth import Principal
from web.dashboard.document import DocumentView, document_views
from web.dashboard.reader import Snapshot

RECENT = 50
CHANNEL_LABELS = {code: text.capitalize() for code, text in labels.CHANNEL.items()}


@dataclass(frozen=True)
class ItemView:
    """One item of a case: the envelope and its read documents (None while not captured)."""

    envelope: Envelope
    documents: list[DocumentView] | None
    fields: tuple[ExtractedField, ...] = ()  # the capture's fields in order: a field's number is its place here


def overview(snap: Snapshot, who: Principal, day: date, now: datetime, teams: Iterable[str],
             review_team: str = "review") -> dict:
    """The overview's numbers and charts for ``who``; volumes for ``day``, deadlines as of today."""
    cases = [c for c in snap.cases if who.sees(c.team)]
    items = [i for i in snap.items if who.sees(i.team)]
    return {
        "day": day, **_volumes(items, day),
        **_backlog(cases, now, list(teams) if who.supervisor else [who.team or ""]),
        "deadlines": stats.deadline_watch(cases, stats.local_day(now)),
        "review": stats.review_queue(cases, review_team), "review_team": review_team,
        "recent": sorted(cases, key=lambda c: c.opened_at, reverse=True)[:RECENT],
        "in_pipeline": _in_pipeline(snap) if who.supervisor else None,
        **(_quarantine(snap.quarantine) if who.supervisor else {"quarantine": None}),
    }


def _in_pipeline(snap: Snapshot) -> int:
    """Items received but neither in a case yet nor quarantined."""
    stuck = {str(e.get("payload", {}).get("envelope_id")) for e in snap.quarantine}
    return sum(1 for i in snap.items if i.case_id is None and i.id not in stuck)


def _volumes(items: list[stats.Item], day: date) -> dict:
    volume = stats.volume_by_channel(items, day)
    week = [(d.strftime("%d/%m"), v) for d, v in stats.daily_volume(items, day)]
    return {"volume": volume, "volume_total": sum(volume.values()), "week": week,
            "volume_chart": charts.bars(list(volume.items()), f"Volume du {day:%d/%m/%Y} par canal", CHANNEL_LABELS),
            "week_chart": charts.stacked_columns(week, "Volume des 7 derniers jours par canal", CHANNEL_LABELS),
            "legend": charts.legend(stats.CHANNELS, CHANNEL_LABELS)}


def _backlog(cases: list[Case], now: datetime, teams: list[str]) -> dict:
    backlog = stats.backlog_by_team(cases, now, teams)
    chart = charts.bars([(b.team, b.waiting) for b in backlog], "Dossiers en attente par équipe",
                        {b.team: labels.team(b.team) for b in backlog})
    return {"backlog": backlog, "backlog_chart": chart}


def _quarantine(entries: tuple[dict, ...]) -> dict:
    ordered = sorted((e | {"when": _parse_time(e.get("at"))} for e in entries), key=lambda e: str(e.get("at")),
                     reverse=True)
    return {"quarantine": ordered, "quarantine_reasons": stats.quarantine_by_reason(entries)}


def _parse_time(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


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
