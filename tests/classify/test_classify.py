"""The whole classification of one envelope and its capture."""

from __future__ import annotations

from datetime import datetime, timezone

from classify import classify
from intake.models import Capture, DocumentCapture, Envelope, ExtractedField, PageCapture


def envelope(body: str = "", subject: str = "", channel: str = "email") -> Envelope:
    return Envelope(
        id="env-1", channel=channel, source="test", source_id="1", subject=subject, body=body,
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc),
    )


def capture(text: str = "", fields: tuple[ExtractedField, ...] = ()) -> Capture:
    pages = (PageCapture(number=1, text=text, method="ocr", confidence=0.9),) if text else ()
    document = DocumentCapture(name="courrier.pdf", sha256="0" * 64, mime="application/pdf", pages=pages)
    return Capture(envelope_id="env-1", documents=(document,), fields=fields)


def amount(value: str) -> ExtractedField:
    return ExtractedField(
        kind="amount", value=value, normalized=value, source="courrier.pdf", start=0, end=1, confidence=0.9
    )


def test_a_scanned_dental_quote_letter_is_dental_complex_with_scores_and_reasons():
    letter = (
        "Langres, le 2 mars 2026\nMadame, Monsieur,\nVeuillez trouver ci-joint le devis de mon dentiste "
        "pour un bridge de trois éléments. Je souhaiterais connaître le montant de votre prise en charge."
    )
    result = classify(envelope(channel="letter"), capture(letter, (amount("1450.00"), amount("320.00"))))
    assert (result.topic, result.complexity, result.urgency, result.screened) == ("dental", "complex", "normal", None)
    assert result.scores["dental"] > result.scores["optical"]
    assert result.reasons[0].startswith("topic dental: rules only")  # the decision first, then the rule cues
    assert any(r.startswith("topic dental: cues 'dentiste', 'bridge', 'devis'") for r in result.reasons)
    assert any("2 amounts" in r for r in result.reasons)
    assert 0.45 < result.confidence <= 1.0


def test_the_subject_counts_with_the_text():
    result = classify(envelope(subject="Demande d'attestation"), capture("Merci de me l'envoyer par courriel."))
    assert result.topic == "certificate"


def test_the_envelope_body_is_read_when_capture_read_nothing():
    result = classify(envelope(body="Je souhaite résilier mon adhésion au 31 décembre."), capture())
    assert result.topic == "membership"


def test_an_urgent_hospitalisation_request_by_phone_is_complex_and_high():
    note = (
        "Appel de Mme Garnier : hospitalisation prévue le 5 mars en chirurgie ambulatoire, "
        "demande la prise en charge en urgence."
    )
    result = classify(envelope(body=note, channel="phone"), capture())
    assert (result.topic, result.complexity, result.urgency) == ("hospitalisation", "complex", "high")


def test_an_auto_reply_is_screened_before_any_topic_is_looked_for():
    auto = envelope(subject="Réponse automatique : Votre remboursement", body="Je suis absent du bureau.")
    result = classify(auto, capture())
    assert (result.screened, result.topic, result.scores) == ("auto-reply", "other", {})


def test_an_earlier_message_quoted_under_a_reply_is_not_read_as_the_request():
    from classify import new_text

    reply = ("Merci. Le virement apparaîtra sous quel libellé ?\n\n> Le 25 févr., Service prestations a écrit :\n"
             "> Nous avons reçu le devis de votre implant dentaire.")
    assert new_text(reply) == "Merci. Le virement apparaîtra sous quel libellé ?"
    forwarded = "Voir ci-dessous.\n-----Message d'origine-----\nDe : Service adhérents\nVotre attestation est jointe."
    assert new_text(forwarded) == "Voir ci-dessous."
    assert new_text("> tout est cité") == "> tout est cité"  # nothing new: keep the text rather than nothing
