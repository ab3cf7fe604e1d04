"""Suggested answers for simple requests: filled from the extracted fields,
missing ones clearly marked, stored on the case and readable through the API."""

from __future__ import annotations

from outbound_support import T0, field_, make_item

from intake.models import Case
from outbound.answers import suggest_answer, suggested_answer, suggested_answers
from outbound.templates import Templates


def _case() -> Case:
    return Case(id="IN-TEST-0000", opened_at=T0)


def _suggest(item, templates=None):
    return suggest_answer(_case(), item.envelope, item.capture, item.classification, templates)


def test_a_simple_reimbursement_request_is_answered_with_its_care_date_and_amount():
    item = make_item(1, fields=[field_("date", "2026-11-20"), field_("date", "2026-11-02"),
                                field_("amount", "1234.50"), field_("member_number", "12345678")])
    answer = _suggest(item)
    assert "vos soins du 2 novembre 2026, d'un montant de 1\u202f234,50\u00a0€" in answer.text
    assert "adhérent n° 12345678" in answer.text and answer.subject.startswith("Votre remboursement du 2 novembre 2026")
    assert set(answer.used_fields) == {"care_date", "amount", "member_number"}
    assert answer.missing_fields == ("iban",) and "[à compléter : IBAN, 4 derniers caractères]" in answer.text
    assert "[à compléter : date du virement]" in answer.text and "date du virement" in answer.blanks


def test_missing_date_and_amount_show_as_marked_blanks():
    answer = _suggest(make_item(2))
    assert "vos soins du [à compléter : date des soins], d'un montant de [à compléter : montant]" in answer.text
    assert {"care_date", "amount", "member_number"} <= set(answer.missing_fields) and answer.used_fields == ()


def test_the_care_date_is_neither_the_letter_date_nor_a_birth_date():
    dates = ["1956-04-12", "2026-11-23", "2026-10-05", "2027-01-01"]  # birth, letter, care, next appointment
    item = make_item(3, fields=[field_("date", d) for d in dates])
    assert "vos soins du 5 octobre 2026" in _suggest(item).text


def test_a_new_iban_shows_only_its_last_four_characters():
    item = make_item(4, topic="change_of_details", fields=[field_("iban", "FR7630006000011234567890189"),
                                                          field_("member_number", "12345678")])
    text = _suggest(item).text
    assert "**** **** **** **** **** ***0 189" in text and "FR76" not in text and "30006" not in text


def test_a_certificate_answer_names_the_certificate_asked_for():
    item = make_item(5, topic="certificate", subject="Demande d'attestation de tiers payant",
                     fields=[field_("member_number", "12345678")])
    answer = _suggest(item)
    assert "votre attestation de tiers payant pour l'adhérent n° 12345678" in answer.text


def test_a_topic_without_an_answer_template_gets_no_suggestion():
    assert _suggest(make_item(6, topic="complaint")) is None


def test_an_operator_template_overrides_the_packaged_one(tmp_path):
    (tmp_path / "answer").mkdir()
    (tmp_path / "answer" / "reimbursement.fr.txt.j2").write_text(
        'Objet : Remboursement\n\nMontant : {{ field("amount", "montant") }}\n', encoding="utf-8")
    answer = _suggest(make_item(7, fields=[field_("amount", "42")]), Templates(tmp_path))
    assert answer.text == "Montant : 42,00\u00a0€\n" and answer.template == "answer/reimbursement.fr.txt.j2"


def test_the_outbound_stage_stores_the_answer_of_a_simple_item_once_and_the_api_reads_it(pipeline):
    item = make_item(8, fields=[field_("amount", "60")])
    case_id = pipeline.record(item)
    handler = pipeline.handler()
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    stored = suggested_answer(pipeline.app.records, case_id, item.envelope.id)
    assert stored is not None and "60,00\u00a0€" in stored.text
    assert suggested_answers(pipeline.app.records, case_id) == [stored]
    assert pipeline.kinds(case_id).count("suggested-answer") == 1


def test_a_complex_item_gets_no_suggested_answer(pipeline):
    item = make_item(9, complexity="complex")
    case_id = pipeline.record(item)
    pipeline.handler()({"case_id": case_id, "envelope_id": item.envelope.id})
    assert suggested_answer(pipeline.app.records, case_id, item.envelope.id) is None
    assert "suggested-answer" not in pipeline.kinds(case_id)
