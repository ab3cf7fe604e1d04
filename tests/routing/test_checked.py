"""Where a case goes after a person checked its decision: the rules on the checked labels
(an unsure classification no longer counts), or the team a person chose with its own deadline."""

from __future__ import annotations

from datetime import date, datetime, timezone

from intake.models import Capture, Envelope
from routing import load_rules
from routing.checked import checked_route

RULES = load_rules()
MONDAY = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
OPENER = Envelope(id="env-1", channel="email", source="test", source_id="1", received_at=MONDAY)
FIELDS = Capture(envelope_id="env-1")


def _labels(topic="reimbursement", complexity="simple", urgency="normal"):
    return {"topic": topic, "complexity": complexity, "urgency": urgency}


def test_checked_labels_go_through_the_case_rules_with_the_deadline_counted_from_the_first_item():
    checked = checked_route(RULES, OPENER, FIELDS, _labels("complaint", "complex"), None, date(2026, 11, 24))
    assert (checked.route.team, checked.route.deadline) == ("complaints", date(2026, 12, 8))
    assert "15 jours calendaires comptés depuis la réception du premier élément le 23/11/2026" in checked.why


def test_a_deadline_already_past_on_the_day_of_the_check_is_counted_from_the_check_and_said_so():
    checked = checked_route(RULES, OPENER, FIELDS, _labels(), None, date(2026, 12, 10))
    assert checked.route.team == "general" and checked.route.deadline > date(2026, 12, 10)
    assert "était passée" in checked.why and "la vérification le 10/12/2026" in checked.why


def test_a_team_chosen_by_a_person_gets_that_teams_rule_and_deadline():
    checked = checked_route(RULES, OPENER, FIELDS, _labels(), "expert-dental", date(2026, 11, 23))
    assert checked.route.team == "expert-dental" and "choisie par une personne" in checked.route.reason
    assert checked.route.deadline is not None
