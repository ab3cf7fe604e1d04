"""The public tracking page over real HTTP: a member follows a web-form request by its number and
reads received / in progress / answered with dates, nothing personal; unknown numbers are a
French 404; visitors are rate-limited. And in Chromium: submit, confirmation, status."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import sync_playwright
from served import serve

from intake.models import utcnow
from storage import lifecycle
from web.dashboard.stats import TZ
from web.ratelimit import RateLimiter
from web.server import create_app

KEY = "cle-portail-adherent-0123456789"
FORM = {"name": "Jeanne Martin", "email": "jeanne.martin@example.fr", "member_number": "12345678",
        "subject": "Lunettes de ma fille", "message": "Bonjour, ma facture d'opticien n'est pas remboursée."}
TRACKING = re.compile(r'id="tracking">(W-[A-Z0-9]{10})<')
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]


@pytest.fixture
def site(app) -> Iterator[tuple[str, httpx.Client]]:
    api = create_app(app, api_keys=[KEY], public_form=True, challenge=0, users=[], session_secret="s",
                     limiter=RateLimiter(600, 50))
    with serve(api) as url, httpx.Client(base_url=url, timeout=20) as client:
        yield url, client


def _submit(client: httpx.Client) -> str:
    """Send the public form as a browser does; the tracking number its receipt shows."""
    bill = ("facture.txt", "Facture de l'opticien : 320 €".encode(), "text/plain")
    answer = client.post("/v1/submissions", data=FORM, files={"files": bill}, headers={"Accept": "text/html"})
    assert answer.status_code == 202, answer.text
    return TRACKING.search(answer.text).group(1)


def _status(client: httpx.Client, tracking: str) -> tuple[str, str]:
    page = client.get(f"/suivi/{tracking}")
    assert page.status_code == 200 and 'lang="fr"' in page.text
    return re.search(r'id="status">([^<]*)<', page.text).group(1), page.text


def _today() -> str:
    return f"{utcnow().astimezone(TZ):%d/%m/%Y}"


def test_a_request_reads_received_then_in_progress_then_answered_with_its_dates(app, site):
    _, client = site
    tracking = _submit(client)
    status, _ = _status(client, tracking)
    assert status == "reçue"
    app.worker().run(idle_timeout=1)
    case_id = app.records.index_get("envelope", _envelope(app, tracking))
    assert _status(client, tracking)[0] == "reçue"  # in a case, but nobody took it up yet
    lifecycle.assign(app.records, case_id, "gaelle.general", "user:gaelle")
    status, text = _status(client, tracking)
    assert status == "en cours de traitement" and f"Prise en charge le {_today()}" in text
    lifecycle.close(app.records, case_id, "remboursement effectué", "user:gaelle")
    status, text = _status(client, tracking)
    assert status == "traitée" and f"Réponse apportée le {_today()}" in text and f"Reçue le {_today()}" in text
    shown = text.lower()
    personal = [*FORM.values(), case_id, "gaelle", "remboursement effectué", "general", "optique", "optical"]
    assert [word for word in personal if word.lower() in shown] == []


def _envelope(app, tracking: str) -> str:
    return json.loads(app.store.get(f"web/tracking/{tracking}.json"))["envelope_id"]


def test_an_unknown_a_malformed_or_a_partners_number_is_the_same_french_404(app, site):
    _, client = site
    partner = client.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY}).json()["tracking_id"]
    for number in ("W-AAAAAAAAAA", "W-123", "<script>", partner):
        page = client.get(f"/suivi/{number}")
        assert page.status_code == 404 and "Demande introuvable" in page.text, number
        assert "<script>" not in page.text.split("<body>")[1]


def test_the_tracking_form_sends_the_number_typed_loosely_to_its_page(site):
    _, client = site
    tracking = _submit(client)
    form = client.get("/suivi")
    assert form.status_code == 200 and 'name="numero"' in form.text
    moved = client.get("/suivi", params={"numero": f"  {tracking.lower()} "})
    assert moved.status_code == 303 and moved.headers["location"] == f"/suivi/{tracking}"


def test_a_visitor_looking_too_often_is_slowed_down_in_french(app):
    api = create_app(app, api_keys=[], public_form=True, challenge=0, users=[], session_secret="s",
                     limiter=RateLimiter(1, 2))
    with serve(api) as url, httpx.Client(base_url=url, timeout=20) as client:
        answers = [client.get("/suivi/W-AAAAAAAAAA") for _ in range(3)]
    assert [a.status_code for a in answers] == [404, 404, 429]
    assert "Trop de demandes" in answers[2].text and int(answers[2].headers["Retry-After"]) >= 1


def test_in_chromium_a_member_submits_the_form_reads_the_styled_receipt_and_follows_the_request(site):
    url, _ = site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{url}/")
        page.fill("input[name=name]", FORM["name"])
        page.fill("textarea[name=message]", FORM["message"])
        page.click("button[type=submit]")
        page.wait_for_selector("text=Demande reçue")
        assert page.evaluate("getComputedStyle(document.querySelector('.receipt')).borderTopStyle") == "solid"
        tracking = page.inner_text("#tracking")
        page.click("#follow")
        page.wait_for_selector("#status")
        assert page.inner_text("#tracking") == tracking and page.inner_text("#status") == "reçue"
        assert FORM["name"] not in page.inner_text("body") and violations == []
        browser.close()


def test_the_visitors_buckets_are_bounded_and_apart_from_the_api_keys():
    from web.tracking import MAX_VISITORS, VisitorLimit

    keys = RateLimiter(60, 1)
    visitors = VisitorLimit(keys)
    assert visitors.wait("a") == 0 and visitors.wait("a") > 0 and keys.buckets == {}
    for n in range(MAX_VISITORS + 1):
        visitors.wait(f"v{n}")
    assert len(visitors.limiter.buckets) <= MAX_VISITORS
