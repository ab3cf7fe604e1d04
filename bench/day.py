"""Seed-day benchmark: a whole day of the reference user through the real pipeline
(run by hand or `make bench-day`; not a test).

Generates a seed-mix day (default 908 items: 45% scanned one-page letters as
PNG, TIFF or image-only PDF at 300 dpi with light skew and noise; 31% e-mails,
some with a born-digital PDF, and web forms; 24% call-log records), submits it
in one burst the way the connectors do (``connectors.base.submit``), lets
worker processes run every stage, then a burst of born-digital e-mails alone.
Prints: wall time, items/s per channel, per-stage CPU share (the workers' own
accounting, through a hook), p50/p95 latency from received to case recorded
(the case events' timestamps), peak memory of the workers, and the ratio of
wall time to the OCR floor (raw ``tesseract`` CLI times for the same pages, run
once and cached, summed and divided by the cores).

    python bench/day.py                         # 908 items, both backends
    python bench/day.py --quick                 # 60 items, to try things
    python bench/day.py --backend rabbitmq-s3 --topology split --workers 2
    python bench/day.py --scale 10              # a bigger insurer's day
    python bench/day.py --quick --profile /tmp/prof   # cProfile every worker

``rabbitmq-s3`` needs RabbitMQ on 127.0.0.1:5672 (a vhost of its own is created
and deleted) and starts a SeaweedFS S3 server itself (tests/support/services.py).
Rendered letters and the raw-Tesseract times are cached under .intake/bench-day/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# run as `python bench/day.py`, bench/ would shadow the `capture` package (bench/capture.py)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests" / "support")) if p not in sys.path]

from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from intake.bus import STAGES  # noqa: E402  (capture, classify, record[, outbound]: whatever the code runs)
from intake.hooks import Hook  # noqa: E402

console = Console()
CORES = len(os.sched_getaffinity(0))
CACHE = ROOT / ".intake" / "bench-day"
GENERATOR_VERSION = 1  # bump when the rendering of letters changes (invalidates the cache)
TARGETS = {"ratio": 1.2, "email_per_s": 30.0}
SHARES = {"letter": 0.45, "email+webform": 0.31, "phone": 0.24}
LETTER_FORMATS = ("pdf", "pdf", "tiff", "tiff", "png", "png", "pdf", "tiff", "png", "pdf")  # 40% / 30% / 30%
TICKS = os.sysconf("SC_CLK_TCK")
SERVERS = {"s3": "SeaweedFS S3 server (ours)", "broker": "RabbitMQ (whole broker, all vhosts)"}


# --- the day --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One item of the day: what it is, and its seed (the same seed, the same bytes)."""

    kind: str  # letter-pdf | letter-tiff | letter-png | email | email-pdf | email-auto | webform | phone
    seed: int  # what is written (a call about a letter has the letter's seed)
    n: int = 0  # its place in the day: makes its source id unique

    @property
    def channel(self) -> str:
        return {"letter": "letter", "email": "email", "webform": "webform", "phone": "phone"}[self.kind.split("-")[0]]

    @property
    def born_digital(self) -> bool:
        return not self.kind.startswith("letter")


def plan_day(count: int, seed: int) -> list[Item]:
    """The reference mix, shuffled into one arrival order."""
    rng = random.Random(seed)
    letters = round(count * SHARES["letter"])
    mail_web = round(count * SHARES["email+webform"])
    phone = count - letters - mail_web
    webforms = round(mail_web * 0.3)
    emails = mail_web - webforms
    with_pdf, auto = round(emails * 0.45), round(emails * 0.05)
    kinds = ([f"letter-{LETTER_FORMATS[i % len(LETTER_FORMATS)]}" for i in range(letters)]
             + ["email-pdf"] * with_pdf + ["email-auto"] * auto + ["email"] * (emails - with_pdf - auto)
             + ["webform"] * webforms + ["phone"] * phone)
    rng.shuffle(kinds)
    base = seed * 1_000_000
    items = [Item(kind, base + n, n) for n, kind in enumerate(kinds)]
    # one call in five is about a letter of the same day (same member, same topic): cases get linked
    letter_seeds = [i.seed for i in items if i.channel == "letter"]
    return [replace(i, seed=rng.choice(letter_seeds)) if i.kind == "phone" and letter_seeds and rng.random() < 0.2
            else i for i in items]


