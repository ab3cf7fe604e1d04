"""Serving an ASGI app over real HTTP on loopback for a test (uvicorn in a thread)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import uvicorn
from services import free_port


@contextlib.contextmanager
def serve(api) -> Iterator[str]:
    """Run ``api`` on a free loopback port; yields its base URL.

    As ``intake connect web`` does, uvicorn's own proxy headers are off: the app honours
    ``X-Forwarded-*`` from its configured proxies only (web/security.py)."""
    config = uvicorn.Config(api, host="127.0.0.1", port=free_port(), log_level="warning", proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
