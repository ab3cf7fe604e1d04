"""What the web app answers when something fails that nobody foresaw: a French page (or a
JSON body for a script) with a 500 and an incident number, the security headers, and one log
line with the error's type, the route and the incident number, never the error's message
(which may hold personal data) nor the request's query."""

from __future__ import annotations

import logging
import re

import httpx
from served import serve

from web.server import create_app

PERSONAL = "jeanne.martin@example.fr"


def _fails() -> None:
    raise ValueError(f"cannot read the form of {PERSONAL}")


def _api(app):
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], users=[], session_secret="secret")
    api.add_api_route("/dashboard/panne", _fails)
    return api


def test_an_unexpected_error_answers_a_french_page_with_an_incident_number(app):
    with serve(_api(app)) as url:
        page = httpx.get(f"{url}/dashboard/panne", headers={"Accept": "text/html"})
        script = httpx.get(f"{url}/dashboard/panne")

    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "Erreur interne" in page.text and PERSONAL not in page.text
    incident = re.search(r'data-incident="([0-9a-f]{12})"', page.text).group(1)
    assert script.status_code == 500 and script.json()["detail"] == "internal error"
    assert re.fullmatch(r"[0-9a-f]{12}", script.json()["incident"]) and script.json()["incident"] != incident
    assert page.headers["x-content-type-options"] == script.headers["x-content-type-options"] == "nosniff"


def test_the_unexpected_error_is_logged_with_its_type_and_route_without_its_message_or_query(app, caplog):
    server_log = logging.getLogger("uvicorn.error")  # uvicorn's own logger does not reach the root one
    server_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.ERROR), serve(_api(app)) as url:
            page = httpx.get(f"{url}/dashboard/panne?courriel={PERSONAL}", headers={"Accept": "text/html"})
    finally:
        server_log.removeHandler(caplog.handler)

    incident = re.search(r'data-incident="([0-9a-f]{12})"', page.text).group(1)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert incident in logged and "ValueError" in logged and "GET /dashboard/panne" in logged
    assert PERSONAL not in logged and "courriel" not in logged
    assert "Exception in ASGI application" not in logged  # the server does not log the traceback a second time
