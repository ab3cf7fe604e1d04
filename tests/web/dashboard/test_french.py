"""What an operator reads on the dashboard is French: over the sample intake, no page shows a
team, topic, urgency, status or channel code (``expert-dental``, ``optical``, ``critical``,
``in_progress``...) where a label belongs, in headless Chromium. Times say their time zone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import sync_playwright
from served import serve

from intake import labels
from intake.settings import Settings
from runtime.app import App
from runtime.demo import run_demo
from runtime.ingest import ingest_paths
from storage import lifecycle
from storage.reroute import reroute
from web.dashboard.auth import hash_password
from web.server import create_app

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
SUPERVISOR = ("claire.martin", "tableau-de-bord-2026")
FAMILIES = ("team", "topic", "complexity", "urgency", "status", "channel")
# the codes whose label differs from them (« simple » and « hospitalisation » are French already)
CODES = {code for family in FAMILIES for code, text in labels.FAMILIES[family].items() if code != text.lower()}
WORD = re.compile(r"(?<![\w'’./:-])[A-Za-z][\w-]*(?![\w'’./:-])")
# what members wrote (their letters, subjects, the values read) is theirs, not ours to translate
MEMBER_TEXT = ".page-text, table.fields, .item h2, .timeline-group > h3, td.subject, code"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample intake with a damaged letter quarantined, a case in review and one in progress."""
    data = tmp_path_factory.mktemp("french")
    app = App(Settings.load(environ={}, data_dir=data / "data", retry_base_seconds=0.01))
    damaged = data / "courrier-abime.pdf"
    damaged.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken")
    ingest_paths(app, [damaged])
    cases = run_demo(app, idle_seconds=1)
    waiting = [c for c in cases if c.status == "open"]
    reroute(app.records, waiting[0].id, "review", "user:test", app.rules.teams, app.notify, "à relire")
    lifecycle.change_status(app.records, waiting[1].id, "in_progress", "user:test", "")
    users = [{"name": SUPERVISOR[0], "role": "supervisor", "password_hash": hash_password(SUPERVISOR[1])}]
    api = create_app(app, api_keys=[], users=users, session_secret="test-secret")
    with serve(api) as url:
        yield app, url
    app.close()


@pytest.fixture(scope="module")
def page(site):
    """A supervisor signed in, in headless Chromium."""
    _, url = site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(f"{url}/dashboard/login")
        tab.fill("input[name=name]", SUPERVISOR[0])
        tab.fill("input[name=password]", SUPERVISOR[1])
        tab.click("#login-password button")
        tab.wait_for_url(f"{url}/dashboard")
        yield tab
        browser.close()


def _codes_shown(page) -> list[str]:
    """The codes in the page's visible text, leaving out what members wrote."""
    text = page.evaluate("""(skip) => { const body = document.body.cloneNode(true);
        body.querySelectorAll(skip).forEach(e => e.remove()); return body.innerText; }""", MEMBER_TEXT)
    return sorted({w for w in WORD.findall(text) if w in CODES})


def test_the_overview_and_the_work_and_review_queues_show_no_code(site, page):
    _, url = site
    for path in ("/dashboard", "/dashboard/travail"):
        page.goto(f"{url}{path}")
        assert page.locator("table").count() >= 1
        assert _codes_shown(page) == [], path
    assert page.locator("#review-queue tbody tr").count() >= 1


def test_every_case_page_shows_no_code_and_no_model_path(site, page):
    app, url = site
    for case_id in app.records.case_ids():
        page.goto(f"{url}/dashboard/cases/{case_id}")
        assert page.locator("#timeline li").count() >= 1
        assert _codes_shown(page) == [], case_id
        assert "/models/" not in page.inner_text("#timeline") and "confidence" not in page.inner_text("#timeline")


def test_the_case_page_reads_team_topic_and_urgency_as_labels(site, page):
    app, url = site
    case = next(app.records.case(c) for c in app.records.case_ids() if app.records.case(c).team == "complaints")
    page.goto(f"{url}/dashboard/cases/{case.id}")
    assert page.inner_text("#case-team") == labels.team("complaints")
    facts = page.inner_text("dl.facts")
    assert f"urgence {labels.urgency(case.urgency)}" in facts and labels.topic(case.topic) in facts


def test_the_pages_say_which_time_zone_their_times_are_in(site, page):
    _, url = site
    page.goto(f"{url}/dashboard")
    assert "Europe/Paris" in page.inner_text("footer")
