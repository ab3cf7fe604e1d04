"""``intake connect`` and ``intake import-folder`` as an operator runs them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from docs import pdf

from cli.main import main

REPO = Path(__file__).resolve().parents[2]


def test_import_folder_queues_a_backlog_and_names_what_it_refused(tmp_path, monkeypatch):
    backlog = tmp_path / "backlog"
    backlog.mkdir()
    for n in range(3):
        (backlog / f"lettre-{n}.pdf").write_bytes(pdf([[f"Courrier {n}"]]))
    (backlog / "notes.docx").write_bytes(b"PK\x03\x04 not a scan")
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "data"))

    result = CliRunner().invoke(main, ["import-folder", str(backlog), "--no-progress"])

    assert result.exit_code == 0, result.output
    assert "queued 3 letter(s), 0 already taken, 1 refused" in result.output
    assert "notes.docx" in result.output


def test_connect_refuses_an_unknown_or_unconfigured_connector(tmp_path, monkeypatch):
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert "unknown connector 'fax'" in runner.invoke(main, ["connect", "fax"]).output
    assert "needs INTAKE_HOTFOLDER_DIR" in runner.invoke(main, ["connect", "hotfolder"]).output
    assert "INTAKE_CONNECTORS" in runner.invoke(main, ["connect"]).output


def test_connect_runs_the_listed_hot_folder_until_sigterm(tmp_path):
    hot = tmp_path / "scans"
    env = {**os.environ, "PYTHONPATH": str(REPO), "INTAKE_DATA_DIR": str(tmp_path / "data"),
           "INTAKE_CONNECTORS": "hotfolder", "INTAKE_HOTFOLDER_DIR": str(hot),
           "INTAKE_HOTFOLDER_POLL_SECONDS": "0.1", "INTAKE_HOTFOLDER_SETTLE_SECONDS": "0.2"}
    process = subprocess.Popen([sys.executable, "-m", "cli.main", "connect"], env=env, cwd=REPO,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not hot.is_dir() and time.monotonic() < deadline:
            time.sleep(0.05)
        (hot / "courrier.pdf").write_bytes(pdf([["Madame, Monsieur"]]))
        archived = hot / "archive" / date.today().isoformat() / "courrier.pdf"
        while not archived.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert archived.exists()
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=10)
    assert process.returncode == 0, errors
    assert len(list((tmp_path / "data" / "store" / "envelopes").glob("*.json"))) == 1
