"""Type sniffing reads the bytes, never the name."""

from __future__ import annotations

import hashlib

from docs import image_bytes, pdf, render_page

from intake.sniff import EMPTY, UNKNOWN, sniff


def test_a_pdf_is_recognised_from_its_bytes():
    assert sniff(pdf([["Bonjour"]])) == "application/pdf"


def test_a_pdf_with_junk_before_its_header_is_still_a_pdf():
    assert sniff(b"\r\n\x00junk" + pdf([["Bonjour"]])) == "application/pdf"


def test_png_jpeg_and_tiff_scans_are_recognised():
    page = render_page(["Madame, Monsieur"]).resize((400, 560))
    assert sniff(image_bytes(page, "PNG")) == "image/png"
    assert sniff(image_bytes(page, "JPEG")) == "image/jpeg"
    assert sniff(image_bytes(page, "TIFF")) == "image/tiff"


def test_french_text_in_latin1_is_text():
    assert sniff("Réclamation concernant mon remboursement".encode("latin-1")).startswith("text/")


def test_empty_and_random_bytes_have_explicit_answers():
    assert sniff(b"") == EMPTY
    noise = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64))
    assert sniff(noise) == UNKNOWN
