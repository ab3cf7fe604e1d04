"""Acknowledgements cannot be turned into a relay: they carry no text the sender typed, go at most a few
times a day to one address or because of one client, and optionally only to addresses known for the member."""

from __future__ import annotations

import pytest
from outbound_support import field_, make_item, smtp_config

from intake.errors import ConfigError
from intake.models import Party
from outbound.ack_guard import AckLimits, load_directory

SPAM = "URGENT appelez le 0899 123 456 pour débloquer votre remboursement"


def _form_item(n: int, address: str = "victime@example.net", peer: str | None = None, member: str = ""):
    """A public form naming ``address``; each item its own member, so each opens its own case."""
    item = make_item(n, channel="webform", headers={}, sender=Party(name=SPAM, email=address),
                     subject=SPAM, fields=[field_("member_number", member or f"{10_000_000 + n}")])
    meta = {"web_client": "public"} | ({"web_peer": peer} if peer else {})
    item.envelope = item.envelope.model_copy(update={"meta": meta, "body": SPAM})
    return item


def _acknowledge(pipeline, inbox, item, limits: AckLimits | None = None) -> str:
    case_id = pipeline.record(item)
    extra = {"ack_limits": limits} if limits else {}
    pipeline.handler(smtp=smtp_config(inbox), **extra)({"case_id": case_id, "envelope_id": item.envelope.id})
    return case_id


def _skips(pipeline, case_id) -> list[str]:
    return [e.data["reason"] for e in pipeline.app.records.events(case_id) if e.kind == "ack-skipped"]


def test_an_acknowledgement_carries_no_name_subject_or_message_the_sender_typed(pipeline, inbox):
    _acknowledge(pipeline, inbox, _form_item(1))
    [message] = inbox.messages
    text = message.as_string()
    assert message["To"] == "victime@example.net"
    assert "0899" not in text and "URGENT" not in text and "appelez" not in text.lower()
    assert message.get_content().startswith("Bonjour,")


def test_a_message_id_that_is_not_one_is_not_echoed_in_the_reply_headers(pipeline, inbox):
    item = make_item(2, headers={"message-id": "<URGENT appelez le 0899 123 456@x>"})
    _acknowledge(pipeline, inbox, item)
    [message] = inbox.messages
    assert "In-Reply-To" not in message and "0899" not in message.as_string()


def test_an_address_that_is_not_one_deliverable_mailbox_gets_no_acknowledgement(pipeline, inbox):
    item = make_item(3, sender=Party(name="Big Bug", email="Big Bug bb@bug.com"))
    case_id = _acknowledge(pipeline, inbox, item)
    assert inbox.messages == [] and _skips(pipeline, case_id) == ["no e-mail address for the member"]


def test_one_address_gets_at_most_its_daily_budget_of_acknowledgements(pipeline, inbox):
    limits = AckLimits(per_address=2, per_peer=100)
    cases = [_acknowledge(pipeline, inbox, _form_item(10 + n), limits) for n in range(4)]
    assert len(inbox.messages) == 2
    assert _skips(pipeline, cases[2]) == ["limite de 2 accusé(s) par jour atteinte pour cette adresse"]
    again = pipeline.handler(smtp=smtp_config(inbox), ack_limits=limits)
    again({"case_id": cases[0], "envelope_id": _form_item(10).envelope.id})  # a redelivery spends nothing more
    assert len(inbox.messages) == 2


def test_one_web_client_gets_at_most_its_daily_budget_whatever_the_addresses(pipeline, inbox):
    limits = AckLimits(per_address=100, per_peer=2)
    cases = [_acknowledge(pipeline, inbox, _form_item(20 + n, f"v{n}@example.net", peer="abc123"), limits)
             for n in range(3)]
    assert len(inbox.messages) == 2
    assert _skips(pipeline, cases[2]) == ["limite de 2 accusé(s) par jour atteinte pour ce client (même adresse réseau)"]


def test_with_known_addresses_only_an_address_the_directory_lacks_gets_nothing(pipeline, inbox, tmp_path):
    directory = tmp_path / "adherents.csv"
    directory.write_text("member_number,email\n12345678,Marie.Martin@example.org\n12345679,autre@example.org\n",
                         encoding="utf-8")
    limits = AckLimits(known_only=True, directory=load_directory(directory))
    stranger = _acknowledge(pipeline, inbox, _form_item(30, member="12345679"), limits)
    member = _acknowledge(pipeline, inbox, _form_item(31, "marie.martin@example.org", member="12345678"), limits)
    assert [m["To"] for m in inbox.messages] == ["marie.martin@example.org"]
    assert "adresse inconnue pour cet adhérent" in _skips(pipeline, stranger)[0] and not _skips(pipeline, member)


def test_known_addresses_only_without_a_directory_stops_at_start_up():
    with pytest.raises(ConfigError, match="INTAKE_ACK_DIRECTORY"):
        AckLimits(known_only=True)
