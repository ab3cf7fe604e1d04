"""The dashboard's JSON endpoints for scripts (``X-API-Key`` of a dashboard user, a supervisor):
the quarantine listed, and one entry sent through again, as the page's retry button does.

``GET /dashboard/api/quarantine`` lists the entries (id, stage, time, reason, file);
``POST /dashboard/api/quarantine/{entry_id}/retry`` answers what was done, 404 for an unknown
entry and 409 (with the reason, in French) for one that cannot be retried or was refused again.
They are in the OpenAPI document, linked (a listed entry's id feeds the retry), so schemathesis
walks them with the submissions API.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import BaseModel

from web.spec import Problem

ENTRY_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$"
ERRORS = {401: {"model": Problem, "description": "no X-API-Key of a dashboard user"},
          403: {"model": Problem, "description": "not a supervisor"}}


class Entry(BaseModel):
    """One quarantined item, as an operator reads it."""

    id: str
    stage: str
    at: str
    reason: str
    file: str | None = None


class Quarantine(BaseModel):
    """What is in quarantine, newest first."""

    entries: list[Entry]


class Retried(BaseModel):
    """What sending an entry through again did."""

    id: str
    outcome: str


LIST_LINKS = {200: {"model": Quarantine, "description": "the entries", "links": {"RetryFirst": {
    "operationId": "retry_quarantined", "parameters": {"entry_id": "$response.body#/entries/0/id"}}}}}


def router(dash) -> APIRouter:
    """The JSON routes on ``dash`` (web/dashboard/routes.py's Dashboard)."""
    r = APIRouter(prefix="/dashboard/api", tags=["dashboard"])

    def supervisor(request: Request) -> None:
        who = dash.access.by_key(request.headers.get("x-api-key", "")) if request.headers.get("x-api-key") else None
        if who is None:
            raise HTTPException(401, "send the X-API-Key of a dashboard user", headers={"WWW-Authenticate": "X-API-Key"})
        if not who.supervisor:
            raise HTTPException(403, "Seul un superviseur voit la quarantaine.")

    @r.get("/quarantine", operation_id="list_quarantined", response_model=Quarantine,
           responses={**LIST_LINKS, **ERRORS})
    def quarantine(request: Request) -> Quarantine:
        """The quarantined items, newest first."""
        supervisor(request)
        entries = sorted(dash.app.records.quarantined(), key=lambda e: str(e.get("at", "")), reverse=True)
        return Quarantine(entries=[_entry(e) for e in entries])

    @r.post("/quarantine/{entry_id}/retry", operation_id="retry_quarantined", response_model=Retried,
            responses={404: {"model": Problem, "description": "no such entry"},
                       409: {"model": Problem, "description": "cannot be retried, or refused again"},
                       503: {"model": Problem, "description": "broker or store unavailable, retry later"}, **ERRORS})
    def retry(request: Request, entry_id: str = Path(pattern=ENTRY_PATTERN, max_length=201)) -> Retried:
        """Send one entry through again (released unless it is refused again)."""
        from web.dashboard.routes import retry_entry

        supervisor(request)
        return Retried(id=entry_id, outcome=retry_entry(dash, entry_id))

    return r


def _entry(entry: dict) -> Entry:
    payload = entry.get("payload") if isinstance(entry.get("payload"), dict) else {}
    return Entry(id=str(entry.get("id", "")), stage=str(entry.get("stage", "")), at=str(entry.get("at", "")),
                 reason=str(entry.get("reason", "")), file=payload.get("file") if isinstance(payload.get("file"), str)
                 else None)
