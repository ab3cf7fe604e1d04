"""Connector fixtures: an App on the real RabbitMQ with an empty capture queue."""

from __future__ import annotations

import pytest

from intake.app import App
from intake.bus import STAGES, stage_queue
from intake.settings import Settings


def _purge_stage_queues(application: App) -> None:
    for stage in STAGES:
        queue = stage_queue(stage)(application.bus.connection.default_channel)
        queue.declare()
        queue.purge()


@pytest.fixture
def amqp_app(amqp_url, tmp_path):
    """An App on the test vhost; the stage queues are emptied before and after (the vhost is
    shared by the whole session, and other tests count what they find there)."""
    settings = Settings.load(environ={}, data_dir=tmp_path / "data", broker_url=amqp_url)
    application = App(settings)
    _purge_stage_queues(application)
    yield application
    _purge_stage_queues(application)
    application.close()


@pytest.fixture
def queued_envelope_ids():
    """A function draining the capture queue of an App: the envelope ids, in order, duplicates kept."""

    def drain(application: App) -> list[str]:
        queue = stage_queue("capture")(application.bus.connection.default_channel)
        ids = []
        while (message := queue.get(no_ack=True)) is not None:
            ids.append(message.decode()["envelope_id"])
        return ids

    return drain
