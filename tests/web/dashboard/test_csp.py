"""The Content-Security-Policy holds in a real browser: headless Chromium (Debian's, driven
by Playwright) opens every kind of page (login, overview with its SVG charts, a case with
a PDF preview and its forms, the work queue, an error page, the public form and its receipt)
and reports no violation,
while the pages still show what they show (charts, legend colours, the preview image)."""

from __future__ import annotations

import pytest
from fastapi import Request
from fastapi.responses import HTMLResponse
from playwright.sync_api import sync_playwright
from served import serve

from intake.settings import Settings
from runtime.app import App
from runtime.ingest import ingest_paths
from samples.day import DAY, write_sample_intake
from web.dashboard.auth import hash_password
from web.server import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CLAIRE = ("claire.martin", "tableau-de-bord-2026")
WATCH = """document.addEventListener('securitypolicyviolation',
  e => (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample day's e-mails, calls and forms (a born-digital PDF among them) and a damaged letter."""
    folder = tmp_path_factory.mktemp("csp")
    app = App(Settings.load(environ={}, data_dir=folder / "data", retry_base_seconds=0.01))
    write_sample_intake(folder / "in")
    files = [p for p in (folder / "in").iterdir() if not p.name.startswith("letter")]  # no OCR: quicker
    (damaged := folder / "courrier-abime.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << >> broken")
    ingest_paths(app, [*files, damaged])
    app.worker().run(idle_timeout=1.0)
    users = [{"name": CLAIRE[0], "role": "supervisor", "password_hash": hash_password(CLAIRE[1])}]
    api = create_app(app, api_keys=[], public_form=True, users=users, session_secret="s")
    api.add_api_route("/essai-script", _scripts)
    with serve(api) as url:
        yield app, url
    app.close()


def _scripts(request: Request) -> HTMLResponse:
    """A page with two inline scripts: one marked with the answer's nonce, one not."""
    nonce = request.state.csp_nonce
    return HTMLResponse(f'<!doctype html><title>avant</title><script nonce="{nonce}">document.title = "marqué";'
                        '</script><script>document.title = "injecté";</script>')


@pytest.fixture(scope="module")
def page():
    """A Chromium page that records CSP violations (events and console reports)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(WATCH)
        tab = context.new_page()
        tab.reports = []
        tab.on("console", lambda m: tab.reports.append(m.text) if "Content Security Policy" in m.text else None)
        yield tab
        browser.close()


def _violations(page) -> list[str]:
    """The violations reported on the current page (and the console's since the last call)."""
    page.wait_for_timeout(200)  # reports are queued as tasks
    found = page.evaluate("window.__violations || []") + page.reports
    page.reports.clear()
    return found


def test_no_page_of_the_dashboard_breaks_the_content_security_policy(site, page):
    app, url = site
    page.goto(f"{url}/dashboard/login")
    assert _violations(page) == []
    page.fill("input[name=name]", CLAIRE[0])
    page.fill("input[name=password]", CLAIRE[1])
    page.click("#login-password button")
    page.wait_for_url(f"{url}/dashboard")

    page.goto(f"{url}/dashboard?jour={DAY.isoformat()}")
    assert page.locator("svg.chart rect").count() > 0 and _violations(page) == []
    swatch = page.locator(".legend .key svg rect").first
    assert swatch.get_attribute("fill").startswith("#")  # the legend's colours, without a style attribute

    case = next(c for c in (app.records.case(i) for i in app.records.case_ids()) if c.channel == "email"
                and app.records.envelope(c.items[0]).attachments)
    page.goto(f"{url}/dashboard/cases/{case.id}")
    preview = page.locator("figure.preview img").first
    preview.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    assert _violations(page) == []

    page.goto(f"{url}/dashboard/travail")
    assert page.locator("main").count() == 1 and _violations(page) == []

    page.goto(f"{url}/dashboard/dossiers?tri=deadline")
    assert page.locator("#case-list").count() == 1 and _violations(page) == []
    page.goto(f"{url}/dashboard/dossiers?q=remboursement")
    assert page.locator("#case-list mark").count() > 0 and _violations(page) == []

    page.goto(f"{url}/dashboard/cases/IN-AAAA-AAAA")
    assert "Introuvable" in page.inner_text("h1") and _violations(page) == []


def test_the_public_form_and_its_receipt_keep_their_style_under_the_policy(site, page):
    _, url = site
    page.goto(f"{url}/")
    assert page.evaluate("getComputedStyle(document.querySelector('label')).display") == "block"  # its <style>
    page.fill("input[name=name]", "Jeanne Martin")
    page.fill("textarea[name=message]", "Bonjour, je souhaite une attestation de droits.")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Demande reçue")
    assert _violations(page) == []


def test_only_an_inline_script_marked_with_the_answers_nonce_runs(site, page):
    _, url = site
    page.goto(f"{url}/essai-script")
    assert page.title() == "marqué"
    assert [v for v in _violations(page) if "script-src" in v]  # the unmarked one was refused
