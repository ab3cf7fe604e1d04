"""Mailroom batches through the pipeline: one scanned stack in, one envelope and one case per letter out.

The capture stage hands an envelope flagged as a batch (``meta["batch"]``,
set by its source: the hot folder's ``INTAKE_HOTFOLDER_BATCHES``,
``intake import-folder --batches``, the web upload's ``batch`` field) here
instead of reading it as one letter. Every page is looked at and the pages
that need it OCR'd once (``read_batch``), the stack is cut (``split_batch``)
and its record kept (``storage/batches.py``), with page thumbnails when it
goes to review. A sure
cut makes its letters at once; an unsure one waits in review until a person
moves a boundary or confirms it (``intake batch``, the dashboard's
``/dashboard/lots``), and the letters are then made with the reviewer's name.

Each letter becomes an envelope of its own: its pages as one file (its
envelope page first), the batch and page range in its ``meta``, received on
its postmark's day when its envelope's postmark was read, the case a
pre-printed barcode names, and its capture made from the batch's readings.
It then goes to the classify stage like any captured letter. Its id comes
from the batch and its page range (``intake/ids.py``): a redelivered batch
makes the same letters again, never new ones. The batch envelope itself
opens no case: its record and its history say what became of it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from capture.batch.letters import letter_capture, letter_document, letter_numbers
from capture.batch.models import Letter
from capture.batch.reading import read_batch
from capture.batch.review import move_boundary
from capture.batch.settings import BatchSettings
from capture.batch.source import batch_mime, letter_file, page_images, thumbnail
from capture.batch.split import split_batch
from capture.context import CaptureContext
from capture.ocr.pages import ocr_capture
from intake import ids, telemetry
from intake.clock import postmarked_time
from intake.drafts import BATCH
from intake.errors import PermanentError
from intake.models import Attachment, Envelope
from runtime import batch_record
from runtime.batch_record import BatchRecord
from storage import batches as store_batches
from storage.records import Records

Send = Callable[[str, dict[str, Any]], None]  # a message for a stage (the bus's ``send_to_stage``)


def is_batch(envelope: Envelope) -> bool:
    return envelope.meta.get(BATCH) == "1"


def capture_batch(records: Records, envelope: Envelope, ctx: CaptureContext, settings: BatchSettings,
                  send: Send) -> BatchRecord:
    """Cut the stack into letters and make them (or keep the batch for review); a redelivery reads nothing again."""
    record = batch_record.find(records.store, envelope.id)
    if record is None:
        record = _split(records, envelope, ctx, settings)
    if record.status != "review":
        record = release(records, record, ctx, send, record.reviewed_by or "worker:capture")
    return record


def _split(records: Records, envelope: Envelope, ctx: CaptureContext, settings: BatchSettings) -> BatchRecord:
    data = _stack(records, envelope)
    pages = read_batch(page_images(data, ctx), ctx, settings)
    split = split_batch(pages, settings, envelope.received_at.date())
    read = {p.facts.number: ocr_capture(p.facts.number, p.reading) for p in pages if p.reading is not None}
    record = BatchRecord.of(envelope, len(pages), split, read)
    if split.needs_review:  # the reviewer's thumbnails (pages decoded again); a sure cut needs none
        for number, image in enumerate(page_images(data, ctx), start=1):
            store_batches.put_thumbnail(records.store, envelope.id, number, thumbnail(image))
    batch_record.save(records.store, record)
    summary = f"lot de {len(pages)} pages : {len(split.letters)} lettre(s)"
    if split.needs_review:
        summary += " ; à vérifier : " + " ; ".join(split.review_reasons)
    batch_record.note(records.store, record, "split", "worker:capture", summary, method=split.method,
                      letters=len(split.letters), review=list(split.review_reasons))
    return record


def _stack(records: Records, envelope: Envelope) -> bytes:
    if len(envelope.attachments) != 1:
        raise PermanentError(f"un lot est un seul fichier scanné ({len(envelope.attachments)} reçus)")
    return records.store.get(envelope.attachments[0].ref.key)


def release(records: Records, record: BatchRecord, ctx: CaptureContext, send: Send, actor: str) -> BatchRecord:
    """Make the batch's letters (envelope, file, capture) and send each to classification."""
    batch = records.envelope(record.id)
    data = _stack(records, batch)
    # an envelope with no letter after it (the reviewer let it be) is a letter still: no page is lost
    children = [_make_letter(records, batch, record, letter, data, ctx) for letter in record.split.letters]
    for child in children:
        send("classify", {"envelope_id": child.id})
    released = record.model_copy(update={"status": "released", "letters": tuple(c.id for c in children)})
    batch_record.save(records.store, released)
    if record.status != "released":
        batch_record.note(records.store, released, "released", actor, f"{len(children)} lettre(s) créée(s)",
                          letters=list(released.letters))
    return released


