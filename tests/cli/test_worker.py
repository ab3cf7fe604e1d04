"""``intake worker --processes 2`` runs two worker processes that both take items from RabbitMQ,
says when each is ready and what it handled, and SIGTERM stops them all."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path


from intake.settings import Settings
from runtime.app import App
from runtime.bus import stage_queue

INTAKE = str(Path(sys.executable).parent / "intake")
ITEMS = 12


def write_mails(folder: Path) -> None:
    folder.mkdir()
    for n in range(ITEMS):
        message = EmailMessage()
        message["From"], message["To"] = f"membre{n}@example.org", "sante@mutuelle.example"
        message["Subject"], message["Message-ID"] = f"Remboursement {n}", f"<m{n}@example.org>"
        message.set_content(f"Bonjour, je demande le remboursement de ma consultation numéro {n}.")
        (folder / f"{n}.eml").write_bytes(bytes(message))


class Lines:
    """The lines a process prints, read as they come."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self._queue.put(line) for line in process.stdout], daemon=True).start()

    def until(self, done, timeout: float) -> list[str]:
        deadline = time.monotonic() + timeout
        while not done(self.seen) and time.monotonic() < deadline:
            try:
                self.seen.append(self._queue.get(timeout=0.5))
            except queue.Empty:
                pass
        return self.seen


def capture_consumers(app: App) -> int:
    _, _, consumers = stage_queue("capture")(app.bus.connection.default_channel).queue_declare()
    return consumers


def captured_per_pid(lines: list[str]) -> dict[str, int]:
    counts = {}
    for line in lines:
        if found := re.match(r"worker (\d+): capture (\d+)", line):
            counts[found[1]] = int(found[2])
    return counts


def test_two_worker_processes_both_consume_and_sigterm_stops_them_all(amqp_app, amqp_url, tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")},
           "INTAKE_BROKER_URL": amqp_url, "INTAKE_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    supervisor = subprocess.Popen([INTAKE, "worker", "--processes", "2", "--progress-every", "1"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = Lines(supervisor)
    try:
        ready = lines.until(lambda seen: sum("worker ready" in s for s in seen) == 2, timeout=300)
        assert sum("worker ready" in s for s in ready) == 2, ready
        deadline = time.monotonic() + 60
        while capture_consumers(amqp_app) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        write_mails(tmp_path / "mails")
        subprocess.run([INTAKE, "ingest", str(tmp_path / "mails")], env=env, check=True, capture_output=True)
        seen = lines.until(lambda seen: sum(captured_per_pid(seen).values()) >= ITEMS, timeout=300)
        per_pid = captured_per_pid(seen)
        assert sum(per_pid.values()) == ITEMS and len(per_pid) == 2, seen
        children = [int(pid) for pid in per_pid]
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=60) == 0
        assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
        assert "Traceback" not in "".join(lines.until(lambda _: False, timeout=1))
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