def email_burst(count: int, seed: int) -> list[Item]:
    """Born-digital e-mails with a PDF attachment, for the e-mails-alone measurement."""
    return [Item("email-pdf", (seed + 500) * 1_000_000 + n, n) for n in range(count)]


def letter_paths(item: Item, cache: Path) -> tuple[Path, Path]:
    """Where the letter's file (as scanned) and its page PNG (for the OCR floor) are cached."""
    fmt = item.kind.split("-")[1]
    folder = cache / f"letters-v{GENERATOR_VERSION}"
    return folder / f"letter-{item.seed}.{fmt}", folder / f"page-{item.seed}.png"


def render_scan(item: Item, cache: Path) -> None:
    """Render one letter as a 300-dpi scan (light skew, noise, blur) in its format; cached."""
    out, page = letter_paths(item, cache)
    if out.exists() and page.exists():
        return
    from intake.samples.letters import make_letter, render_letter

    rng = random.Random(item.seed)
    image, _ = render_letter(make_letter(item.seed), dpi=300, skew_degrees=round(rng.uniform(-2.0, 2.0), 2),
                             noise=rng.uniform(0.04, 0.12), blur=rng.uniform(0.3, 0.7))
    out.parent.mkdir(parents=True, exist_ok=True)
    _save(image, page, "PNG", dpi=(300, 300))
    if out.suffix == ".tiff":
        _save(image, out, "TIFF", compression="tiff_lzw", dpi=(300, 300))
    elif out.suffix == ".pdf":
        _save(image, out, "PDF", resolution=300, title="Numérisation", producer="Scanner")
    elif out != page:
        _save(image, out, "PNG", dpi=(300, 300))


def _save(image: Any, path: Path, fmt: str, **params: Any) -> None:
    partial = path.with_name(path.name + ".part")
    image.save(partial, fmt, **params)
    partial.replace(path)


def render_scans(items: list[Item], cache: Path) -> None:
    """Render the letters not in the cache yet, in parallel processes."""
    todo = [i for i in items if i.channel == "letter" and not all(p.exists() for p in letter_paths(i, cache))]
    if not todo:
        return
    import multiprocessing

    with ProcessPoolExecutor(CORES, mp_context=multiprocessing.get_context("spawn")) as pool, _bar() as bar:
        task = bar.add_task(f"rendering {len(todo)} scanned letters (cached afterwards)", total=len(todo))
        for _ in pool.map(render_scan, todo, [cache] * len(todo), chunksize=4):
            bar.advance(task)


def draft_for(item: Item, cache: Path, received_at: datetime):
    """The connector's draft for one item, received now (the same parsing as the real connectors)."""
    from connectors.base import Draft, FileDraft
    from connectors.calllog import draft_from_call
    from connectors.email import parse_email
    from connectors.webform import draft_from_form
    from intake.samples.letters import make_letter

    if item.channel == "letter":
        path, _ = letter_paths(item, cache)
        return Draft("letter", "bench:scanner", f"scan-{item.seed}", received_at, files=[FileDraft(path.name,
                                                                                                    path.read_bytes())])
    spec = make_letter(item.seed)
    text = _text(spec)
    if item.channel == "email":
        return replace(parse_email(_email(item, spec, text), "bench:imap"), received_at=received_at)
    if item.channel == "webform":
        form = {"id": f"form-{item.seed}", "name": spec.sender_name, "email": spec.email or "",
                "phone": spec.phone or "", "member_number": spec.member_number, "subject": spec.subject,
                "message": text}
        return replace(draft_from_form(form, "bench:web"), received_at=received_at)
    notes = (f"Appel de l'adhérent au sujet de : {spec.subject.lower()}. {spec.paragraphs[0]} "
             f"Souhaite être rappelé{'e' if spec.sender_name.split()[0].endswith('e') else ''}.")
    call = {"call_id": f"CALL-{item.n:06d}-{item.seed}", "start": received_at.isoformat(),
            "duration_s": "240", "caller": spec.phone or "", "member_number": spec.member_number, "agent": "A. Petit",
            "reason_code": "INFO", "notes": notes}
    return draft_from_call(call, "bench:calls")


def _text(spec: Any) -> str:
    from intake.samples.letters import format_eur

    amounts = [f"- {a.label} : {format_eur(a.cents)}" for a in spec.amounts]
    lines = [spec.salutation, "", spec.paragraphs[0], *spec.paragraphs[1:2], *amounts, *spec.paragraphs[2:], "",
             spec.closing, spec.sender_name, f"N° adhérent : {spec.member_number}"]
    if spec.policy_number:
        lines.append(f"Contrat n° {spec.policy_number}")
    if spec.case_ref:
        lines.append(f"Référence du dossier : {spec.case_ref}")
    return "\n".join(lines)


