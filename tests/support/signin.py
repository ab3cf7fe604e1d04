"""Signing in to the dashboard over plain HTTP, as a browser does: the login page first (its
pre-session cookie and CSRF token), then the form."""

from __future__ import annotations

import re

import httpx

TOKEN = re.compile(r'<form[^>]*id="login-password".*?name="csrf" value="([^"]*)"', re.DOTALL)


def login_token(client: httpx.Client) -> str:
    """Open the login page; the CSRF token its form carries (its cookie stays in the client)."""
    page = client.get("/dashboard/login", headers={"Accept": "text/html"})
    found = TOKEN.search(page.text)
    return found.group(1) if found else ""


def sign_in(client: httpx.Client, name: str, password: str, **headers: str) -> httpx.Response:
    """Post the login form as a browser would, after opening the login page."""
    token = login_token(client)
    return client.post("/dashboard/login", data={"name": name, "password": password, "csrf": token},
                       headers={"Accept": "text/html", **headers})


def form_token(client: httpx.Client, path: str = "/dashboard") -> str:
    """The CSRF token of a signed-in page's forms (logout, retry)."""
    found = re.search(r'name="csrf" value="([^"]*)"', client.get(path, headers={"Accept": "text/html"}).text)
    return found.group(1) if found else ""
