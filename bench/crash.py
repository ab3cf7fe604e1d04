"""Crash test: mixed items through RabbitMQ and S3 while workers are killed
with SIGKILL at random moments and the broker is restarted once.

Prints items, kills, lost and duplicated. The test suite runs a short form
(tests/intake/test_crash.py); run the long form by hand:

    .venv/bin/python bench/crash.py --items 300 --workers 4 --kills 40

It needs RabbitMQ on 127.0.0.1:5672 (its own vhost is created) and starts a
SeaweedFS S3 server itself.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]

from intake.drafts import Draft, FileDraft  # noqa: E402
from intake.models import Party  # noqa: E402
from intake.settings import Settings  # noqa: E402
from runtime.app import App  # noqa: E402

TOPICS = [
    ("Demande de remboursement", "Je n'ai pas reçu le remboursement de ma consultation du 3 novembre (25,00 €)."),
    ("Devis dentaire", "Je vous joins le devis de mon dentiste pour une couronne et un implant : prise en charge ?"),
    ("Réclamation", "Je conteste le montant remboursé, c'est inadmissible, je saisirai le médiateur."),
    ("Attestation", "Pouvez-vous m'envoyer une attestation de droits pour mon employeur ?"),
    ("Changement d'adresse", "Je déménage : merci de noter ma nouvelle adresse à partir du 1er décembre."),
]


def make_drafts(count: int, seed: int = 7) -> list[Draft]:
    """Distinct mixed items (e-mails, some with a PDF; web forms; calls; a few scans)."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)
    return [_draft(n, rng, start + timedelta(seconds=37 * n)) for n in range(count)]


def _draft(n: int, rng: random.Random, at: datetime) -> Draft:
    subject, text = TOPICS[n % len(TOPICS)]
    member = f"{30000000 + n:08d}"
    body = f"Bonjour,\n{text}\nN° adhérent : {member}\nRéférence interne {n}-{rng.randrange(10**6)}."
    kind = n % 10
    if kind < 4:
        files = [FileDraft(f"piece-{n}.pdf", _pdf(n, member))] if kind == 0 else []
        return Draft("email", "crash:mail", f"<crash-{n}@example.fr>", at, Party(email=f"a{n}@example.fr"),
                     subject, body, files=files, headers={"message-id": f"<crash-{n}@example.fr>"})
    if kind < 7:
        return Draft("webform", "crash:web", f"form-{n}", at, Party(name=f"Adhérent {n}"), subject, body)
    if kind < 9:
        return Draft("phone", "crash:calls", f"call:{n}", at, Party(phone="+33600000000"), "Appel", body)
    return Draft("letter", "crash:scans", f"scan-{n}", at, files=[FileDraft(f"scan-{n}.png", _scan(n, member))])


def _pdf(n: int, member: str) -> bytes:
    from docs import pdf

    return pdf([[f"Facture n° {n}", f"N° adhérent : {member}", "Total : 42,50 €"]])


def _scan(n: int, member: str) -> bytes:
    from docs import image_bytes, render_page

    page = render_page([f"Courrier {n}", "Demande d'attestation de droits", f"N° adhérent : {member}"])
    return image_bytes(page.resize((1240, 1754)), "PNG")


