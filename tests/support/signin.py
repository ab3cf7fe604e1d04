"""Signing in to the dashboard over plain HTTP, as a browser does: the login page first (its
pre-session cookie and CSRF token), then the form."""

from __future__ import annotations

import re

import httpx

TOKEN = re.compile(r'<form[^>]*id="login-password".*?name="csrf" value="([^"]*)"', re.DOTALL)


def login_token(client: httpx.Client, **headers: str) -> str:
    """Open the login page; the CSRF token its form carries (its cookie stays in the client)."""
    page = client.get("/dashboard/login", headers={"Accept": "text/html", **headers})
    found = TOKEN.search(page.text)
    return found.group(1) if found else ""


def sign_in(client: httpx.Client, name: str, password: str, **headers: str) -> httpx.Response:
    """Post the login form as a browser would, after opening the login page.

    The pre-session cookie is sent back even when it is ``Secure`` and the test talks plain
    HTTP to the app, as a TLS proxy does for the browser."""
    page = client.get("/dashboard/login", headers={"Accept": "text/html", **headers})
    found = TOKEN.search(page.text)
    cookie = {"Cookie": f"intake_login={page.cookies['intake_login']}"} if "intake_login" in page.cookies else {}
    return client.post("/dashboard/login", data={"name": name, "password": password,
                                                  "csrf": found.group(1) if found else ""},
                       headers={"Accept": "text/html", **headers, **cookie})


def form_token(client: httpx.Client, path: str = "/dashboard") -> str:
    """The CSRF token of a signed-in page's forms (logout, retry)."""
    found = re.search(r'name="csrf" value="([^"]*)"', client.get(path, headers={"Accept": "text/html"}).text)
    return found.group(1) if found else ""
