"""Requests that used to end in a 500 answer a clear French 4xx page instead, over real HTTP:
the preview of a corrupt or encrypted PDF on a case page, retrying a quarantined item of a
connector stage (whatever the retry raises), and cookies or form fields that are not ASCII
or not what the app wrote."""

from __future__ import annotations

import json

import httpx
import pytest
from docs import encrypted_pdf
from served import serve
from signin import form_token, sign_in

import runtime.quarantine
from intake.errors import PermanentError
from web.dashboard.auth import hash_password
from web.server import create_app

CLAIRE = ("claire.martin", "tableau-de-bord-2026")
USERS = [{"name": CLAIRE[0], "role": "supervisor", "password_hash": hash_password(CLAIRE[1])}]
KEY = "cle-portail-adherent-0123456789"
HTML = {"Accept": "text/html"}
FORM = {"name": "Jeanne Martin", "member_number": "12345678", "subject": "Justificatifs",
        "message": "Bonjour, voici mes justificatifs pour le remboursement de mes lunettes."}


@pytest.fixture
def site(app):
    with serve(create_app(app, api_keys=[KEY], users=USERS, session_secret="secret-de-test")) as url:
        yield app, url


@pytest.fixture
def browser(site):
    _, url = site
    with httpx.Client(base_url=url, timeout=30) as client:
        assert sign_in(client, *CLAIRE).status_code == 303
        yield client


def _french_page(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html") and 'lang="fr"' in answer.text


def test_the_preview_of_a_corrupt_or_an_encrypted_pdf_is_a_french_4xx_page(site, browser):
    app, url = site
    files = [("files", ("chiffre.pdf", encrypted_pdf(), "application/pdf")),
             ("files", ("abime.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken", "application/pdf"))]
    receipt = httpx.post(f"{url}/v1/submissions", data={"form": json.dumps(FORM)}, files=files,
                         headers={"X-API-Key": KEY}).json()
    app.worker().run(idle_timeout=1.0)
    case_id = app.records.index_get("envelope", receipt["envelope_id"])
    page = browser.get(f"/dashboard/cases/{case_id}", headers=HTML)

    previews = [browser.get(f"/dashboard/cases/{case_id}/items/{receipt['envelope_id']}/{i}.png", headers=HTML)
                for i in range(2)]
    assert page.status_code == 200
    for answer in previews:
        _french_page(answer, 422)
        assert "Aperçu impossible" in answer.text
    assert "chiffré" in previews[0].text


def test_retrying_a_quarantined_item_of_a_connector_stage_answers_a_french_409_page(site, browser):
    app, _ = site
    entry = app.refuse("imap", "sante-42", "message too large", raw=b"From: x\r\n\r\nbody", mailbox="sante", uid=42)

    answer = browser.post(f"/dashboard/quarantine/{entry}/retry", data={"csrf": form_token(browser)}, headers=HTML)

    _french_page(answer, 409)
    assert "ne peut pas être relancé" in answer.text and "imap" in answer.text
    assert [q["id"] for q in app.records.quarantined()] == [entry]  # still there, untouched


@pytest.mark.parametrize("failure", [PermanentError("payload lost", stage="capture"), KeyError("payload"),
                                     FileNotFoundError("/srv/scans/lettre.pdf"), RuntimeError("anything")])
def test_the_retry_route_never_answers_500_whatever_the_retry_raises(site, browser, monkeypatch, failure):
    app, _ = site
    entry = app.refuse("ingest", "lettre", "unreadable", raw=b"%PDF-1.4", file="lettre.pdf")

    def fails(*_):
        raise failure

    monkeypatch.setattr(runtime.quarantine, "retry", fails)
    answer = browser.post(f"/dashboard/quarantine/{entry}/retry", data={"csrf": form_token(browser)}, headers=HTML)

    _french_page(answer, 409)
    assert "La relance a échoué" in answer.text or "ne peut pas être relancé" in answer.text
    assert "/srv/scans" not in answer.text  # a message that is not ours is not shown


COOKIES = ["é", "ÿþ\x80", '"ouvert', "a.b.c", "eyJ1IjoiY2xhaXJlIn0.é.é", "x" * 3000, "=;=", "\\303\\251"]
ROUTES = [("GET", "/dashboard"), ("GET", "/dashboard/login"), ("GET", "/dashboard/cases/IN-AAAA-AAAA"),
          ("GET", "/dashboard/cases/IN-AAAA-AAAA/items/env-x/0.png"), ("POST", "/dashboard/logout"),
          ("POST", "/dashboard/login"), ("POST", "/dashboard/quarantine/x/retry")]


@pytest.mark.parametrize("value", COOKIES, ids=range(len(COOKIES)))
def test_cookies_and_form_fields_that_are_not_ascii_or_not_ours_answer_4xx_never_500(site, value):
    _, url = site
    header = "; ".join(f"{name}={value}" for name in ("intake_session", "intake_login")).encode("utf-8")
    answers = {}
    for method, path in ROUTES:
        data = {"csrf": value, "name": value, "password": value} if method == "POST" else None
        answers[method, path] = httpx.request(method, url + path, headers={"Cookie": header, **HTML}, data=data).status_code

    assert all(status < 500 for status in answers.values()), answers
    assert answers["GET", "/dashboard/login"] == 200
