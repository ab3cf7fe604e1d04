"""Worker processes, their hook files, and the machine's CPU counters."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.dayrun.common import ENTRY, ROOT, TICKS


def proc_cpu(pid: int) -> float:
    """CPU seconds of a process and of its reaped children (utime+stime+cutime+cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / TICKS


def proc_peak_rss(pid: int) -> int:
    """Peak resident memory (VmHWM) of a live process, in bytes."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (a worker's OCR engines)."""
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds of a worker, its reaped children and its live ones (engines keep running)."""
    return proc_cpu(pid) + sum(proc_cpu(child) for child in children(pid))


def tree_peak_rss(pid: int) -> int:
    """Peak resident memory of a worker plus that of each of its live OCR engines, in bytes."""
    return proc_peak_rss(pid) + sum(proc_peak_rss(child) for child in children(pid))


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICKS, sum(values[:8]) / TICKS


def pids_with(text: str) -> list[int]:
    """Processes whose command line contains ``text`` (to account for the S3 server we started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
    return found


@dataclass
class Pool:
    """Worker processes, each running ``python bench/day.py --as-worker STAGES``."""

    env: dict[str, str]
    folder: Path
    layout: list[tuple[str, ...]]
    profile_dir: Path | None = None
    fork: bool = False  # one launcher that loads everything once, then forks the workers
    groups: list[int] | None = None  # with fork: how many workers start at first, then at each grow()
    procs: list[subprocess.Popen] = field(default_factory=list)
    started: int = 0

    def hook_file(self, index: int) -> Path:
        return self.folder / f"worker-{index}.jsonl"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.fork:
            sizes, groups, at = self.groups or [len(self.layout)], [], 0
            for size in sizes:
                groups.append(";".join(",".join(s) for s in self.layout[at:at + size]))
                at += size
            self.started = sizes[0]
            command = [sys.executable, str(ENTRY), "--as-launcher", "|".join(groups),
                       "--hook-file", str(self.folder)]
            log = open(self.folder / "launcher.log", "ab")
            self.procs.append(subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
            return
        self.started = len(self.layout)
        for index, stages in enumerate(self.layout):
            command = [sys.executable, str(ENTRY), "--as-worker", ",".join(stages),
                       "--hook-file", str(self.hook_file(index))]
            if self.profile_dir:
                self.profile_dir.mkdir(parents=True, exist_ok=True)
                command += ["--profile-file", str(self.profile_dir / f"worker-{index}-{'+'.join(stages)}.prof")]
            log = open(self.folder / f"worker-{index}.log", "ab")
            self.procs.append(subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))

    def wait_ready(self, timeout: float = 120) -> float:
        """Until every worker wrote its ready line; the slowest start-up in seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = [_first_line(self.hook_file(i)) for i in range(self.started)]
            if all(ready):
                return max(r["startup"] for r in ready)
            for index, proc in enumerate(self.procs):
                if proc.poll() is not None:
                    log = (self.folder / ("launcher.log" if self.fork else f"worker-{index}.log")).read_text()[-2000:]
                    raise RuntimeError(f"worker {index} exited with {proc.returncode}:\n{log}")
            time.sleep(0.2)
        raise RuntimeError("workers did not start in time")

    def grow(self, timeout: float = 120) -> float:
        """Fork the next group of workers (fork mode); wait until they are ready."""
        sizes = self.groups or [len(self.layout)]
        done = 0
        for size in sizes:
            done += size
            if done > self.started:
                break
        else:
            raise RuntimeError("no group of workers left to start")
        self.procs[0].send_signal(signal.SIGUSR1)
        self.started = done
        return self.wait_ready(timeout)

    @property
    def pids(self) -> list[int]:
        if self.fork:
            return [(_first_line(self.hook_file(i)) or {}).get("pid", 0) for i in range(self.started)]
        return [p.pid for p in self.procs]

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _first_line(path: Path) -> dict | None:
    with contextlib.suppress(OSError, ValueError):
        with open(path) as handle:
            return json.loads(handle.readline())
    return None


class HookReader:
    """Reads the workers' hook lines as they are written."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.offsets = [0] * len(pool.layout)
        self.partial = [""] * len(pool.layout)
        self.lines: list[dict] = []

    def poll(self) -> list[dict]:
        new = []
        for index in range(len(self.offsets)):
            try:
                with open(self.pool.hook_file(index)) as handle:
                    handle.seek(self.offsets[index])
                    chunk = handle.read()
                    self.offsets[index] = handle.tell()
            except FileNotFoundError:
                continue
            *complete, self.partial[index] = (self.partial[index] + chunk).split("\n")
            for line in complete:
                if line.strip():
                    new.append(json.loads(line) | {"worker": index})
        self.lines.extend(new)
        return new


