"""Reading Tesseract's TSV report."""

from __future__ import annotations

import pytest

from capture.ocr.words import Word, mean_confidence, tsv_words
from tests.capture.ocr.test_reread import TSV


def test_the_words_of_a_tsv_come_with_their_confidence_and_box():
    words = list(tsv_words(TSV))
    assert [(w.text, w.box) for w in words] == [("Courriel", (100, 50, 220, 90)),
                                                ("sylvie.blanc@exambple.fr", (240, 50, 640, 90))]
    assert [w.confidence for w in words] == pytest.approx([0.951, 0.886])


def test_layout_rows_and_blank_words_are_no_words():
    assert list(tsv_words(TSV.splitlines()[0] + "\n5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t12.0\t  \n")) == []


def test_the_mean_confidence_is_none_without_words():
    assert mean_confidence([]) is None
    assert mean_confidence([Word("a", 0.5, (0, 0, 1, 1)), Word("b", 1.0, (0, 0, 1, 1))]) == 0.75
