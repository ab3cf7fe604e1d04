"""People's work in the dashboard: the work queue, and every action on a case
(take, assign, status, note, close, reopen; confirm or correct a decision or a
field; move, split, merge, undo).

Each action calls the storage function the CLI calls (storage/lifecycle.py,
notes.py, corrections.py, surgery.py) with the signed-in user as the actor
(``user:<name>``), then tells the outbound stage, as ``intake case ...`` does.
Every form carries the session's CSRF token and a token of its own (``op``):
a form sent twice records its action once. The answer is a redirect to the
case with a notice, or with a problem named by a fixed code (never echoed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake.errors import IntakeError
from intake.models import Case
from runtime.review import route_for
from storage import corrections, lifecycle, notes, surgery
from storage.actions import ReasonRequired
from web.dashboard import queries
from web.dashboard.casework import DONE, PROBLEMS
from web.dashboard.permissions import REFUSED, Action, can
from web.dashboard.routes import CASE_ID, PREFIX, Dashboard, templates

templates.env.globals["op_token"] = lambda: uuid.uuid4().hex
STATUSES = ("in_progress", "waiting_member")
Change = Callable[[str], "Case | tuple[Case, Case]"]  # actor -> the case(s) after the action


def router(dash: Dashboard) -> APIRouter:
    """The work queue and the case actions on ``dash``."""
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("/travail", response_class=HTMLResponse)
    def work(request: Request, equipe: str = "", fait: str = "") -> HTMLResponse:
        who = dash.require(request)
        index = dash.app.index
        queue = queries.work_queue(index, who, equipe if equipe in dash.app.rules.teams else None)
        review = queries.review_queue(index, who, dash.review_team) if who.supervisor or who.reviewer else None
        context = {"queue": queue, "review": review, "teams": dash.app.rules.teams, "notice": DONE.get(fait)}
        return dash.page(request, "work.html", context, who)

    _lifecycle_routes(r, dash)
    _review_routes(r, dash)
    _surgery_routes(r, dash)
    return r


def _lifecycle_routes(r: APIRouter, dash: Dashboard) -> None:
    records = dash.app.records

    @r.post("/cases/{case_id}/prendre")
    def take(request: Request, case_id: str, csrf: str = Form(""), op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "work", "prendre", lambda actor: lifecycle.assign(
            records, case_id, actor.removeprefix("user:"), actor, "dossier pris en charge", op or None))

    @r.post("/cases/{case_id}/attribuer")
    def assign(request: Request, case_id: str, assignee: str = Form(""), csrf: str = Form(""),
               op: str = Form("")) -> Response:
        person = assignee.strip()[:64] or "?"
        return act(dash, request, case_id, csrf, "work", "attribuer", lambda actor: lifecycle.assign(
            records, case_id, person, actor, f"dossier attribué à {person}", op or None))

    @r.post("/cases/{case_id}/statut")
    def status(request: Request, case_id: str, statut: str = Form(""), note: str = Form(""), csrf: str = Form(""),
               op: str = Form("")) -> Response:
        if statut not in STATUSES:
            raise HTTPException(404, "Statut inconnu.")
        return act(dash, request, case_id, csrf, "work", "statut", lambda actor: lifecycle.change_status(
            records, case_id, statut, actor, note.strip(), op=op or None))

    @r.post("/cases/{case_id}/note")
    def note(request: Request, case_id: str, texte: str = Form(""), csrf: str = Form(""),
             op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "work", "note",
                   lambda actor: notes.add_note(records, case_id, texte, actor, op or None))

    @r.post("/cases/{case_id}/clore")
    def close(request: Request, case_id: str, issue: str = Form(""), note: str = Form(""), csrf: str = Form(""),
              op: str = Form("")) -> Response:
        outcome = issue.strip() or "?"
        return act(dash, request, case_id, csrf, "work", "clore", lambda actor: lifecycle.close(
            records, case_id, outcome, actor, note.strip() or f"dossier clos : {outcome}", op or None))

    @r.post("/cases/{case_id}/rouvrir")
    def reopen(request: Request, case_id: str, note: str = Form(""), csrf: str = Form(""),
               op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "work", "rouvrir", lambda actor: lifecycle.reopen(
            records, case_id, actor, _reason(note), op or None))


def _review_routes(r: APIRouter, dash: Dashboard) -> None:
    app = dash.app

    @r.post("/cases/{case_id}/decision")
    def decision(request: Request, case_id: str, action: str = Form("confirmer"), topic: str = Form(""),
                 complexity: str = Form(""), urgency: str = Form(""), team: str = Form(""), motif: str = Form(""),
                 csrf: str = Form(""), op: str = Form("")) -> Response:
        labels = {"topic": topic, "complexity": complexity, "urgency": urgency} if action == "corriger" else {}
        chosen = team if action == "corriger" and team else None
        return act(dash, request, case_id, csrf, "review", "corriger" if action == "corriger" else "confirmer",
                   lambda actor: corrections.check_decision(
                       app.records, case_id, actor, labels, route_for(app.records, app.rules), app.rules.teams,
                       app.notify, motif.strip(), chosen, op or None))

    @r.post("/cases/{case_id}/champs")
    def field(request: Request, case_id: str, item: str = Form(""), numero: int = Form(-1), valeur: str = Form(""),
              action: str = Form("confirmer"), motif: str = Form(""), csrf: str = Form(""),
              op: str = Form("")) -> Response:
        value = valeur if action == "corriger" else None
        return act(dash, request, case_id, csrf, "review", "champ", lambda actor: corrections.check_field(
            app.records, case_id, item, numero, actor, value, motif.strip(), op or None))


def _surgery_routes(r: APIRouter, dash: Dashboard) -> None:
    records = dash.app.records

    @r.post("/cases/{case_id}/deplacer")
    def move(request: Request, case_id: str, item: str = Form(""), cible: str = Form(""), motif: str = Form(""),
             csrf: str = Form(""), op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "surgery", "deplacer", lambda actor: surgery.move_item(
            records, item, case_id, _ref(cible), actor, motif, op or None))

    @r.post("/cases/{case_id}/separer")
    def split(request: Request, case_id: str, item: str = Form(""), motif: str = Form(""), csrf: str = Form(""),
              op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "surgery", "separer", lambda actor: _swap(surgery.split_item(
            records, item, case_id, actor, motif, op or None)))

    @r.post("/cases/{case_id}/fusionner")
    def merge(request: Request, case_id: str, cible: str = Form(""), motif: str = Form(""), csrf: str = Form(""),
              op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "surgery", "fusionner", lambda actor: _swap(surgery.merge_cases(
            records, case_id, _ref(cible), actor, motif, op or None)))

    @r.post("/cases/{case_id}/annuler")
    def undo(request: Request, case_id: str, operation: str = Form(""), motif: str = Form(""), csrf: str = Form(""),
             op: str = Form("")) -> Response:
        return act(dash, request, case_id, csrf, "surgery", "annuler", lambda actor: surgery.undo(
            records, case_id, operation, actor, motif, op or None))


def act(dash: Dashboard, request: Request, case_id: str, csrf: str, action: Action, done: str,
        change: Change) -> Response:
    """Check who may do ``action`` on the case, do it, tell outbound, and go to the case the action leaves open."""
    who = dash.require(request)
    dash.check_form(request, who, csrf)
    case = dash.case_for(who, case_id)
    if not can(who, action, case):
        raise HTTPException(403, REFUSED[action])
    try:
        with dash.lock:
            result = change(f"user:{who.name}")
            cases = result if isinstance(result, tuple) else (result,)
            for changed in cases:
                dash.app.bus.send_to_stage("outbound", {"case_id": changed.id})
    except IntakeError as exc:
        return _back(case.id, "erreur", _code(exc))
    landing = cases[0]
    if not can(who, "view", landing):  # e.g. a reviewer's correction sent the case to another team
        return RedirectResponse(f"{PREFIX}/travail?fait={done}", status_code=303)
    return _back(landing.id, "fait", done)


def _back(case_id: str, key: str, code: str) -> Response:
    return RedirectResponse(f"{PREFIX}/cases/{case_id}?{key}={code}", status_code=303)


def _code(exc: IntakeError) -> str:
    return next((code for cls, (code, _) in PROBLEMS.items() if isinstance(exc, cls)), "autre")


def _reason(note: str) -> str:
    if not note.strip():
        raise ReasonRequired("a reason is required to reopen a case")
    return note.strip()


def _ref(value: str) -> str:
    """A case reference typed in a form: upper case, and only a well-formed one reaches the store."""
    ref = value.strip().upper()
    return ref if CASE_ID.fullmatch(ref) else "IN-INVALIDE"


def _swap(pair: tuple[Case, Case]) -> tuple[Case, Case]:
    """The case that keeps the items first: the new case after a split, the target after a merge."""
    return pair[1], pair[0]
