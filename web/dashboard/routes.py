"""The dashboard's HTTP routes under ``/dashboard``: overview, case page,
document previews, retry of a quarantined item (sign-in and sign-out: login.py).

Pages are server-rendered (Jinja2). A browser signs in once and carries a
signed session cookie (HttpOnly, SameSite=Strict; its forms also carry a CSRF
token); a script may send ``X-API-Key`` instead. Store reads block, so the
routes are plain functions, which FastAPI runs in its thread pool. What fails
is a French 4xx page (an unreadable document, a retry that cannot be done).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from intake import labels
from intake.errors import IntakeError, NotFound, RetryableError
from intake.models import Case, utcnow
from runtime.app import App
from storage import access as access_log
from web.dashboard import login, pages, stats
from web.dashboard.api import router as json_router
from web.dashboard.auth import COOKIE, Access, Principal
from web.dashboard.casework import work_context
from web.dashboard.document import preview_png
from web.dashboard.sessions import EndedSessions
from web.dashboard.throttle import LoginThrottle
from web.errors import report

log = logging.getLogger(__name__)
PREFIX = "/dashboard"
ENTRY_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}")  # as storage.records keeps a quarantine id
CASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # a case id never reaches the store unchecked
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


@pass_context
def _when(context: Context, at: datetime | None) -> str:
    """A time in the operator's time zone (``zone`` in the page's context, INTAKE_INDEX_TIMEZONE)."""
    return labels.when(at, context.get("zone") or stats.TZ)


templates.env.filters.update(
    when=_when, age=stats.human_age, channel=lambda c: labels.channel(c).capitalize(), status=labels.status,
    label=lambda code, family: labels.label(family, code), phrase=labels.phrase, mime=labels.mime,
    summary=lambda event: labels.summary(event.kind, event.actor, event.summary),
)


@dataclass
class Dashboard:
    """The dashboard of one App: who may enter; pages read the App's case index and store."""

    app: App
    access: Access
    lock: threading.Lock = field(default_factory=threading.Lock)  # shared with submissions: the bus is not thread-safe
    review_team: str = "review"
    zone: ZoneInfo = stats.TZ  # the operator's time zone, for the times the pages show

    def principal(self, request: Request) -> Principal | None:
        """Who sent the request: an ``X-API-Key`` header, else the session cookie."""
        if key := request.headers.get("x-api-key"):
            return self.access.by_key(key)
        return self.access.from_cookie(request.cookies.get(COOKIE))

    def require(self, request: Request) -> Principal:
        """The signed-in user; a browser without a session is sent to the login page."""
        if who := self.principal(request):
            return who
        if "text/html" in request.headers.get("accept", ""):
            raise HTTPException(303, headers={"Location": f"{PREFIX}/login"})
        raise HTTPException(401, "sign in or send X-API-Key", headers={"WWW-Authenticate": "X-API-Key"})

    def check_form(self, request: Request, who: Principal, token: str) -> None:
        """Refuse a cookie-authenticated form that lacks this session's CSRF token."""
        if who.by_cookie and token != self.access.csrf(request.cookies.get(COOKIE, "")):
            raise HTTPException(403, "Formulaire périmé : rechargez la page.")

    def case_for(self, who: Principal, case_id: str) -> Case:
        """A case the user may see: 404 if there is none, 403 if it is another team's."""
        if not CASE_ID.fullmatch(case_id):
            raise HTTPException(404, "Aucun dossier sous ce numéro.")
        case = _read_case(self.app, case_id)
        if not who.sees(case.team):
            raise HTTPException(403, "Ce dossier relève d'une autre équipe.")
        return case

    def page(self, request: Request, name: str, context: dict, who: Principal | None = None,
             status: int = 200) -> HTMLResponse:
        """Render a template with the user, the CSRF token and the URL prefix."""
        csrf = self.access.csrf(request.cookies.get(COOKIE, "")) if who and who.by_cookie else ""
        extra = {"who": who, "prefix": PREFIX, "csrf": csrf, "zone": self.zone}
        return templates.TemplateResponse(request, name, {**context, **extra}, status_code=status)


def install(api: FastAPI, app: App, access: Access, lock: threading.Lock | None = None,
            throttle: LoginThrottle | None = None) -> Dashboard:
    """Add the dashboard's routes and static files to the web app."""
    from web.dashboard import batches, lists, work  # they build on this module's Dashboard

    dash = Dashboard(app, access, lock or threading.Lock(),
                     zone=ZoneInfo(app.index_settings.timezone))
    ended = EndedSessions(app.store)
    access.ended = ended.ended
    api.include_router(login.router(dash, throttle or LoginThrottle.from_settings(None), ended))
    api.include_router(router(dash))
    api.include_router(work.router(dash))
    api.include_router(batches.router(dash))
    api.include_router(lists.router(dash))
    api.include_router(json_router(dash))
    api.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="dashboard-static")
    api.add_exception_handler(HTTPException, functools.partial(_error_page, dash))
    return dash


