"""Word boxes found in the page text and moved back onto the scanned page."""

from __future__ import annotations

from capture.ocr.boxes import page_boxes, shifted
from capture.ocr.words import Word


def test_each_word_gets_its_place_in_the_text_and_its_box_as_fractions_of_the_page():
    words = [Word("Adhérent", 0.9, (100, 200, 300, 240)), Word("12345678", 0.95, (320, 200, 500, 240))]
    [first, second] = page_boxes(words, "Adhérent 12345678", crop=(50, 100, 1050, 1100), size=(2000, 1000), skew=0.0)
    assert first[:2] == (0, 8) and second[:2] == (9, 17)
    assert second[2:] == (0.185, 0.3, 0.275, 0.34)  # (320+50)/2000, (200+100)/1000, ...


def test_a_word_the_text_lost_is_skipped_and_offsets_follow_a_stripped_text():
    words = [Word("perdu", 0.5, (0, 0, 10, 10)), Word("mot", 0.9, (0, 0, 10, 10))]
    boxes = page_boxes(words, "  mot", (0, 0, 100, 100), (100, 100), 0.0)
    assert [b[:2] for b in boxes] == [(2, 5)] and [b[:2] for b in shifted(boxes, 2)] == [(0, 3)]


def test_a_levelled_page_maps_back_to_its_slanted_rows():
    words = [Word("droite", 0.9, (1800, 500, 1900, 540))]
    [box] = page_boxes(words, "droite", (0, 0, 2000, 2100), (2000, 2000), skew=2.0)
    assert box[3] != 0.25  # moved off the levelled row by the shear
