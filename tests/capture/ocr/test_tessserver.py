"""The OCR engine process's framing and answers (its reading is tested through capture.ocr.engine)."""

from __future__ import annotations

import io

import pytest

from capture.ocr.tessserver import answer, read_frame, serve, write_frame
from tests.capture.ocr.test_tessapi import line_image


def test_a_frame_comes_back_as_it_was_written_header_and_payload():
    stream = io.BytesIO()
    write_frame(stream, {"language": "fra", "width": 3}, b"\x00\xff\x10")
    write_frame(stream, {"done": True})
    stream.seek(0)
    assert read_frame(stream) == ({"language": "fra", "width": 3}, bytearray(b"\x00\xff\x10"))
    assert read_frame(stream) == ({"done": True}, bytearray())
    assert read_frame(stream) is None


def test_a_frame_cut_short_is_an_error_not_a_short_page():
    stream = io.BytesIO()
    write_frame(stream, {"width": 2, "height": 2}, b"\x00" * 4)
    with pytest.raises(EOFError):
        read_frame(io.BytesIO(stream.getvalue()[:-1]))


def test_pixels_that_do_not_fill_the_declared_size_are_refused_without_ending_the_engine():
    reply = answer({"language": "eng", "psm": 7, "dpi": 300, "width": 10, "height": 10}, bytearray(99))
    assert reply["retry"] is False and "99 bytes for a 10x10 grey image" in reply["error"]


def test_the_engine_answers_every_request_in_order_until_its_input_closes():
    requests, answers = io.BytesIO(), io.BytesIO()
    for words in ("Remboursement optique", "Facture 12 mars"):
        image = line_image(words)
        write_frame(requests, {"language": "fra", "psm": 7, "dpi": 300, "width": image.width,
                               "height": image.height}, image.tobytes())
    write_frame(requests, {"language": "eng"})  # no size: a bad request, answered, not fatal
    requests.seek(0)
    serve(requests, answers)
    answers.seek(0)
    replies = [read_frame(answers)[0] for _ in range(3)]
    assert [r["text"].strip() for r in replies[:2]] == ["Remboursement optique", "Facture 12 mars"]
    assert all(r["cpu"] > 0 and r["tsv"].startswith("level\t") for r in replies[:2])
    assert replies[2]["retry"] is False and "bad request" in replies[2]["error"]
    assert read_frame(answers) is None
