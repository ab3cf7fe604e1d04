"""Web-form submissions as drafts: flat text fields, the claimed date kept apart, hostile JSON refused
with a French reason."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.webform import draft_from_form, draft_from_json_bytes
from intake.drafts import Draft
from intake.errors import PermanentError
from intake.safejson import BadJson, LoneSurrogate


def _now() -> datetime:
    return datetime.now(timezone.utc)


def test_a_form_gives_a_webform_draft_with_its_sender_and_message():
    draft = draft_from_form({"name": "Jeanne Martin", "email": "jeanne@example.fr", "member_number": "12345678",
                             "message": "Bonjour, ma facture."}, source="web")
    assert (draft.channel, draft.sender.name, draft.sender.email) == ("webform", "Jeanne Martin", "jeanne@example.fr")
    assert draft.body == "Bonjour, ma facture.\n\nN° adhérent : 12345678"


@pytest.mark.parametrize("claimed", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00", "2026-02-30T00:00:00",
                                     "hier"])
def test_a_submitted_at_out_of_bounds_is_neither_the_received_time_nor_a_claimed_time(claimed):
    draft = draft_from_form({"message": "Bonjour", "submitted_at": claimed}, source="web")
    assert abs(draft.received_at - _now()) < timedelta(minutes=1)
    assert "claimed_at" not in draft.meta and draft.meta["submitted_at"] == claimed


def test_a_sane_submitted_at_is_kept_as_the_claimed_time_only():
    claimed = (_now() - timedelta(days=2)).replace(microsecond=0)
    draft = draft_from_form({"message": "Bonjour", "submitted_at": claimed.isoformat()}, source="web")
    assert draft.meta["claimed_at"] == claimed.isoformat()
    assert abs(draft.received_at - _now()) < timedelta(minutes=1)


def test_an_email_field_that_is_not_one_mailbox_is_not_the_senders_address():
    draft = draft_from_form({"message": "Bonjour", "email": "Big Bug bb@bug.com"}, source="web")
    assert draft.sender.email is None


def test_nul_characters_are_removed_from_every_field():
    draft = draft_from_form({"name": "Jea\x00nne", "subject": "Rem\x00b", "message": "Bon\x00jour"}, source="web")
    assert (draft.sender.name, draft.subject, draft.body) == ("Jeanne", "Remb", "Bonjour")


@pytest.mark.parametrize("data, error", [
    (b'{"message": "\\ud800 coucou"}', LoneSurrogate),
    (b'{"message": "x", "n": ' + b"9" * 5000 + b"}", BadJson),
    (b'{"message": ' + b"[" * 5000 + b"]" * 5000 + b"}", BadJson),
    (b'{"message": {"nested": "object"}}', PermanentError),
    (b"[1, 2]", PermanentError),
    (b'{"message": "x", "n": NaN}', BadJson),
    (b"\xff\xfe not utf-8", BadJson),
])
def test_hostile_json_files_are_refused_with_a_french_reason(data, error):
    with pytest.raises(error) as caught:
        draft_from_json_bytes(data, source="file:x.json")
    assert caught.value.message[0].islower() and " " in caught.value.message  # a sentence, not a type name


# -- property: any JSON text gives a draft or a refusal with a French reason, never another exception ------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40), st.sampled_from(["\ud800", "\x00", "9999-12-31T23:59:59", "0001-01-01"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                             max_size=3), max_leaves=8)
KEYS = st.sampled_from(["name", "email", "phone", "member_number", "subject", "message", "submitted_at", "id"]) \
    | st.text(max_size=12)


def _json_text(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode()


DOCUMENTS = st.one_of(
    st.dictionaries(KEYS, VALUES, max_size=8).map(_json_text),
    VALUES.map(_json_text),
    st.binary(max_size=200),
    st.builds(lambda depth, digits: b"[" * depth + b"1" * digits + b"]" * depth,
              st.integers(0, 3000), st.integers(1, 6000)),
    st.dictionaries(KEYS, VALUES, max_size=6).map(_json_text).flatmap(
        lambda text: st.integers(0, len(text)).map(lambda cut: text[:cut])),
)


@settings(max_examples=3000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=DOCUMENTS)
def test_any_json_gives_a_webform_draft_or_a_refusal_with_a_french_reason_never_another_exception(data):
    try:
        draft = draft_from_json_bytes(data, source="file:property.json")
    except PermanentError as exc:
        assert exc.message and not exc.message.startswith(("Expecting", "Invalid", "Extra"))
        return
    assert isinstance(draft, Draft) and draft.content_hash()
    assert abs(draft.received_at - _now()) < timedelta(minutes=5)
    texts = [draft.subject, draft.body, draft.sender.name or "", *draft.meta.values()]
    assert not any("\x00" in text for text in texts)
