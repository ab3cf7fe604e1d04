"""The dashboard's mailroom batches (``/dashboard/lots``): the batches whose cut waits for a person, each
page as a thumbnail with the letter it falls in, a form to move a boundary and a button to confirm.

Reviewers and supervisors only. A moved boundary and a confirmation go through ``runtime/batches.py``
(as ``intake batch move|confirm``), with the signed-in user as the actor; at the confirmation the batch
goes back to the capture workers, which make its letters. What cannot be done is a French 4xx page.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from intake.errors import IntakeError, NotFound
from runtime import batch_record, batches
from runtime.batch_record import BatchRecord
from storage.batches import batch_events, has_thumbnails, thumbnail
from web.dashboard.auth import Principal
from web.dashboard.permissions import can_review_batches
from web.dashboard.routes import PREFIX, Dashboard

BATCH_ID = re.compile(r"env-[0-9a-f]{24}")
KINDS = {"content": "courrier", "envelope": "enveloppe", "blank": "page blanche", "separator": "séparateur"}
DONE = {"deplace": "Limite déplacée : vérifiez le découpage, puis validez-le.",
        "valide": "Découpage validé : les lettres vont être créées, puis classées."}


def router(dash: Dashboard) -> APIRouter:
    r = APIRouter(prefix=f"{PREFIX}/lots", include_in_schema=False)

    @r.get("", response_class=HTMLResponse)
    def listing(request: Request) -> HTMLResponse:
        who = _reviewer(dash, request)
        records = batch_record.every(dash.app.store)
        context = {"waiting": [b for b in records if b.status == "review"],
                   "recent": [b for b in records if b.status != "review"][:20]}
        return dash.page(request, "batches.html", context, who)

    @r.get("/{batch_id}", response_class=HTMLResponse)
    def batch_page(request: Request, batch_id: str, fait: str = "") -> HTMLResponse:
        who = _reviewer(dash, request)
        record = _record(dash, batch_id)
        context = {"batch": record, "pages": _pages(record), "events": batch_events(dash.app.store, record.id),
                   "notice": DONE.get(fait), "thumbnails": has_thumbnails(dash.app.store, record.id)}
        return dash.page(request, "batch.html", context, who)

    @r.get("/{batch_id}/pages/{number}.png")
    def page_thumbnail(request: Request, batch_id: str, number: int) -> Response:
        _reviewer(dash, request)
        try:
            data = thumbnail(dash.app.store, _record(dash, batch_id).id, number)
        except NotFound:
            raise HTTPException(404, "Pas de vignette pour cette page.") from None
        return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    @r.post("/{batch_id}/deplacer")
    def move(request: Request, batch_id: str, de: int = Form(...), vers: int = Form(...),
             csrf: str = Form("")) -> Response:
        who = _form(dash, request, csrf)
        _act(lambda: batches.move(dash.app.records, _record(dash, batch_id).id, de, vers, f"user:{who.name}"))
        return RedirectResponse(f"{PREFIX}/lots/{batch_id}?fait=deplace", status_code=303)

    @r.post("/{batch_id}/valider")
    def confirm(request: Request, batch_id: str, csrf: str = Form("")) -> Response:
        who = _form(dash, request, csrf)
        record = _record(dash, batch_id)
        with dash.lock:  # the bus is shared with the submissions
            _act(lambda: batches.confirm(dash.app.records, record.id, dash.app.bus.send_to_stage,
                                         f"user:{who.name}"))
        return RedirectResponse(f"{PREFIX}/lots/{batch_id}?fait=valide", status_code=303)

    return r


def _reviewer(dash: Dashboard, request: Request) -> Principal:
    who = dash.require(request)
    if not can_review_batches(who):
        raise HTTPException(403, "Seuls les relecteurs et les superviseurs vérifient les lots de courrier.")
    return who


def _form(dash: Dashboard, request: Request, csrf: str) -> Principal:
    who = _reviewer(dash, request)
    dash.check_form(request, who, csrf)
    return who


def _record(dash: Dashboard, batch_id: str) -> BatchRecord:
    if not BATCH_ID.fullmatch(batch_id):
        raise HTTPException(404, "Aucun lot sous ce numéro.")
    try:
        return batch_record.load(dash.app.store, batch_id)
    except NotFound:
        raise HTTPException(404, "Aucun lot sous ce numéro.") from None


def _act(change) -> None:
    try:
        change()
    except IntakeError as exc:  # a move onto a blank page, a batch no longer in review...
        raise HTTPException(409, exc.message) from None


def _pages(record: BatchRecord) -> list[dict]:
    """Each scanned page: its kind in French, the letter it falls in (1-based), whether it opens it."""
    letter_of = {n: i for i, letter in enumerate(record.split.letters, start=1)
                 for n in ((letter.envelope,) if letter.envelope else ()) + letter.pages}
    return [{"number": p.number, "kind": KINDS[p.kind], "letter": letter_of.get(p.number), "starts": p.starts_letter,
             "unreadable": p.unreadable, "why": " ; ".join(p.reasons)} for p in record.split.pages]
