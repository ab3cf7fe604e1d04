"""The dashboard's lists and queues, in one place.

Today they are read from the reader's in-memory snapshot of the store
(web/dashboard/reader.py); the SQL case index (storage/index/) will answer
the same questions: each function keeps its signature and only its body
changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from intake.models import Case
from intake.taxonomy import URGENCIES, WAITING_STATUSES
from web.dashboard.auth import Principal
from web.dashboard.reader import Snapshot

FAR = date.max


@dataclass(frozen=True)
class WorkQueue:
    """A person's queue: their own cases, and the unassigned cases of the teams they work."""

    mine: list[Case]
    unassigned: list[Case]
    teams: tuple[str, ...]


def by_deadline(cases: Iterable[Case]) -> list[Case]:
    """Soonest deadline first (none last), then the most urgent, the highest priority, the oldest."""
    def key(c: Case):
        return (c.deadline or FAR, -URGENCIES.index(c.urgency or "normal"), -(c.priority or 0), c.opened_at, c.id)

    return sorted(cases, key=key)


def work_queue(snap: Snapshot, who: Principal, team: str | None = None) -> WorkQueue:
    """``who``'s cases and the unassigned cases of their team (a supervisor: of ``team``, or every team)."""
    waiting = [c for c in snap.cases if c.status in WAITING_STATUSES and who.sees(c.team)]
    teams = (team,) if team and who.supervisor else ((who.team,) if who.team else ())
    mine = [c for c in waiting if c.assignee == who.name]
    free = [c for c in waiting if not c.assignee and (not teams or c.team in teams)]
    return WorkQueue(by_deadline(mine), by_deadline(free), teams)


def review_queue(snap: Snapshot, who: Principal, review_team: str = "review") -> list[Case]:
    """The waiting cases of the review team that ``who`` may see, soonest deadline first."""
    return by_deadline(c for c in snap.cases if c.status in WAITING_STATUSES and c.team == review_team
                       and who.sees(c.team))


def case(snap: Snapshot, case_id: str) -> Case | None:
    """One case from the snapshot (None when the snapshot does not have it yet)."""
    return snap.case(case_id)
