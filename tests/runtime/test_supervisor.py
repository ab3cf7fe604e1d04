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


def test_children_end_when_the_supervisor_is_killed_so_no_orphan_goes_on_consuming(tmp_path):
    pids = tmp_path / "pids"
    child = script(f"import os, time; open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n'); time.sleep(120)")
    launcher = script("import sys; sys.path[:0] = sys.argv[1:2]\nfrom runtime.supervisor import Supervisor\n"
                      f"Supervisor({child!r}, 2).run(poll_seconds=0.05)")
    import os
    import subprocess
    from pathlib import Path

    supervisor = subprocess.Popen([*launcher, str(Path(__file__).resolve().parents[2])])
    deadline = time.monotonic() + 60
    while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    children = [int(p) for p in pids.read_text().split()]
    supervisor.kill()
    supervisor.wait()
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists()]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert len(children) == 2 and alive == []