async def _error_page(dash: Dashboard, request: Request, exc: HTTPException) -> Response:
    """Dashboard errors as a page for a browser; everything else as FastAPI answers it."""
    wants_page = "text/html" in request.headers.get("accept", "") and exc.status_code >= 400
    if not wants_page or not request.url.path.startswith(PREFIX):
        return await http_exception_handler(request, exc)
    context = {"status": exc.status_code, "detail": exc.detail}
    return dash.page(request, "error.html", context, dash.principal(request), exc.status_code)


def router(dash: Dashboard) -> APIRouter:
    """The dashboard's routes on ``dash``."""
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("", response_class=HTMLResponse)
    def overview(request: Request, jour: date | None = None, relance: str = "") -> HTMLResponse:
        who, now = dash.require(request), utcnow()
        context = pages.overview(dash.app.index, who, jour or stats.local_day(now), now,
                                 dash.app.rules.teams, dash.review_team)
        return dash.page(request, "overview.html", context | {"notice": _released(dash.app, relance)}, who)

    @r.get("/cases/{case_id}", response_class=HTMLResponse)
    def case_page(request: Request, case_id: str, fait: str = "", erreur: str = "") -> HTMLResponse:
        who = dash.require(request)
        case = dash.case_for(who, case_id)
        access_log.record_view(dash.app.store, case, f"user:{who.name}", who.role)
        context = pages.case_page(dash.app.records, case, dash.zone) | \
            work_context(dash.app.store, who, case, dash.app.rules.teams, fait, erreur)
        return dash.page(request, "case.html", context, who)

    @r.get("/cases/{case_id}/items/{envelope_id}/{index}.png")
    def preview(request: Request, case_id: str, envelope_id: str, index: int) -> Response:
        who = dash.require(request)
        case = dash.case_for(who, case_id)
        if envelope_id not in case.items:
            raise HTTPException(404, "Cet élément n'appartient pas au dossier.")
        access_log.record_view(dash.app.store, case, f"user:{who.name}", who.role, "document", envelope_id, index)
        return Response(_preview(dash.app, envelope_id, index), media_type="image/png",
                        headers={"Cache-Control": "private, max-age=3600"})

    @r.post("/quarantine/{entry_id}/retry")
    def retry(request: Request, entry_id: str, csrf: str = Form("")) -> Response:
        who = dash.require(request)
        dash.check_form(request, who, csrf)
        if not who.supervisor:
            raise HTTPException(403, "Seul un superviseur peut relancer un élément.")
        done = retry_entry(dash, entry_id)
        log.info("%s retried quarantined %s: %s", who.name, entry_id, done)
        return RedirectResponse(f"{PREFIX}?relance={entry_id}", status_code=303)

    return r


def _read_case(app: App, case_id: str) -> Case:
    try:
        return app.records.case(case_id)
    except (NotFound, IntakeError):
        raise HTTPException(404, "Aucun dossier sous ce numéro.") from None


def _preview(app: App, envelope_id: str, index: int) -> bytes:
    attachments = app.records.envelope(envelope_id).attachments
    if not 0 <= index < len(attachments):
        raise HTTPException(404, "Document introuvable.")
    try:
        return preview_png(app.store.get(attachments[index].ref.key))
    except IntakeError as exc:  # unreadable, encrypted, or a type without preview
        raise HTTPException(422, f"Aperçu impossible : {exc.data.get('why', 'document illisible')}.") from None


def _released(app: App, entry_id: str) -> str | None:
    """What a retry did, read back from the store (never echoed from the URL)."""
    if not ENTRY_ID.fullmatch(entry_id):
        return None
    try:
        entry = json.loads(app.store.get(f"quarantine-released/{entry_id}.json"))
    except NotFound:
        return None
    return f"{entry_id} : {entry.get('note', '')}"


def retry_entry(dash: Dashboard, entry_id: str) -> str:
    """Send one quarantined entry through again (the button and the JSON route); 404 or 409 with the reason."""
    from runtime.quarantine import retry

    if not ENTRY_ID.fullmatch(entry_id):
        raise HTTPException(404, "Rien en quarantaine sous cet identifiant.")
    try:
        with dash.lock:
            done = retry(dash.app, entry_id)
    except Exception as exc:  # noqa: BLE001 - whatever the retry raises is a page that says so, never a 500
        raise _refusal(exc) from None
    if not dash.app.store.exists(f"quarantine-released/{entry_id}.json"):
        raise HTTPException(409, done)  # read again and refused again: it stays, and the page says why
    return done


def _refusal(exc: Exception) -> HTTPException:
    """Why a retry was not done, as the operator sees it (the item stays in quarantine)."""
    if isinstance(exc, NotFound):
        return HTTPException(404, "Rien en quarantaine sous cet identifiant.")
    if isinstance(exc, RetryableError):
        return HTTPException(503, "File d'attente ou stockage indisponible : réessayez dans un instant.",
                             headers={"Retry-After": "30"})
    if isinstance(exc, IntakeError):  # the entry cannot be sent back (its bytes were not kept...): say why
        return HTTPException(409, f"Cet élément ne peut pas être relancé : {exc.message}")
    incident = report(exc, {"method": "POST", "path": f"{PREFIX}/quarantine/{{entry_id}}/retry"})
    return HTTPException(409, f"La relance a échoué (incident {incident}) : l'élément reste en quarantaine.")
