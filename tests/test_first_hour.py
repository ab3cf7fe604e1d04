"""The first hour of a new operator, shortened (scripts/first-hour --quick): the README's quick commands,
a bad store URL and a stopped broker each end with their documented status, no traceback, no silent stretch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_first_hour_script_finds_no_traceback_no_wrong_status_and_no_silence():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "first-hour"), "--quick", "--silence", "30",
                          "--intake", str(Path(sys.executable).parent / "intake")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    steps = [line for line in run.stdout.splitlines() if line.startswith(("ok ", "NO "))]
    assert len(steps) >= 8 and all(line.startswith("ok ") for line in steps), run.stdout
    assert "the broker is not running" in run.stdout and "status 69" in run.stdout
