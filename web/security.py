"""What every answer of the web app carries for the browser's safety, and whom the app
believes about where a request came from.

* Security headers on every response (submissions API, public form, dashboard, static
  files, errors): a Content-Security-Policy with no script but the inline ones marked with
  this request's nonce (``request.state.csp_nonce``; no page has one today), styles and
  images from this site only (plus the inline styles of the public pages, by their hashes), no framing
  (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``), ``X-Content-Type-Options:
  nosniff`` and ``Referrer-Policy: no-referrer``. A route may set its own policy (the
  internal port's ``/docs`` does); the other headers are always the same.
* ``Strict-Transport-Security`` when the request came over https: straight to uvicorn, or
  through a trusted proxy that says so.
* ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are honoured from the addresses or networks
  of ``INTAKE_WEB_TRUSTED_PROXIES`` only (uvicorn's ProxyHeadersMiddleware), so the client
  address the login throttle counts and the scheme that marks the session cookie ``Secure``
  cannot be forged by a client talking to the app directly.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from web import pages

HSTS = "max-age=31536000"  # one year; no includeSubDomains: the other hosts of the domain are not ours to bind
ALWAYS = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"))


def policy(style_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of the app: nothing but this site's styles, images and forms
    (``{nonce}`` stands for each request's script nonce)."""
    styles = " ".join(["'self'", *(f"'{h}'" for h in style_hashes)])
    return (f"default-src 'none'; script-src 'nonce-{{nonce}}'; style-src {styles}; img-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def inline_hashes(tag: str, *documents: str) -> tuple[str, ...]:
    """The CSP hashes (``sha256-...``) of every inline ``<tag>`` element (``style``, ``script``) of ``documents``."""
    element = re.compile(f"<{tag}>(.*?)</{tag}>", re.DOTALL)
    found = dict.fromkeys(block for document in documents for block in element.findall(document))
    return tuple(f"sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}" for b in found)


def public_page_styles() -> tuple[str, ...]:
    """The hashes of the inline styles of the public pages (web/pages.py, ``str.format`` templates)."""
    texts = [value for value in vars(pages).values() if isinstance(value, str)]
    return inline_hashes("style", *(text.replace("{{", "{").replace("}}", "}") for text in texts))


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response, HSTS over https."""

    def __init__(self, app: Any, csp: str) -> None:
        self.app, self.csp = app, csp

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        https, nonce = scope.get("scheme") == "https", secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce  # request.state.csp_nonce, for an inline script

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                self._add(MutableHeaders(scope=message), https, nonce)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _add(self, headers: MutableHeaders, https: bool, nonce: str) -> None:
        for name, value in ALWAYS:
            headers[name] = value
        headers.setdefault("Content-Security-Policy", self.csp.replace("{nonce}", nonce))
        if https:
            headers["Strict-Transport-Security"] = HSTS


def secure(api: FastAPI, trusted_proxies: Iterable[str] = (), csp: str | None = None) -> None:
    """Add the security headers to every answer of ``api``, then honour the trusted proxies' headers.

    Call it after the other middleware: the proxies' middleware must run first (outermost), so the
    headers see the scheme the client used."""
    api.add_middleware(SecurityHeaders, csp=csp or policy(public_page_styles()))
    if proxies := list(trusted_proxies):
        api.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
