"""The dashboard's retry button on quarantine entries of every stage and channel: released when read again,
a French answer (409) when it cannot be, never a server error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from web.dashboard.auth import hash_api_key
from web.server import create_app

SUPERVISOR_KEY = "cle-superviseur-0123456789abcdef"
MAIL = (b"From: Jeanne Martin <jeanne@example.fr>\r\nSubject: Attestation\r\nMessage-ID: <r1@example.fr>\r\n\r\n"
        b"Bonjour, une attestation svp.\r\n")


@pytest.fixture
def dashboard(app):
    users = [{"name": "chef", "role": "supervisor", "api_key_hash": hash_api_key(SUPERVISOR_KEY)}]
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], users=users, session_secret="s" * 32)
    with TestClient(api, raise_server_exceptions=False, follow_redirects=False) as client:
        client.headers["X-API-Key"] = SUPERVISOR_KEY
        yield client


@pytest.mark.parametrize("stage, file", [("imap", "sante-1-7.eml"), ("calls", "call-x.call.json")])
def test_retrying_a_connectors_entry_reads_its_bytes_again_and_releases_it(app, dashboard, stage, file):
    data = MAIL if file.endswith(".eml") else b'{"call_id": "C-1", "start": "2026-11-20T10:00:00Z", "notes": "Bonjour"}'
    entry = app.refuse(stage, "item-1", "refusé par une ancienne version", raw=data, file=file)
    answer = dashboard.post(f"/dashboard/quarantine/{entry}/retry")
    assert answer.status_code == 303 and app.records.quarantined() == []


def test_an_entry_that_cannot_be_retried_answers_409_with_a_french_reason(app, dashboard):
    entry = app.refuse("hotfolder", "item-2", "trop gros", raw=None, file="gros.tif")
    answer = dashboard.post(f"/dashboard/quarantine/{entry}/retry")
    assert answer.status_code == 409 and "ne peut pas être relancé : ni ses octets" in answer.json()["detail"]


def test_an_entry_refused_again_stays_and_the_answer_says_why(app, dashboard):
    entry = app.refuse("imap", "item-3", "pas un courriel", raw=b"juste du texte", file="item-3.eml")
    answer = dashboard.post(f"/dashboard/quarantine/{entry}/retry", headers={"Accept": "text/html"})
    assert answer.status_code == 409 and "toujours refusé" in answer.text and "n&#39;est pas un courriel" in answer.text
    assert [e["id"] for e in app.records.quarantined()] == [entry]
