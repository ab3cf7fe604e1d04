"""The record worker killed (SIGKILL) between an item's store write and its index update, then
restarted, leaves the case index equal to a fresh ``intake reindex``: on SQLite and PostgreSQL,
with the real ``intake worker`` process on RabbitMQ (the unacknowledged item comes back).

Under RabbitMQ the record stage writes no index journal row (``IndexedRecords.delivered``): the
redelivery alone heals the index, for an item's events and for its ``dispatched`` event, which the
redelivered handler finds in the store and does not write again (``RecordHandler`` projects the case
again)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from databases import index_url  # noqa: F401

from intake.drafts import Draft
from intake.models import utcnow
from storage.index.base import open_index

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = ROOT / "tests" / "support"
MEMBERS = ("40213378", "51122334", "60000017")


def _intake(data_dir: Path, env: dict, *args: str, die_at: str | None = None) -> subprocess.CompletedProcess:
    head = [str(SUPPORT / "dying_worker.py"), str(die_at)] if die_at else ["-m", "cli.main"]
    return subprocess.run([sys.executable, *head, "--data-dir", str(data_dir), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _events_in_store(records) -> int:
    return sum(len(records.events_at(key)) for key in records.store.list("cases/") if "/events/" in key)


@pytest.mark.rabbitmq
@pytest.mark.parametrize("die_at", ["2", "2:dispatched"])
def test_a_record_worker_killed_after_the_store_write_heals_the_index_when_restarted(amqp_app, amqp_url,
                                                                                     index_url, die_at):
    env = os.environ | {"PYTHONPATH": str(ROOT), "INTAKE_BROKER_URL": amqp_url, "INTAKE_INDEX_URL": index_url,
                        "INTAKE_RETRY_BASE_SECONDS": "0.05"}
    for n, member in enumerate(MEMBERS):
        amqp_app.submit(Draft(channel="email", source="test", source_id=f"crash-{n}", received_at=utcnow(),
                              subject=f"Demande {n}", body=f"Bonjour, mon numéro d'adhérent est {member}. "
                                                           "Je souhaite une attestation de droits."))
    data_dir = amqp_app.settings.data_dir

    died = _intake(data_dir, env, "worker", "--processes", "1", "--until-idle", "5", die_at=die_at)
    assert died.returncode == -signal.SIGKILL, died.stderr
    index = open_index(index_url)
    try:
        assert index.pending() == []  # no journal row: the message comes back
        assert len(index.dump()["events"]) < _events_in_store(amqp_app.records)  # in the store, not in the index

        again = _intake(data_dir, env, "worker", "--processes", "1", "--until-idle", "5")
        assert again.returncode == 0, again.stderr
        healed = index.dump()
        assert index.pending() == [] and len(healed["items"]) == len(MEMBERS)
        assert len(healed["events"]) == _events_in_store(amqp_app.records)

        rebuilt = _intake(data_dir, env, "reindex")
        assert rebuilt.returncode == 0 and f"{len(MEMBERS)} élément(s)" in rebuilt.stdout, rebuilt.stderr
        again_built = index.dump()
        for table, rows in again_built.items():  # table by table, so that a failure shows the rows
            assert ([r for r in rows if r not in healed[table]], [r for r in healed[table] if r not in rows]) == \
                   ([], []), table
        assert again_built == healed
    finally:
        index.close()
