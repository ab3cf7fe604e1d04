"""The record worker killed (SIGKILL) between an item's store write and its index update, then
restarted, leaves the case index equal to a fresh ``intake reindex``: on SQLite and PostgreSQL,
with the real ``intake worker`` process on RabbitMQ (the unacknowledged item comes back)."""

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


def _intake(data_dir: Path, env: dict, *args: str, die_at: int | None = None) -> subprocess.CompletedProcess:
    head = [str(SUPPORT / "dying_worker.py"), str(die_at)] if die_at else ["-m", "cli.main"]
    return subprocess.run([sys.executable, *head, "--data-dir", str(data_dir), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.rabbitmq
def test_a_record_worker_killed_after_the_store_write_heals_the_index_when_restarted(amqp_app, amqp_url,
                                                                                     index_url, tmp_path):
    env = os.environ | {"PYTHONPATH": str(ROOT), "INTAKE_BROKER_URL": amqp_url, "INTAKE_INDEX_URL": index_url,
                        "INTAKE_RETRY_BASE_SECONDS": "0.05"}
    for n, member in enumerate(MEMBERS):
        amqp_app.submit(Draft(channel="email", source="test", source_id=f"crash-{n}", received_at=utcnow(),
                              subject=f"Demande {n}", body=f"Bonjour, mon numéro d'adhérent est {member}. "
                                                           "Je souhaite une attestation de droits."))
    data_dir = amqp_app.settings.data_dir

    died = _intake(data_dir, env, "worker", "--until-idle", "5", die_at=2)
    assert died.returncode == -signal.SIGKILL, died.stderr
    index = open_index(index_url)
    try:
        [(case_id, journal)] = index.pending()
        assert index.known_items([journal]) == set()  # in the store, not in the index
        assert amqp_app.records.case_exists(case_id)

        again = _intake(data_dir, env, "worker", "--until-idle", "5")
        assert again.returncode == 0, again.stderr
        healed = index.dump()
        assert index.pending() == [] and len(healed["items"]) == len(MEMBERS)

        rebuilt = _intake(data_dir, env, "reindex")
        assert rebuilt.returncode == 0 and f"{len(MEMBERS)} item(s)" in rebuilt.stdout, rebuilt.stderr
        assert index.dump() == healed
    finally:
        index.close()
