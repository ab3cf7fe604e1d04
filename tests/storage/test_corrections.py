"""People check decisions: a confirmation or a correction is an event with its actor and reason,
the values read are kept beside the corrected ones, and a correction re-routes the case by the rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from items import _field, _item

from intake.models import Classification, Route, utcnow
from routing import load_rules
from runtime.bus import Bus, notice_queue
from runtime.review import route_for
from storage.actions import ReasonRequired
from storage.base import open_store
from storage.cases import record_item
from storage.corrections import check_decision, check_field, field_reviews
from storage.records import Records

RULES = load_rules()
REVIEW = Route(team="review", queue="team.review", priority=5, rule="unsure-classification", reason="unsure")


@pytest.fixture
def unsure(tmp_path):
    """A case the classifier was unsure of (team review), with a member number read from the item."""
    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    envelope, capture, _, _ = _item(1, at=utcnow() - timedelta(hours=2), fields=[_field("member_number", "12345678")])
    classification = Classification(topic="other", topic_confidence=0.3, complexity_confidence=0.3)
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, REVIEW)
    case, _ = record_item(records, envelope, capture, classification, REVIEW)
    with Bus("filesystem://", tmp_path / "bus") as bus:
        yield records, bus, case.id


def _check(records, bus, case_id, **kw):
    publish = lambda queue, body, priority: bus.publish(notice_queue(queue), body, priority=priority)  # noqa: E731
    labels = {k: kw.pop(k) for k in ("topic", "complexity", "urgency") if k in kw}
    return check_decision(records, case_id, "user:relecteur", labels, route_for(records, RULES), RULES.teams,
                           publish, **kw)


def test_a_corrected_topic_keeps_the_value_read_and_sends_the_case_to_the_rules_team_with_its_deadline(unsure):
    records, bus, case_id = unsure
    case = _check(records, bus, case_id, topic="complaint", reason="le membre conteste un refus")
    corrected, moved = case.events[-2], case.events[-1]
    assert (corrected.kind, corrected.actor) == ("corrected", "user:relecteur")
    assert corrected.data["read"]["topic"] == "other" and corrected.data["labels"]["topic"] == "complaint"
    assert case.topic == "complaint" and case.team == "complaints" and moved.kind == "rerouted"
    assert case.deadline is not None and case.deadline >= moved.at.date() + timedelta(days=14)
    assert "15 jours calendaires" in moved.summary and "règle 'complaints'" in moved.summary
    message = notice_queue("team.complaints")(bus.connection.default_channel).get(no_ack=True).decode()
    assert message["case_id"] == case_id and message["deadline"] == case.deadline.isoformat()


def test_confirming_an_unsure_decision_takes_the_case_out_of_review_by_the_rules(unsure):
    records, bus, case_id = unsure
    case = _check(records, bus, case_id)
    assert [e.kind for e in case.events[-2:]] == ["confirmed", "rerouted"]
    assert case.team == "general" and case.topic == "other"


def test_a_correction_needs_a_reason_and_a_form_sent_twice_is_recorded_once(unsure):
    records, bus, case_id = unsure
    with pytest.raises(ReasonRequired):
        _check(records, bus, case_id, topic="dental")
    _check(records, bus, case_id, topic="dental", complexity="complex", reason="devis d'implant", op="form-1")
    case = _check(records, bus, case_id, topic="dental", complexity="complex", reason="devis d'implant", op="form-1")
    assert [e.kind for e in case.events].count("corrected") == 1 and case.team == "expert-dental"


def test_a_team_chosen_by_a_person_gets_the_deadline_of_that_teams_rule(unsure):
    records, bus, case_id = unsure
    case = _check(records, bus, case_id, team="expert-optical", reason="lunettes, pas autre")
    assert case.team == "expert-optical" and "lunettes" in case.events[-1].summary
    assert case.events[-1].actor == "user:relecteur" and case.events[-1].data["manual"] is True


def test_a_corrected_field_is_kept_beside_the_value_read_and_the_member_index_follows(unsure):
    records, _, case_id = unsure
    envelope_id = records.case(case_id).items[0]
    case = check_field(records, case_id, envelope_id, 0, "user:relecteur", "12345679", "chiffre mal lu")
    review = field_reviews(case)[(envelope_id, 0)]
    assert review.kind == "field-corrected" and review.data["read"]["normalized"] == "12345678"
    assert review.data["corrected"] == "12345679" and case.member == "12345679"
    assert records.capture(envelope_id).fields[0].normalized == "12345678"  # the capture is never rewritten
    assert records.member_cases("12345679") == [case_id] and records.member_cases("12345678") == []


def test_a_confirmed_field_needs_no_reason(unsure):
    records, _, case_id = unsure
    envelope_id = records.case(case_id).items[0]
    case = check_field(records, case_id, envelope_id, 0, "user:relecteur")
    assert field_reviews(case)[(envelope_id, 0)].kind == "field-confirmed" and case.member == "12345678"


def test_a_correction_retried_after_a_crash_before_its_reroute_writes_only_the_reroute(unsure):
    records, bus, case_id = unsure

    def crash(queue, body, priority):
        raise ConnectionError("broker gone")

    with pytest.raises(ConnectionError):
        check_decision(records, case_id, "user:relecteur", {"topic": "complaint"}, route_for(records, RULES),
                       RULES.teams, crash, "contestation", op="form-9")
    assert records.case(case_id).team == "review"  # the correction is recorded, the move is not
    case = _check(records, bus, case_id, topic="complaint", reason="contestation", op="form-9")
    assert [e.kind for e in case.events][-2:] == ["corrected", "rerouted"] and case.team == "complaints"
    assert [e.kind for e in case.events].count("corrected") == 1
