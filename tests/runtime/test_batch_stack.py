"""The done-when of issue #22: a 40-letter duplex stack dropped in the hot folder becomes 40 cases on
RabbitMQ + S3, each letter with exactly its own pages (separator sheets, so the cut is deterministic).

About 190 scanned pages (55 of them OCR'd): rendering the stack and reading it take a few minutes on
the shared 2-core machine."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timezone

import pytest
from batch_stacks import drop, stack_pdf

from connectors.hotfolder import HotFolder
from intake.settings import Settings
from runtime import batch_record
from runtime.app import App
from runtime.bus import team_queue
from samples.batches import make_batch

pytestmark = [pytest.mark.rabbitmq, pytest.mark.s3]
LETTERS = 40


@pytest.fixture
def app(amqp_url, s3_url, tmp_path):
    application = App(Settings.load(environ={}, data_dir=tmp_path / "data", broker_url=amqp_url, store_url=s3_url,
                                    retry_base_seconds=0.01))
    yield application
    application.close()


def _take(folder: HotFolder, timeout: float = 60.0) -> None:
    """Poll the hot folder until the stack is archived."""
    deadline = time.monotonic() + timeout
    while not list((folder.archive / date.today().isoformat()).glob("*")) and time.monotonic() < deadline:
        folder.poll()
        time.sleep(0.05)


def _notices(app: App, teams: list[str]) -> list[str]:
    found = []
    for team in teams:
        queue = team_queue(team)(app.bus.connection.default_channel)
        queue.declare()
        while (message := queue.get(no_ack=True)) is not None:
            found.append(message.decode()["envelope_id"])
    return found


def test_a_40_letter_duplex_stack_in_the_hot_folder_becomes_40_cases_on_rabbitmq_and_s3(app, tmp_path):
    _notices(app, list(app.rules.teams))  # the session's vhost: notices other tests left are not ours
    spec = make_batch(5, letters=LETTERS, separator="patch-T", typed=True)
    hot = tmp_path / "scans"
    folder = HotFolder(app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.05, batches=True)
    drop(hot, "lot-du-matin.pdf", stack_pdf(spec), datetime.now(timezone.utc))
    _take(folder)
    worker = threading.Thread(target=app.worker().run, kwargs={"idle_timeout": 5})
    worker.start()
    worker.join(1800)
    assert not worker.is_alive()
    (record,) = batch_record.every(app.store)
    children = [app.records.envelope(i) for i in record.letters]
    assert record.status == "released" and len(children) == LETTERS
    truth = {n: page.letter for n, page in enumerate(spec.pages, start=1) if page.kind not in ("blank", "separator")}
    for index, child in enumerate(children):
        first, last = map(int, child.meta["batch_pages"].split("-"))
        assert {truth[n] for n in range(first, last + 1) if n in truth} == {index}
    assert sorted(n for letter in record.split.letters for n in (letter.envelope, *letter.pages) if n) == sorted(truth)
    cases = {app.records.index_get("envelope", c.id) for c in children}
    assert len(cases) == LETTERS and None not in cases and set(app.records.case_ids()) == cases
    teams = sorted({app.records.case(c).team for c in cases})
    assert sorted(_notices(app, teams)) == sorted(c.id for c in children)
