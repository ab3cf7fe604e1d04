"""Checks and surgery from the command line: each an event with the actor, shown by `intake case show`,
and the checked decisions exported as JSON lines."""

from __future__ import annotations

import json

from click.testing import CliRunner
from items import _field, _item

from cli.main import main
from intake import labels
from intake.models import Classification, Route
from storage.base import open_store
from storage.cases import record_item
from storage.records import Records

REVIEW = Route(team="review", queue="team.review", priority=5, rule="unsure-classification", reason="unsure")


def _seed(data_dir) -> list[str]:
    """Two cases of the review team, each one item with a member number and a capture."""
    records = Records(open_store(f"file://{(data_dir / 'store').resolve()}"))
    refs = []
    for n, member in ((1, "12345678"), (2, "87654321")):
        envelope, capture, _, _ = _item(n, fields=[_field("member_number", member)])
        unsure = Classification(topic="other", topic_confidence=0.3, complexity_confidence=0.3)
        records.put_envelope(envelope)
        records.put_capture(capture)
        records.put_decision(envelope.id, unsure, REVIEW)
        refs.append(record_item(records, envelope, capture, unsure, REVIEW)[0].id)
    return refs


def test_a_case_is_noted_corrected_merged_and_unmerged_and_every_step_shows_with_its_actor(tmp_path):
    first, second = _seed(tmp_path)
    run = lambda *args: CliRunner().invoke(main, ["--data-dir", str(tmp_path), *args], catch_exceptions=False)  # noqa
    assert "note ajoutée" in run("case", "note", first, "rappelé l'adhérent").output
    corrected = run("case", "correct", first, "--topic", "dental", "--complexity", "complex", "--reason", "devis")
    assert "dentaire, complexe, urgence normale, équipe Experts dentaire" in corrected.output
    assert f"équipe {labels.team('general')}" in run("case", "confirm", second).output
    assert "fusionné dans" in run("case", "merge", second, first, "--reason", "doublon").output
    shown = run("case", "show", first).output
    for word in [labels.label("event", k) for k in ("note", "corrected", "rerouted", "merged-from")] + [
            "user:", "intake case undo"]:
        assert word in shown
    key = shown.split("intake case undo ")[1].split()[1]
    assert "annulé : 1 élément(s)" in run("case", "undo", first, key, "--reason", "pas un doublon").output

    lines = [json.loads(line) for line in run("corrections", "export").output.splitlines()]
    assert {(x["case_id"], x["kind"], x["topic"]) for x in lines} == {(first, "corrected", "dental"),
                                                                       (second, "confirmed", "other")}
    assert lines[0]["read"]["topic"] == "other" and lines[0]["actor"].startswith("user:")
