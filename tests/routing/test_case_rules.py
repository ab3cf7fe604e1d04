"""The case-level decision with the default rules file: one policy per test, on hand-built cases."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from routed import RULES, T0, by_person, case_of, item

from intake.models import Case, CaseEvent, ExtractedField
from routing.case_rules import decide_case, person_queue
from routing.case_state import CaseFacts, CaseItem


def decide(case: Case, *items: CaseItem):
    return decide_case(RULES, CaseFacts(case, items, items[-1], T0 + timedelta(days=30)))


def test_a_complaint_item_makes_the_case_a_complaint_with_the_clock_from_its_receipt():
    first, complaint = item(1), item(2, topic="complaint", urgency="critical", at=T0 + timedelta(days=10))
    reclassified, rerouted = decide(case_of(first, complaint), first, complaint)
    assert reclassified.set == {"topic": "complaint", "urgency": "critical"} and "thème" in reclassified.summary
    assert rerouted.kind == "rerouted" and rerouted.rule == "complaints"
    assert rerouted.set == {"team": "complaints", "priority": 9, "deadline": "2026-12-18"}  # 3 Dec + 15 days
    assert rerouted.notify == ("team.complaints",) and reclassified.notify == ()


def test_urgency_only_rises_automatically():
    first, calm = item(1, urgency="high"), item(2, urgency="low", at=T0 + timedelta(days=1))
    assert decide(case_of(first, calm), first, calm) == []


def test_one_complex_item_makes_the_case_complex_and_sends_it_to_the_experts():
    first, quote = item(1, topic="dental"), item(2, topic="dental", complexity="complex", at=T0 + timedelta(days=1))
    reclassified, rerouted = decide(case_of(first, quote), first, quote)
    assert reclassified.set == {"complexity": "complex"}
    assert (rerouted.set["team"], rerouted.rule) == ("expert-dental", "dental-expert")


def test_an_auto_reply_changes_nothing():
    first, away = item(1), item(2, topic="other", screened="auto-reply", at=T0 + timedelta(days=1))
    assert decide(case_of(first, away), first, away) == []


def test_the_same_team_brings_the_deadline_closer_but_never_pushes_it_away():
    first = item(1, topic="certificate", channel="letter")  # no member number: 5 working days, 30 November
    number = ExtractedField(kind="member_number", value="12345678", normalized="12345678", source="body", start=0,
                            end=8, confidence=0.9)
    identified = item(2, topic="certificate", at=T0 + timedelta(days=1), fields=[number])
    [closer] = decide(case_of(first, identified), first, identified)
    assert closer.kind == "rescheduled" and closer.rule == "certificate-identified-member"
    assert closer.set == {"deadline": "2026-11-26"} and "rapprochée" in closer.summary
    first, later = item(1, channel="letter"), item(3, urgency="high", at=T0 + timedelta(days=2))
    [changes, moved] = decide(case_of(first, later), first, later)
    assert moved.kind == "reprioritised" and moved.set == {"priority": 6} and changes.set == {"urgency": "high"}


def test_a_deadline_already_past_is_counted_again_from_the_new_item_and_the_event_says_so():
    first, late = item(1, channel="letter"), item(2, at=datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc))
    [moved] = decide(case_of(first, late), first, late)
    assert moved.kind == "rescheduled" and moved.set == {"deadline": "2026-12-14"}
    assert "30/11/2026 était dépassée" in moved.summary


def test_a_person_s_choice_is_kept_and_the_person_told_when_the_rules_would_move_the_case():
    first, urgent = item(1), item(2, topic="dental", complexity="complex", urgency="high", at=T0 + timedelta(days=1))
    manual = (by_person("rerouted", {"team": "expert-hospitalisation"}),
              by_person("assigned", {"assignee": "c.durand", "status": "assigned"}))
    *_, kept = decide(case_of(first, urgent, extra=manual), first, urgent)
    assert kept.kind == "kept" and kept.set == {"priority": 7} and "l'équipe general" in kept.summary
    assert set(kept.notify) == {"person.chef", "person.c.durand"}


def test_a_critical_item_escalates_a_case_a_person_assigned_and_tells_them():
    first, threat = item(1), item(2, urgency="critical", at=T0 + timedelta(days=1))
    assigned = (by_person("assigned", {"assignee": "c.durand", "status": "assigned"}),)
    *_, escalated = decide(case_of(first, threat, extra=assigned), first, threat)
    assert escalated.kind == "escalated" and escalated.clear
    assert escalated.set == {"team": "complaints", "priority": 9, "deadline": "2026-12-09", "assignee": None,
                             "status": "open"}
    assert escalated.notify == ("team.complaints", "person.c.durand", "person.chef")


def test_a_case_in_the_review_team_waits_for_a_person_unless_it_must_escalate():
    unsure = item(1)
    unsure = CaseItem(unsure.envelope, unsure.capture, unsure.classification,
                      unsure.route.model_copy(update={"team": "review", "rule": "unsure-classification"}))
    clear = item(2, at=T0 + timedelta(days=1))
    [kept] = decide(case_of(unsure, clear), unsure, clear)
    assert kept.kind == "kept" and kept.notify == ("team.review",)
    complaint = item(3, topic="complaint", at=T0 + timedelta(days=1))
    assert decide(case_of(unsure, complaint), unsure, complaint)[-1].kind == "escalated"


def test_a_new_item_reopens_a_closed_case_and_counts_a_new_deadline():
    first, again = item(1), item(2, at=T0 + timedelta(days=20))
    closed = (by_person("closed", {"status": "closed", "outcome": "remboursé", "closed_at": T0.isoformat()}),)
    reopened, moved = decide(case_of(first, again, extra=closed), first, again)
    assert reopened.kind == "reopened" and reopened.set["status"] == "open" and reopened.clear
    assert moved.kind == "rescheduled" and moved.set == {"deadline": "2026-12-16"}


def test_an_item_joined_with_a_warning_only_asks_the_review_team():
    first, doubtful = item(1), item(2, topic="complaint", urgency="critical", at=T0 + timedelta(days=1))
    warning = CaseEvent(id="env-2-2-link-warning", case_id="IN-TEST", at=T0, actor="worker:record",
                        kind="link-warning", summary="expéditeur inconnu", envelope_id="env-2",
                        data={"action": "review"})
    [request] = decide(case_of(first, doubtful, extra=(warning,)), first, doubtful)
    assert request.kind == "review-requested" and request.notify == ("team.review",) and request.set == {}
    assert "expéditeur inconnu" in request.summary


def test_a_person_s_queue_is_named_after_them_unless_the_name_has_odd_characters():
    assert person_queue("c.durand") == "person.c.durand"
    assert person_queue("Jean Dupont/../x").startswith("person.h-")
