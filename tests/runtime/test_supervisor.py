"""The supervisor restarts a worker process that dies, after a logged back-off, stops on a fatal
status, and leaves a child that finished alone."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time

from intake.backoff import Backoff
from runtime.supervisor import Supervisor

QUICK = Backoff(base=0.1, cap=0.5)


def script(text: str) -> list[str]:
    return [sys.executable, "-c", text]


def test_a_child_that_dies_is_restarted_after_a_back_off_and_the_restart_is_logged(tmp_path, caplog):
    runs = tmp_path / "runs"
    # dies twice (status 3), then finishes: three starts of the same slot
    child = script(f"import pathlib, sys; p = pathlib.Path({str(runs)!r}); n = len(p.read_text()) if p.exists() "
                   "else 0; p.write_text('x' * (n + 1)); sys.exit(3 if n < 2 else 0)")
    with caplog.at_level(logging.INFO, logger="runtime.supervisor"):
        assert Supervisor(child, 1, backoff=QUICK).run(poll_seconds=0.05) == 0
    assert runs.read_text() == "xxx"
    restarts = [r.getMessage() for r in caplog.records if "restarting in" in r.getMessage()]
    assert len(restarts) == 2 and "exit status 3" in restarts[0]


def test_a_fatal_status_stops_every_child_without_restarting(tmp_path):
    marker = tmp_path / "first"
    # the first child to start exits with the fatal status, the other would sleep for two minutes
    child = script(f"import os, sys, time\ntry:\n    os.close(os.open({str(marker)!r}, os.O_CREAT | os.O_EXCL))\n"
                   "except FileExistsError:\n    time.sleep(120)\nelse:\n    sys.exit(2)")
    supervisor = Supervisor(child, 2, fatal=(2,), grace_seconds=10)
    started = time.monotonic()
    assert supervisor.run(poll_seconds=0.05) == 2
    assert time.monotonic() - started < 60 and supervisor.pids() == []


def test_sigterm_stops_the_children_and_run_returns(tmp_path):
    supervisor = Supervisor(script("import time; time.sleep(120)"), 2, grace_seconds=10)
    timer = threading.Timer(1.0, lambda: supervisor._on_signal(signal.SIGTERM, None))
    timer.start()
    started = time.monotonic()
    assert supervisor.run(poll_seconds=0.05) == 0
    assert time.monotonic() - started < 30 and supervisor.pids() == []
