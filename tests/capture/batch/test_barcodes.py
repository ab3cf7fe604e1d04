"""Separator and case-reference barcodes, drawn and read by zxing-cpp on real page images."""

from __future__ import annotations

import random

import pytest

from capture.batch.barcodes import BarcodeSettings, mark_of, read_barcodes
from capture.batch.facts import look_at
from capture.batch.settings import BatchSettings
from intake.refs import make_case_ref
from samples.batch_documents import reply_form
from samples.batch_pages import barcode_sheet
from samples.letters import make_letter
from samples.multipage import scanned


@pytest.mark.parametrize("symbology", ["Code128", "QRCode"])
def test_a_barcode_sheet_with_the_separator_text_is_a_separator(symbology):
    page = scanned(barcode_sheet("PATCHT", symbology), random.Random(1), seed=1)
    separator = look_at(page, 1, 300, BatchSettings()).separator
    assert (separator.symbology, separator.value) == (symbology, "PATCHT")


def test_the_separator_text_is_a_setting():
    settings = BatchSettings(barcode=BarcodeSettings(separators=("COURRIER-SUIVANT",)))
    assert look_at(barcode_sheet("COURRIER-SUIVANT", "Code128"), 1, 300, settings).separator is not None
    assert look_at(barcode_sheet("PATCHT", "Code128"), 1, 300, settings).separator is None


@pytest.mark.parametrize("symbology", ["Code128", "QRCode"])
def test_a_reply_form_with_a_case_barcode_says_which_case_it_joins(symbology):
    reference = make_case_ref("test-reply")
    page = scanned(reply_form(random.Random(2), make_letter(2), reference, symbology), random.Random(2), seed=2)
    facts = look_at(page, 1, 300, BatchSettings())
    assert facts.case_ref == reference
    assert facts.separator is None


def test_a_barcode_whose_check_character_is_wrong_is_no_case_reference():
    reference = make_case_ref("test-typo")
    typo = reference[:-1] + ("0" if reference[-1] != "0" else "1")
    assert mark_of("Code128", typo, BarcodeSettings()).role == "other"
    assert mark_of("QRCode", reference.lower(), BarcodeSettings()).case_ref == reference


def test_an_unknown_barcode_format_is_refused_with_its_name():
    from intake.errors import PermanentError

    with pytest.raises(PermanentError, match="unknown barcode format"):
        read_barcodes(barcode_sheet("PATCHT", "Code128"), 300, BarcodeSettings(formats=("Code129",)))
