"""The dashboard's lists and queues, read from the SQL case index (storage/index/), in one place.

Every list is limited to what the user may see: a team member's queries carry
their team, a supervisor's every team (or the one they picked).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from intake.taxonomy import URGENCIES
from storage.index.base import CaseIndex
from storage.index.query import CaseQuery
from storage.index.views import CaseSummary
from web.dashboard.auth import Principal

FAR = date.max
QUEUE = 200  # cases a work queue shows
NOBODY = ("\x00",)  # a team no case has: the filter of a user who sees no team


@dataclass(frozen=True)
class WorkQueue:
    """A person's queue: their own cases, and the unassigned cases of the teams they work."""

    mine: list[CaseSummary]
    unassigned: list[CaseSummary]
    teams: tuple[str, ...]


def visible(who: Principal, team: str | None = None) -> tuple[str, ...]:
    """The teams filter of ``who``'s queries: a supervisor's choice (none: every team), else their own team."""
    if who.supervisor:
        return (team,) if team else ()
    return (who.team,) if who.team else NOBODY


def by_deadline(cases: Iterable[CaseSummary]) -> list[CaseSummary]:
    """Soonest deadline first (none last), then the most urgent, the highest priority, the oldest."""
    def key(c: CaseSummary):
        return (c.deadline or FAR, -URGENCIES.index(c.urgency or "normal"), -(c.priority or 0), c.opened_at, c.id)

    return sorted(cases, key=key)


def waiting(index: CaseIndex, query: CaseQuery) -> list[CaseSummary]:
    """The first cases still to handle matching ``query``, soonest deadline first."""
    page = index.list_cases(query.model_copy(update={"active": True, "sort": "deadline", "limit": QUEUE}))
    return by_deadline(page.cases)


def work_queue(index: CaseIndex, who: Principal, team: str | None = None) -> WorkQueue:
    """``who``'s cases and the unassigned cases of their team (a supervisor: of ``team``, or every team)."""
    teams = visible(who, team)
    mine = waiting(index, CaseQuery(assignee=who.name, teams=visible(who)))
    free = waiting(index, CaseQuery(unassigned=True, teams=teams))
    return WorkQueue(mine, free, () if teams == NOBODY else teams)


def review_queue(index: CaseIndex, who: Principal, review_team: str = "review") -> list[CaseSummary]:
    """The waiting cases of the review team that ``who`` may see, soonest deadline first."""
    if not who.sees(review_team):
        return []
    return waiting(index, CaseQuery(teams=(review_team,)))
