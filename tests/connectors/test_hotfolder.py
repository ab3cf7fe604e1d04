"""The scanned-letter hot folder on a real directory, with slow writers."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from docs import image_bytes, pdf, render_page, tiff_pages

from connectors.hotfolder import HotFolder, batch_import
from intake.settings import Settings
from runtime.app import App
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
    assert "ce n'est pas un scan PDF, TIFF, JPEG ou PNG" in (hot / "rejected" / "notes.txt.reason.txt").read_text()
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
    assert report.refused == [(str(backlog / "lisez-moi.txt"),
                               "ce n'est pas un scan PDF, TIFF, JPEG ou PNG (type trouvé : text/plain)")]
    assert (again.submitted, len(again.duplicates)) == ([], 60)
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 60


def test_a_symbolic_link_is_rejected_as_it_is_and_its_target_never_read(app, tmp_path, letter):
    secret = tmp_path / "ailleurs" / "confidentiel.pdf"
    secret.parent.mkdir()
    secret.write_bytes(letter)
    hot = tmp_path / "scans"
    folder = HotFolder(app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.01)
    (hot / "lien.pdf").symlink_to(secret)

    for _ in range(3):
        folder.poll()
        time.sleep(0.02)

    assert app.bus.queue_depth(stage_queue("capture")) == 0 and _archived(hot) == []
    assert (hot / "rejected" / "lien.pdf").is_symlink() and secret.read_bytes() == letter
    [entry] = app.records.quarantined()
    assert "lien symbolique" in entry["reason"] and "raw" not in entry["payload"]


def test_a_file_over_the_limit_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    from connectors import hotfolder

    app = App(Settings.load(environ={}, data_dir=tmp_path / "data", max_item_bytes=1000))
    hot = tmp_path / "scans"
    folder = HotFolder(app.connector_context(), hot, poll_seconds=0.05, settle_seconds=0.01)
    (hot / "gros.tif").write_bytes(b"II*\x00" + b"\0" * 5000)
    whole_reads: list[str] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (whole_reads.append(self.name) if hot in self.parents
                                                          else None) or real_read_bytes(self))
    real_fdopen = hotfolder.os.fdopen

    def fdopen_counting_reads(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)
        real_read = handle.read
        handle.read = lambda size=-1: whole_reads.append(f"read {size}") or real_read(size)
        return handle

    monkeypatch.setattr(hotfolder.os, "fdopen", fdopen_counting_reads)
    for _ in range(3):
        folder.poll()
        time.sleep(0.02)

    assert whole_reads == []
    [entry] = app.records.quarantined()
    assert "au-delà de la limite" in entry["reason"] and "raw" not in entry["payload"]
    assert (hot / "rejected" / "gros.tif").exists()
    app.close()


def test_an_empty_file_of_a_backlog_is_refused_as_empty_not_by_its_sniffed_type(app, tmp_path):
    backlog = tmp_path / "backlog"
    backlog.mkdir()
    (backlog / "vide.pdf").write_bytes(b"")
    (backlog / "bruit.pdf").write_bytes(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64)))
    report = batch_import(app.connector_context(), backlog, progress=False)
    assert sorted(report.refused) == [(str(backlog / "bruit.pdf"), "ce n'est pas un scan PDF, TIFF, JPEG ou PNG "
                                       "(type trouvé : type inconnu)"), (str(backlog / "vide.pdf"), "fichier vide")]


def test_a_hot_folder_set_for_batches_flags_each_file_as_a_batch_and_a_bad_value_names_the_variable(app, tmp_path):
    from connectors.hotfolder import HotFolderSettings
    from intake.errors import ConfigError

    settings = HotFolderSettings.load({"INTAKE_HOTFOLDER_DIR": str(tmp_path / "lots"),
                                       "INTAKE_HOTFOLDER_BATCHES": "true"})
    (folder,) = HotFolder.configured(app.connector_context(), settings)
    hot = tmp_path / "lots"
    (hot / "lot.pdf").write_bytes(b"%PDF-1.4 une pile de lettres\n%%EOF\n")
    folder.settle_seconds = 0.01
    deadline = time.monotonic() + 30
    while not folder.poll() and time.monotonic() < deadline:
        time.sleep(0.02)
    (envelope_id,) = [k.removeprefix("envelopes/").removesuffix(".json") for k in app.store.list("envelopes/")]
    assert app.records.envelope(envelope_id).meta == {"batch": "1"}
    plain = HotFolder.configured(app.connector_context(), HotFolderSettings.load({"INTAKE_HOTFOLDER_DIR": str(hot)}))
    assert plain[0].batches is False
    with pytest.raises(ConfigError, match="HOTFOLDER_BATCHES"):
        HotFolderSettings.load({"INTAKE_HOTFOLDER_DIR": str(hot), "INTAKE_HOTFOLDER_BATCHES": "peut-être"})
