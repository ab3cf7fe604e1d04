"""Capture as a list of small steps with a fixed lifecycle.

documents (body, then each attachment) -> language -> fields -> names.
Each step reads and extends a :class:`CaptureState`; the result is a frozen
:class:`Capture`. Steps are pure apart from ``load``, which fetches bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from capture.context import CaptureContext
from capture.extractors import extractor_for
from capture.policy import refusal
from intake.errors import IntakeError, PermanentError, RetryableError, UnsupportedInput
from intake.models import Capture, DocumentCapture, Envelope, ExtractedField, ObjectRef, PageCapture, sha256_hex
from intake.sniff import EMPTY, sniff

Loader = Callable[[ObjectRef], bytes]


@dataclass
class CaptureState:
    """What the steps build up for one envelope."""

    envelope: Envelope
    documents: list[DocumentCapture] = field(default_factory=list)
    fields: list[ExtractedField] = field(default_factory=list)
    language: str | None = None


class Step(Protocol):
    """One capture step."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        """Read ``state`` and add to it."""


class BodyStep:
    """The subject and body the channel gave us, as the first document."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        text = "\n\n".join(t for t in (state.envelope.subject, state.envelope.body) if t.strip())
        pages = (PageCapture(number=1, text=text, method="text"),) if text else ()
        state.documents.append(
            DocumentCapture(name="body", sha256=sha256_hex(text.encode()), mime="text/plain", pages=pages)
        )


class AttachmentsStep:
    """Each attachment, typed from its bytes, read by its extractor."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        for attachment in state.envelope.attachments:
            state.documents.append(read_document(attachment.filename, attachment.ref, ctx, load))
        _refuse_if_nothing_readable(state)


def read_document(name: str, ref: ObjectRef, ctx: CaptureContext, load: Loader) -> DocumentCapture:
    """One document's pages, or the reason it could not be read."""
    if ref.size > ctx.max_bytes:
        return DocumentCapture(name=name, sha256=ref.sha256, mime="unknown", error=f"too large: {ref.size} bytes")
    data = load(ref)
    mime = sniff(data)
    try:
        if mime == EMPTY:
            raise PermanentError("empty file")
        if reason := refusal(mime, data):
            raise UnsupportedInput(reason)
        pages = extractor_for(mime).extract(data, ctx)
    except RetryableError:
        raise
    except IntakeError as exc:
        return DocumentCapture(name=name, sha256=ref.sha256, mime=mime, error=str(exc))
    return DocumentCapture(name=name, sha256=ref.sha256, mime=mime, pages=tuple(pages))


def _refuse_if_nothing_readable(state: CaptureState) -> None:
    """An item whose only documents all failed is quarantined, not silently empty."""
    readable = any(d.text.strip() for d in state.documents)
    errors = [f"{d.name}: {d.error}" for d in state.documents if d.error]
    if errors and not readable:
        raise PermanentError("no readable content", documents="; ".join(errors))


class LanguageStep:
    """The language of each document and of the item."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        from capture.language import detect_language

        state.documents = [d.model_copy(update={"language": detect_language(d.text)}) for d in state.documents]
        state.language = detect_language("\n".join(d.text for d in state.documents))


class FieldsStep:
    """Numbers, references, dates, amounts, IBANs... with where they were found."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        from capture.fields import FieldPatterns, extract_fields

        patterns = FieldPatterns.from_strings(ctx.member_pattern, ctx.policy_pattern)
        for source, text in _sources(state):
            state.fields.extend(extract_fields(text, source, patterns))


class NamesStep:
    """Person and organisation names (spaCy), batched over all sources."""

    def run(self, state: CaptureState, ctx: CaptureContext, load: Loader) -> None:
        if not ctx.find_names:
            return
        from capture.names import NameFinder

        for found in NameFinder().find([(text, source) for source, text in _sources(state)]):
            state.fields.extend(found)


def _sources(state: CaptureState) -> list[tuple[str, str]]:
    """(source label, text) per page, e.g. ``attachment:scan.pdf#p2``."""
    labels = []
    for doc in state.documents:
        prefix = "body" if doc.name == "body" else f"attachment:{doc.name}"
        for page in doc.pages:
            label = prefix if len(doc.pages) == 1 else f"{prefix}#p{page.number}"
            labels.append((label, page.text))
    return labels


STEPS: tuple[Step, ...] = (BodyStep(), AttachmentsStep(), LanguageStep(), FieldsStep(), NamesStep())


def run_capture(envelope: Envelope, load: Loader, ctx: CaptureContext, steps: Sequence[Step] = STEPS) -> Capture:
    """Run every step on one envelope and freeze the result."""
    state = CaptureState(envelope=envelope)
    for step in steps:
        step.run(state, ctx, load)
    return Capture(
        envelope_id=envelope.id, documents=tuple(state.documents), language=state.language, fields=tuple(state.fields)
    )
