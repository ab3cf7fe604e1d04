"""The scanned-letter hot folder on a real directory, with slow writers."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
from docs import image_bytes, pdf, render_page, tiff_pages

from connectors.hotfolder import HotFolder, batch_import
from runtime.bus import stage_queue

pytestmark = pytest.mark.rabbitmq


@pytest.fixture(scope="module")
def letter() -> bytes:
    return pdf([["Madame, Monsieur,", "je conteste le remboursement de ma prothèse dentaire.",
                 "Adhérent n° 12345678"]])


def _write_slowly(path: Path, data: bytes, chunks: int, pauses: list[float]) -> None:
    size = len(data) // chunks + 1
    with path.open("wb") as handle:
        for n in range(chunks):
            handle.write(data[n * size:(n + 1) * size])
            handle.flush()
            time.sleep(pauses[n % len(pauses)])


def _run_until(folder: HotFolder, done, timeout: float = 10.0) -> None:
    stop = threading.Event()
    runner = threading.Thread(target=folder.run, args=(stop,))
    runner.start()
    try:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        runner.join(5)


def _archived(folder: Path) -> list[Path]:
    return sorted((folder / "archive" / date.today().isoformat()).glob("*"))


def test_a_letter_written_slowly_in_chunks_is_taken_once_and_only_when_complete(amqp_app, tmp_path, letter):
    hot = tmp_path / "scans"
    folder = HotFolder(amqp_app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.3)
    # pauses longer than the settle time: only the missing %%EOF keeps the half-written PDF waiting
    writer = threading.Thread(target=_write_slowly, args=(hot / "courrier 1.pdf", letter, 5, [0.1, 0.8]))
    writer.start()

    _run_until(folder, lambda: not writer.is_alive() and _archived(hot))

    assert [p.name for p in _archived(hot)] == ["courrier 1.pdf"]
    assert not (hot / "courrier 1.pdf").exists()
    [key] = amqp_app.store.list("envelopes/")
    envelope = amqp_app.records.envelope(key.split("/")[1].removesuffix(".json"))
    assert envelope.channel == "letter" and envelope.attachments[0].declared_type == "application/pdf"
    assert amqp_app.store.get(envelope.attachments[0].ref.key) == letter
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 1


def test_a_part_file_is_ignored_until_renamed_and_a_tiff_needs_two_stable_polls(amqp_app, tmp_path):
    hot = tmp_path / "scans"
    folder = HotFolder(amqp_app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.2)
    scan = tiff_pages([render_page(["Page 1"], dpi=50), render_page(["Page 2"], dpi=50)])
    (hot / "scan.tif.part").write_bytes(scan)
    (hot / ".scanner-lock").write_bytes(b"x")
    assert folder.poll() == 0
    time.sleep(0.3)
    assert folder.poll() == 0  # still a .part: never read

    (hot / "scan.tif.part").rename(hot / "scan.tif")
    assert folder.poll() == 0  # seen once: not yet known to be stable
    time.sleep(0.3)
    assert folder.poll() == 1
    assert [p.name for p in _archived(hot)] == ["scan.tif"]
    assert (hot / ".scanner-lock").exists()


def test_a_file_that_is_not_a_scan_is_rejected_with_its_reason(amqp_app, tmp_path):
    hot = tmp_path / "scans"
    folder = HotFolder(amqp_app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.0)
    (hot / "notes.txt").write_text("liste de courses")
    folder.poll()
    assert folder.poll() == 0

    assert (hot / "rejected" / "notes.txt").read_text() == "liste de courses"
    assert "not a PDF, TIFF, JPEG or PNG" in (hot / "rejected" / "notes.txt.reason.txt").read_text()
    assert [item["payload"]["file"] for item in amqp_app.records.quarantined()] == ["notes.txt"]
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 0


def test_the_same_scan_dropped_twice_is_archived_twice_but_queued_once(amqp_app, tmp_path, letter):
    hot = tmp_path / "scans"
    folder = HotFolder(amqp_app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.0)
    for name in ("a.pdf", "b.pdf"):
        (hot / name).write_bytes(letter)
        folder.poll()
        folder.poll()
    assert [p.name for p in _archived(hot)] == ["a.pdf", "b.pdf"]
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 1


def test_a_batch_import_of_a_backlog_queues_each_letter_once(amqp_app, tmp_path, capsys):
    backlog = tmp_path / "backlog"
    (backlog / "2025").mkdir(parents=True)
    for n in range(60):
        (backlog / "2025" / f"scan-{n:03}.png").write_bytes(image_bytes(render_page([f"Courrier {n}"], dpi=30)))
    (backlog / "lisez-moi.txt").write_text("pas un courrier")

    report = batch_import(amqp_app.connector_context(), backlog)
    again = batch_import(amqp_app.connector_context(), backlog, progress=False)

    assert len(report.submitted) == len(set(report.submitted)) == 60
    assert report.refused == [(str(backlog / "lisez-moi.txt"), "not a PDF, TIFF, JPEG or PNG scan (found text/plain)")]
    assert (again.submitted, len(again.duplicates)) == ([], 60)
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 60
