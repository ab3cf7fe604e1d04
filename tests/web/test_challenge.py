"""The public form's proof of work: a solved challenge is taken once, a forged, expired or replayed one
is refused; and the page's own script solves it in a real browser (Debian's Chromium, Playwright)."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timedelta, timezone

import altcha
import pytest
from fastapi import HTTPException
from playwright.sync_api import sync_playwright
from served import serve

from web.challenge import FormChallenge
from web.server import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
FORM = {"name": "Jeanne Martin", "email": "jeanne.martin@example.fr", "message": "Bonjour, ma facture d'opticien."}


def _solve(issued: dict, number: int | None = None) -> str:
    found = altcha.solve_challenge_v1(issued["challenge"], issued["salt"], issued["algorithm"], issued["maxnumber"])
    payload = {k: issued[k] for k in ("algorithm", "challenge", "salt", "signature")}
    return base64.b64encode(json.dumps(payload | {"number": found.number if number is None else number}).encode()).decode()


def _refused(challenge: FormChallenge, payload: object) -> str:
    with pytest.raises(HTTPException) as caught:
        challenge.check(payload)
    assert caught.value.status_code == 403
    return caught.value.detail


def test_a_solved_challenge_is_accepted_once(app):
    challenge = FormChallenge(b"k" * 32, 500, app.store)
    solution = _solve(challenge.issue())
    challenge.check(solution)
    assert "déjà servi" in _refused(challenge, solution)


def test_a_missing_wrong_or_foreign_solution_is_refused(app):
    challenge = FormChallenge(b"k" * 32, 500, app.store)
    issued = challenge.issue()
    assert "absente" in _refused(challenge, None) and "absente" in _refused(challenge, "")
    assert "invalide" in _refused(challenge, _solve(issued, number=10_000))
    assert "invalide" in _refused(challenge, "pas du base64 !")
    other = FormChallenge(b"x" * 32, 500, app.store)  # signed by another key (another deployment)
    assert "invalide" in _refused(challenge, _solve(other.issue()))


def test_an_expired_challenge_is_refused(app, monkeypatch):
    challenge = FormChallenge(b"k" * 32, 500, app.store)
    monkeypatch.setattr("web.challenge.LIFETIME", timedelta(seconds=-60))
    assert "périmée" in _refused(challenge, _solve(challenge.issue()))


def test_with_the_challenge_off_the_page_has_no_script_and_nothing_is_asked(app):
    challenge = FormChallenge(b"k" * 32, 0, app.store)
    assert challenge.script("nonce") == "" and challenge.check(None) is None


def test_the_pages_own_script_solves_the_challenge_in_a_real_browser(app):
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], public_form=True, challenge=5000)
    with serve(api) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/")
        page.fill('input[name="name"]', FORM["name"])
        page.fill('input[name="email"]', FORM["email"])
        page.fill('textarea[name="message"]', FORM["message"])
        page.click('button[type="submit"]')
        page.wait_for_selector("text=numéro de suivi", timeout=30_000)
        tracking = re.search(r"W-[A-Z0-9]{10}", page.content()).group(0)
        browser.close()
    [key] = [k for k in app.store.list("envelopes/")]
    envelope = app.records.envelope(key.split("/")[1].removesuffix(".json"))
    assert envelope.meta["tracking_id"] == tracking and envelope.channel == "webform"
    assert abs(envelope.received_at - datetime.now(timezone.utc)) < timedelta(minutes=2)
