"""People's checked decisions become training samples weighted above generated ones."""

from __future__ import annotations

import json

from classify.corrections import from_examples, read_corrections

ROW = {"subject": "devis", "text": "Devis pour deux implants", "channel": "email", "topic": "dental",
       "complexity": "complex", "urgency": "normal"}


def test_each_checked_decision_counts_as_weight_samples_and_incomplete_rows_are_left_out(tmp_path):
    samples = from_examples([ROW, {**ROW, "topic": None}], weight=3)
    assert len(samples) == 3 and {s.topic for s in samples} == {"dental"}
    assert samples[0].text == "devis\nDevis pour deux implants" and samples[0].intent == "correction"
    path = tmp_path / "corrections.jsonl"
    path.write_text(json.dumps(ROW) + "\n\n")
    assert len(read_corrections(path, weight=5)) == 5
