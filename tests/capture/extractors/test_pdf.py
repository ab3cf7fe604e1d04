"""PDF extraction: text layers, scanned pages OCR'd on their own, bad PDFs."""

from __future__ import annotations

import dataclasses
import io

import pypdfium2
import pytest
from docs import encrypted_pdf, pdf, render_page
from reportlab.pdfgen import canvas

from capture.context import CaptureContext
from capture.extractors import pdf as pdf_extractor
from capture.extractors.pdf_text import READERS
from intake.errors import PermanentError
from outlines import outlined_pdf

CTX = CaptureContext()


def test_a_born_digital_pdf_is_read_from_its_text_layer_page_by_page():
    pages = pdf_extractor.extract(pdf([["Facture n° 2026-118", "Total : 125,40 €"], ["Page deux du décompte"]]), CTX)
    assert [p.method for p in pages] == ["pdf-text", "pdf-text"]
    assert "125,40" in pages[0].text and "décompte" in pages[1].text


def test_a_mixed_pdf_ocrs_only_its_scanned_page():
    scanned = render_page(["Demande de prise en charge", "hospitalisation prévue le 12 mars 2026"])
    pages = pdf_extractor.extract(pdf([["Lettre de couverture dactylographiée pour le dossier"], scanned]), CTX)
    assert [p.method for p in pages] == ["pdf-text", "ocr"]
    assert "hospitalisation" in pages[1].text and "dactylographiée" in pages[0].text
    assert pages[1].confidence is not None and pages[1].confidence > 0.8


def test_a_mixed_pdf_with_several_scanned_pages_keeps_its_page_order():
    first = render_page(["Facture de la clinique", "Montant : 412,50 euros"])
    second = render_page(["Ordonnance du docteur", "Séances de kinésithérapie"]).rotate(
        3.0, fillcolor=255)  # fed skewed through the scanner
    pages = pdf_extractor.extract(pdf([["Bordereau d'envoi de trois pièces"], first, ["Page de garde"] * 3, second]),
                                  CTX)
    assert [p.method for p in pages] == ["pdf-text", "ocr", "pdf-text", "ocr"]
    assert "412,50" in pages[1].text and "kinésithérapie" in pages[3].text


@pytest.mark.parametrize("layer", sorted(READERS))
def test_each_text_layer_reader_reads_the_same_born_digital_pdf(layer):
    ctx = dataclasses.replace(CTX, pdf_text_layer=layer)
    pages = pdf_extractor.extract(pdf([["Adhérent n° : 12345678", "Total : 1 234,56 €"], ["Deuxième page"]]), ctx)
    assert [p.method for p in pages] == ["pdf-text", "pdf-text"]
    assert pages[0].text.splitlines() == ["Adhérent n° : 12345678", "Total : 1 234,56 €"]
    assert pages[1].text == "Deuxième page"


@pytest.mark.parametrize("layer", sorted(READERS))
def test_an_encrypted_pdf_is_a_permanent_error(layer):
    with pytest.raises(PermanentError, match="encrypted PDF"):
        pdf_extractor.extract(encrypted_pdf(), dataclasses.replace(CTX, pdf_text_layer=layer))


def test_a_page_that_is_one_scan_gives_the_scanned_image_at_its_own_resolution():
    scan = render_page(["Courrier numérisé"], dpi=200)
    page = pypdfium2.PdfDocument(pdf([scan]))[0]
    image = pdf_extractor.scan_image(page, CTX.max_pixels)
    assert image is not None and image.size == scan.size and image.info["dpi"] == (200, 200)
    assert image.tobytes() == scan.tobytes()  # the scanner's pixels, not a re-rendering


def test_a_page_with_a_small_picture_is_rendered_instead():
    buffer = io.BytesIO()
    page_canvas = canvas.Canvas(buffer)
    page_canvas.drawInlineImage(render_page(["logo"], dpi=72), 50, 600, width=120, height=170)
    page_canvas.showPage()
    page_canvas.save()
    page = pypdfium2.PdfDocument(buffer.getvalue())[0]
    assert pdf_extractor.scan_image(page, CTX.max_pixels) is None


def test_a_scanned_page_too_large_to_render_is_refused_with_a_reason():
    buffer = io.BytesIO()
    page_canvas = canvas.Canvas(buffer, pagesize=(14400, 14400))  # 200 × 200 inches
    page_canvas.drawImage(canvas.ImageReader(render_page(["x"], dpi=10)), 0, 0, width=14400, height=14400)
    page_canvas.showPage()
    page_canvas.save()
    with pytest.raises(PermanentError, match="too large to render"):
        pdf_extractor.extract(buffer.getvalue(), CTX)


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


# --- pages with no text layer and no image: drawings, text as vector paths -------


def test_a_page_whose_text_is_drawn_as_vector_paths_is_rendered_and_ocred():
    data = outlined_pdf([["Demande de remboursement", "Montant de la facture : 125,40 euros"]])
    layer, has_image = READERS["pdfium"](data, 10)[0]
    assert (layer, has_image) == ("", False)  # no text layer, no image: only paths
    (page,) = pdf_extractor.extract(data, CTX)
    assert page.method == "ocr" and page.confidence is not None and page.confidence > 0.8
    assert "remboursement" in page.text and "125,40" in page.text


@pytest.mark.parametrize("layer", sorted(READERS))
def test_a_page_whose_text_layer_is_only_spaces_is_ocred_with_either_reader(layer):
    data = outlined_pdf([["Attestation de droits demandée"]], whitespace_layer=True)
    (page,) = pdf_extractor.extract(data, dataclasses.replace(CTX, pdf_text_layer=layer))
    assert page.method == "ocr" and "Attestation" in page.text


def test_an_outlined_page_between_text_pages_keeps_its_place():
    outlined = outlined_pdf([["Ordonnance du docteur Martin"]])
    document = pypdfium2.PdfDocument(pdf([["Bordereau d'envoi de deux pièces"], ["Page de garde du dossier"]]))
    document.import_pages(pypdfium2.PdfDocument(outlined), index=1)
    buffer = io.BytesIO()
    document.save(buffer)
    pages = pdf_extractor.extract(buffer.getvalue(), CTX)
    assert [p.method for p in pages] == ["pdf-text", "ocr", "pdf-text"]
    assert "Ordonnance" in pages[1].text


def test_the_outlined_page_is_rendered_at_the_configured_dpi():
    (image,) = pdf_extractor.render_pages(outlined_pdf([["Devis"]]), [1], 150, CTX.max_pixels)
    expected = (595.2756 * 150 / 72, 841.8898 * 150 / 72)  # A4 in points at 150 dpi; PDFium rounds up
    assert all(abs(side - want) < 1 for side, want in zip(image.size, expected)), image.size
