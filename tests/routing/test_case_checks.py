"""The rules file's case_rules section: a valid one loads, a wrong one is refused with the line to fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from intake.errors import ConfigError
from routing import load_rules

VALID = """\
version: 1
teams:
  general: Demandes simples
  complaints: Réclamations
  review: Relecture
rules:
  - name: unsure
    when: {confidence_below: 0.45}
    then: {team: review}
  - name: everything-else
    then: {team: general}
case_rules:
  overriding_topics: [complaint]
  item_only_rules: [unsure]
  held_teams: [review]
  escalate_when:
    - topic: complaint
  on_disagreement:
    other_member: related
    unknown_sender: review
  review_team: review
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_valid_case_rules_section_loads(tmp_path):
    rules = load_rules(write(tmp_path, VALID)).case_rules
    assert rules.item_only_rules == ("unsure",) and rules.on_disagreement.unknown_sender == "review"
    assert [w.conditions() for w in rules.escalate_when] == [{"topic": ("complaint",)}]


def test_a_rules_file_without_case_rules_gets_the_defaults_that_need_no_team(tmp_path):
    without = VALID[:VALID.index("case_rules:")]
    rules = load_rules(write(tmp_path, without)).case_rules
    assert rules.overriding_topics == ("complaint",) and rules.review_team is None
    assert (rules.on_disagreement.other_member, rules.on_disagreement.unknown_sender) == ("related", "join")


def test_the_packaged_rules_say_what_the_reference_user_needs():
    rules = load_rules().case_rules
    assert "unsure-classification" in rules.item_only_rules and rules.held_teams == ("review",)
    assert (rules.on_disagreement.other_member, rules.on_disagreement.unknown_sender) == ("related", "review")


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("  item_only_rules: [unsure]", "  item_only_rules: [unsur]", 14, "unknown rule 'unsur'"),
        ("  item_only_rules: [unsure]", "  item_only_rules: [everything-else]", 14, "is the catch-all"),
        ("  held_teams: [review]", "  held_teams: [relecture]", 15, "case_rules.held_teams[0]: unknown team"),
        ("  review_team: review", "  review_team: relecture", 21, "case_rules.review_team: unknown team"),
        ("  review_team: review\n", "", 20, "'review' needs case_rules.review_team"),
        ("    unknown_sender: review", "    unknown_sender: ignore", 20, "case_rules.on_disagreement.unknown_sender"),
        ("    - topic: complaint", "    - topic: plainte", 17, "case_rules.escalate_when[0].topic[0]"),
        ("  overriding_topics: [complaint]", "  overriding_topic: [complaint]", 13, "unknown key"),
    ],
)
def test_a_bad_case_rules_section_is_refused_with_the_line_to_fix(tmp_path, old, new, line, words):
    assert old in VALID
    with pytest.raises(ConfigError) as raised:
        load_rules(write(tmp_path, VALID.replace(old, new)))
    message = str(raised.value)
    assert f"line {line}:" in message and words in message, message
