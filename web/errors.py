"""The last word on a request that failed in a way nobody foresaw.

Every error the app expects has its own answer (a 4xx page or JSON body); what is left is
a bug. It gets a 500: a French page for a browser, ``{"detail": "internal error",
"incident": ...}`` for a script, and one log line an operator can match with the
incident number the user quotes. The log line names the error's type, the route and the
code lines it went through, never the error's message nor the request's query string,
either of which may hold personal data.
"""

from __future__ import annotations

import html
import logging
import secrets
import traceback
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response

log = logging.getLogger(__name__)
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Erreur interne</title></head>
<body><h1>Erreur interne</h1>
<p>Le service n'a pas pu traiter votre demande. Réessayez dans quelques instants ; si l'erreur persiste,
signalez-la en donnant le numéro d'incident <strong data-incident="{incident}">{incident}</strong>.</p>
</body></html>
"""


class ErrorBoundary:
    """ASGI middleware: an unexpected exception becomes a 500 answer and a log line without personal data."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watched(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - the boundary: whatever it is, answer and log it safely
            incident = report(exc, scope)
            if not started:  # otherwise the answer is half sent: the server closes the connection
                await answer(scope, incident)(scope, receive, send)


def report(exc: BaseException, scope: dict) -> str:
    """Log an unexpected error by type, route and code lines; return its incident number."""
    incident = secrets.token_hex(6)
    route = getattr(scope.get("route"), "path", None) or scope.get("path", "?")
    frames = "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__))
    log.error("unexpected %s on %s %s (incident %s)%s", type(exc).__name__, scope.get("method", "?"), route,
              incident, frames)
    return incident


def answer(scope: dict, incident: str) -> Response:
    """The 500 answer: a French page for a browser, JSON for a script."""
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    if "text/html" in accept:
        return HTMLResponse(PAGE.format(incident=html.escape(incident)), status_code=500)
    return JSONResponse({"detail": "internal error", "incident": incident}, status_code=500)


def add_error_boundary(api: FastAPI) -> None:
    """Answer every unexpected error of ``api`` as above (add it before the security headers)."""
    api.add_middleware(ErrorBoundary)
