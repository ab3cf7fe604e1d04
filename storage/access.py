"""Who saw which member's file, and when: the access log of health data.

Every view of a case page and every document preview is one object under
``access/<case_id>/<time>-<random>.json``: actor, role, case, member, what
was seen. It is a log of its own, not case events: a view changes nothing in
the case (its state, its deadline, the decisions folded from its events),
and case events go to the outbound webhooks and the events exchange, which
must not receive a line for every page a manager opens, nor tell a helpdesk
who read a member's file. Supervisors read it (dashboard, ``intake case
access``); it is written once and never rewritten.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from intake import ids
from intake.models import Case, utcnow
from storage.base import ObjectStore

PREFIX = "access/"


@dataclass(frozen=True)
class View:
    """One view of a case or of one of its documents."""

    at: str
    actor: str
    role: str
    case_id: str
    member: str | None
    what: str  # "case" or "document"
    envelope_id: str | None = None
    document: int | None = None

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


def record_view(store: ObjectStore, case: Case, actor: str, role: str, what: str = "case",
                envelope_id: str | None = None, document: int | None = None) -> View:
    """Log that ``actor`` saw the case (or one of its documents) now."""
    now = utcnow()
    view = View(now.isoformat(), actor, role, case.id, case.member, what, envelope_id, document)
    key = f"{PREFIX}{ids.safe_key(case.id)}/{now.strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}.json"
    store.put(key, json.dumps(asdict(view), ensure_ascii=False).encode(), "application/json")
    return view


def views(store: ObjectStore, case_id: str, limit: int | None = None) -> list[View]:
    """The views of one case, newest first (at most ``limit``)."""
    keys = sorted(store.list(f"{PREFIX}{ids.safe_key(case_id)}/"), reverse=True)[:limit]
    return [View(**json.loads(store.get(k))) for k in keys]


def member_views(store: ObjectStore, case_ids: list[str]) -> list[View]:
    """Every view of a member's cases (``case_ids``), newest first."""
    found = [v for case_id in case_ids for v in views(store, case_id)]
    return sorted(found, key=lambda v: v.at, reverse=True)
