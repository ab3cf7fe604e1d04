"""The reads the bench times: a filtered case-list page, a search, the member view, the dashboard overview.

Each kind is drawn at random (seeded) from what people ask: a team's active
cases, a status, a topic and channel, a month, past deadlines; searches for
a member number, a surname, an IBAN, a topic's words (common ones included),
some with a filter; members that exist.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from routing.calendar import add_working_days
from storage.index.query import CaseQuery

TEAMS = ("general", "expert-hospitalisation", "expert-dental", "expert-optical", "complaints", "review", "screened")
WORDS = ("prothèse dentaire", "lunettes", "remboursement consultation", "hospitalisation", "attestation de droits",
         "devis", "changement d'adresse", "réclamation", "dépassement d'honoraires", "clinique", "orthodontie",
         "carte tiers payant", "résiliation", "kinésithérapeute", "facture")
NEAR_DAYS = 2


def overview(index, today: date, teams: tuple[str, ...] = TEAMS) -> dict[str, Any]:
    """The dashboard overview's numbers for a supervisor: every query the page makes."""
    cutoff = add_working_days(today, NEAR_DAYS)
    return {
        "volumes": index.volumes(today - timedelta(days=6), today),
        "teams": index.count_by_team(teams),
        "past": index.list_cases(CaseQuery(sort="deadline", limit=20).past_deadline(today)),
        "due": index.list_cases(CaseQuery(sort="deadline", limit=20).due_by(today, cutoff)),
        "past_count": index.count_cases(CaseQuery().past_deadline(today)),
        "due_count": index.count_cases(CaseQuery().due_by(today, cutoff)),
        "review": index.review_queue(limit=20),
        "recent": index.list_cases(CaseQuery(limit=50)),
        "quarantine": index.quarantine(limit=20),
        "reasons": index.quarantine_reasons(),
    }


def list_queries(rng: random.Random, today: date, count: int) -> list[CaseQuery]:
    """Filtered case-list pages as the dashboard and the CLI ask for them."""
    def one() -> CaseQuery:
        month = date(today.year, rng.randint(1, 12), 1)
        choices = [
            CaseQuery(teams=(rng.choice(TEAMS),), active=True),
            CaseQuery(statuses=(rng.choice(["open", "assigned", "waiting_member", "closed"]),)),
            CaseQuery(topics=(rng.choice(["dental", "optical", "complaint", "reimbursement"]),),
                      channels=(rng.choice(["letter", "email", "phone"]),)),
            CaseQuery(received_from=_utc(month), received_until=_utc(month + timedelta(days=31)), sort="priority"),
            CaseQuery(sort="deadline").past_deadline(today),
            CaseQuery(urgencies=("critical", "high"), active=True, sort="deadline"),
            CaseQuery(teams=(rng.choice(TEAMS),), complexities=("complex",), sort="last_contact"),
        ]
        return rng.choice(choices)
    return [one() for _ in range(count)]


def search_queries(rng: random.Random, written, count: int) -> list[tuple[str, CaseQuery]]:
    """Searches: numbers, names, IBANs and words, a third of them with a filter."""
    def one() -> tuple[str, CaseQuery]:
        words = rng.choice([rng.choice(written.members), rng.choice(written.surnames), rng.choice(WORDS),
                            rng.choice(WORDS), rng.choice(written.ibans or written.members)])
        query = rng.choice([CaseQuery(limit=20), CaseQuery(limit=20), CaseQuery(limit=20, active=True),
                            CaseQuery(limit=20, teams=(rng.choice(TEAMS),))])
        return words, query
    return [one() for _ in range(count)]


def timed(calls: list[Callable[[], Any]]) -> list[float]:
    """Milliseconds each call took."""
    spent = []
    for call in calls:
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def percentiles(ms: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of durations."""
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return statistics.median(ms), cuts[94]


def measure(index, written, today: date, samples: int, seed: int = 19) -> dict[str, tuple[float, float]]:
    """p50/p95 of each kind of read (after one warm-up round of each)."""
    rng = random.Random(seed)
    calls = {
        "case list page": [lambda q=q: index.list_cases(q) for q in list_queries(rng, today, samples)],
        "search": [lambda w=w, q=q: index.search(w, q) for w, q in search_queries(rng, written, samples)],
        "member view": [lambda m=m: index.member_view(m) for m in rng.sample(written.members, samples)],
        "dashboard overview": [lambda: overview(index, today)] * max(samples // 4, 20),
    }
    for kind in calls.values():
        timed(kind[:3])
    return {name: percentiles(timed(kind)) for name, kind in calls.items()}


def _utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
