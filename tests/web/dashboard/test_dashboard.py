"""The operations dashboard end to end: the web app on loopback over the
sample intake (run through every stage), driven in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import sync_playwright
from served import serve

from intake.settings import Settings
from runtime.app import App
from runtime.demo import run_demo
from runtime.ingest import ingest_paths
from storage.timeline import case_timeline
from web.dashboard.auth import hash_api_key, hash_password
from web.server import create_app

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SUPERVISOR = ("claire.martin", "tableau-de-bord-2026")
DENTAL_KEY = "cle-equipe-dentaire-0123456789"
WAITING = {"open", "assigned", "in_progress", "waiting_member"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample intake processed, plus one damaged letter quarantined; the web app serving it."""
    data = tmp_path_factory.mktemp("dashboard")
    app = App(Settings.load(environ={}, data_dir=data / "data", retry_base_seconds=0.01))
    damaged = data / "courrier-abime.pdf"
    damaged.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken")
    ingest_paths(app, [damaged])
    run_demo(app, idle_seconds=1)
    users = [{"name": SUPERVISOR[0], "role": "supervisor", "password_hash": hash_password(SUPERVISOR[1])},
             {"name": "equipe-dentaire", "role": "team:expert-dental", "api_key_hash": hash_api_key(DENTAL_KEY)}]
    api = create_app(app, api_keys=["cle-portail-adherent-0123456789"], users=users, session_secret="test-secret")
    with serve(api) as url:
        yield app, url
    app.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, with a fresh profile."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _sign_in(browser, url: str, **form: str):
    page = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    page.goto(f"{url}/dashboard")
    assert page.url.endswith("/dashboard/login")
    if "api_key" in form:
        page.click("text=Se connecter avec une clé d'API")
        page.fill("#login-key input[name=api_key]", form["api_key"])
        page.click("#login-key button")
    else:
        page.fill("input[name=name]", form["name"])
        page.fill("input[name=password]", form["password"])
        page.click("#login-password button")
    page.wait_for_url(f"{url}/dashboard")
    return page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _store_counts(app: App) -> tuple[Counter, Counter, list]:
    """Items recorded in a case per channel, received today (the received time is ours, not the sample's
    dates; a quarantined item is in the quarantine card, not in the volume), waiting cases per team,
    and the cases: read from the store."""
    from web.dashboard.stats import TZ

    cases = [app.records.case(cid) for cid in app.records.case_ids()]
    envelopes = [app.records.envelope(eid) for case in cases for eid in case.items]
    per_channel = Counter(e.channel for e in envelopes if e.received_at.astimezone(TZ).date() == _today())
    return per_channel, Counter(c.team for c in cases if c.status in WAITING), cases


def _today():
    from intake.models import utcnow
    from web.dashboard.stats import local_day

    return local_day(utcnow())


def _numbers(page, selector: str, key: str) -> dict[str, int]:
    rows = page.locator(selector)
    return {rows.nth(i).get_attribute(key): int(rows.nth(i).locator(".count").inner_text())
            for i in range(rows.count())}


def test_a_supervisor_sees_the_volume_per_channel_and_the_backlog_per_team_the_store_holds(site, browser):
    app, url = site
    page = _sign_in(browser, url, name=SUPERVISOR[0], password=SUPERVISOR[1])
    page.goto(f"{url}/dashboard?jour={_today().isoformat()}")
    per_channel, per_team, _ = _store_counts(app)

    shown_volume = _numbers(page, "#volume tbody tr", "data-channel")
    shown_backlog = {team: n for team, n in _numbers(page, "#backlog tbody tr", "data-team").items() if n}

    assert shown_volume == {c: per_channel.get(c, 0) for c in ("email", "letter", "webform", "phone")}
    assert sum(shown_volume.values()) >= 8 and shown_backlog == dict(per_team)
    assert page.locator("#volume-card svg.chart rect").count() == 4  # the chart is drawn from the same numbers
    assert page.locator("#quarantine tbody tr").count() == 1 and "aucun contenu lisible" in page.inner_text("#quarantine")
    _shot(page, "dashboard-overview.png")
    page.context.close()


def test_a_case_page_shows_the_timeline_the_scanned_letter_and_its_fields_highlighted(site, browser):
    app, url = site
    case = next(c for c in _store_counts(app)[2] if c.channel == "letter" and c.status in WAITING)
    page = _sign_in(browser, url, name=SUPERVISOR[0], password=SUPERVISOR[1])
    page.click(f'#cases a.case-link[href$="/{case.id}"]')
    page.wait_for_url(f"{url}/dashboard/cases/{case.id}")

    kinds = page.locator("#timeline li[data-kind]").evaluate_all("items => items.map(i => i.dataset.kind)")
    groups = case_timeline(app.records, case, ZoneInfo("Europe/Paris"))  # the operators' zone, by default
    assert kinds == [e.kind for group in groups for e in group.events]
    assert kinds[0] == "received" and "opened" in kinds and "routed" in kinds
    headings = page.locator("#timeline li.timeline-group > h3").all_inner_texts()
    assert headings == [g.label for g in groups] and headings[0].startswith("Élément 1 : courrier reçu le")

    capture = app.records.capture(case.items[0])
    marked = page.locator("pre.page-text mark").evaluate_all("ms => ms.map(m => [m.dataset.kind, m.textContent])")
    expected = {(f.kind, _page_text(capture, f.source)[f.start:f.end]) for f in capture.fields}
    assert marked and {tuple(m) for m in marked} <= expected
    assert {"member_number", "date"} <= {kind for kind, _ in marked}

    preview = page.locator("figure.preview img").first
    preview.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    _shot(page, "dashboard-case.png")
    page.context.close()


def _page_text(capture, source: str) -> str:
    name, _, number = source.removeprefix("attachment:").partition("#p")
    doc = next(d for d in capture.documents if d.name == ("body" if source == "body" else name))
    return next(p for p in doc.pages if not number or p.number == int(number)).text


def test_a_team_member_sees_only_their_team_and_is_refused_another_teams_case(site, browser):
    app, url = site
    _, per_team, cases = _store_counts(app)
    page = _sign_in(browser, url, api_key=DENTAL_KEY)

    assert set(_numbers(page, "#backlog tbody tr", "data-team")) == {"expert-dental"}
    assert _numbers(page, "#backlog tbody tr", "data-team")["expert-dental"] == per_team["expert-dental"]
    teams_listed = page.locator("#cases tbody tr").evaluate_all("rows => rows.map(r => r.dataset.team)")
    assert set(teams_listed) == {"expert-dental"}
    assert page.locator("#quarantine-card").count() == 0

    other = next(c for c in cases if c.team == "general")
    answer = page.goto(f"{url}/dashboard/cases/{other.id}")
    assert answer.status == 403 and "Accès refusé" in page.inner_text("h1")
    _shot(page, "dashboard-403.png")
    page.context.close()


def test_the_retry_button_sends_a_quarantined_item_back_to_its_stage(site, browser):
    app, url = site
    [entry] = app.records.quarantined()
    page = _sign_in(browser, url, name=SUPERVISOR[0], password=SUPERVISOR[1])
    page.click(f'#quarantine tr[data-entry="{entry["id"]}"] button')
    page.wait_for_selector(".notice")

    assert "renvoyé à l'étape capture" in page.inner_text(".notice")
    assert app.records.quarantined() == [] and page.locator("#quarantine tbody tr").count() == 0
    assert app.store.exists(f"quarantine-released/{entry['id']}.json")
    page.context.close()
