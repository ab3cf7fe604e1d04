"""The internal endpoints, on a port of their own (``INTAKE_WEB_INTERNAL_HOST``:
``INTAKE_WEB_INTERNAL_PORT``, 127.0.0.1:9180 by default): the Prometheus metrics
(``/metrics``), the public API's OpenAPI spec (``/openapi.json``) and its Swagger page
(``/docs``). The public port serves none of them, so whoever can reach the internal
port is decided by the network (a firewall, the Service the pods expose), not by the
app: no key for Prometheus to hold.

The Swagger page loads Swagger UI from its CDN and runs one inline script: it gets a
policy of its own that allows these, by address and hash, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response

from web.errors import add_error_boundary
from web.security import inline_hashes, policy, secure

CDN = "https://cdn.jsdelivr.net"


def internal_app(public: FastAPI, metrics: Callable[[], Response]) -> FastAPI:
    """The internal app of ``public``: ``metrics()`` at ``/metrics``, ``public``'s spec and docs."""
    api = FastAPI(title="intake: internal endpoints", openapi_url=None, docs_url=None, redoc_url=None)
    api.add_api_route("/metrics", metrics, methods=["GET"])
    api.add_api_route("/openapi.json", lambda: JSONResponse(public.openapi()), methods=["GET"])
    api.add_api_route("/docs", lambda: _docs(public.title), methods=["GET"])
    add_error_boundary(api)
    secure(api, csp=policy())
    return api


def _docs(title: str) -> HTMLResponse:
    """Swagger UI on the public API's spec, with the policy its CDN files and inline script need."""
    page = get_swagger_ui_html(openapi_url="/openapi.json", title=title)
    scripts = " ".join(f"'{h}'" for h in inline_hashes("script", page.body.decode()))
    page.headers["Content-Security-Policy"] = (
        f"default-src 'none'; script-src {CDN} {scripts}; style-src {CDN} 'unsafe-inline'; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'")
    return page
