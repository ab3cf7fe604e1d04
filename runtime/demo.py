"""``intake demo``: the bundled sample intake through every stage."""

from __future__ import annotations

from pathlib import Path

from intake.models import Case
from runtime.app import App
from runtime.ingest import ingest_paths


def sample_dir(app: App) -> Path:
    """Generate the sample intake under the data directory (deterministic)."""
    from samples.day import write_sample_intake

    target = (app.settings.data_dir / "sample").resolve()
    target.mkdir(parents=True, exist_ok=True)
    write_sample_intake(target)
    return target


def run_demo(app: App, idle_seconds: float = 3.0) -> list[Case]:
    """Ingest the sample, process it until the queues are idle, return its cases."""
    report = ingest_paths(app, [sample_dir(app)])
    app.worker().run(idle_timeout=idle_seconds)
    case_ids = dict.fromkeys(
        cid for env in report.envelopes if (cid := app.records.index_get("envelope", env.id))
    )
    return [app.records.case(cid) for cid in case_ids]
