"""The dashboard's mailroom batches (/dashboard/lots): a reviewer sees the batches waiting, each page's
thumbnail and letter, moves a boundary and confirms; the letters are made with the reviewer's name.
Only reviewers and supervisors get there."""

from __future__ import annotations

import pytest
from batch_stacks import small_batch_in_review
from fastapi.testclient import TestClient

from runtime import batch_record
from storage.batches import batch_events
from web.dashboard.auth import hash_api_key
from web.server import create_app

KEYS = {"relecteur": "cle-relecteur-0123456789abcdef", "dentaire": "cle-dentaire-0123456789abcdef"}
TEXT = {1: "Madame, Monsieur, je demande le remboursement de mes lunettes.",
        3: "Madame, Monsieur, ma fille a changé d'adresse.", 4: "Je vous remercie. Jeanne Martin"}


@pytest.fixture
def dashboard(app):
    users = [{"name": "relecteur", "role": "reviewer", "api_key_hash": hash_api_key(KEYS["relecteur"])},
             {"name": "dentaire", "role": "team:expert-dental", "api_key_hash": hash_api_key(KEYS["dentaire"])}]
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], users=users, session_secret="s" * 32)
    with TestClient(api, raise_server_exceptions=False, follow_redirects=False) as client:
        yield client


def as_user(name: str) -> dict[str, str]:
    return {"X-API-Key": KEYS[name], "Accept": "text/html"}


@pytest.fixture
def batch_id(app):
    return small_batch_in_review(app, TEXT, blanks={2, 5}, firsts=[1, 3])


def test_a_reviewer_sees_the_batches_waiting_and_each_pages_thumbnail_and_letter(dashboard, batch_id):
    listing = dashboard.get("/dashboard/lots", headers=as_user("relecteur"))
    assert listing.status_code == 200 and batch_id in listing.text and "décision incertaine page 3" in listing.text
    page = dashboard.get(f"/dashboard/lots/{batch_id}", headers=as_user("relecteur"))
    assert page.status_code == 200 and "Déplacer une limite" in page.text
    assert 'data-page="4" data-letter="2"' in page.text and 'data-page="2" data-letter=""' in page.text
    image = dashboard.get(f"/dashboard/lots/{batch_id}/pages/3.png", headers=as_user("relecteur"))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")


def test_a_team_member_is_refused_the_batches_in_french(dashboard, batch_id):
    answer = dashboard.get(f"/dashboard/lots/{batch_id}", headers=as_user("dentaire"))
    assert answer.status_code == 403 and "relecteurs" in answer.text


def test_a_moved_boundary_and_a_confirmation_make_the_letters_with_the_reviewers_name(app, dashboard, batch_id):
    moved = dashboard.post(f"/dashboard/lots/{batch_id}/deplacer", data={"de": 3, "vers": 4},
                           headers=as_user("relecteur"))
    assert moved.status_code == 303
    assert [(l.first, l.pages) for l in batch_record.load(app.store, batch_id).split.letters] == [(1, (1, 3)),
                                                                                                   (4, (4,))]
    done = dashboard.post(f"/dashboard/lots/{batch_id}/valider", headers=as_user("relecteur"))
    assert done.status_code == 303 and batch_record.load(app.store, batch_id).status == "ready"
    app.worker().run(idle_timeout=1)  # the capture worker makes the letters
    record = batch_record.load(app.store, batch_id)
    children = [app.records.envelope(i) for i in record.letters]
    assert record.status == "released" and [c.meta["batch_pages"] for c in children] == ["1-3", "4-4"]
    assert {c.meta["batch_reviewed_by"] for c in children} == {"user:relecteur"}
    assert "lunettes" in app.records.capture(children[0].id).text
    assert [(e.kind, e.actor) for e in batch_events(app.store, batch_id)] == [
        ("boundary-moved", "user:relecteur"), ("confirmed", "user:relecteur"), ("released", "user:relecteur")]


def test_a_move_onto_a_blank_back_is_refused_with_the_reason(dashboard, batch_id):
    answer = dashboard.post(f"/dashboard/lots/{batch_id}/deplacer", data={"de": 3, "vers": 2},
                            headers=as_user("relecteur"))
    assert answer.status_code == 409 and "page blanche" in answer.text


def test_an_unknown_batch_answers_404(dashboard):
    answer = dashboard.get("/dashboard/lots/env-000000000000000000000000", headers=as_user("relecteur"))
    assert answer.status_code == 404 and "Aucun lot" in answer.text
