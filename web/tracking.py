"""The public tracking page: ``GET /suivi`` (a form) and ``GET /suivi/{numero}``.

A member who sent the public web form follows the request by its tracking
number, and reads three steps only: received, in progress, answered, with
their dates. Nothing personal and nothing of the case shows (no reference,
team, topic, name or text); a number that is malformed, unknown, or not from
the public form is the same French 404 page, so the page tells nothing about
other submissions. Each visitor (a digest of their address) spends the web
rate limit's budget: too many looks answer 429 with ``Retry-After``.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake.errors import NotFound
from intake.models import Case
from runtime.app import App
from web.pages import SLOW_DOWN, STATUS, STEP, TRACK, UNKNOWN
from web.ratelimit import RateLimiter
from web.spec import TRACKING_PATTERN

TRACKING = re.compile(TRACKING_PATTERN)
MAX_VISITORS = 10_000  # buckets kept before they are all forgotten: the memory stays bounded
STARTED = ("assigned", "status:in_progress", "status:waiting_member", "closed")  # a person took the request up


@dataclass(frozen=True)
class Progress:
    """How far one public request is: the day of each step reached (None: not yet)."""

    received: date
    started: date | None = None
    answered: date | None = None

    @property
    def status(self) -> str:
        return "traitée" if self.answered else "en cours de traitement" if self.started else "reçue"


def progress(app: App, tracking: str, zone: tzinfo) -> Progress | None:
    """The progress of the public submission ``tracking``, or None if there is none under that number."""
    if not TRACKING.fullmatch(tracking):
        return None
    try:
        record = json.loads(app.store.get(f"web/tracking/{tracking}.json"))
    except NotFound:
        return None
    if record.get("client") != "public":  # a partner's submission is followed through the API
        return None
    received = datetime.fromisoformat(record["at"]).astimezone(zone).date()
    case = _case(app, record["envelope_id"])
    if case is None:
        return Progress(received)
    started = next((e.at for e in case.events if e.kind in STARTED), None)
    answered = case.closed_at if case.status == "closed" else None
    return Progress(received, _day(started, zone), _day(answered, zone))


def _case(app: App, envelope_id: str) -> Case | None:
    case_id = app.records.index_get("envelope", envelope_id)
    try:
        return app.records.case(case_id) if case_id else None
    except NotFound:  # being written: still just received
        return None


def _day(at: datetime | None, zone: tzinfo) -> date | None:
    return at.astimezone(zone).date() if at else None


def status_page(tracking: str, found: Progress) -> str:
    """The page of one request's progress (only steps and dates)."""
    steps = [("recue", f"Reçue le {found.received:%d/%m/%Y}", found.received),
             ("en-cours", _said("Prise en charge", found.started), found.started),
             ("traitee", _said("Réponse apportée", found.answered), found.answered)]
    items = "".join(STEP.format(state="done" if when else "todo", name=name, text=html.escape(text))
                    for name, text, when in steps)
    return STATUS.format(tracking=html.escape(tracking), status=found.status, steps=items)


def _said(step: str, when: date | None) -> str:
    return f"{step} le {when:%d/%m/%Y}" if when else f"{step} : pas encore"


class VisitorLimit:
    """The web rate limit, per visitor of the tracking page, in buckets of its own (at most MAX_VISITORS)."""

    def __init__(self, limit: RateLimiter) -> None:
        self.limiter = RateLimiter(limit.per_minute, limit.burst)

    def wait(self, visitor: str) -> float:
        if len(self.limiter.buckets) >= MAX_VISITORS:
            self.limiter.buckets.clear()
        return self.limiter.wait(visitor)


def install(api: FastAPI, app: App, limit: RateLimiter, peer: Callable[[Request], str], zone: tzinfo) -> None:
    """Add the tracking pages; ``peer(request)`` names a visitor, who may look as often as ``limit`` allows."""
    visitors = VisitorLimit(limit)

    def slowed(request: Request) -> Response | None:
        wait = visitors.wait(peer(request))
        if wait <= 0:
            return None
        seconds = max(1, math.ceil(wait))
        return HTMLResponse(SLOW_DOWN.format(seconds=seconds), 429, headers={"Retry-After": str(seconds)})

    @api.get("/suivi", response_class=HTMLResponse, include_in_schema=False)
    def track(request: Request, numero: str = "") -> Response:
        if numero.strip():
            return RedirectResponse(f"/suivi/{quote(numero.strip().upper(), safe='')}", status_code=303)
        return HTMLResponse(TRACK)

    @api.get("/suivi/{numero}", response_class=HTMLResponse, include_in_schema=False)
    def status(request: Request, numero: str) -> Response:
        if (refused := slowed(request)) is not None:
            return refused
        found = progress(app, numero.strip().upper(), zone)
        if found is None:
            return HTMLResponse(UNKNOWN.format(tracking=html.escape(numero[:40])), 404)
        return HTMLResponse(status_page(numero.strip().upper(), found), headers={"Cache-Control": "no-store"})
