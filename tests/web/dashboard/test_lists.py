"""The case list and the search box in a real Chromium against the web app reading a real case index
(SQLite and PostgreSQL): a search from the header finds the matching cases with the words marked,
pages follow one another without repeating or skipping a case, filters narrow the list, and a team
member never sees another team's case in either."""

from __future__ import annotations

from datetime import timedelta

import pytest
from indexed_items import T0, item, record
from playwright.sync_api import sync_playwright
from served import serve

from intake.settings import Settings
from runtime.app import App
from storage.index.base import open_index
from web.dashboard.auth import hash_password
from web.dashboard.lists import PAGE
from web.server import create_app

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PASSWORD = "mot-de-passe-2026"
PEOPLE = {"claire.martin": "supervisor", "denis.dentaire": "team:expert-dental"}


def _items():
    """PAGE + 5 general cases (three about glasses), and four dental ones (one about glasses)."""
    general = [item(n, member=f"6100{n:04d}", at=T0 + timedelta(minutes=n), subject=f"demande {n}",
                    body="Je souhaite le remboursement de mes lunettes" if n % 10 == 0 else "Une attestation svp")
               for n in range(1, PAGE + 6)]
    dental = [item(100 + n, member=f"6200{n:04d}", at=T0 + timedelta(hours=n), team="expert-dental", topic="dental",
                   body="Devis de lunettes et couronne" if n == 1 else "Devis dentaire") for n in range(1, 5)]
    return general, dental


@pytest.fixture
def site(tmp_path, index_url):
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data"))
    app.__dict__["index"] = open_index(index_url)
    general, dental = ([record(app.records, parts).id for parts in group] for group in _items())
    users = [{"name": name, "role": role, "password_hash": hash_password(PASSWORD)} for name, role in PEOPLE.items()]
    with serve(create_app(app, users=users, session_secret="test-secret")) as url:
        yield url, general, dental
    app.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _sign_in(browser, url: str, name: str):
    page = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    page.goto(f"{url}/dashboard/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-password button")
    page.wait_for_url(f"{url}/dashboard")
    return page


def _shown(page) -> list[str]:
    return page.locator("#case-list tbody tr").evaluate_all("rows => rows.map(r => r.dataset.case)")


def test_the_header_search_finds_the_matching_cases_with_the_words_marked(site, browser):
    url, general, dental = site
    page = _sign_in(browser, url, "claire.martin")
    page.fill("header form.search input[name=q]", "lunettes")
    page.click("header form.search button")
    page.wait_for_selector("#case-list")
    assert sorted(_shown(page)) == sorted([*general[9::10], dental[0]])
    assert set(page.locator("#case-list mark").all_inner_texts()) == {"lunettes"}
    page.select_option("select[name=equipe]", "expert-dental")
    page.click("#filters button")
    page.wait_for_url("**equipe=expert-dental**")
    assert _shown(page) == [dental[0]]
    page.context.close()


def test_the_case_list_pages_without_repeating_or_skipping_and_filters_narrow_it(site, browser):
    url, general, dental = site
    page = _sign_in(browser, url, "claire.martin")
    page.click("#nav-cases")
    page.wait_for_selector("#case-list")
    first = _shown(page)
    assert len(first) == PAGE and page.inner_text("#total").startswith(str(len(general) + len(dental)))
    page.click("#page-next")
    page.wait_for_url("**apres=**")
    second = _shown(page)
    assert sorted(first + second) == sorted(general + dental) and page.locator("#page-next").count() == 0
    page.click("#page-first")
    page.wait_for_selector("#case-list")
    assert _shown(page) == first
    page.select_option("select[name=theme]", "dental")
    page.click("#filters button")
    page.wait_for_url("**theme=dental**")
    assert sorted(_shown(page)) == sorted(dental)
    page.context.close()


def test_a_team_member_lists_and_finds_only_their_teams_cases(site, browser):
    url, general, dental = site
    page = _sign_in(browser, url, "denis.dentaire")
    page.goto(f"{url}/dashboard/dossiers")
    assert sorted(_shown(page)) == sorted(dental) and page.locator("select[name=equipe]").count() == 0
    page.goto(f"{url}/dashboard/dossiers?q=lunettes&equipe=general")
    assert _shown(page) == [dental[0]]
    page.goto(f"{url}/dashboard/dossiers?apres=abimé")  # a damaged cursor: the first page, not an error
    assert sorted(_shown(page)) == sorted(dental)
    page.context.close()
