"""Security headers on every answer of the web app (submissions API, public form, dashboard,
static files, errors), over real HTTP; and the forwarded headers of the TLS proxy, honoured
from the configured proxy addresses only: over https the session cookie is ``Secure`` and
HSTS is sent."""

from __future__ import annotations

import re

import httpx
import pytest
from served import serve
from signin import sign_in

from intake.errors import ConfigError
from web.dashboard.auth import hash_password
from web.server import create_app
from web.settings import WebSettings

KEY = "cle-portail-adherent-0123456789"
FORM = {"name": "Jeanne Martin", "member_number": "12345678", "subject": "Attestation",
        "message": "Bonjour, pourriez-vous m'envoyer une attestation de droits ? Merci."}
USERS = [{"name": "claire.martin", "role": "supervisor", "password_hash": hash_password("tableau-de-bord-2026")}]
HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def _web(app, proxies: str = ""):
    settings = WebSettings.load(environ={"INTAKE_WEB_TRUSTED_PROXIES": proxies} if proxies else {})
    return create_app(app, api_keys=[KEY], public_form=True, max_bytes=50_000, users=USERS,
                      session_secret="secret-de-test", web=settings)


def _fails() -> None:
    raise RuntimeError("an unexpected failure")


def _answers(client: httpx.Client) -> dict[str, httpx.Response]:
    html = {"Accept": "text/html"}
    return {
        "form": client.get("/"),
        "submission": client.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY}),
        "no key": client.post("/v1/submissions", json=FORM),
        "unknown tracking id": client.get("/v1/submissions/W-AAAAAAAAAA", headers={"X-API-Key": KEY}),
        "too large": client.post("/v1/submissions", json={**FORM, "message": "x" * 60_000}, headers={"X-API-Key": KEY}),
        "no such path": client.get("/nulle-part"),
        "wrong method": client.put("/"),
        "login page": client.get("/dashboard/login", headers=html),
        "redirect to login": client.get("/dashboard", headers=html),
        "dashboard for a script": client.get("/dashboard"),
        "stylesheet": client.get("/dashboard/static/dashboard.css"),
        "unexpected error": client.get("/panne", headers=html),
    }


def test_every_answer_carries_the_security_headers_api_form_dashboard_static_and_errors(app):
    api = _web(app)
    api.add_api_route("/panne", _fails)
    with serve(api) as url, httpx.Client(base_url=url, timeout=10) as client:
        answers = _answers(client)

    statuses = {name: a.status_code for name, a in answers.items()}
    assert statuses == {"form": 200, "submission": 202, "no key": 401, "unknown tracking id": 404, "too large": 413,
                        "no such path": 404, "wrong method": 405, "login page": 200, "redirect to login": 303,
                        "dashboard for a script": 401, "stylesheet": 200, "unexpected error": 500}
    for name, answer in answers.items():
        missing = {k: v for k, v in HEADERS.items() if answer.headers.get(k) != v}
        assert not missing, f"{name}: {missing}"
        assert "frame-ancestors 'none'" in answer.headers.get("content-security-policy", ""), name
        assert "strict-transport-security" not in answer.headers, f"{name}: HSTS over plain http"


def test_the_content_security_policy_allows_no_script_no_framing_no_plugin_and_only_this_sites_styles_and_images(app):
    with serve(_web(app)) as url:
        policy = httpx.get(f"{url}/dashboard/login").headers["content-security-policy"]
        again = httpx.get(f"{url}/dashboard/login").headers["content-security-policy"]
    assert again != policy  # a new nonce for each answer

    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    [script] = directives["script-src"]  # only an inline script marked with this answer's nonce (none today)
    assert directives["default-src"] == ["'none'"] and re.fullmatch(r"'nonce-[\w-]{22}'", script)
    assert directives["img-src"] == ["'self'"] and directives["style-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in directives["style-src"][1:])  # the public form's style
    assert directives["frame-ancestors"] == ["'none'"] and directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"] and "'unsafe-inline'" not in policy


def test_behind_a_trusted_proxy_over_https_the_session_cookie_is_secure_and_hsts_is_sent(app):
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    with serve(_web(app, proxies="127.0.0.1/32, 10.0.0.0/8")) as url, \
            httpx.Client(base_url=url, timeout=10, headers=proxied) as client:
        signed_in = sign_in(client, "claire.martin", "tableau-de-bord-2026")
        form = client.get("/")
    with serve(_web(app, proxies="127.0.0.1")) as url, httpx.Client(base_url=url, timeout=10) as client:
        plain = sign_in(client, "claire.martin", "tableau-de-bord-2026")

    assert signed_in.status_code == 303
    session = next(c for c in signed_in.headers.get_list("set-cookie") if c.startswith("intake_session="))
    assert "secure" in session.lower().split("; ") and "httponly" in session.lower()
    for answer in (signed_in, form):
        assert answer.headers["strict-transport-security"] == "max-age=31536000"
    assert plain.status_code == 303 and "secure" not in plain.headers["set-cookie"].lower()
    assert "strict-transport-security" not in plain.headers


def test_forwarded_headers_from_an_address_that_is_not_a_trusted_proxy_are_ignored(app):
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    with serve(_web(app, proxies="10.0.0.0/8")) as url, \
            httpx.Client(base_url=url, timeout=10, headers=proxied) as client:
        answer = sign_in(client, "claire.martin", "tableau-de-bord-2026")

    assert answer.status_code == 303
    assert "secure" not in answer.headers["set-cookie"].lower().split("; ")
    assert "strict-transport-security" not in answer.headers


@pytest.mark.parametrize("proxies", ["*", "proxy.interne", "10.0.0.0/33", "127.0.0.1, *"])
def test_trusted_proxies_are_addresses_or_networks_never_a_wildcard_or_a_name(proxies):
    with pytest.raises(ConfigError, match="INTAKE_WEB_TRUSTED_PROXIES"):
        WebSettings.load(environ={"INTAKE_WEB_TRUSTED_PROXIES": proxies})
    assert WebSettings.load(environ={"INTAKE_WEB_TRUSTED_PROXIES": "10.0.0.5, fd00::/8"}).web_trusted_proxies == (
        "10.0.0.5", "fd00::/8")
