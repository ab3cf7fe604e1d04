"""``intake demo``: the bundled sample intake through every stage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from intake.models import Case
from runtime.app import App
from runtime.ingest import ingest_paths
from runtime.progress import ProgressHook, report_every


def sample_dir(app: App) -> Path:
    """Generate the sample intake under the data directory (deterministic)."""
    from samples.day import write_sample_intake

    target = (app.settings.data_dir / "sample").resolve()
    target.mkdir(parents=True, exist_ok=True)
    write_sample_intake(target)
    return target


def run_demo(app: App, idle_seconds: float = 3.0, say: Callable[[str], None] = lambda _: None) -> list[Case]:
    """Ingest the sample, process it until the queues are idle, return its cases; ``say`` hears each stage."""
    say("1/3 generating the sample intake (letters, e-mails, web forms, calls)")
    folder = sample_dir(app)
    say(f"2/3 ingesting {sum(1 for p in folder.rglob('*') if p.is_file())} files from {folder}")
    report = ingest_paths(app, [folder])
    say(f"3/3 processing {len(report.envelopes)} items: capture (OCR), classify, record, outbound "
        f"(until idle for {idle_seconds:g} s)")
    progress = ProgressHook()
    app.hooks.hooks.append(progress)
    ticker = report_every(progress, 5.0, lambda text: say(f"    {text}"))
    try:
        app.worker().run(idle_timeout=idle_seconds)
    finally:
        ticker.set()
        app.hooks.hooks.remove(progress)
    say(f"    done: {progress.line(always=True)}")
    case_ids = dict.fromkeys(
        cid for env in report.envelopes if (cid := app.records.index_get("envelope", env.id))
    )
    return [app.records.case(cid) for cid in case_ids]
