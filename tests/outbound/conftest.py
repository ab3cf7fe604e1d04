"""Outbound fixtures: a real SMTP server (aiosmtpd) and a real HTTP receiver on loopback,
and an App on a fresh data dir whose record stage records the test items."""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from services import free_port

sys.path.insert(0, str(Path(__file__).parent))

from outbound_support import Inbox, Pipeline, Receiver, handler_for  # noqa: E402

from intake.settings import Settings  # noqa: E402
from runtime.app import App  # noqa: E402


@pytest.fixture
def inbox():
    """A real SMTP server on a free loopback port, collecting what it receives."""
    box = Inbox(port=free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def receiver():
    """A real HTTP server on loopback receiving webhook deliveries."""
    box = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(box))
    box.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/intake"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield box
    server.shutdown()
    server.server_close()


@pytest.fixture
def pipeline(tmp_path):
    """An App on a fresh data dir (embedded bus and store)."""
    application = App(Settings.load(environ={}, data_dir=tmp_path / "data", retry_base_seconds=0.01))
    yield Pipeline(application)
    application.close()
