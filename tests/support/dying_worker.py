"""``intake`` as a worker process that dies (SIGKILL) right after the store write of the Nth item it
records, before the case index hears of it: ``python dying_worker.py N <intake arguments>``; with
``N:dispatched``, right after the store write of the Nth item's ``dispatched`` event instead.

Only the index projection is wrapped; everything else is the real command line and worker."""

from __future__ import annotations

import os
import signal
import sys

from cli.main import main
from storage.index.feed import IndexedRecords

DIE_AT, _, WHAT = sys.argv.pop(1).partition(":")
DIE_AT, WHAT = int(DIE_AT), WHAT or "items"
_project = IndexedRecords.project
_recorded = 0


def project(self, case_id, journal, events):
    global _recorded
    items = any(e.envelope_id == journal for e in events)  # an item's events, just written to the store
    if (WHAT == "items" and items) or (WHAT == "dispatched" and events[0].kind == "dispatched"):
        _recorded += 1
        if _recorded == DIE_AT:
            os.kill(os.getpid(), signal.SIGKILL)
    _project(self, case_id, journal, events)


IndexedRecords.project = project
sys.exit(main())