@dataclass
class Workers:
    """Worker processes that can be killed and restarted."""

    env: dict[str, str]
    data_dir: Path
    count: int
    procs: list[subprocess.Popen] = field(default_factory=list)

    def start(self, index: int | None = None) -> None:
        """Start one worker (at ``index``) or all of them."""
        for i in ([index] if index is not None else range(self.count)):
            log = open(self.data_dir / f"worker-{i}.log", "ab")
            proc = subprocess.Popen([sys.executable, "-m", "cli.main", "--log-level", "WARNING", "worker", "--processes", "1"],
                                    env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
            if i < len(self.procs):
                self.procs[i] = proc
            else:
                self.procs.append(proc)

    def kill_one(self, rng: random.Random) -> None:
        """SIGKILL a random worker and start a new one in its place."""
        index = rng.randrange(self.count)
        self.procs[index].send_signal(signal.SIGKILL)
        self.procs[index].wait()
        self.start(index)

    def revive(self) -> None:
        """Restart workers that died on their own (e.g. during the broker restart)."""
        for i, proc in enumerate(self.procs):
            if proc.poll() is not None:
                self.start(i)

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def restart_broker() -> None:
    """Stop and start RabbitMQ's application (all connections drop; durable queues stay)."""
    subprocess.run(["rabbitmqctl", "-q", "stop_app"], check=True, timeout=120)
    subprocess.run(["rabbitmqctl", "-q", "start_app"], check=True, timeout=120)


def check(app: App, envelope_ids: list[str]) -> dict[str, int]:
    """Lost: an item with no case. Duplicated: an item in two cases or a step recorded twice."""
    lost = duplicated = 0
    owners: dict[str, set[str]] = {}
    for case_id in app.records.case_ids():
        events = app.records.events(case_id)
        for event in events:
            owners.setdefault(event.envelope_id or "", set()).add(case_id)
        steps = [(e.envelope_id, e.kind) for e in events if e.envelope_id]
        duplicated += len(steps) - len(set(steps))
    for envelope_id in envelope_ids:
        cases = owners.get(envelope_id, set())
        kinds = {e.kind for c in cases for e in app.records.events(c) if e.envelope_id == envelope_id}
        lost += not cases or not {"received", "captured", "classified", "routed"} <= kinds
        duplicated += len(cases) > 1
    return {"lost": lost, "duplicated": duplicated}


def run(items: int, workers: int, kills: int, amqp_url: str, s3_url: str, data_dir: Path,
        restart: bool = True, timeout: float = 600, seed: int = 11) -> dict[str, int]:
    """Run the crash test and return its figures."""
    settings = Settings.load(environ={}, data_dir=data_dir, broker_url=amqp_url, store_url=s3_url,
                             retry_base_seconds=0.05, max_attempts=10)
    app = App(settings)
    envelope_ids = [app.submit(d).id for d in make_drafts(items)]
    env = {**os.environ, "INTAKE_DATA_DIR": str(data_dir), "INTAKE_BROKER_URL": amqp_url,
           "INTAKE_STORE_URL": s3_url, "INTAKE_RETRY_BASE_SECONDS": "0.05", "INTAKE_MAX_ATTEMPTS": "10"}
    data_dir.mkdir(parents=True, exist_ok=True)
    pool = Workers(env, data_dir, workers)
    pool.start()
    rng = random.Random(seed)
    restart_at = kills // 2 if restart else -1
    try:
        for k in range(kills):
            time.sleep(rng.uniform(0.5, 2.0))
            pool.kill_one(rng)
            if k == restart_at:
                restart_broker()
            pool.revive()
        _wait_until_recorded(app, envelope_ids, pool, timeout)
    finally:
        pool.stop()
    figures = {"items": items, "workers": workers, "kills": kills, "broker restarts": int(restart)}
    figures.update(check(app, envelope_ids))
    figures["quarantined"] = len(app.records.quarantined())
    app.close()
    return figures


def _wait_until_recorded(app: App, envelope_ids: list[str], pool: Workers, timeout: float) -> None:
    """Until every item is indexed and every stage queue is empty (or the timeout)."""
    from runtime.bus import STAGES, stage_queue

    deadline = time.monotonic() + timeout
    pending = list(envelope_ids)
    while time.monotonic() < deadline:
        pending = [e for e in pending if not app.records.index_get("envelope", e)]
        pool.revive()
        if not pending and not any(app.bus.queue_depth(stage_queue(s)) for s in STAGES):
            break
        time.sleep(1)
    time.sleep(3)  # unacked messages of a last redelivery finish their record writes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--no-broker-restart", action="store_true")
    args = parser.parse_args()
    from services import rabbitmq_vhost, seaweedfs_server

    with tempfile.TemporaryDirectory() as tmp, rabbitmq_vhost() as amqp_url, \
            seaweedfs_server(Path(tmp)) as s3:
        started = time.monotonic()
        figures = run(args.items, args.workers, args.kills, amqp_url, f"s3://k:s@{s3}/crash?secure=false",
                      Path(tmp) / "data", restart=not args.no_broker_restart)
        figures["seconds"] = round(time.monotonic() - started)
    print("  ".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
