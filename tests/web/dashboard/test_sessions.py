"""Signing out ends the session for good: the session cookie names a session, and logging out
records its end in the object store, so a copy of the cookie (kept by an attacker, a shared
machine, a second replica) no longer opens anything. Over real HTTP."""

from __future__ import annotations

import httpx
import pytest
from served import serve
from signin import form_token, sign_in

from web.dashboard.auth import hash_password
from web.server import create_app

CLAIRE = ("claire.martin", "tableau-de-bord-2026")
USERS = [{"name": CLAIRE[0], "role": "supervisor", "password_hash": hash_password(CLAIRE[1])}]


def _web(app):
    return create_app(app, api_keys=[], users=USERS, session_secret="secret-partage")


@pytest.fixture
def url(app):
    with serve(_web(app)) as base:
        yield base


def _opens(url: str, cookie: str) -> int:
    return httpx.get(f"{url}/dashboard", cookies={"intake_session": cookie}).status_code


def test_after_logout_a_copied_session_cookie_no_longer_opens_the_dashboard(url):
    with httpx.Client(base_url=url) as browser:
        assert sign_in(browser, *CLAIRE).status_code == 303
        copied = browser.cookies["intake_session"]
        assert _opens(url, copied) == 200
        out = browser.post("/dashboard/logout", data={"csrf": form_token(browser)})

    assert out.status_code == 303 and out.headers["location"].endswith("/dashboard/login")
    assert _opens(url, copied) == 401
    forms = httpx.post(f"{url}/dashboard/logout", cookies={"intake_session": copied}, data={"csrf": "x"})
    assert forms.status_code == 401


def test_a_logout_on_one_replica_ends_the_session_on_another_sharing_the_store(app):
    with serve(_web(app)) as first, serve(_web(app)) as second, httpx.Client(base_url=first) as browser:
        sign_in(browser, *CLAIRE)
        cookie = browser.cookies["intake_session"]
        assert _opens(second, cookie) == 200
        browser.post("/dashboard/logout", data={"csrf": form_token(browser)})
        assert _opens(second, cookie) == 401


def test_signing_in_again_after_logout_opens_a_new_session(url):
    with httpx.Client(base_url=url) as browser:
        sign_in(browser, *CLAIRE)
        old = browser.cookies["intake_session"]
        browser.post("/dashboard/logout", data={"csrf": form_token(browser)})
        browser.cookies.clear()
        assert sign_in(browser, *CLAIRE).status_code == 303
        new = browser.cookies["intake_session"]

    assert new != old and _opens(url, new) == 200 and _opens(url, old) == 401
