"""Shared fixtures: settings on a temporary data dir, a RabbitMQ vhost of our
own, and a real SeaweedFS S3 server. Integration services that are missing
fail the run loudly; they are never faked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from services import rabbitmq_vhost, seaweedfs_server  # noqa: E402

from intake.settings import Settings  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path(os.environ.get("INTAKE_CORPORA", "/work/shared/corpora"))


@pytest.fixture
def corpora() -> Path:
    """The shared real-world corpora (bounces, OCR pages, damaged PDFs)."""
    assert CORPORA.is_dir(), f"shared corpora not found at {CORPORA}"
    return CORPORA


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Embedded-default settings on a fresh data directory."""
    return Settings.load(environ={}, data_dir=tmp_path / "data", retry_base_seconds=0.01)


@pytest.fixture
def app(settings: Settings):
    """An App on the embedded default (filesystem bus, local store)."""
    from runtime.app import App

    application = App(settings)
    yield application
    application.close()


@pytest.fixture(scope="session")
def amqp_url():
    """A fresh vhost on the local RabbitMQ, removed afterwards."""
    with rabbitmq_vhost() as url:
        yield url


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A SeaweedFS server with its S3 gateway on loopback: (host:port)."""
    with seaweedfs_server(tmp_path_factory.mktemp("seaweedfs")) as endpoint:
        yield endpoint


@pytest.fixture
def s3_url(s3_server: str, request) -> str:
    """An S3 store URL with a bucket of this test's own."""
    bucket = "t-" + "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:50].strip("-")
    return f"s3://intake:intake-secret@{s3_server}/{bucket}?secure=false"


@pytest.fixture(scope="session")
def dovecot_server():
    """A throwaway Dovecot IMAP server on loopback (plain auth), shared by the session."""
    from dovecot import dovecot_server as start

    with start() as server:
        yield server


@pytest.fixture
def dovecot(dovecot_server, request):
    """The Dovecot server, as a user of this test's own (so an empty mailbox)."""
    user = "u" + "".join(c for c in request.node.name.lower() if c.isalnum())[-40:]
    return dovecot_server.as_user(user)



def _purge_stage_queues(application) -> None:
    from runtime.bus import STAGES, stage_queue

    for stage in STAGES:
        queue = stage_queue(stage)(application.bus.connection.default_channel)
        queue.declare()
        queue.purge()


@pytest.fixture
def amqp_app(amqp_url, tmp_path):
    """An App on the test vhost; the stage queues are emptied before and after (the vhost is
    shared by the whole session, and other tests count what they find there)."""
    settings = Settings.load(environ={}, data_dir=tmp_path / "data", broker_url=amqp_url)
    from runtime.app import App

    application = App(settings)
    _purge_stage_queues(application)
    yield application
    _purge_stage_queues(application)
    application.close()


@pytest.fixture
def queued_envelope_ids():
    """A function draining the capture queue of an App: the envelope ids, in order, duplicates kept."""

    def drain(application) -> list[str]:
        from runtime.bus import stage_queue

        queue = stage_queue("capture")(application.bus.connection.default_channel)
        ids = []
        while (message := queue.get(no_ack=True)) is not None:
            ids.append(message.decode()["envelope_id"])
        return ids

    return drain
