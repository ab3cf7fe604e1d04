"""Sending quarantined items back through the pipeline.

The item is re-published first and released from quarantine after, so a crash
in between only means a second, harmless (idempotent) attempt.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from intake.errors import PermanentError
from runtime.app import App
from runtime.bus import STAGES


def retry(app: App, item_id: str) -> str:
    """Re-queue one quarantined item at the stage that gave up on it; return what was done."""
    entry = app.records.quarantined_item(item_id)
    stage, payload = entry["stage"], dict(entry["payload"])
    payload.pop("reason", None)
    if stage in STAGES:
        app.bus.send_to_stage(stage, payload)
        done = f"re-queued at {stage}"
    elif stage == "ingest":
        done = _reingest(app, payload)
    else:
        raise PermanentError("cannot retry an item of this stage", stage=stage)
    app.records.release(item_id, done)
    return done


def _reingest(app: App, payload: dict) -> str:
    """Submit a file that was refused at ingestion again, under its original name."""
    from runtime.ingest import ingest_paths

    if "raw" not in payload:  # too big to copy into the store: it is still where it was
        report = ingest_paths(app, [Path(payload["path"])])
        return _outcome(report)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(payload.get("file") or "item").name
        path.write_bytes(app.store.get(payload["raw"]))
        report = ingest_paths(app, [path])
    return _outcome(report)


def _outcome(report) -> str:
    if report.quarantined:
        return f"ingested again and quarantined again: {report.quarantined[0][1]}"
    return f"ingested again as {len(report.envelopes)} item(s)"
