"""Serving the web apps with uvicorn until told to stop: the public app and the internal
one (web/internal.py), each on its own address, in one process (``intake connect web``)."""

from __future__ import annotations

import threading
from typing import Any

import uvicorn

from intake.errors import IntakeError


class ServerStopped(IntakeError):
    """A web server stopped on its own (its port was taken, or it failed)."""


def serve_until(stop: threading.Event, *targets: tuple[Any, str, int]) -> None:
    """Serve each (app, host, port) until ``stop`` is set; if one server ends first, stop them all and raise."""
    servers = [uvicorn.Server(_config(app, host, port)) for app, host, port in targets]
    threads = [threading.Thread(target=s.run, name=f"web:{s.config.port}", daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    while not stop.wait(0.2) and all(t.is_alive() for t in threads):
        pass
    for server in servers:
        server.should_exit = True
    for thread in threads:
        thread.join(30)
    if not stop.is_set():
        ended = next(s for s, t in zip(servers, threads) if not s.started or not t.is_alive())
        raise ServerStopped("a web server stopped", host=ended.config.host, port=ended.config.port)


def _config(app: Any, host: str, port: int) -> uvicorn.Config:
    # the app honours forwarded headers from its trusted proxies only (web/security.py), not uvicorn
    return uvicorn.Config(app, host=host, port=port, log_level="info", proxy_headers=False)
