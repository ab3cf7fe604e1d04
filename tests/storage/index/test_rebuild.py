"""The index rebuilt from the store equals the live one, and a write cut short heals from the journal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from indexed_items import T0, item, record

from intake.models import Party
from storage import lifecycle
from storage.base import open_store
from storage.index.feed import IndexedRecords
from storage.index.rebuild import catch_up, reindex
from storage.records import Records

SUPPORT = Path(__file__).resolve().parents[2] / "support"
ROOT = Path(__file__).resolve().parents[3]


def _busy_store(records: Records) -> list[str]:
    """A few cases with linked items, lifecycle steps, a reopening and quarantine."""
    ids = []
    for n in range(1, 7):
        member = f"4021337{n % 3}"
        case = record(records, item(n, at=T0 + timedelta(hours=n), member=member, channel=("email", "letter")[n % 2],
                                    sender=Party(name=f"Adhérent {n}"), pages=(f"page lue n°{n} crèche",)))
        ids.append(case.id)
    lifecycle.assign(records, ids[0], "c.durand", actor="user:chef")
    lifecycle.close(records, ids[0], "fait", actor="user:c.durand")
    lifecycle.reopen(records, ids[0], actor="user:chef", note="l'adhérent conteste")
    entry = records.quarantine("env-x", "capture", "too large", {"envelope_id": "env-x"})
    records.quarantine("env-y", "classify", "bad input", {"envelope_id": "env-y"})
    records.release(entry, note="retry")
    return ids


def test_a_rebuilt_index_equals_the_live_one(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    _busy_store(records)
    live = index.dump()
    seen: list[tuple[int, int]] = []
    rebuilt = reindex(Records(records.store), index, progress=lambda done, total: seen.append((done, total)), batch=2)
    assert index.dump() == live
    assert (rebuilt.cases, rebuilt.items, rebuilt.quarantined) == (len({r[0] for r in live["cases"]}), 6, 1)
    assert seen[-1] == (rebuilt.cases, rebuilt.cases) and len(seen) == (rebuilt.cases + 1) // 2


def test_a_journalled_case_missing_from_the_index_is_projected_at_catch_up(index, tmp_path):
    store = open_store(f"file://{tmp_path / 'store'}")
    plain = Records(store)  # writes the store without touching the index, as a crashed writer would
    case = record(plain, item(1, member="40213378"))
    index.mark_pending(case.id, "env-000000000000000000000001")
    index.mark_pending("IN-NONE-0000", "never-written")  # journalled, then the process died before the store write
    assert catch_up(plain, index, older_than=timedelta(0)) == 2
    assert index.case(case.id) == plain.case(case.id)
    assert index.pending() == []


def test_catch_up_leaves_journal_entries_of_writes_that_may_still_be_under_way(index, tmp_path):
    plain = Records(open_store(f"file://{tmp_path / 'store'}"))
    case = record(plain, item(1))
    index.mark_pending(case.id, "env-000000000000000000000001")
    assert catch_up(plain, index, older_than=timedelta(minutes=2)) == 0
    assert index.pending() == [(case.id, "env-000000000000000000000001")]


CRASHING_WRITER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {support!r})
    from indexed_items import item, record, T0
    from datetime import timedelta
    from storage.base import open_store
    from storage.index.base import open_index
    from storage.index.feed import IndexedRecords

    class DiesBeforeTheIndex(IndexedRecords):
        def project(self, case_id, journal, events):
            if journal.endswith("3"):
                os.kill(os.getpid(), signal.SIGKILL)  # the events are in the store, the index never hears of them
            super().project(case_id, journal, events)

    records = DiesBeforeTheIndex(open_store({store!r}), open_index({url!r}))
    for n in (1, 2, 3):
        record(records, item(n, at=T0 + timedelta(hours=n), member="40213378" if n != 2 else None))
""")


def test_a_writer_killed_between_the_store_and_the_index_heals_at_the_next_start(index, tmp_path):
    store_url = f"file://{tmp_path / 'store'}"
    script = CRASHING_WRITER.format(support=str(SUPPORT), store=store_url, url=_url(index))
    died = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert died.returncode == -signal.SIGKILL, died.stderr
    assert len(index.pending()) == 1 and len(index.known_items(["env-000000000000000000000003"])) == 0
    restarted = IndexedRecords(open_store(store_url), index)
    assert restarted.start(older_than=timedelta(0)) == 1
    healed = index.dump()
    reindex(Records(open_store(store_url)), index)
    assert index.dump() == healed and len(healed["items"]) == 3 and index.pending() == []


def _url(index) -> str:
    return index.engine.url.render_as_string(hide_password=False).replace("+pysqlite", "").replace("+psycopg", "")
