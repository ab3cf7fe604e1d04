"""The model and the near-certain rules, combined."""

from __future__ import annotations

from datetime import datetime, timezone

from classify import NO_MODEL, classify, combine
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


def test_a_strong_complaint_cue_overrides_a_confident_model():
    text = "Je fais une réclamation : le remboursement de ma couronne dentaire est scandaleux."
    result = combine(text, prediction(("dental", 0.95)))
    assert (result.topic, result.topic_confidence) == ("complaint", 0.95)
    assert result.reasons[0].startswith("topic complaint: rule override (cues 'reclamation', 'scandaleux')")
    assert "model dental 0.95" in result.reasons[0]


def test_a_legal_threat_makes_the_request_complex_and_critical_whatever_the_model_says():
    text = "Je vous mets en demeure de me rembourser 320 € ; à défaut je saisirai le médiateur."
    result = combine(text, prediction(("reimbursement", 0.6), ("simple", 0.9), ("normal", 0.9)))
    assert (result.topic, result.complexity, result.urgency) == ("complaint", "complex", "critical")


def test_otherwise_the_model_decides_and_its_probability_is_the_confidence():
    text = "Voici le devis de mon dentiste pour une couronne."
    result = combine(text, prediction(("optical", 0.7)))
    assert (result.topic, result.topic_confidence) == ("optical", 0.7)
    assert result.reasons[0].endswith("rules said dental")


def test_agreement_with_the_rules_raises_the_confidence_and_scores_hold_the_top_three():
    text = "Voici le devis de mon dentiste pour une couronne."
    result = combine(text, prediction(("dental", 0.7)))
    assert result.topic == "dental" and result.topic_confidence > 0.7
    assert result.reasons[0].endswith("rules agree")
    assert len(result.scores) == 3 and next(iter(result.scores)) == "dental"
    assert any(r.startswith("topic dental: cues") for r in result.reasons)  # the rule cues are listed too


def test_without_a_model_the_rules_classify_and_say_so():
    result = classify(envelope("Je souhaite résilier mon adhésion au 31 décembre."), Capture(envelope_id="env-1"))
    assert result.topic == "membership"
    assert result.reasons[-1] == NO_MODEL


def test_the_trained_model_classifies_an_envelope_and_is_overridden_on_a_strong_complaint(tiny_model):
    capture = Capture(envelope_id="env-1")
    plain = classify(envelope("Bonjour, pouvez-vous m'envoyer une attestation de droits ?"), capture, model=tiny_model)
    assert plain.screened is None and plain.topic in HEADS["topic"] and len(plain.scores) == 3
    assert NO_MODEL not in plain.reasons and plain.reasons[-1].startswith("model ")
    angry = classify(envelope("Réclamation : mon implant dentaire n'est pas remboursé, c'est inadmissible."),
                     capture, model=tiny_model)
    assert angry.topic == "complaint" and "rule override" in angry.reasons[0]


def test_screening_still_comes_first_with_a_model(tiny_model):
    auto = Envelope(id="env-2", channel="email", source="test", source_id="2", subject="Réponse automatique : absent",
                    body="Je suis absent du bureau.", received_at=datetime(2026, 3, 2, tzinfo=timezone.utc))
    assert classify(auto, Capture(envelope_id="env-2"), model=tiny_model).screened == "auto-reply"
