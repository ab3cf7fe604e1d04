"""Items nothing could be read from: captured for real (Tesseract), screened unreadable, no topic, sent to review."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from capture.context import CaptureContext
from capture.pipeline import run_capture
from classify import classify
from classify.screened import NO_TOPIC
from docs import image_bytes, render_page
from intake.models import Attachment, Capture, Envelope, ObjectRef, sha256_hex
from routing import load_rules, route

CTX = CaptureContext(find_names=False)


def drawings_pdf() -> bytes:
    """A page of boxes and lines (a form's empty frame): vector paths, no text, no image."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for row in range(6):
        page.rect(60, 700 - row * 90, 470, 60, stroke=1, fill=0)
        page.line(80, 720 - row * 90, 300, 720 - row * 90)
    page.showPage()
    page.save()
    return buffer.getvalue()


def captured(channel: str, files: dict[str, bytes], body: str = "", subject: str = "",
             headers: dict[str, str] | None = None) -> tuple[Envelope, Capture]:
    """An envelope with ``files`` attached, run through the real capture steps."""
    refs = {name: ObjectRef(key=f"raw/{name}", sha256=sha256_hex(data), size=len(data)) for name, data in files.items()}
    envelope = Envelope(id="env-unreadable", channel=channel, source="test", source_id="1", subject=subject, body=body,
                        received_at=datetime(2026, 5, 12, 9, tzinfo=timezone.utc), headers=headers or {},
                        attachments=tuple(Attachment(filename=n, ref=r) for n, r in refs.items()))
    blobs = {refs[name]: data for name, data in files.items()}
    return envelope, run_capture(envelope, blobs.__getitem__, CTX)


BLANK_SCAN = image_bytes(Image.new("L", (2480, 3508), 255))


def test_a_blank_scanned_letter_is_screened_unreadable_with_no_topic_and_goes_to_review():
    envelope, capture = captured("letter", {"scan-0001.png": BLANK_SCAN})
    result = classify(envelope, capture)
    assert (result.screened, result.topic) == ("unreadable", "other")
    assert result.reasons[:2] == ("screened unreadable: check unreadable", NO_TOPIC)
    assert result.reasons[2] == "documents: 1 without text (1 page read)"
    decided = route(load_rules(), envelope, capture, result)
    assert (decided.team, decided.rule) == ("review", "unreadable-items")


def test_a_pdf_of_drawings_only_is_ocred_finds_no_word_and_is_unreadable():
    envelope, capture = captured("letter", {"formulaire.pdf": drawings_pdf(), "verso.png": BLANK_SCAN})
    assert [p.method for d in capture.documents for p in d.pages] == ["ocr", "ocr"]
    result = classify(envelope, capture)
    assert result.screened == "unreadable"
    assert result.reasons[2] == "documents: 2 without text (2 pages read)"


def test_the_reasons_name_no_document_and_hold_no_text_of_it():
    envelope, capture = captured("letter", {"dupont-marie-nir.png": BLANK_SCAN})
    assert not any("dupont" in reason.lower() for reason in classify(envelope, capture).reasons)


def test_a_readable_body_with_a_blank_attachment_is_classified_as_usual():
    body = "Bonjour, veuillez trouver ma facture de pharmacie pour le remboursement."
    envelope, capture = captured("email", {"facture.png": BLANK_SCAN}, body=body)
    result = classify(envelope, capture)
    assert result.screened is None and result.topic != "other"


def test_a_readable_scan_is_not_unreadable():
    page = image_bytes(render_page(["Madame, Monsieur,", "je demande le remboursement de mes lunettes."]))
    envelope, capture = captured("letter", {"scan.png": page})
    assert classify(envelope, capture).screened is None


def test_an_auto_reply_with_an_unreadable_attachment_stays_an_auto_reply():
    envelope, capture = captured("email", {"logo.png": BLANK_SCAN}, subject="Réponse automatique : absence",
                                 headers={"auto-submitted": "auto-replied"})
    assert classify(envelope, capture).screened == "auto-reply"
