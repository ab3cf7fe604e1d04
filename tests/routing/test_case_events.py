"""The case-level decision as events: ids derived from the item, the routing after each change, who to tell."""

from __future__ import annotations

from datetime import timedelta

from routed import RULES, T0, by_person, case_of, item

from intake.ids import CASE_STEP
from routing.case_events import case_event_id, decide_case_events


def _items(*items):
    return [(i.envelope, i.capture, i.classification, i.route) for i in items]


def test_each_change_is_an_event_whose_id_comes_from_the_item_and_whose_notice_is_the_routing_after_it():
    first, complaint = item(1), item(2, topic="complaint", urgency="critical", at=T0 + timedelta(days=10))
    case = case_of(first, complaint)
    events = decide_case_events(RULES, case, _items(first, complaint), complaint.id, T0 + timedelta(days=11))
    assert [e.id for e in events] == ["env-2-6-reclassified", "env-2-6-rerouted"]
    assert all(e.envelope_id == complaint.id and e.actor == "worker:record" for e in events)
    assert events[0].data["notice"] == {"team": "general", "priority": 5, "deadline": "2026-11-26"}
    assert events[1].data["notice"] == {"team": "complaints", "priority": 9, "deadline": "2026-12-18"}
    assert events[1].data["notify"] == ["team.complaints"] and events[1].data["rule"] == "complaints"
    assert "15 jours calendaires" in " ".join(events[1].data["reasons"])


def test_the_same_decision_gives_the_same_events_and_an_escalation_clears_the_assignee():
    first, threat = item(1), item(2, urgency="critical", at=T0 + timedelta(days=1))
    case = case_of(first, threat, extra=(by_person("assigned", {"assignee": "c.durand", "status": "assigned"}),))
    once = decide_case_events(RULES, case, _items(first, threat), threat.id, T0 + timedelta(days=2))
    again = decide_case_events(RULES, case, _items(first, threat), threat.id, T0 + timedelta(days=2))
    assert once == again and once[-1].data["clear"] is True and once[-1].data["set"]["assignee"] is None


def test_storage_and_routing_agree_on_the_step_of_case_level_events():
    assert case_event_id("env-1", "rerouted") == f"env-1-{CASE_STEP}-rerouted"