def _email(item: Item, spec: Any, text: str) -> bytes:
    from email.utils import formataddr

    from intake.samples import day

    sender = formataddr((spec.sender_name, spec.email or f"adherent{item.seed}@example.fr"))
    message_id = f"<bench-{item.seed}@example.fr>"
    sent = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    if item.kind == "email-auto":
        return day._email(sender, "Réponse automatique : absence", sent, message_id,
                          f"Bonjour,\n\nJe suis absent{'e' if spec.sender_name[-1] == 'e' else ''} jusqu'au "
                          "1er décembre 2026, sans accès à ma messagerie.\n\n" + spec.sender_name,
                          headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"})
    attachments = []
    if item.kind == "email-pdf":
        rows = [(a.label, a.cents) for a in spec.amounts] or [("Consultation", 2500 + item.seed % 5000)]
        attachments = [(f"justificatif-{item.seed}.pdf", day._pdf(
            [f"Dr {spec.sender_name.split()[-1]}-Martin - Cabinet médical", "12 rue de la République, 69002 Lyon"],
            [f"FACTURE N° {item.seed % 100000}", f"Patient : {spec.sender_name}",
             f"N° adhérent mutuelle : {spec.member_number}"],
            rows, ["Facture acquittée."]))]
    return day._email(sender, spec.subject, sent, message_id, text, attachments=attachments)


# --- the OCR floor --------------------------------------------------------------------------


@dataclass
class Floor:
    """Raw `tesseract` CLI times for the day's pages (each run once, cached).

    The floor is the CPU time (user + system) of those runs over the cores: on an idle machine a
    single-threaded Tesseract's wall time is its CPU time, and unlike the wall time it does not
    grow when other work shares the cores while it is measured (both sums are printed)."""

    pages: int = 0
    wall: float = 0.0  # sum over pages
    cpu: float = 0.0

    def seconds(self, cores: int) -> float:
        return self.cpu / cores


def ocr_floor(items: list[Item], cache: Path, languages: str = "fra+eng", again: bool = False) -> Floor:
    """Run plain `tesseract page.png out -l fra+eng --dpi 300` on every page not timed yet (all: ``again``)."""
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    store = cache / "tesseract-times.json"
    known: dict[str, list[float]] = json.loads(store.read_text()) if store.exists() and not again else {}
    pages = [letter_paths(i, cache)[1] for i in items if i.channel == "letter"]
    key = lambda p: f"{version}|{languages}|{p.name}"  # noqa: E731
    todo = [p for p in pages if key(p) not in known]
    if todo:
        with tempfile.TemporaryDirectory() as out, ThreadPoolExecutor(CORES) as pool, _bar() as bar:
            task = bar.add_task(f"OCR floor: raw tesseract on {len(todo)} pages (once, then cached)", total=len(todo))
            for page, timing in zip(todo, pool.map(lambda p: _raw_tesseract(p, out, languages), todo)):
                known[key(page)] = timing
                bar.advance(task)
        store.write_text(json.dumps(known))
    floor = Floor(len(pages))
    for page in pages:
        wall, cpu = known[key(page)]
        floor.wall += wall
        floor.cpu += cpu
    return floor


def _raw_tesseract(page: Path, out: str, languages: str) -> list[float]:
    started = time.perf_counter()
    proc = subprocess.Popen(["tesseract", str(page), f"{out}/{page.stem}", "-l", languages, "--dpi", "300"],
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return [time.perf_counter() - started, usage.ru_utime + usage.ru_stime]


# --- the workers' own accounting ------------------------------------------------------------


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
    children (Tesseract) while it handled the message, and its object-store calls. A worker
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
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worker_main(stages: tuple[str, ...], hook_file: Path, profile_file: Path | None) -> None:
    """A worker process: the normal App and Worker, with the timing hook added."""
    started = time.time()
    from intake.app import App
    from intake.logs import setup_logging
    from intake.settings import Settings

    settings = Settings.load()
    setup_logging("WARNING", settings.log_format)
    app = App(settings)
    hook = TimingHook(hook_file, StoreCalls(app.store))
    app.hooks.hooks.append(hook)  # after the App's own hooks (logging, metrics...)
    worker = app.worker(stages)
    if "capture" in stages:  # a long-running worker has its models loaded: do it before the clock starts
        from capture.names import MODEL, load_model

        load_model(MODEL)
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

    import intake.app  # noqa: F401  (everything the stages import)
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


# --- processes and machine counters ---------------------------------------------------------


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
            command = [sys.executable, str(Path(__file__).resolve()), "--as-launcher", "|".join(groups),
                       "--hook-file", str(self.folder)]
            log = open(self.folder / "launcher.log", "ab")
            self.procs.append(subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
            return
        self.started = len(self.layout)
        for index, stages in enumerate(self.layout):
            command = [sys.executable, str(Path(__file__).resolve()), "--as-worker", ",".join(stages),
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


# --- a phase: submit a burst, wait until every item is recorded -----------------------------


@dataclass
class Phase:
    """What one burst measured."""

    name: str
    items: list[Item]
    submitted: dict[str, tuple[Item, float]] = field(default_factory=dict)  # envelope id -> (item, submit time)
    start: float = 0.0
    submit_end: float = 0.0
    end: float = 0.0
    records: list[dict] = field(default_factory=list)
    worker_cpu: float = 0.0
    server_cpu: dict[str, float] = field(default_factory=dict)
    bench_cpu: float = 0.0
    machine_busy: float = 0.0
    machine_total: float = 0.0
    timed_out: bool = False

    @property
    def wall(self) -> float:
        return self.end - self.start


def run_phase(name: str, items: list[Item], app: Any, pool: Pool, reader: HookReader, cache: Path,
              servers: dict[str, list[int]], timeout: float) -> Phase:
    """Submit ``items`` in one burst (a connector thread) and wait until each went through its last stage
    (or was quarantined)."""
    phase = Phase(name, items)
    cpu_before = ([proc_cpu(p) for p in pool.pids], {k: sum(map(proc_cpu, v)) for k, v in servers.items()},
                  _self_cpu(), machine_busy())
    reader.poll()
    errors: list[BaseException] = []

    def submit_all() -> None:
        try:
            for item in items:
                now = time.time()
                envelope = app.submit(draft_for(item, cache, datetime.fromtimestamp(now, timezone.utc)))
                phase.submitted[envelope.id] = (item, now)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            phase.submit_end = time.time()

    phase.start = time.time()
    connector = threading.Thread(target=submit_all, name="connector")
    connector.start()
    done: dict[str, set[str]] = {s: set() for s in STAGES}
    finished: set[str] = set()
    deadline = time.monotonic() + timeout
    with _bar() as bar:
        tasks = {"submit": bar.add_task("submitted (connector)", total=len(items))}
        tasks |= {s: bar.add_task(f"{s}", total=len(items)) for s in STAGES}
        while True:
            for record in reader.poll():
                if record.get("ev") == "done":
                    done[record["stage"]].add(record["id"])
                    if record["stage"] == STAGES[-1]:
                        finished.add(record["id"])
                elif record.get("ev") == "quarantine":
                    finished.add(record["id"])
            bar.update(tasks["submit"], completed=len(phase.submitted))
            for stage in STAGES:
                bar.update(tasks[stage], completed=len(done[stage] & phase.submitted.keys()))
            if errors:
                raise errors[0]
            if not connector.is_alive() and phase.submitted.keys() <= finished:
                break
            if time.monotonic() > deadline:
                phase.timed_out = True
                console.print(f"[red]{name}: timed out with {len(phase.submitted.keys() - finished)} items pending")
                break
            dead = [i for i, p in enumerate(pool.procs) if p.poll() is not None]
            if dead:
                raise RuntimeError(f"worker(s) {dead} died; see {pool.folder}")
            time.sleep(0.2)
    connector.join()
    ids = phase.submitted.keys()
    phase.records = [r for r in reader.lines if r.get("id") in ids and r.get("t1", 0) >= phase.start]
    ends = [r["t1"] for r in phase.records if r["ev"] == "quarantine" or r.get("stage") == STAGES[-1]]
    phase.end = max(ends, default=time.time())
    workers, server_cpu, bench, machine = cpu_before
    phase.worker_cpu = sum(proc_cpu(p) for p in pool.pids) - sum(workers)
    phase.server_cpu = {k: sum(map(proc_cpu, v)) - server_cpu[k] for k, v in servers.items()}
    phase.bench_cpu = _self_cpu() - bench
    busy, total = machine_busy()
    phase.machine_busy, phase.machine_total = busy - machine[0], total - machine[1]
    return phase


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- checking the records -------------------------------------------------------------------


@dataclass
class Outcome:
    """What the store says about a phase's items."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # channel -> seconds
    end_source: Counter = field(default_factory=Counter)
    lost: int = 0
    duplicated: int = 0
    quarantined: int = 0
    cases: int = 0
    linked: int = 0


def read_events(app: Any) -> dict[str, list[Any]]:
    """Every case's events, read in parallel: case id -> events."""
    keys = [k for k in app.store.list("cases/") if "/events/" in k]
    with ThreadPoolExecutor(8) as pool:  # the S3 client keeps 10 connections
        stored = list(pool.map(app.records.events_at, keys))
    by_case: dict[str, list[Any]] = defaultdict(list)
    for event in (e for events in stored for e in events):
        by_case[event.case_id].append(event)
    return by_case


def check(phase: Phase, by_case: dict[str, list[Any]]) -> Outcome:
    """Latency (received -> recorded) per channel, and lost or duplicated items."""
    outcome = Outcome()
    owners: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, list[Any]] = defaultdict(list)
    for case_id, events in by_case.items():
        for event in events:
            if event.envelope_id in phase.submitted:
                owners[event.envelope_id].add(case_id)
                kinds[event.envelope_id].append(event)
    record_end = {r["id"]: r["t1"] for r in phase.records if r.get("stage") == "record" and r["ev"] == "done"}
    quarantined = {r["id"] for r in phase.records if r["ev"] == "quarantine"}
    outcome.quarantined = len(quarantined)
    for envelope_id, (item, _) in phase.submitted.items():
        events = {e.kind: e for e in kinds.get(envelope_id, [])}
        steps = Counter(e.kind for e in kinds.get(envelope_id, []))
        outcome.duplicated += len(owners.get(envelope_id, ())) > 1 or any(n > 1 for n in steps.values())
        if envelope_id in quarantined:
            continue
        if not {"received", "captured", "classified", "routed"} <= events.keys():
            outcome.lost += 1
            continue
        outcome.linked += "linked" in events
        received = events["received"].at.timestamp()
        if "dispatched" in events:
            end, source = events["dispatched"].at.timestamp(), "dispatched event"
        else:
            end, source = record_end.get(envelope_id, 0.0), "record hook (linked item)"
        outcome.end_source[source] += 1
        outcome.latencies[item.channel].append(end - received)
    outcome.cases = len({c for envelope_id in phase.submitted for c in owners.get(envelope_id, ())})
    return outcome


# --- figures --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def phase_figures(phase: Phase, outcome: Outcome, floor: Floor | None, cores: int) -> dict[str, Any]:
    """The numbers of one phase, as a plain dict (printed, and saved with --json)."""
    done = [r for r in phase.records if r["ev"] == "done"]
    per_stage = {s: [r for r in done if r["stage"] == s] for s in STAGES}
    own = {s: sum(r["cpu"] for r in rs) for s, rs in per_stage.items()}
    tess = {s: sum(r["ccpu"] for r in rs) for s, rs in per_stage.items()}
    accounted = sum(own.values()) + sum(tess.values())
    last_end = {r["id"]: r["t1"] for r in per_stage[STAGES[-1]]}
    channels: dict[str, dict[str, Any]] = {}
    for channel in ("letter", "email", "webform", "phone"):
        ids = [i for i, (item, _) in phase.submitted.items() if item.channel == channel]
        if not ids:
            continue
        last = max((last_end.get(i, phase.end) for i in ids), default=phase.end)
        lat = outcome.latencies.get(channel, [])
        channels[channel] = {"items": len(ids), "done_after_s": round(last - phase.start, 1),
                             "items_per_s": round(len(ids) / max(last - phase.start, 1e-9), 2),
                             "p50_s": round(percentile(lat, 0.5), 2), "p95_s": round(percentile(lat, 0.95), 2)}
    everything = [x for lat in outcome.latencies.values() for x in lat]
    figures: dict[str, Any] = {
        "phase": phase.name, "items": len(phase.submitted), "wall_s": round(phase.wall, 1),
        "submit_s": round(phase.submit_end - phase.start, 1),
        "items_per_s": round(len(phase.submitted) / phase.wall, 2),
        "p50_s": round(percentile(everything, 0.5), 2), "p95_s": round(percentile(everything, 0.95), 2),
        "channels": channels,
        "stages": {s: {"messages": len(per_stage[s]), "cpu_s": round(own[s], 1), "tesseract_cpu_s": round(tess[s], 1),
                       "share": round((own[s] + tess[s]) / accounted, 3) if accounted else 0.0,
                       "mean_wall_ms": _mean_ms([r["t1"] - r["t0"] for r in per_stage[s]]),
                       "store_calls_per_msg": round(_mean([r["ops"] for r in per_stage[s]]), 1),
                       "store_ms_per_msg": _mean_ms([r["store_s"] for r in per_stage[s]])}
                   for s in STAGES},
        "cpu": {"accounted_in_handlers_s": round(accounted, 1), "worker_processes_s": round(phase.worker_cpu, 1),
                "bench_connector_s": round(phase.bench_cpu, 1),
                **{f"{k}_s": round(v, 1) for k, v in phase.server_cpu.items()},
                "machine_busy_s": round(phase.machine_busy, 1),
                "machine_capacity_s": round(phase.machine_total, 1),
                "others_s": round(phase.machine_busy - phase.worker_cpu - sum(phase.server_cpu.values())
                                  - phase.bench_cpu, 1)},
        "retries": sum(r["ev"] == "retry" for r in phase.records),
        "quarantined": outcome.quarantined, "lost": outcome.lost, "duplicated": outcome.duplicated,
        "cases": outcome.cases, "linked": outcome.linked, "latency_end": dict(outcome.end_source),
        "timed_out": phase.timed_out,
    }
    if floor and floor.pages:
        ours = phase.worker_cpu + sum(phase.server_cpu.get(k, 0.0) for k in ("s3",)) + phase.bench_cpu
        figures["ocr_floor"] = {"pages": floor.pages, "tesseract_wall_sum_s": round(floor.wall, 1),
                                "tesseract_cpu_sum_s": round(floor.cpu, 1), "cores": cores,
                                "floor_s": round(floor.seconds(cores), 1),
                                "ratio": round(phase.wall / floor.seconds(cores), 3),
                                "pipeline_tesseract_cpu_s": round(sum(tess.values()), 1),
                                # what the ratio would be if the run had the cores to itself and kept them busy
                                "cpu_ratio": round(ours / floor.cpu, 3) if floor.cpu else None,
                                # the same against this run's own Tesseract CPU (both sides under the same load)
                                "cpu_over_own_ocr": round(ours / sum(tess.values()), 3) if sum(tess.values()) else None}
    return figures


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _mean_ms(values: list[float]) -> float:
    return round(1000 * _mean(values), 1)


def print_figures(title: str, fig: dict[str, Any]) -> None:
    table = Table(title=title, show_lines=False)
    for column in ("measure", "value", "target"):
        table.add_column(column)
    row = table.add_row
    mix = ", ".join(f"{c} {v['items']}" for c, v in fig["channels"].items())
    row("items", f"{fig['items']} ({mix})", "")
    row(f"wall time (first submit -> last item through {STAGES[-1]})",
        f"{fig['wall_s']:.1f} s ({fig['items_per_s']:.2f}/s)", "")
    row("connector submit time (bench process, one thread)", f"{fig['submit_s']:.1f} s", "")
    for channel, v in fig["channels"].items():
        row(f"  {channel}: items/s (last one done after)", f"{v['items_per_s']:.2f}/s ({v['done_after_s']:.1f} s)", "")
    row("latency received -> recorded p50 / p95", f"{fig['p50_s']:.2f} s / {fig['p95_s']:.2f} s", "")
    for channel, v in fig["channels"].items():
        row(f"  {channel} p50 / p95", f"{v['p50_s']:.2f} s / {v['p95_s']:.2f} s", "")
    for stage, v in fig["stages"].items():
        extra = f" + tesseract {v['tesseract_cpu_s']:.1f} s" if v["tesseract_cpu_s"] else ""
        row(f"stage {stage}: CPU share", f"{v['share']:.1%} ({v['messages']} msgs, {v['cpu_s']:.1f} s python{extra}; "
            f"per msg {v['mean_wall_ms']:.0f} ms wall, {v['store_calls_per_msg']:.1f} store calls "
            f"taking {v['store_ms_per_msg']:.0f} ms)", "")
    cpu = fig["cpu"]
    row("CPU: in handlers / worker processes / connector (bench)",
        f"{cpu['accounted_in_handlers_s']:.0f} / {cpu['worker_processes_s']:.0f} / "
        f"{cpu['bench_connector_s']:.0f} s", "")
    for server in ("s3", "broker"):
        if f"{server}_s" in cpu:
            row(f"CPU: {SERVERS[server]}", f"{cpu[server + '_s']:.0f} s", "")
    row("CPU: machine busy / capacity (others: processes outside this run)",
        f"{cpu['machine_busy_s']:.0f} / {cpu['machine_capacity_s']:.0f} s (others {cpu['others_s']:.0f} s)", "")
    row("peak RSS per worker (max / sum)", f"{fig['peak_rss_mb_max']:.0f} MB / {fig['peak_rss_mb_sum']:.0f} MB", "")
    if "ocr_floor" in fig:
        f = fig["ocr_floor"]
        ok = f["ratio"] <= TARGETS["ratio"]
        row("OCR floor: raw tesseract CPU sum / cores",
            f"{f['tesseract_cpu_sum_s']:.0f} s / {f['cores']} = {f['floor_s']:.1f} s ({f['pages']} pages; "
            f"their wall sum {f['tesseract_wall_sum_s']:.0f} s)", "")
        row("wall / OCR floor", f"{f['ratio']:.3f}", f"≤ {TARGETS['ratio']} " + ("[green]ok" if ok else "[red]missed"))
        row("CPU of workers + S3 + connector / raw tesseract CPU (the ratio on idle cores)",
            f"{f['cpu_ratio']:.3f}" if f["cpu_ratio"] else "n/a", "")
        row("  the same / this run's own Tesseract CPU", f"{f['cpu_over_own_ocr']:.3f}"
            if f["cpu_over_own_ocr"] else "n/a", "")
    if fig["phase"] == "e-mails":
        ok = fig["items_per_s"] >= TARGETS["email_per_s"]
        row("born-digital e-mails end to end", f"{fig['items_per_s']:.1f}/s",
            f"≥ {TARGETS['email_per_s']:.0f}/s " + ("[green]ok" if ok else "[red]missed"))
    row("cases / linked / retries / quarantined", f"{fig['cases']} / {fig['linked']} / {fig['retries']} / "
        f"{fig['quarantined']}", "")
    bad = fig["lost"] or fig["duplicated"] or fig["timed_out"]
    row("lost / duplicated", f"{fig['lost']} / {fig['duplicated']}", "0 / 0 " + ("[red]FAILED" if bad else "[green]ok"))
    console.print(table)


# --- one backend ----------------------------------------------------------------------------


@contextlib.contextmanager
def backend(name: str, folder: Path) -> Iterator[tuple[dict[str, str], dict[str, list[int]]]]:
    """The worker environment for a backend, and the pids of servers we started (for CPU)."""
    data = folder / "data"
    if name == "embedded":
        yield {"INTAKE_DATA_DIR": str(data)}, {}
        return
    from services import rabbitmq_vhost, seaweedfs_server

    weed_dir = folder / "seaweedfs"
    with rabbitmq_vhost() as amqp_url, seaweedfs_server(weed_dir) as s3:
        env = {"INTAKE_DATA_DIR": str(data), "INTAKE_BROKER_URL": amqp_url,
               "INTAKE_STORE_URL": f"s3://bench:bench-secret@{s3}/day?secure=false"}
        yield env, {"s3": pids_with(f"-dir={weed_dir}"), "broker": pids_with("beam.smp")}


def layout_for(topology: str, workers: int) -> list[tuple[str, ...]]:
    """``all``: N processes running every stage; ``split``: N capture processes + one per other stage."""
    if topology == "all":
        return [STAGES] * workers
    return [("capture",)] * workers + [(stage,) for stage in STAGES if stage != "capture"]


def run_backend(name: str, day: list[Item], burst: list[Item], floor: Floor, options: argparse.Namespace,
                cache: Path) -> list[dict[str, Any]]:
    """Both phases on one backend; returns their figures."""
    from intake.app import App
    from intake.settings import Settings

    with tempfile.TemporaryDirectory(prefix=f"intake-day-{name}-") as tmp, backend(name, Path(tmp)) as (env, servers):
        clean = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
        worker_env = {**clean, **env, "OMP_THREAD_LIMIT": "1", "INTAKE_RETRY_BASE_SECONDS": "0.2",
                      "INTAKE_MAX_ATTEMPTS": "8", "PYTHONPATH": str(ROOT)}
        app = App(Settings.load(environ=env))
        layout = layout_for(options.topology, options.workers)
        pool = Pool(worker_env, Path(tmp) / "workers", layout,
                    Path(options.profile) / name if options.profile else None)
        results = []
        try:
            pool.start()
            startup = pool.wait_ready()
            console.print(f"[bold]{name}[/]: {len(layout)} worker process(es) {', '.join('+'.join(s) for s in layout)}"
                          f" ready (start-up incl. imports and the spaCy model: {startup:.1f} s)")
            reader = HookReader(pool)
            for label, items, phase_floor in (("day", day, floor), ("e-mails", burst, None)):
                if not items:
                    continue
                phase = run_phase(label, items, app, pool, reader, cache, servers, options.timeout)
                peak = [proc_peak_rss(p) for p in pool.pids]
                outcome = check(phase, read_events(app))
                figures = phase_figures(phase, outcome, phase_floor, CORES)
                figures |= {"backend": name, "topology": options.topology, "processes": len(layout),
                            "worker_startup_s": round(startup, 1), "peak_rss_mb_max": max(peak) / 2**20,
                            "peak_rss_mb_sum": sum(peak) / 2**20}
                print_figures(f"{name}, {label}: {len(layout)} worker processes ({options.topology}) on {CORES} cores",
                              figures)
                results.append(figures)
        finally:
            pool.stop()
            app.close()
        if options.profile:
            print_profiles(Path(options.profile) / name)
    return results


def print_profiles(folder: Path, top: int = 25) -> None:
    """The top functions (cumulative) of each worker's cProfile dump, written next to the dumps."""
    import io
    import pstats

    for dump in sorted(folder.glob("*.prof")):
        text = io.StringIO()
        pstats.Stats(str(dump), stream=text).sort_stats("cumulative").print_stats(top)
        dump.with_suffix(".txt").write_text(text.getvalue())
    console.print(f"profiles (cProfile dumps and their top {top}): {folder}")


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def main() -> None:
    options = _arguments()
    if options.as_launcher:
        groups = [[tuple(s.split(",")) for s in group.split(";")] for group in options.as_launcher.split("|")]
        launcher_main(groups, Path(options.hook_file))
        return
    if options.as_worker:
        worker_main(tuple(options.as_worker.split(",")), Path(options.hook_file),
                    Path(options.profile_file) if options.profile_file else None)
        return
    count = options.items or (60 if options.quick else round(908 * options.scale))
    burst_count = options.emails if options.emails is not None else 40 if options.quick else max(60, round(count * .22))
    cache = Path(options.cache)
    day = [] if options.emails_only else plan_day(count, options.seed)
    burst = email_burst(burst_count, options.seed)
    console.print(f"seed-mix day: {len(day)} items {dict(Counter(i.kind for i in day))}; then {burst_count} "
                  f"born-digital e-mails alone; {CORES} cores")
    render_scans(day, cache)
    floor = ocr_floor(day, cache, again=options.refloor)
    backends = ["embedded", "rabbitmq-s3"] if options.backend == "both" else [options.backend]
    everything = []
    for name in backends:
        everything += run_backend(name, day, burst, floor, options, cache)
    if options.json:
        Path(options.json).write_text(json.dumps(everything, indent=1))
    console.print(f"command: python bench/day.py {' '.join(sys.argv[1:])}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=0, help="items in the day (default 908 × scale)")
    parser.add_argument("--scale", type=float, default=1.0, help="a day K times the reference user's")
    parser.add_argument("--quick", action="store_true", help="60 items and 40 e-mails, to try things")
    parser.add_argument("--emails", type=int, default=None, help="born-digital e-mails in the second burst")
    parser.add_argument("--emails-only", action="store_true", help="skip the day: the e-mail burst alone")
    parser.add_argument("--backend", choices=("embedded", "rabbitmq-s3", "both"), default="both")
    parser.add_argument("--workers", type=int, default=CORES, help="worker processes (per stage with split)")
    parser.add_argument("--topology", choices=("all", "split"), default="all",
                        help="all: each process runs every stage; split: N capture + one per other stage")
    parser.add_argument("--timeout", type=float, default=3600, help="give up a phase after this many seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", default=str(CACHE), help="rendered letters and raw tesseract times")
    parser.add_argument("--refloor", action="store_true",
                        help="time raw tesseract again (do it on a quiet machine: the floor is cached)")
    parser.add_argument("--profile", help="folder for a cProfile dump of every worker (slows them down)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--as-worker", help=argparse.SUPPRESS)
    parser.add_argument("--as-launcher", help=argparse.SUPPRESS)
    parser.add_argument("--hook-file", help=argparse.SUPPRESS)
    parser.add_argument("--profile-file", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
