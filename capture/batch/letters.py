"""One letter of a batch as capture sees any letter: its pages' text, then language, fields and names.

The pages were OCR'd once while the batch was read (``read_batch``); a
letter's document is made from those readings, numbered as the pages of
the letter's own file (its envelope page first, when it has one), and the
capture's usual steps run on it. No page is read twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from capture.batch.models import Letter
from capture.context import CaptureContext
from capture.pipeline import STEPS, AttachmentsStep, CaptureState, Loader, run_capture
from intake.errors import PermanentError
from intake.models import Capture, DocumentCapture, Envelope, ObjectRef, PageCapture


def letter_numbers(letter: Letter) -> list[int]:
    """The batch pages that make the letter's file: its envelope page, then its content pages."""
    return ([letter.envelope] if letter.envelope is not None else []) + list(letter.pages)


def letter_document(letter: Letter, name: str, mime: str, ref: ObjectRef,
                    read: Mapping[int, PageCapture]) -> DocumentCapture:
    """The letter's file as a captured document: the batch's readings, renumbered as the file's pages."""
    pages = tuple(read[n].model_copy(update={"number": i}) for i, n in enumerate(letter_numbers(letter), start=1)
                  if n in read)
    return DocumentCapture(name=name, sha256=ref.sha256, mime=mime, pages=pages)


class _Read:
    """The capture step that hands over documents already read, instead of reading the attachments."""

    def __init__(self, documents: tuple[DocumentCapture, ...]) -> None:
        self.documents = documents

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        state.documents.extend(self.documents)


def letter_capture(envelope: Envelope, document: DocumentCapture, ctx: CaptureContext) -> Capture:
    """The letter's capture: the usual steps, its attachment's reading given."""
    steps = tuple(_Read((document,)) if isinstance(step, AttachmentsStep) else step for step in STEPS)
    return run_capture(envelope, _nothing_to_load, ctx, steps)


def _nothing_to_load(ref: ObjectRef) -> bytes:
    raise PermanentError("les pages d'une lettre de lot sont lues avec le lot, pas une seconde fois")
