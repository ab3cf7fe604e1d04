"""Sending quarantined items through intake again, whatever stage or channel set them aside.

An entry of a pipeline stage is re-published at that stage. An entry a channel
refused (``intake ingest``, the hot folder, a backlog import, IMAP, the call
feed) kept its bytes in the store (``payload["raw"]``) with a file name, or, when
they were too big to copy, where the file lies (``payload["path"]``): the bytes
are read again with the parser their name and content call for
(connectors/files.py), and every item they hold is submitted. The entry is
released only when nothing of it was refused again; otherwise it stays, and
the answer says why. Releasing comes after submitting, so a crash in between
only means a second, harmless (idempotent) attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from connectors.files import items_from_bytes
from intake.drafts import Draft
from intake.errors import NotFound, PermanentError, RetryableError
from runtime.app import App
from runtime.bus import STAGES


@dataclass
class Outcome:
    """What sending an entry through again did."""

    submitted: int = 0
    refused: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.refused:
            return f"toujours refusé, l'entrée reste en quarantaine : {self.refused[0]}"
        return f"relu et mis en file : {self.submitted} élément(s)"


def retry(app: App, entry_id: str) -> str:
    """Send one quarantined entry through again; return what was done, in French.

    NotFound when there is no such entry; PermanentError (why, in French) when it cannot be retried."""
    entry = app.records.quarantined_item(entry_id)
    stage, payload = entry.get("stage"), dict(entry.get("payload") or {})
    payload.pop("reason", None)
    if stage in STAGES:
        app.bus.send_to_stage(stage, payload)
        done = f"renvoyé à l'étape {stage}"
    else:
        outcome = _read_again(app, payload)
        if outcome.refused:
            return outcome.describe()
        done = outcome.describe()
    app.records.release(entry_id, done)
    return done


def _read_again(app: App, payload: dict) -> Outcome:
    """Read a refused item's bytes (or its file) again and submit what they hold."""
    if isinstance(payload.get("raw"), str):
        return _submit_bytes(app, str(payload.get("file") or "item"), _stored(app, payload["raw"]))
    if isinstance(payload.get("path"), str):
        return _reingest(app, Path(payload["path"]))
    raise PermanentError("ni ses octets ni l'emplacement de son fichier n'ont été gardés (un courriel trop gros "
                         "reste dans le dossier de quarantaine de sa boîte : replacez-le dans la boîte de réception)")


def _stored(app: App, key: str) -> bytes:
    try:
        return app.store.get(key)
    except NotFound:
        raise PermanentError("ses octets ne sont plus dans le stockage") from None


def _submit_bytes(app: App, name: str, data: bytes) -> Outcome:
    outcome = Outcome()
    try:
        for item in items_from_bytes(Path(name).name, data):
            if isinstance(item, Draft):
                app.submit(item)
                outcome.submitted += 1
            else:
                outcome.refused.append(item.reason)
    except PermanentError as exc:
        outcome.refused.append(exc.message)
    return outcome


def _reingest(app: App, path: Path) -> Outcome:
    """A file too big to copy into the store: ingested again from where it lies."""
    from runtime.ingest import ingest_paths

    if not path.is_file():
        raise PermanentError("le fichier n'est plus à l'emplacement noté")
    report = ingest_paths(app, [path])
    if report.stopped:
        raise RetryableError("le service ne répond pas ; réessayez", detail=report.stopped)
    refused = [reason for _, reason in report.quarantined + report.already]
    return Outcome(submitted=len(report.envelopes), refused=refused)