def _make_letter(records: Records, batch: Envelope, record: BatchRecord, letter: Letter, data: bytes,
                 ctx: CaptureContext) -> Envelope:
    content, suffix = letter_file(data, letter_numbers(letter))
    ref, mime = records.store.put_blob(content), batch_mime(data)
    name = f"{PurePath(record.filename).stem}-p{letter.first}-{letter.last}{suffix}"
    child = Envelope(
        id=ids.batch_letter_id(batch.id, letter.first, letter.last), channel="letter", source=batch.source,
        source_id=f"{batch.source_id}#p{letter.first}-{letter.last}",
        received_at=postmarked_time(letter.postmark, batch.received_at), sender=batch.sender,
        attachments=(Attachment(filename=name, declared_type=mime, ref=ref),), meta=_letter_meta(batch, record, letter))
    capture = letter_capture(child, letter_document(letter, name, mime, ref, record.read), ctx)
    records.put_envelope(child)
    records.put_capture(capture)
    telemetry.captured(capture)
    return child


def _letter_meta(batch: Envelope, record: BatchRecord, letter: Letter) -> dict[str, str]:
    meta = {"batch_id": batch.id, "batch_pages": f"{letter.first}-{letter.last}",
            "scanned_at": batch.received_at.isoformat()}
    if letter.postmark:
        meta["postmark"] = letter.postmark.isoformat()
    if letter.case_ref:
        meta["barcode_case_ref"] = letter.case_ref
    if record.reviewed_by:
        meta["batch_reviewed_by"] = record.reviewed_by
    return meta


def move(records: Records, batch_id: str, page_from: int, page_to: int, actor: str) -> BatchRecord:
    """A reviewer's moved boundary: the letter that opened at ``page_from`` opens at ``page_to``."""
    record = _in_review(records, batch_id)
    moved = record.model_copy(update={"split": move_boundary(record.split, page_from, page_to), "reviewed_by": actor})
    batch_record.save(records.store, moved)
    batch_record.note(records.store, moved, "boundary-moved", actor,
                      f"limite déplacée de la page {page_from} à la page {page_to} par {actor}",
                      page_from=page_from, page_to=page_to)
    return moved


def confirm(records: Records, batch_id: str, send: Send, actor: str) -> BatchRecord:
    """A reviewer's go: the batch goes back to the capture stage, whose worker makes the letters as it is cut
    now (the command line and the web app make no capture themselves)."""
    record = _in_review(records, batch_id)
    ready = record.model_copy(update={"status": "ready", "reviewed_by": record.reviewed_by or actor})
    batch_record.save(records.store, ready)
    batch_record.note(records.store, ready, "confirmed", actor, f"découpage validé par {actor}")
    send("capture", {"envelope_id": ready.id})
    return ready


def _in_review(records: Records, batch_id: str) -> BatchRecord:
    record = batch_record.load(records.store, batch_id)
    if record.status != "review":
        raise PermanentError(f"le lot {batch_id} n'est pas à vérifier (état : {record.status})")
    return record
