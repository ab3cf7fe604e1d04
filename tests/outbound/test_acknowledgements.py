"""Acknowledgements sent to a real SMTP server and read back: reference, team,
deadline; never to automatic senders; exactly once; replies join the case."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from outbound_support import FROM, T0, field_, make_item, smtp_config

from intake.errors import RetryableError
from intake.models import Capture, Classification, Envelope, Party, Route
from outbound.ack import ack_message_id
from runtime.worker import RetryPolicy, Worker
from storage.cases import record_item


def _ack_events(pipeline, case_id):
    return [e for e in pipeline.app.records.events(case_id) if e.kind == "acknowledged"]


def test_a_new_email_case_gets_one_acknowledgement_with_its_reference_team_and_deadline(pipeline, inbox):
    case_id = pipeline.record(make_item(1))
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": make_item(1).envelope.id})
    [message] = inbox.messages
    assert inbox.recipients == [["marie.martin@example.org"]] and message["To"] == "marie.martin@example.org"
    assert case_id in message["Subject"] and message["From"] == FROM
    body = message.get_content()
    assert body.startswith("Bonjour Marie Martin,") and f"la référence {case_id}" in body
    assert "confiée à l'équipe de gestion santé, qui vous répondra au plus tard le jeudi 26 novembre 2026" in body
    assert "remboursement de vos soins" in body  # the reimbursement wording
    assert message["Auto-Submitted"] == "auto-replied" and message["X-Auto-Response-Suppress"] == "All"
    assert message["In-Reply-To"] == "<m1@example.org>"
    [event] = _ack_events(pipeline, case_id)
    assert event.data["message_id"] == message["Message-ID"]


def test_a_complaint_is_acknowledged_with_the_complaints_cell_and_its_fifteen_days(pipeline, inbox):
    item = make_item(2, topic="complaint", subject="Réclamation")
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    body = inbox.messages[0].get_content()
    assert "confiée à notre cellule réclamations, qui vous répondra au plus tard le mardi 8 décembre 2026" in body
    assert "votre réclamation" in body


def test_a_letter_is_acknowledged_neutrally_at_its_written_address_with_the_deadline_from_its_postmark(pipeline, inbox):
    postmark = datetime(2026, 11, 16, tzinfo=timezone.utc)  # scanned a week later: the deadline still counts from here
    item = make_item(3, channel="letter", sender=Party(), headers={}, at=postmark,
                     fields=[field_("email", "jean.dupont@example.net")])
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    [message] = inbox.messages
    assert message["To"] == "jean.dupont@example.net" and "In-Reply-To" not in message
    body = message.get_content()
    assert body.startswith("Bonjour,") and "votre courrier du 16 novembre 2026" in body
    assert "au plus tard le lundi 23 novembre 2026" in body
    assert "remboursement" not in body  # the address may not be the member's: no health topic


@pytest.mark.parametrize("screened", ["auto-reply", "bounce"])
def test_no_acknowledgement_goes_to_an_auto_reply_or_a_bounce(pipeline, inbox, screened):
    item = make_item(4, screened=screened, subject="Réponse automatique : absent")
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    assert inbox.messages == [] and "ack-skipped" in pipeline.kinds(case_id)


@pytest.mark.parametrize("address", ["noreply@example.org", "no-reply@banque.example", "ne-pas-repondre@caf.example",
                                     "MAILER-DAEMON@mx.example.org", "postmaster@example.org",
                                     "gestion@mutuelle.example"])
def test_no_acknowledgement_goes_to_a_no_reply_system_or_own_address(pipeline, inbox, address):
    item = make_item(5, sender=Party(email=address))
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    assert inbox.messages == []
    [skipped] = [e for e in pipeline.app.records.events(case_id) if e.kind == "ack-skipped"]
    assert address not in skipped.summary  # the reason, never the address


@pytest.mark.parametrize("headers", [{"auto-submitted": "auto-generated"}, {"precedence": "bulk"},
                                     {"precedence": "list"}, {"list-id": "<adherents.example.org>"}])
def test_no_acknowledgement_to_an_item_marked_automatic_or_bulk_even_if_not_screened(pipeline, inbox, headers):
    item = make_item(6, headers={"message-id": "<m6@example.org>", **headers})
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    assert inbox.messages == []


def test_a_redelivered_message_sends_exactly_one_acknowledgement(pipeline, inbox):
    item = make_item(7)
    case_id = pipeline.record(item)
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    pipeline.handler(smtp=smtp_config(inbox))(body)
    pipeline.record(item)  # the record stage redelivered too
    pipeline.handler(smtp=smtp_config(inbox))(body)
    assert len(inbox.messages) == 1 and len(_ack_events(pipeline, case_id)) == 1


class Crash(BaseException):
    """The process dies (not an exception the code could handle)."""


def _crash_on_ack_event(records, monkeypatch):
    """Make the store die when the acknowledged event is written, once."""
    real = records.append_event

    def append(event):
        if event.kind == "acknowledged":
            monkeypatch.setattr(records, "append_event", real)
            raise Crash()
        real(event)

    monkeypatch.setattr(records, "append_event", append)


def test_a_crash_between_send_and_event_resends_with_the_same_message_id(pipeline, inbox, monkeypatch):
    item = make_item(8)
    case_id = pipeline.record(item)
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    _crash_on_ack_event(pipeline.app.records, monkeypatch)
    with pytest.raises(Crash):
        pipeline.handler(smtp=smtp_config(inbox))(body)
    pipeline.handler(smtp=smtp_config(inbox))(body)
    pipeline.handler(smtp=smtp_config(inbox))(body)
    assert len(inbox.messages) == 2 and len({m["Message-ID"] for m in inbox.messages}) == 1  # clients show one
    assert len(_ack_events(pipeline, case_id)) == 1


def test_with_resending_off_a_crash_between_send_and_event_still_sends_exactly_one(pipeline, inbox, monkeypatch):
    item = make_item(9)
    case_id = pipeline.record(item)
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    _crash_on_ack_event(pipeline.app.records, monkeypatch)
    with pytest.raises(Crash):
        pipeline.handler(smtp=smtp_config(inbox), resend_unconfirmed=False)(body)
    pipeline.handler(smtp=smtp_config(inbox), resend_unconfirmed=False)(body)
    assert len(inbox.messages) == 1
    [event] = _ack_events(pipeline, case_id)
    assert event.data["uncertain"] is True


def test_a_deferred_send_is_retried_and_then_sent_once(pipeline, inbox):
    item = make_item(10)
    case_id = pipeline.record(item)
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    inbox.data_replies.append("451 4.3.0 try again later")
    with pytest.raises(RetryableError):
        pipeline.handler(smtp=smtp_config(inbox), resend_unconfirmed=False)(body)
    pipeline.handler(smtp=smtp_config(inbox), resend_unconfirmed=False)(body)  # a known failure left no marker
    assert len(inbox.messages) == 1 and "uncertain" not in _ack_events(pipeline, case_id)[0].data


def test_an_address_refused_for_good_is_recorded_and_never_retried(pipeline, inbox):
    item = make_item(11)
    case_id = pipeline.record(item)
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    inbox.rcpt_replies.append("550 5.1.1 no such user")
    pipeline.handler(smtp=smtp_config(inbox))(body)
    pipeline.handler(smtp=smtp_config(inbox))(body)
    assert inbox.messages == [] and pipeline.kinds(case_id).count("ack-skipped") == 1


def test_an_item_joining_an_existing_case_gets_no_second_acknowledgement(pipeline, inbox):
    first = make_item(12)
    case_id = pipeline.record(first)
    handler = pipeline.handler(smtp=smtp_config(inbox))
    handler({"case_id": case_id, "envelope_id": first.envelope.id})
    follow_up = make_item(13, at=T0 + timedelta(hours=2),
                          headers={"message-id": "<m13@example.org>", "in-reply-to": "<m12@example.org>"})
    assert pipeline.record(follow_up) == case_id
    handler({"case_id": case_id, "envelope_id": follow_up.envelope.id})
    assert len(inbox.messages) == 1


def test_a_reply_to_the_acknowledgement_joins_the_same_case(pipeline, inbox):
    item = make_item(14)
    case_id = pipeline.record(item)
    pipeline.handler(smtp=smtp_config(inbox))({"case_id": case_id, "envelope_id": item.envelope.id})
    ack_id = inbox.messages[0]["Message-ID"]
    assert ack_id == ack_message_id(case_id, item.envelope.id, "mutuelle.example")
    reply = Envelope(id="env-reply-to-the-ack0000000", channel="email", source="test", source_id="<r@example.org>",
                     received_at=T0 + timedelta(days=1), subject=f"Re: {inbox.messages[0]['Subject']}",
                     headers={"message-id": "<r@example.org>", "in-reply-to": ack_id, "references": ack_id})
    case, link = record_item(pipeline.app.records, reply, Capture(envelope_id=reply.id),
                             Classification(topic="other", topic_confidence=0.9, complexity_confidence=0.9),
                             Route(team="general", queue="team.general", rule="test", reason="test"))
    assert case.id == case_id and not link.new and ack_id in link.reason


def test_without_smtp_settings_nothing_is_sent_and_nothing_recorded(pipeline):
    item = make_item(15)
    case_id = pipeline.record(item)
    pipeline.handler()({"case_id": case_id, "envelope_id": item.envelope.id})
    assert not {"acknowledged", "ack-skipped"} & set(pipeline.kinds(case_id))


def test_under_the_worker_a_deferred_acknowledgement_is_retried_and_sent_once(pipeline, inbox):
    item = make_item(16)
    case_id = pipeline.record(item)
    inbox.data_replies.append("451 4.3.0 try again later")
    handler = pipeline.handler(smtp=smtp_config(inbox))
    body = {"case_id": case_id, "envelope_id": item.envelope.id}
    pipeline.app.bus.send_to_stage("outbound", body)
    pipeline.app.bus.send_to_stage("outbound", body)  # and a duplicate of the message
    Worker(pipeline.app.bus, pipeline.app.records, [handler], RetryPolicy(max_attempts=3, base_seconds=0.0)).run(
        idle_timeout=1.0)
    assert len(inbox.messages) == 1 and pipeline.app.records.quarantined() == []
