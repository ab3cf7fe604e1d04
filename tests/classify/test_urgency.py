"""Urgency levels from French wording."""

from __future__ import annotations

from datetime import date

import pytest

from classify.urgency import assess_urgency


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Je vous adresse une mise en demeure de me rembourser sous huit jours.", "critical"),
        ("Mon avocat prendra contact avec vous.", "critical"),
        ("Sans réponse sous quinze jours je saisirai le médiateur de la consommation.", "critical"),
        ("Ceci est ma 3e relance concernant mon décompte de février.", "critical"),
        ("DERNIER RAPPEL avant de résilier mon contrat.", "critical"),
        ("C'est urgent : ma fille est opérée la semaine prochaine.", "high"),
        ("Merci de me répondre dès que possible.", "high"),
        ("Mon hospitalisation est prévue le 12 mars à la clinique du Parc.", "high"),
        ("J'entre à l'hôpital demain matin, il me faut l'accord de prise en charge.", "high"),
        ("2e relance : je n'ai pas reçu ma carte de tiers payant.", "high"),
        ("Pour information, j'ai changé de banque ; rien ne presse.", "low"),
        ("Pourriez-vous m'envoyer une attestation de droits ?", "normal"),
    ],
)
def test_wording_sets_the_urgency_level(text, level):
    assert assess_urgency(text).level == level


def test_the_most_severe_level_wins_over_a_milder_cue():
    result = assess_urgency("Sans urgence de mon côté, mais mon avocat, lui, est pressé.")
    assert result.level == "critical"


def test_concurring_cues_raise_confidence_and_are_listed():
    one = assess_urgency("C'est urgent.")
    two = assess_urgency("C'est urgent, merci de traiter mon dossier au plus vite, avant demain.")
    assert one.confidence < two.confidence <= 0.95
    assert two.reasons[0].startswith("urgency high: 'urgent'")


def test_a_past_visit_to_the_emergency_room_is_not_urgent():
    assert assess_urgency("Suite à mon passage aux urgences le 3 mars, voici la facture.").level == "normal"


def test_no_cue_means_normal_with_middling_confidence():
    result = assess_urgency("Bonjour, voici mon nouveau RIB.")
    assert (result.level, result.confidence) == ("normal", 0.5)


@pytest.mark.parametrize("text", ["Ce n'est pas urgent, merci de me répondre quand possible.",
                                  "Aucune urgence pour cette attestation.", "Rien d'urgent, simple question."])
def test_a_member_saying_it_is_not_urgent_gets_low_urgency(text):
    assert assess_urgency(text).level == "low"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Ma fille passe une épreuve du bac le 16/03/2026 et n'a plus de lunettes.", "high"),  # 14 days ahead
        ("Je dois déposer ma demande de visa le 18 mars 2026.", "high"),
        ("Merci de me répondre avant le 10 mars.", "high"),
        ("Je passe un concours le 4 avril 2026.", "normal"),  # more than three weeks ahead
        ("La facture envoyée le 12 mars n'est pas payée.", "normal"),  # no event word: the past
        ("Lyon, le 5 mars 2026\nPourriez-vous m'envoyer une attestation ?", "normal"),  # a letter's date line
        ("Relance n° 3 : mon remboursement de kiné.", "critical"),
        ("Adhérent se plaint : 3e courrier reçu lui demandant la même pièce.", "normal"),  # received, not sent
    ],
)
def test_a_written_date_is_near_only_against_the_day_the_item_was_received(text, level):
    assert assess_urgency(text, received=date(2026, 3, 2)).level == level


def test_without_the_received_day_a_written_date_is_no_cue():
    assert assess_urgency("Ma fille passe une épreuve le 16/03/2026.").level == "normal"
