"""The dashboard's login form over real HTTP: it carries a CSRF token tied to a pre-session
cookie, and failed logins are throttled per user name and per client address with waits
that double (a French message, ``Retry-After``, a Prometheus counter)."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client import REGISTRY
from served import serve
from signin import login_token, sign_in

from web.dashboard.auth import hash_password
from web.server import create_app
from web.settings import WebSettings

CLAIRE = ("claire.martin", "tableau-de-bord-2026")
PAUL = ("paul.durand", "equipe-generale-2026")
USERS = [{"name": CLAIRE[0], "role": "supervisor", "password_hash": hash_password(CLAIRE[1])},
         {"name": PAUL[0], "role": "team:general", "password_hash": hash_password(PAUL[1])}]


@pytest.fixture
def url(app):
    """The web app; failed logins: 2 free per name, 4 per address, then waits of 30 s, 60 s..."""
    web = WebSettings.load(environ={"INTAKE_WEB_TRUSTED_PROXIES": "127.0.0.1", "INTAKE_DASHBOARD_LOGIN_FREE_FAILURES": "2",
                                    "INTAKE_DASHBOARD_LOGIN_FREE_FAILURES_PER_ADDRESS": "4",
                                    "INTAKE_DASHBOARD_LOGIN_BACKOFF_SECONDS": "30"})
    with serve(create_app(app, api_keys=[], users=USERS, session_secret="secret-de-test", web=web)) as base:
        yield base


def _refused(reason: str) -> float:
    return REGISTRY.get_sample_value("intake_dashboard_logins_refused_total", {"reason": reason}) or 0.0


def test_the_login_form_carries_a_csrf_token_and_a_post_without_it_is_refused(url):
    with httpx.Client(base_url=url) as browser:
        token = login_token(browser)
        missing = browser.post("/dashboard/login", data={"name": CLAIRE[0], "password": CLAIRE[1]})
        wrong = browser.post("/dashboard/login", data={"name": CLAIRE[0], "password": CLAIRE[1], "csrf": token + "x"})
        right = browser.post("/dashboard/login", data={"name": CLAIRE[0], "password": CLAIRE[1], "csrf": token})

    assert token and missing.status_code == wrong.status_code == 403
    assert "rechargez la page" in missing.text and "intake_session" not in missing.headers.get("set-cookie", "")
    assert right.status_code == 303 and "intake_session=" in right.headers["set-cookie"]


def test_a_login_token_only_works_in_the_browser_it_was_given_to(url):
    with httpx.Client(base_url=url) as attacker, httpx.Client(base_url=url) as victim:
        token = login_token(attacker)
        login_token(victim)  # the victim has a login cookie of their own
        forged = victim.post("/dashboard/login", data={"name": CLAIRE[0], "password": CLAIRE[1], "csrf": token})
        cookieless = httpx.post(f"{url}/dashboard/login", data={"name": CLAIRE[0], "password": CLAIRE[1],
                                                                "csrf": token})

    assert forged.status_code == cookieless.status_code == 403


def test_failed_logins_for_one_name_are_throttled_with_a_french_message_and_counted(url):
    before = (_refused("bad_credentials"), _refused("throttled"))
    with httpx.Client(base_url=url) as browser:
        failures = [sign_in(browser, CLAIRE[0], "mauvais") for _ in range(3)]
        blocked = sign_in(browser, CLAIRE[0], CLAIRE[1])  # even the right password waits
        other_user = sign_in(browser, PAUL[0], PAUL[1])

    assert [f.status_code for f in failures] == [401, 401, 401]
    assert "Identifiants inconnus" in failures[0].text and "30 s" in failures[2].text
    assert blocked.status_code == 429 and blocked.headers["Retry-After"] in {"29", "30"}
    assert "Trop de tentatives" in blocked.text and "intake_session" not in blocked.headers.get("set-cookie", "")
    assert other_user.status_code == 303
    assert (_refused("bad_credentials") - before[0], _refused("throttled") - before[1]) == (3, 1)


def test_failed_logins_from_one_address_are_throttled_across_names_and_other_addresses_are_not(url):
    spraying = {"X-Forwarded-For": "203.0.113.7"}
    with httpx.Client(base_url=url) as browser:
        failures = [sign_in(browser, f"agent{i}", "motdepasse", **spraying) for i in range(5)]
        blocked = sign_in(browser, CLAIRE[0], CLAIRE[1], **spraying)
        elsewhere = sign_in(browser, CLAIRE[0], CLAIRE[1], **{"X-Forwarded-For": "198.51.100.20"})

    assert {f.status_code for f in failures} == {401}
    assert blocked.status_code == 429 and elsewhere.status_code == 303
