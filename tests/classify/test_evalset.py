"""Hand-labelled evaluation sets: one split at a time, items arriving as the pipeline would receive them."""

from __future__ import annotations

import json

import pytest

from classify.evalset import EvalSetError, arrival, load_items, set_names
from classify.heldout import labelled_cases


def item(number: int, split: str, channel: str = "email", **labels: str) -> dict:
    return {"id": f"t-{number}", "split": split, "channel": channel, "style": "plain", "subject": "objet",
            "text": f"texte {number}", "topic": labels.get("topic", "other"), "complexity": "simple",
            "urgency": labels.get("urgency", "normal"), "fields": {}, "note": ""}


@pytest.fixture()
def small_set(tmp_path):
    lines = [json.dumps(item(1, "dev")), json.dumps(item(2, "dev", "letter", topic="dental")),
             '{"split": "test", this test line is not even JSON']
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "items.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_a_split_is_loaded_without_parsing_the_other_splits_lines(small_set):
    items = load_items("mine", "dev", root=small_set)
    assert [i.id for i in items] == ["t-1", "t-2"] and items[1].topic == "dental"
    with pytest.raises(EvalSetError):
        load_items("mine", "test", root=small_set)  # the broken line belongs to test


def test_a_letter_arrives_as_a_captured_page_and_an_email_as_its_body(small_set):
    email, letter = load_items("mine", "dev", root=small_set)
    envelope, capture = arrival(email)
    assert (envelope.body, capture.text) == ("texte 1", "")
    envelope, capture = arrival(letter)
    assert (envelope.channel, envelope.body, capture.text) == ("letter", "", "texte 2")


def test_unknown_sets_and_splits_are_refused(small_set):
    with pytest.raises(EvalSetError):
        load_items("nothing", "dev", root=small_set)
    with pytest.raises(EvalSetError):
        load_items("mine", "train", root=small_set)


def test_the_independent_set_has_its_dev_half_with_gold_labels():
    assert "independent" in set_names()
    cases = labelled_cases("independent", "dev")
    assert len(cases) == 210
    assert {case.gold["urgency"] for case in cases} == {"low", "normal", "high", "critical"}
