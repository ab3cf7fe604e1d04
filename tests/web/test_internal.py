"""``/metrics``, ``/docs`` and ``/openapi.json`` are served on the internal port only
(``INTAKE_WEB_INTERNAL_HOST``:``INTAKE_WEB_INTERNAL_PORT``), never on the public one;
``intake connect web`` serves both apps."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from served import serve
from services import free_port

from intake.errors import ConfigError
from web.server import WebServer, create_app
from web.settings import WebSettings

KEY = "cle-portail-adherent-0123456789"
INTERNAL = ("/metrics", "/docs", "/openapi.json", "/redoc", "/docs/oauth2-redirect")


def test_the_public_app_serves_no_metrics_no_docs_and_no_spec(app):
    with serve(create_app(app, api_keys=[KEY])) as url:
        answers = {path: httpx.get(url + path) for path in INTERNAL}

    assert {path: a.status_code for path, a in answers.items()} == dict.fromkeys(INTERNAL, 404)


def test_the_internal_app_serves_the_metrics_the_docs_and_the_public_apps_spec(app):
    public = create_app(app, api_keys=[KEY])
    with serve(public.state.internal) as url:
        metrics = httpx.get(f"{url}/metrics")
        spec = httpx.get(f"{url}/openapi.json").json()
        docs = httpx.get(f"{url}/docs")
        nothing_else = httpx.post(f"{url}/v1/submissions", json={}, headers={"X-API-Key": KEY})

    assert metrics.status_code == 200 and "intake_items_received" in metrics.text
    assert "/v1/submissions" in spec["paths"] and spec == public.openapi()
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert "script-src https://cdn.jsdelivr.net 'sha256-" in docs.headers["content-security-policy"]  # its own
    assert nothing_else.status_code == 404  # the internal port takes no submissions
    assert metrics.headers["x-content-type-options"] == "nosniff"


def test_intake_connect_web_serves_the_public_app_and_the_internal_app_on_their_own_ports(app):
    public, internal = free_port(), free_port()
    web = WebSettings.load(environ={"INTAKE_WEB_API_KEYS": KEY, "INTAKE_WEB_PORT": str(public),
                                    "INTAKE_WEB_INTERNAL_PORT": str(internal)})
    stop = threading.Event()
    thread = threading.Thread(target=WebServer(app, web).run, args=(stop,), daemon=True)
    thread.start()
    try:
        metrics = _get_when_up(f"http://127.0.0.1:{internal}/metrics")
        form = _get_when_up(f"http://127.0.0.1:{public}/")
        hidden = httpx.get(f"http://127.0.0.1:{public}/metrics")
    finally:
        stop.set()
        thread.join(15)

    assert metrics.status_code == 200 and "intake_" in metrics.text
    assert form.status_code == 200 and hidden.status_code == 404
    assert not thread.is_alive()


def _get_when_up(url: str, seconds: float = 15) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_the_internal_port_must_differ_from_the_public_one():
    with pytest.raises(ConfigError, match="INTAKE_WEB_INTERNAL_PORT"):
        WebSettings.load(environ={"INTAKE_WEB_PORT": "8080", "INTAKE_WEB_INTERNAL_PORT": "8080"})
    assert WebSettings.load(environ={}).web_internal_port == 9180
    assert WebSettings.load(environ={}).web_internal_host == "127.0.0.1"
