"""Signing in to the dashboard and out of it (``/dashboard/login``, ``/dashboard/logout``).

* The login form carries a CSRF token of its own: the login page sets a pre-session
  cookie (``intake_login``: random, HttpOnly, SameSite=Strict, on the login path only)
  and its forms carry that cookie's signature (itsdangerous); a sign-in without the
  pair is refused (403), so another site cannot sign a browser in under an account of
  its choosing (login CSRF).
* Failed sign-ins are throttled per user name and per client address (throttle.py;
  the address is the one the trusted proxy forwarded, see web/security.py); each
  refusal is counted by reason (``intake_dashboard_logins_refused_total``).
* The session cookie is HttpOnly, SameSite=Strict, and ``Secure`` when the request came
  over https (directly or through a trusted proxy).
* Signing out ends the session for good (sessions.py) and clears the cookie.
"""

from __future__ import annotations

import hmac
import math
import re
import secrets
from typing import TYPE_CHECKING

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import Signer

from intake import telemetry
from web.dashboard.auth import COOKIE, Principal
from web.dashboard.sessions import EndedSessions
from web.dashboard.throttle import LoginThrottle

if TYPE_CHECKING:
    from web.dashboard.routes import Dashboard

PREFIX = "/dashboard"
LOGIN_COOKIE = "intake_login"
PRE_SESSION = re.compile(r"[A-Za-z0-9_-]{32}")  # what secrets.token_urlsafe(24) makes
STALE = "Formulaire de connexion périmé : rechargez la page et recommencez."
UNKNOWN = "Identifiants inconnus."


class LoginForms:
    """The pre-session cookie of the login page and the token its forms carry."""

    def __init__(self, secret: bytes) -> None:
        self.signer = Signer(secret, salt="intake-login")

    def token(self, pre_session: str) -> str:
        """The token a login form must send back with this pre-session cookie."""
        return self.signer.get_signature(pre_session).decode()

    def valid(self, pre_session: str | None, token: str) -> bool:
        """Whether a posted token matches the browser's pre-session cookie."""
        return bool(pre_session) and hmac.compare_digest(token.encode(), self.token(pre_session or "").encode())


def router(dash: Dashboard, throttle: LoginThrottle, ended: EndedSessions) -> APIRouter:
    """The sign-in and sign-out routes of ``dash``."""
    r, forms = APIRouter(prefix=PREFIX, include_in_schema=False), LoginForms(dash.access.secret)

    @r.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        return _login_page(dash, forms, request)

    @r.post("/login", response_class=HTMLResponse)
    def login(request: Request, name: str = Form(""), password: str = Form(""), api_key: str = Form(""),
              csrf: str = Form("")) -> Response:
        if not forms.valid(request.cookies.get(LOGIN_COOKIE), csrf):
            telemetry.login_refused("stale_form")
            return _login_page(dash, forms, request, STALE, 403)
        key, name = api_key.strip(), name.strip()
        identity, address = (None if key else name), _address(request)
        if wait := throttle.wait(identity, address):
            return _throttled(dash, forms, request, wait)
        who = dash.access.by_key(key, by_cookie=True) if key else dash.access.login(name, password)
        if who is None:
            return _failed(dash, forms, request, throttle.failed(identity, address))
        throttle.succeeded(identity)
        return _signed_in(dash, request, who)

    @r.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> Response:
        dash.check_form(request, dash.require(request), csrf)
        if session := dash.access.session_id(request.cookies.get(COOKIE)):
            ended.end(session, dash.access.max_age)
        answer = RedirectResponse(f"{PREFIX}/login", status_code=303)
        answer.delete_cookie(COOKIE, path=PREFIX, httponly=True, samesite="strict", secure=_https(request))
        return answer

    return r


def _login_page(dash: Dashboard, forms: LoginForms, request: Request, error: str | None = None,
                status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """The login page, with a pre-session cookie (the browser's own, if it has one) and its token."""
    pre_session = request.cookies.get(LOGIN_COOKIE, "")
    if not PRE_SESSION.fullmatch(pre_session):
        pre_session = secrets.token_urlsafe(24)
    page = dash.page(request, "login.html", {"error": error, "login_csrf": forms.token(pre_session)}, status=status)
    page.headers.update(headers or {})
    page.set_cookie(LOGIN_COOKIE, pre_session, max_age=3600, path=f"{PREFIX}/login", httponly=True,
                    samesite="strict", secure=_https(request))
    return page


def _throttled(dash: Dashboard, forms: LoginForms, request: Request, wait: float) -> Response:
    telemetry.login_refused("throttled")
    seconds = max(1, math.ceil(wait))
    message = f"Trop de tentatives de connexion : réessayez dans {seconds} s."
    return _login_page(dash, forms, request, message, 429, {"Retry-After": str(seconds)})


def _failed(dash: Dashboard, forms: LoginForms, request: Request, wait: float) -> Response:
    telemetry.login_refused("bad_credentials")
    later = f" Trop d'échecs : prochain essai possible dans {math.ceil(wait)} s." if wait else ""
    return _login_page(dash, forms, request, UNKNOWN + later, 401)


def _signed_in(dash: Dashboard, request: Request, who: Principal) -> Response:
    answer = RedirectResponse(PREFIX, status_code=303)
    answer.set_cookie(COOKIE, dash.access.cookie(who), max_age=dash.access.max_age, path=PREFIX, httponly=True,
                      samesite="strict", secure=_https(request))
    answer.delete_cookie(LOGIN_COOKIE, path=f"{PREFIX}/login", httponly=True, samesite="strict",
                         secure=_https(request))
    return answer


def _https(request: Request) -> bool:
    """Whether the request came over https (directly, or through a trusted proxy: web/security.py)."""
    return request.url.scheme == "https"


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
