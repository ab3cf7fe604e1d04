"""Several worker processes under one command: ``intake worker`` uses the machine's cores.

A worker process runs its stages one message at a time (Python's lock keeps
spaCy, pdfium and the classifier on one core), so a machine with N usable
cores runs N worker processes. The supervisor starts them as child commands,
forwards SIGTERM and SIGINT to them (each finishes its message, then stops),
and restarts a child that dies, after a back-off that grows while it keeps
dying (logged). A child that exits 0 (``--until-idle``) is done; one that
exits with a ``fatal`` status (a bad setting) stops them all: restarting
cannot help.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intake.backoff import Backoff

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
HEALTHY_SECONDS = 60.0  # a child that ran this long before dying starts its back-off afresh


@dataclass
class Slot:
    """One child process's place: the process, when it started, how often it died in a row."""

    number: int
    process: subprocess.Popen | None = None
    started: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    done: bool = False


class Supervisor:
    """Runs ``processes`` copies of ``command`` until they are done or a signal stops them."""

    def __init__(self, command: Sequence[str], processes: int, env: Mapping[str, str] | None = None,
                 backoff: Backoff = Backoff(base=1.0, cap=60.0), fatal: Sequence[int] = (),
                 grace_seconds: float = 30.0) -> None:
        self.command, self.env, self.backoff, self.fatal = list(command), env, backoff, set(fatal)
        self.grace = grace_seconds
        self.slots = [Slot(n) for n in range(1, processes + 1)]
        self.stopping = False
        self.status = 0

    def run(self, poll_seconds: float = 0.2) -> int:
        """Start the children, watch them, and return 0 (or the fatal status that stopped them)."""
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            for slot in self.slots:
                self._start(slot)
            while not all(slot.done for slot in self.slots):
                self._watch()
                time.sleep(poll_seconds)
        finally:
            self._stop_all()
            for number, handler in previous.items():
                signal.signal(number, handler)
        return self.status

    def pids(self) -> list[int]:
        """Process ids of the running children."""
        return [s.process.pid for s in self.slots if s.process is not None and s.process.poll() is None]

    def _on_signal(self, number: int, _frame: object) -> None:
        log.info("signal %d: stopping %d worker process(es)", number, len(self.pids()))
        self.stopping = True
        self._signal_children(signal.SIGTERM)

    def _start(self, slot: Slot) -> None:
        slot.process = subprocess.Popen(self.command, env=self.env, preexec_fn=_end_with_parent)
        slot.started, slot.restart_at = time.monotonic(), None
        log.info("worker process %d started (pid %d)", slot.number, slot.process.pid)

    def _watch(self) -> None:
        now = time.monotonic()
        for slot in self.slots:
            if slot.done:
                continue
            if slot.restart_at is not None:
                if self.stopping:
                    slot.done = True
                elif now >= slot.restart_at:
                    self._start(slot)
                continue
            status = slot.process.poll() if slot.process else 0
            if status is not None:
                self._ended(slot, status, now)

    def _ended(self, slot: Slot, status: int, now: float) -> None:
        """A child ended: done, fatal (stop them all) or restarted after a back-off."""
        if self.stopping or status == 0:
            slot.done = True
            return
        if status in self.fatal:
            log.error("worker process %d exited with status %d: stopping all", slot.number, status)
            self.status, self.stopping, slot.done = status, True, True
            self._signal_children(signal.SIGTERM)
            return
        slot.failures = 1 if now - slot.started >= HEALTHY_SECONDS else slot.failures + 1
        delay = self.backoff.delay(slot.failures)
        log.warning("worker process %d (pid %d) died (%s); restarting in %.0f s", slot.number,
                    slot.process.pid, _how(status), delay)
        slot.restart_at = now + delay

    def _signal_children(self, number: int) -> None:
        for pid in self.pids():
            try:
                os.kill(pid, number)
            except ProcessLookupError:
                pass

    def _stop_all(self) -> None:
        """Ask the children still running to stop; kill those that outlast the grace period."""
        self._signal_children(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for slot in self.slots:
            if slot.process is None:
                continue
            try:
                slot.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("worker process %d did not stop in %.0f s: killed", slot.number, self.grace)
                slot.process.kill()
                slot.process.wait()


def _how(status: int) -> str:
    return f"signal {-status}" if status < 0 else f"exit status {status}"


def _end_with_parent() -> None:
    """In a child, before exec: SIGTERM when the supervisor dies, even by SIGKILL (Linux), so no
    orphaned worker goes on consuming with nobody to stop it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the children outlive a killed supervisor
        pass
