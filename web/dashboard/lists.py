"""``/dashboard/dossiers``: every case the user may see, filtered, sorted and paged, or searched.

Read from the case index. A list pages with the index's keyset cursor
(``apres``: the next page starts after the last row shown, however many cases
arrive meanwhile); a search (``q``, the search box of every page) pages by
offset (``decalage``), best hits first. Filters are French query parameters;
an unknown value is ignored rather than refused, a damaged cursor starts over
at the first page.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from intake.taxonomy import CHANNELS, STATUSES, TOPICS, URGENCIES
from intake.telemetry import NEAR_DAYS
from routing.calendar import add_working_days
from storage.index.query import BadCursor, CaseQuery
from web.dashboard import queries, stats
from web.dashboard.routes import PREFIX, Dashboard

PAGE = 25
SORTS = {"received": "Reçu le", "last_contact": "Dernier contact", "deadline": "Échéance", "priority": "Priorité"}
DEADLINES = {"": "toutes", "depassee": "dépassée", "proche": f"dépassée ou à {NEAR_DAYS} jours"}
FILTERS = {"equipe": "teams", "statut": "statuses", "theme": "topics", "canal": "channels", "urgence": "urgencies"}


def router(dash: Dashboard) -> APIRouter:
    """The case list and search on ``dash``."""
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    @r.get("/dossiers", response_class=HTMLResponse)
    def cases(request: Request, q: str = "", equipe: str = "", statut: str = "", theme: str = "", canal: str = "",
              urgence: str = "", echeance: str = "", ouvres: str = "", tri: str = "received", apres: str = "",
              decalage: int = 0) -> HTMLResponse:
        who = dash.require(request)
        chosen = _chosen(equipe, statut, theme, canal, urgence, dash.app.rules.teams)
        query = _query(who, chosen, echeance, ouvres, stats.today(), tri)
        shown = {**{k: v for k, v in chosen.items() if v}, "echeance": echeance if echeance in DEADLINES else "",
                 "ouvres": ouvres if ouvres.isdigit() else "", "tri": query.sort, "q": q.strip()[:200]}
        found = _search(dash, q, query, max(decalage, 0)) if q.strip() else _page(dash, query, apres)
        context = {"shown": shown, "teams": dash.app.rules.teams if who.supervisor else (), "sorts": SORTS,
                   "deadlines": DEADLINES, "choices": {"statut": STATUSES, "theme": TOPICS, "canal": CHANNELS,
                                                       "urgence": URGENCIES}, **found}
        context["link"] = lambda **more: f"{PREFIX}/dossiers?" + urlencode({**_kept(shown), **more})
        return dash.page(request, "cases.html", context, who)

    return r


def _chosen(equipe: str, statut: str, theme: str, canal: str, urgence: str, teams: tuple[str, ...]) -> dict:
    """The filters' values that name something known (anything else is no filter)."""
    return {"equipe": equipe if equipe in teams else "", "statut": statut if statut in STATUSES else "",
            "theme": theme if theme in TOPICS else "", "canal": canal if canal in CHANNELS else "",
            "urgence": urgence if urgence in URGENCIES else ""}


def _query(who, chosen: dict, echeance: str, ouvres: str, today: date, tri: str) -> CaseQuery:
    """The index query of the page's filters, limited to the teams ``who`` sees."""
    given = {FILTERS[k]: (v,) for k, v in chosen.items() if v and k != "equipe"}
    query = CaseQuery(**given, teams=queries.visible(who, chosen["equipe"] or None),
                      sort=tri if tri in SORTS else "received", limit=PAGE)
    if echeance == "depassee":
        query = query.past_deadline(today)
    elif echeance == "proche":
        query = query.model_copy(update={"active": True, "deadline_until": today + timedelta(days=NEAR_DAYS)})
    if ouvres.isdigit() and int(ouvres) <= 60:
        query = query.due_by(today, add_working_days(today, int(ouvres)))
    return query


def _page(dash: Dashboard, query: CaseQuery, cursor: str) -> dict:
    index = dash.app.index
    try:
        page = index.list_cases(query.model_copy(update={"cursor": cursor or None}))
    except BadCursor:
        page, cursor = index.list_cases(query), ""
    return {"rows": page.cases, "total": index.count_cases(query), "next": {"apres": page.next_cursor}
            if page.next_cursor else None, "first": {} if cursor else None, "hits": None}


def _search(dash: Dashboard, text: str, query: CaseQuery, offset: int) -> dict:
    page = dash.app.index.search(text, query.model_copy(update={"offset": offset}))
    previous = {"decalage": max(offset - PAGE, 0)} if offset else None
    return {"rows": [h.case for h in page.hits], "hits": page.hits, "total": None, "first": previous,
            "next": {"decalage": page.next_offset} if page.next_offset is not None else None}


def _kept(shown: dict) -> dict:
    """The page's filters as query parameters (empty ones left out)."""
    return {k: v for k, v in shown.items() if v and not (k == "tri" and v == "received")}
