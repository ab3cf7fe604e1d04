"""Each link records its evidence and strength; a link the item's own sender or member number
contradicts never joins silently: a warning (and review), or a new case related to the other."""

from __future__ import annotations

from datetime import timedelta

import pytest
from items import T0, _field, _item

from intake.models import Classification, Party
from storage.base import open_store
from storage.cases import record_item
from storage.link_checks import LinkPolicy
from storage.records import Records

MARIE = Party(name="Marie Martin", email="marie.martin@example.org")
REVIEW = LinkPolicy(other_member="related", unknown_sender="review")


@pytest.fixture(params=["local", "s3"])
def records(request, tmp_path):
    url = f"file://{tmp_path / 'store'}" if request.param == "local" else request.getfixturevalue("s3_url")
    return Records(open_store(url))


def sent(n: int, sender: Party | None = MARIE, member: str | None = "12345678", **options):
    """An item from ``sender``, carrying ``member`` as its member number, stored as capture would."""
    fields = [*options.pop("fields", ()), *([_field("member_number", member)] if member else [])]
    envelope, capture, classification, route = _item(n, fields=fields, **options)
    return envelope.model_copy(update={"sender": sender or Party()}), capture, classification, route


def recorded(records: Records, item, policy: LinkPolicy = REVIEW):
    records.put_envelope(item[0])
    records.put_capture(item[1])
    return record_item(records, *item, policy=policy)


def evidence(records: Records, case_id: str, envelope_id: str, kind: str = "linked") -> dict:
    return records.item_event(case_id, envelope_id, f"{envelope_id}-2-{kind}").data["evidence"]


def test_a_reply_from_the_same_sender_is_a_strong_link_backed_by_the_sender_and_the_member(records):
    case, _ = recorded(records, sent(1, headers={"message-id": "<a@x.fr>"}))
    reply = sent(2, at=T0 + timedelta(hours=1), headers={"in-reply-to": "<a@x.fr>"})
    joined, link = recorded(records, reply)
    assert joined.id == case.id and link.evidence["strength"] == "strong"
    assert evidence(records, case.id, reply[0].id) == {"by": "thread", "value": "<a@x.fr>", "strength": "strong",
                                                       "backed_by": ["member_number", "sender"], "disagreements": []}


def test_a_quoted_reference_without_a_member_number_or_sender_is_a_medium_link(records):
    case, _ = recorded(records, sent(1))
    letter = sent(2, sender=None, member=None, channel="letter", fields=[_field("case_ref", case.id)])
    _, link = recorded(records, letter)
    assert (link.evidence["by"], link.evidence["strength"], link.evidence["backed_by"]) == ("case_ref", "medium", [])


def test_the_same_member_on_the_same_topic_is_backed_by_the_member_number_whatever_the_address(records):
    case, _ = recorded(records, sent(1))
    _, link = recorded(records, sent(2, sender=Party(email="m.martin@travail.example"), at=T0 + timedelta(days=1)))
    assert (link.evidence["by"], link.evidence["strength"]) == ("member_topic", "strong")
    assert link.case_id == case.id and "action" not in link.evidence


def test_a_reply_from_an_unknown_address_joins_with_a_warning_for_the_review_team(records):
    case, _ = recorded(records, sent(1, headers={"message-id": "<a@x.fr>"}))
    stranger = sent(2, sender=Party(email="paul@autre.example"), member=None, headers={"in-reply-to": "<a@x.fr>"})
    joined, link = recorded(records, stranger)
    assert joined.id == case.id and stranger[0].id in joined.items
    assert (link.evidence["strength"], link.evidence["disagreements"], link.evidence["action"]) == (
        "weak", ["unknown_sender"], "review")
    warning = records.item_event(case.id, stranger[0].id, f"{stranger[0].id}-2-link-warning")
    assert warning.data == {"action": "review", "disagreements": ["unknown_sender"]}
    assert "jamais été vu" in warning.summary and "relecture" in warning.summary


def test_with_the_join_policy_an_unknown_address_joins_with_a_warning_only(records):
    case, _ = recorded(records, sent(1, headers={"message-id": "<a@x.fr>"}))
    stranger = sent(2, sender=Party(email="paul@autre.example"), member=None, headers={"in-reply-to": "<a@x.fr>"})
    _, link = recorded(records, stranger, LinkPolicy(unknown_sender="join"))
    warning = records.item_event(case.id, stranger[0].id, f"{stranger[0].id}-2-link-warning")
    assert link.evidence["action"] == "join" and warning.data["action"] == "join"


def test_another_members_letter_quoting_a_case_opens_a_related_case_and_both_say_so(records):
    case, _ = recorded(records, sent(1))
    letter = sent(2, sender=None, member="87654321", channel="letter", fields=[_field("case_ref", case.id)])
    other, link = recorded(records, letter)
    assert link.new and other.id != case.id and other.member == "87654321"
    assert [e.kind for e in records.events(other.id)][:3] == ["received", "opened", "related"]
    assert records.case(case.id).items == (case.items[0],)  # the letter is not an item of the quoted case
    [related] = [e for e in records.events(case.id) if e.kind == "related"]
    assert related.envelope_id is None and related.data == {"related_case": other.id, "item": letter[0].id}
    again, link_again = recorded(records, letter)  # redelivered: the same case, the same evidence, no new event
    assert again.id == other.id and link_again.evidence == link.evidence
    assert len(records.events(case.id)) == 6 and len(records.events(other.id)) == 6


def test_an_auto_reply_from_an_unknown_address_joins_its_thread_without_a_warning(records):
    case, _ = recorded(records, sent(1, headers={"message-id": "<a@x.fr>"}))
    away = sent(2, sender=Party(email="mailer-daemon@relay.example"), member=None, headers={"in-reply-to": "<a@x.fr>"})
    away = (*away[:2], Classification(screened="bounce", topic="other"), away[3])
    _, link = recorded(records, away)
    assert link.case_id == case.id and link.evidence["disagreements"] == [] and "action" not in link.evidence


def test_another_members_item_joined_with_a_warning_stays_out_of_that_members_cases(records):
    case, _ = recorded(records, sent(1))
    letter = sent(2, sender=None, member="87654321", channel="letter", fields=[_field("case_ref", case.id)])
    joined, link = recorded(records, letter, LinkPolicy(other_member="review"))
    assert joined.id == case.id and link.evidence["action"] == "review"
    assert records.member_cases("87654321") == [] and records.member_cases("12345678") == [case.id]


def test_a_batch_letter_with_a_case_barcode_joins_it_on_strong_evidence_even_with_another_member_number(records):
    case, _ = recorded(records, sent(1))
    letter = sent(2, sender=None, member="87654321", channel="letter")
    letter = (letter[0].model_copy(update={"meta": {"barcode_case_ref": case.id}}), *letter[1:])
    joined, link = recorded(records, letter)
    assert joined.id == case.id and not link.new
    assert evidence(records, case.id, letter[0].id) == {"by": "barcode", "value": case.id, "strength": "strong",
                                                        "backed_by": ["barcode"], "disagreements": []}


def test_a_barcode_naming_no_known_case_opens_a_case_of_its_own(records):
    letter = sent(1, sender=None, channel="letter")
    letter = (letter[0].model_copy(update={"meta": {"barcode_case_ref": "IN-X83F-VXER"}}), *letter[1:])
    case, link = recorded(records, letter)
    assert link.new and case.id != "IN-X83F-VXER"
