"""Explicit cues, the model and the rules, combined: who decides, and the reasons say so."""

from __future__ import annotations

from datetime import datetime, timezone

from classify import NO_MODEL, RULES_ONLY, classify, combine
from classify.calibration import Calibration
from classify.model import HEADS, Prediction
from intake.models import Capture, Envelope


def envelope(body: str, channel: str = "email") -> Envelope:
    return Envelope(id="env-1", channel=channel, source="test", source_id="1", body=body,
                    received_at=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


def prediction(topic: tuple[str, float], complexity=("simple", 0.8), urgency=("normal", 0.8)) -> Prediction:
    """Model output giving each head's chosen label its probability and sharing the rest evenly."""
    chosen = {"topic": topic, "complexity": complexity, "urgency": urgency}
    probs = {}
    for head, (label, p) in chosen.items():
        others = [other for other in HEADS[head] if other != label]
        probs[head] = {label: p, **{other: (1 - p) / len(others) for other in others}}
    return Prediction(probs)


def test_a_strong_complaint_word_decides_over_a_confident_model_and_the_reason_says_so():
    text = "Je fais une réclamation : le remboursement de ma couronne dentaire est scandaleux."
    result = combine(text, prediction(("dental", 0.95)), version="v1")
    assert (result.topic, result.topic_confidence, result.decided_by["topic"]) == ("complaint", 0.95, "cue")
    assert result.reasons[0].startswith("topic complaint: decided by an explicit cue ('reclamation', 'scandaleux')")
    assert "model said dental 0.95" in result.reasons[0]


def test_a_legal_threat_makes_the_request_complex_and_critical_whatever_the_model_says():
    text = "Je vous mets en demeure de me rembourser 320 € ; à défaut je saisirai le médiateur."
    result = combine(text, prediction(("reimbursement", 0.6), ("simple", 0.9), ("normal", 0.9)))
    assert (result.topic, result.complexity, result.urgency) == ("complaint", "complex", "critical")
    assert set(result.decided_by.values()) == {"cue"}


def test_an_explicit_urgent_wins_over_a_model_sure_it_is_low():
    text = "URGENT : mon opération est prévue lundi prochain, il me faut la prise en charge."
    result = combine(text, prediction(("hospitalisation", 0.9), urgency=("low", 0.97)))
    assert (result.urgency, result.decided_by["urgency"]) == ("high", "cue")
    assert "model said low 0.97" in result.reasons[2]


def test_a_negated_urgency_is_low_even_when_the_model_says_high():
    for text in ("Ce n'est pas urgent, mais pouvez-vous m'envoyer une attestation ?",
                 "Rien ne presse : je voudrais une nouvelle carte de tiers payant.",
                 "Aucune urgence, c'est pour information."):
        result = combine(text, prediction(("certificate", 0.9), urgency=("high", 0.9)))
        assert (result.urgency, result.decided_by["urgency"]) == ("low", "cue"), text


def test_a_note_that_says_the_case_is_complex_or_simple_decides_complexity():
    complex_note = "Adh. appelle : changement de formule pour la famille. Dossier complexe, transmis au pôle expert."
    simple_note = "Appel : la couronne a-t-elle été payée ? Oui. RAS, pas la peine de passer par l'expert dentaire."
    assert combine(complex_note, prediction(("membership", 0.9), ("simple", 0.99))).complexity == "complex"
    assert combine(simple_note, prediction(("dental", 0.9), ("complex", 0.99))).complexity == "simple"


def test_a_litige_with_someone_else_is_not_a_complaint_by_itself():
    text = "J'ai un litige avec le parking de la clinique, mais ma question porte sur le forfait journalier."
    result = combine(text, prediction(("hospitalisation", 0.9)))
    assert (result.topic, result.decided_by["topic"]) == ("hospitalisation", "model+rules")


def test_without_a_cue_the_model_decides_and_agreement_with_the_rules_is_its_own_source():
    text = "Voici le devis de mon dentiste pour une couronne."
    alone = combine(text, prediction(("optical", 0.7)))
    agreed = combine(text, prediction(("dental", 0.7)))
    assert (alone.topic, alone.topic_confidence, alone.decided_by["topic"]) == ("optical", 0.7, "model")
    assert alone.reasons[0].endswith("rules said dental")
    assert (agreed.topic, agreed.decided_by["topic"]) == ("dental", "model+rules")
    assert agreed.reasons[0].endswith("rules agree") and next(iter(agreed.scores)) == "dental"


def test_the_confidence_is_calibrated_per_head_and_source():
    text = "Voici le devis de mon dentiste pour une couronne."
    shy = Calibration({"topic/model+rules": (1.0, -2.0)})
    result = combine(text, prediction(("dental", 0.9)), calibration=shy)
    assert result.topic_confidence < 0.9 and "confidence 0.55" in result.reasons[0]


def test_every_classification_records_the_model_version_or_that_the_rules_decided_alone():
    text = "Voici le devis de mon dentiste pour une couronne."
    assert combine(text, prediction(("dental", 0.9)), version="20260302-091500-vectors").model == \
        "20260302-091500-vectors"
    result = classify(envelope("Je souhaite résilier mon adhésion au 31 décembre."), Capture(envelope_id="env-1"))
    assert (result.topic, result.model) == ("membership", RULES_ONLY)
    assert result.reasons[-1] == NO_MODEL and set(result.decided_by.values()) <= {"cue", "rules"}


def test_the_routing_confidence_is_the_least_sure_head():
    result = combine("Voici le devis de mon dentiste.", prediction(("dental", 0.9), ("complex", 0.8), ("normal", 0.6)))
    assert result.confidence == min(result.topic_confidence, result.complexity_confidence, result.urgency_confidence)
    assert result.confidence == result.urgency_confidence


def test_without_an_urgency_cue_a_model_rating_a_plain_refund_critical_leaves_it_normal():
    # issue #24: the demo's glasses refund went to the complaints team because the model said "critical" 0.47
    text = "J'ai acheté des lunettes, j'ai réglé la facture : pouvez-vous me rembourser selon le forfait optique ?"
    result = combine(text, prediction(("optical", 0.9), urgency=("critical", 0.47)), version="v1")
    assert (result.urgency, result.decided_by["urgency"]) == ("normal", "rules")
    assert "model said critical 0.47" in result.reasons[2]


def test_glasses_bought_and_paid_are_a_simple_claim_for_the_rules():
    text = "Remboursement de lunettes. J'ai acheté des lunettes à verres progressifs, j'ai réglé la facture : " \
           "monture 140,00 €, verres 520,00 €. Pouvez-vous me rembourser ?"
    result = combine(text, None)
    assert (result.topic, result.complexity) == ("optical", "simple")


def test_a_second_minor_request_does_not_make_the_topic():
    text = "Adhérent déménage, demande la mise à jour de son adresse. Signale aussi un courrier pour ses lunettes."
    assert combine(text, None).topic == "change_of_details"


def test_the_model_overrules_the_rules_on_complexity_only_when_sure():
    text = "Pouvez-vous me dire si vous avez bien reçu ma facture de pharmacie ?"
    unsure = combine(text, prediction(("reimbursement", 0.9), ("complex", 0.7)), version="v1")
    sure = combine(text, prediction(("reimbursement", 0.9), ("complex", 0.95)), version="v1")
    assert (unsure.complexity, unsure.decided_by["complexity"]) == ("simple", "rules")
    assert "not sure enough to overrule" in unsure.reasons[1] and "model said complex 0.70" in unsure.reasons[1]
    assert (sure.complexity, sure.decided_by["complexity"]) == ("complex", "model")
