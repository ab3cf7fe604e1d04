"""Simple versus complex requests."""

from __future__ import annotations

from classify.complexity import assess_complexity, count_amounts
from classify.topics import detect_topic


def assess(text: str, amounts: int | None = None):
    topic = detect_topic(text)
    return assess_complexity(text, topic.topic, topic.scores, amounts)


def test_a_dental_quote_for_an_implant_is_complex():
    result = assess(
        "Bonjour, mon dentiste me propose la pose d'un implant et d'une couronne céramique. "
        "Ci-joint le devis de 1 850 € (implant 1 200 €, couronne 650 €)."
    )
    assert result.level == "complex"
    assert result.confidence > 0.7
    assert "'implant'" in result.reasons[0] and "3 amounts" in result.reasons[0]


def test_a_prior_agreement_for_a_private_room_is_complex():
    result = assess(
        "Je serai hospitalisé à la clinique du Parc : merci de m'envoyer la prise en charge "
        "pour la chambre particulière."
    )
    assert result.level == "complex"


def test_a_question_about_refunded_glasses_is_simple():
    result = assess("Bonjour, où en est le remboursement de mes lunettes ? Merci.")
    assert result.level == "simple"


def test_a_certificate_request_is_simple_and_says_why():
    result = assess("Pourriez-vous m'envoyer une attestation de droits pour mon employeur ?")
    assert result.level == "simple"
    assert result.reasons[0].startswith("complexity simple: 'pourriez-vous m'envoyer', topic certificate")


def test_a_change_of_address_is_simple():
    result = assess("Suite à mon déménagement, voici ma nouvelle adresse : 3 place Diderot, 52200 Langres.")
    assert result.level == "simple"


def test_a_dispute_is_complex_whatever_the_topic():
    result = assess("Je suis en litige avec vous au sujet de mes cotisations et je saisis le médiateur.")
    assert result.level == "complex"


def test_a_long_letter_raising_several_issues_is_complex():
    text = (
        "Madame, Monsieur, je vous écris au sujet de plusieurs dossiers. D'abord mes nouvelles lunettes : "
        "l'opticien a envoyé la facture de la monture et des verres, 540 €. Ensuite la couronne posée par "
        "mon dentiste en janvier, 600 €, dont je n'ai reçu aucun décompte. Enfin mon fils a été hospitalisé "
        "trois jours à la clinique en mars, et le forfait journalier m'a été facturé 60 €. "
    ) * 5
    result = assess(text)
    assert result.level == "complex"
    assert "several issues" in result.reasons[0] and "long text" in result.reasons[0]


def test_amounts_found_by_capture_count_even_if_the_text_hides_them():
    assert "5 amounts" in assess("Remboursements de mars", amounts=5).reasons[0]


def test_euro_amounts_are_counted_once_each():
    assert count_amounts("Devis 1 850,00 € dont 1 200 € d'implant, soit 1 850,00 € au total et 650 euros") == 3


def test_confidence_stays_between_a_half_and_one():
    for text in ("Bonjour", "Devis implant couronne 1 200 € 650 €", "Attestation"):
        assert 0.5 <= assess(text).confidence <= 1.0
