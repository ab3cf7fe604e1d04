"""PDF extraction: text layers, scanned pages OCR'd on their own, bad PDFs."""

from __future__ import annotations

import pytest

from capture.context import CaptureContext
from capture.extractors import pdf as pdf_extractor
from docs import encrypted_pdf, pdf, render_page
from intake.errors import PermanentError

CTX = CaptureContext()


def test_a_born_digital_pdf_is_read_from_its_text_layer_page_by_page():
    pages = pdf_extractor.extract(pdf([["Facture n° 2026-118", "Total : 125,40 €"], ["Page deux du décompte"]]), CTX)
    assert [p.method for p in pages] == ["pdf-text", "pdf-text"]
    assert "125,40" in pages[0].text and "décompte" in pages[1].text


def test_a_mixed_pdf_ocrs_only_its_scanned_page():
    scanned = render_page(["Demande de prise en charge", "hospitalisation prévue le 12 mars 2026"])
    pages = pdf_extractor.extract(pdf([["Lettre de couverture dactylographiée pour le dossier"], scanned]), CTX)
    assert [p.method for p in pages] == ["pdf-text", "ocr"]
    assert "hospitalisation" in pages[1].text
    assert pages[1].confidence is not None and pages[1].confidence > 0.8


def test_a_mixed_pdf_with_several_scanned_pages_keeps_its_page_order():
    first = render_page(["Facture de la clinique", "Montant : 412,50 euros"])
    second = render_page(["Ordonnance du docteur", "Séances de kinésithérapie"]).rotate(
        3.0, fillcolor=255)  # fed skewed through the scanner
    pages = pdf_extractor.extract(pdf([["Bordereau d'envoi de trois pièces"], first, ["Page de garde"] * 3, second]),
                                  CTX)
    assert [p.method for p in pages] == ["pdf-text", "ocr", "pdf-text", "ocr"]
    assert "412,50" in pages[1].text and "kinésithérapie" in pages[3].text


def test_an_encrypted_pdf_is_a_permanent_error():
    with pytest.raises(PermanentError, match="encrypted PDF"):
        pdf_extractor.extract(encrypted_pdf(), CTX)


def test_every_damaged_pdf_of_the_qpdf_corpus_is_read_or_refused_with_a_reason(corpora):
    outcomes = {}
    for path in sorted((corpora / "pdf-qpdf-bad").glob("*.pdf")):
        try:
            pages = pdf_extractor.extract(path.read_bytes(), CTX)
            outcomes[path.name] = f"read {len(pages)} page(s)"
        except PermanentError as exc:
            assert exc.message in {"corrupt PDF", "encrypted PDF", "PDF page cannot be rendered"}
            outcomes[path.name] = exc.message
    assert len(outcomes) == len(list((corpora / "pdf-qpdf-bad").glob("*.pdf")))
    assert any(o.startswith("read") for o in outcomes.values())
    assert any(o == "corrupt PDF" for o in outcomes.values())
