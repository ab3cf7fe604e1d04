"""OCR engine processes on real Tesseract: the CLI's reading, the model kept, crashes and hangs contained."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from capture.ocr import engine
from capture.ocr.pages import PAGE_SEGMENTATION
from capture.ocr.words import tsv_words
from intake.errors import PermanentError, RetryableError


@pytest.fixture
def phototest(corpora) -> Image.Image:
    return Image.open(corpora / "ocr-tesseract" / "phototest.tif").convert("L")


@pytest.fixture(autouse=True)
def own_engine():
    """Each test starts this thread without an engine and leaves none behind."""
    engine.close_all()
    engine._local.__dict__.clear()
    yield
    engine.close_all()
    engine._local.__dict__.clear()


def cli(image: Image.Image) -> tuple[str, str]:
    """The text and TSV of the same page through the ``tesseract`` CLI, with the same settings."""
    with tempfile.TemporaryDirectory() as tmp:
        image.save(Path(tmp, "page.tif"))
        subprocess.run(["tesseract", f"{tmp}/page.tif", f"{tmp}/out", "-l", "fra+eng", "--dpi", "300", "--psm",
                        str(PAGE_SEGMENTATION), "txt", "tsv"], env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                       capture_output=True, check=True)
        return Path(tmp, "out.txt").read_text(), Path(tmp, "out.tsv").read_text()


def test_an_engine_reads_a_page_exactly_as_the_tesseract_cli_does(phototest):
    read = engine.recognise(phototest, "fra+eng", PAGE_SEGMENTATION, 300)
    text, tsv = cli(phototest)
    assert read.text == text and "quick brown dog" in read.text
    assert list(tsv_words(read.tsv)) == list(tsv_words(tsv))
    assert 0.9 < read.confidence <= 1.0


def test_the_model_stays_loaded_page_after_page_in_one_process(phototest):
    for _ in range(3):
        engine.recognise(phototest, "fra+eng", PAGE_SEGMENTATION)
    before = engine.stats()
    engine.recognise(phototest, "fra+eng", PAGE_SEGMENTATION)
    after = engine.stats()
    assert len(engine.pids()) == 1 and after["started"] == before["started"]
    assert after["reads"] == before["reads"] + 1 and after["cpu"] > before["cpu"]


def test_each_ocr_thread_has_an_engine_of_its_own(phototest):
    seen: list[int] = []

    def read() -> None:
        engine.recognise(phototest.crop((0, 0, 800, 300)), "eng", PAGE_SEGMENTATION)
        seen.append(engine._local.engine.proc.pid)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 2 and set(seen) <= set(engine.pids())


def test_a_language_without_a_model_is_an_operators_error_to_retry_and_the_engine_lives_on(phototest):
    with pytest.raises(RetryableError) as caught:
        engine.recognise(phototest, "xyz", PAGE_SEGMENTATION)
    assert caught.value.data == {"language": "xyz"}
    assert "quick brown" in engine.recognise(phototest, "eng", PAGE_SEGMENTATION).text
    assert engine.stats()["started"] >= 1 and len(engine.pids()) == 1


def kill_when_reading(sig: int) -> threading.Thread:
    """A thread that sends ``sig`` to the first engine of this process that is reading a page."""
    def watch() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if engine.stats()["busy"] and engine.pids():
                time.sleep(0.05)
                os.kill(engine.pids()[0], sig)
                return
            time.sleep(0.005)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_an_engine_that_dies_on_a_page_fails_that_page_for_good_and_the_next_page_gets_a_new_engine(phototest):
    engine.recognise(phototest, "fra+eng", PAGE_SEGMENTATION)  # started and loaded: the kill lands mid-read
    first = engine.pids()
    big = phototest.resize((phototest.width * 3, phototest.height * 3))  # seconds of reading, not a fraction
    kill_when_reading(signal.SIGKILL)
    with pytest.raises(PermanentError, match=r"la reconnaissance de texte \(Tesseract\) a planté sur cette page") as caught:
        engine.recognise(big, "fra+eng", PAGE_SEGMENTATION)
    assert caught.value.data["exit"] == -signal.SIGKILL
    assert "quick brown dog" in engine.recognise(phototest, "fra+eng", PAGE_SEGMENTATION).text
    assert engine.pids() != first


def test_an_engine_stuck_on_a_page_is_killed_at_the_timeout_and_the_page_is_retried(phototest, monkeypatch):
    monkeypatch.setattr(engine, "TIMEOUT_SECONDS", 1.0)  # per page; an engine's start has START_SECONDS more
    monkeypatch.setattr(engine, "START_SECONDS", 600.0)  # however busy the machine, a start is not a hang
    engine.recognise(phototest, "eng", PAGE_SEGMENTATION)  # started and warm
    (stuck,) = engine.pids()
    os.kill(stuck, signal.SIGSTOP)  # provably stuck: it reads no more of its pipe, so even the write blocks
    started = time.monotonic()
    with pytest.raises(RetryableError, match="OCR timed out") as caught:
        engine.recognise(phototest, "eng", PAGE_SEGMENTATION)
    assert caught.value.data["seconds"] == 1.0
    assert time.monotonic() - started < 60  # the page's second, not the start's ten minutes
    assert stuck not in engine.pids()
    assert "quick brown" in engine.recognise(phototest, "eng", PAGE_SEGMENTATION).text  # a fresh engine, started


def test_engines_end_with_the_worker_that_started_them_even_when_it_is_killed(tmp_path):
    script = ("import sys; from PIL import Image; from capture.ocr import engine;"
              "engine.recognise(Image.new('L', (200, 60), 255), 'eng', 7);"
              "print(engine.pids()[0], flush=True); sys.stdin.read()")
    worker = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=Path(__file__).resolve().parents[3])
    child = int(worker.stdout.readline())
    worker.kill()
    worker.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and _state(child) != "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{child}").exists() or _state(child) == "Z"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_a_forked_child_starts_engines_of_its_own_instead_of_writing_to_its_parents(phototest):
    engine.recognise(phototest.crop((0, 0, 800, 300)), "eng", PAGE_SEGMENTATION)
    parent_engine = engine.pids()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its own engine, and the parent's left alone
        os.close(read)
        text = engine.recognise(phototest.crop((0, 0, 800, 300)), "eng", PAGE_SEGMENTATION).text
        os.write(write, f"{engine.pids()}|{text}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        child_engines, text = answer.read().split("|", 1)
    os.waitpid(pid, 0)
    assert "quick brown" in text and child_engines != str(parent_engine)
    assert engine.pids() == parent_engine
    assert "quick brown" in engine.recognise(phototest.crop((0, 0, 800, 300)), "eng", PAGE_SEGMENTATION).text
