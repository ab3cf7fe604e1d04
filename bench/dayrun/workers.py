"""The workers' own accounting (a hook), and the worker and launcher processes' entry points."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import threading
import time
from pathlib import Path
from typing import Any

from runtime.hooks import Hook


class StoreCalls:
    """Counts and times the object-store calls of one worker (its store's methods, wrapped in place)."""

    OPS = ("put", "get", "exists", "list", "delete")

    def __init__(self, store: Any) -> None:
        self.calls = 0
        self.seconds = 0.0
        for name in self.OPS:
            setattr(store, name, self._timed(getattr(store, name)))

    def _timed(self, method: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.calls += 1
                self.seconds += time.perf_counter() - started
        return timed


class TimingHook(Hook):
    """One JSON line per message: stage, envelope, wall start/end, CPU of the process and of its
    OCR engines and other children (Tesseract) while it handled the message, and its object-store calls. A worker
    handles one message at a time, so the deltas belong to that message."""

    def __init__(self, path: Path, store: StoreCalls | None = None) -> None:
        self.out = open(path, "a", buffering=1)
        self.store = store
        self.started: tuple[float, ...] = (0.0,) * 5

    def line(self, **fields: Any) -> None:
        self.out.write(json.dumps(fields) + "\n")

    def _store(self) -> tuple[int, float]:
        return (self.store.calls, self.store.seconds) if self.store else (0, 0.0)

    def before_process(self, stage: str, body: dict[str, Any]) -> None:
        self.started = (time.time(), time.process_time(), _children_cpu(), *self._store())

    def after_process(self, stage: str, body: dict[str, Any], seconds: float) -> None:
        t0, cpu0, child0, calls0, store0 = self.started
        calls, store = self._store()
        self.line(ev="done", stage=stage, id=body.get("envelope_id"), t0=t0, t1=time.time(),
                  cpu=time.process_time() - cpu0, ccpu=_children_cpu() - child0, ops=calls - calls0,
                  store_s=store - store0)

    def on_retry(self, stage: str, body: dict[str, Any], error: BaseException, attempt: int) -> None:
        self.line(ev="retry", stage=stage, id=body.get("envelope_id"), error=str(error)[:200], t1=time.time())

    def on_quarantine(self, stage: str, body: dict[str, Any], reason: str) -> None:
        self.line(ev="quarantine", stage=stage, id=body.get("envelope_id"), reason=reason[:300], t1=time.time())


def _children_cpu() -> float:
    """CPU of the ended children (OSD runs of the CLI) and of the live OCR engines (as they report it)."""
    from capture.ocr import engine

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + engine.cpu_seconds()


def worker_main(stages: tuple[str, ...], hook_file: Path, profile_file: Path | None) -> None:
    """A worker process: the normal App and Worker, with the timing hook added."""
    started = time.time()
    from intake.logs import setup_logging
    from intake.settings import Settings
    from runtime.app import App

    settings = Settings.load()
    setup_logging("WARNING", settings.log_format)
    app = App(settings)
    hook = TimingHook(hook_file, StoreCalls(app.store))
    app.hooks.hooks.append(hook)  # after the App's own hooks (logging, metrics...)
    worker = app.worker(stages)
    if "capture" in stages:  # a long-running worker has its models loaded: do it before the clock starts
        from capture.names import MODEL, load_model
        from capture.ocr.pages import warm_up

        load_model(MODEL)
        warm_up(app.capture_context())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    hook.line(ev="ready", pid=os.getpid(), stages=list(stages), startup=time.time() - started)
    profiler = None
    if profile_file:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    try:
        worker.run(should_stop=stop.is_set)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_file)
        app.close()


def launcher_main(groups: list[list[tuple[str, ...]]], folder: Path) -> None:
    """Import everything and load the models once, then fork one worker per layout entry: the first
    group at once, each next group on SIGUSR1 (``Pool.grow``). Worker i writes worker-i.jsonl.

    The children are ordinary workers (their own connections, GIL and hook file); only their
    start-up is shared, which the scale-out test uses to keep its time for the measurement."""
    import importlib

    import runtime.app  # noqa: F401  (everything the stages import)
    from capture.extractors import REGISTRY

    for module in set(REGISTRY.values()):
        importlib.import_module(module)
    if any("capture" in stages for group in groups for stages in group):
        from capture.names import MODEL, load_model

        load_model(MODEL)
    children: list[int] = []
    pending = list(groups)
    grow, stop = threading.Event(), threading.Event()

    def spawn(group: list[tuple[str, ...]]) -> None:
        for stages in group:
            index = len(children)
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    signal.signal(signal.SIGUSR1, signal.SIG_DFL)
                    worker_main(stages, folder / f"worker-{index}.jsonl", None)
                except BaseException:  # noqa: BLE001  (in the log; the launcher sees the exit code)
                    import traceback

                    traceback.print_exc()
                    code = 1
                finally:
                    os._exit(code)
            children.append(pid)

    def terminate(*_: Any) -> None:
        stop.set()
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGUSR1, lambda *_: grow.set())
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    spawn(pending.pop(0))
    alive = set(children)
    while alive:
        if grow.is_set() and pending and not stop.is_set():
            grow.clear()
            spawn(pending.pop(0))
            alive |= set(children)
        with contextlib.suppress(ChildProcessError):
            while (reaped := os.waitpid(-1, os.WNOHANG)[0]) != 0:
                alive.discard(reaped)
        time.sleep(0.05)


