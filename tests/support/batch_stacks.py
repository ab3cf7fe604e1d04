"""Mailroom stacks for tests: rendered as the scanner writes them, dropped with a chosen file time."""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path

from samples.batches import BatchSpec, render_batch


def stack_pdf(spec: BatchSpec) -> bytes:
    """The stack as the mailroom's scanner writes it: one PDF, one 300-dpi image a page."""
    images = list(render_batch(spec))
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=300)
    return out.getvalue()


def drop(folder: Path, name: str, data: bytes, scanned: datetime) -> Path:
    """Write a scan into ``folder`` with ``scanned`` as its file time (the scanner's stamp)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    os.utime(path, (scanned.timestamp(), scanned.timestamp()))
    return path


def small_batch_in_review(app, text: dict[int, str], blanks: set[int], firsts: list[int]) -> str:
    """A batch already read and waiting for review, without OCR: a PDF of plain pages, its record (the
    pages of ``text`` read with that text, ``blanks`` blank backs, letters opening at ``firsts``) and
    its thumbnails. Returns the batch id."""
    from PIL import Image, ImageDraw

    from capture.batch.models import BatchSplit, Letter, PageVerdict
    from capture.batch.source import thumbnail
    from connectors.hotfolder import letter_draft
    from intake.models import PageCapture
    from runtime import batch_record
    from runtime.submit import build_envelope
    from storage.batches import put_thumbnail

    count = max([*text, *blanks])
    images = [Image.new("L", (850, 1100), 255) for _ in range(count)]
    for number, words in text.items():
        ImageDraw.Draw(images[number - 1]).text((80, 80), words, fill=0)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=100)
    data = out.getvalue()
    path = Path(app.settings.data_dir) / "lot-a-verifier.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    envelope = build_envelope(app.records, letter_draft(path, data, True))
    app.records.put_envelope(envelope)
    verdicts = tuple(PageVerdict(number=n, kind="blank" if n in blanks else "content", starts_letter=n in firsts,
                                 decided_by="dropped" if n in blanks else "detector", confidence=0.6)
                     for n in range(1, count + 1))
    kept = [n for n in range(1, count + 1) if n not in blanks]
    groups = [[n for n in kept if start <= n < end] for start, end in zip(firsts, [*firsts[1:], count + 1])]
    letters = tuple(Letter(first=g[0], last=g[-1], pages=tuple(g), confidence=0.6) for g in groups)
    split = BatchSplit(method="content", letters=letters, pages=verdicts, needs_review=True,
                       review_reasons=("décision incertaine page 3 (0.60)",))
    read = {n: PageCapture(number=n, text=words, method="ocr", confidence=0.9) for n, words in text.items()}
    batch_record.save(app.store, batch_record.BatchRecord.of(envelope, count, split, read))
    for number, image in enumerate(images, start=1):
        put_thumbnail(app.store, envelope.id, number, thumbnail(image))
    return envelope.id
