"""Topic detection on realistic French requests."""

from __future__ import annotations

import pytest

from classify.topics import TOPIC_CUES, TOPICS, cue_literal, cue_pattern, detect_topic, find_cues, fold

EXAMPLES = {
    "reimbursement": (
        "Bonjour, j'ai envoyé le 12 février la feuille de soins de ma consultation chez le Dr Lemaire "
        "et je ne vois pas le remboursement sur mon décompte. Adhérent n° 40217736."
    ),
    "hospitalisation": (
        "Madame, Monsieur, mon épouse doit être hospitalisée à la clinique Saint-Roch pour une "
        "intervention chirurgicale du genou. Pourriez-vous nous adresser la prise en charge pour la "
        "chambre particulière ?"
    ),
    "dental": (
        "Bonjour, mon dentiste me propose la pose d'un implant et d'une couronne céramique. "
        "Vous trouverez ci-joint le devis. Quel sera le montant remboursé par la mutuelle ?"
    ),
    "optical": (
        "Bonjour, je dois changer de lunettes : mon opticien m'a remis un devis pour une monture et "
        "deux verres progressifs. Pouvez-vous me dire ce que vous prendrez en charge ?"
    ),
    "complaint": (
        "Madame, Monsieur, je suis très mécontente du traitement de mon dossier : personne ne répond "
        "à mes courriers. C'est inadmissible."
    ),
    "membership": (
        "Bonjour, je souhaite résilier mon contrat santé à la date d'échéance car mon nouvel employeur "
        "propose une mutuelle obligatoire."
    ),
    "certificate": (
        "Bonjour, pourriez-vous m'envoyer une attestation de droits et une nouvelle carte de tiers "
        "payant ? J'ai perdu la mienne."
    ),
    "change_of_details": (
        "Bonjour, suite à mon déménagement, voici ma nouvelle adresse : 14 rue des Lilas, 52200 Langres. "
        "Je joins également mon nouveau RIB."
    ),
    "other": "Bonjour, quels sont vos horaires d'ouverture le samedi ?",
}


@pytest.mark.parametrize("topic", list(EXAMPLES))
def test_a_typical_french_request_gets_its_topic(topic):
    assert detect_topic(EXAMPLES[topic]).topic == topic


def test_every_topic_has_an_example():
    assert set(EXAMPLES) == set(TOPICS)


def test_a_clear_complaint_about_a_reimbursement_is_a_complaint():
    result = detect_topic(
        "Cela fait deux mois que j'attends le remboursement de mes séances de kinésithérapie, "
        "décompte après décompte rien n'arrive : je dépose une réclamation."
    )
    assert result.topic == "complaint"
    assert result.scores["reimbursement"] > result.scores["complaint"]
    assert "complaint outweighs reimbursement: the member complains about it" in result.reasons


def test_contesting_the_amount_refunded_for_a_crown_is_a_complaint():
    assert detect_topic("Je conteste le montant remboursé pour ma couronne dentaire.").topic == "complaint"


def test_a_mere_reminder_is_a_follow_up_not_a_complaint():
    result = detect_topic("Je vous relance : je n'ai toujours pas reçu ma carte de tiers payant.")
    assert result.topic == "certificate"


def test_the_word_adherent_in_a_member_number_does_not_mean_membership():
    result = detect_topic("Numéro d'adhérent 40217736 : merci de m'envoyer mon attestation.")
    assert result.scores["membership"] == 0
    assert result.topic == "certificate"


def test_the_reason_names_the_cues_that_fired():
    result = detect_topic("Devis pour une couronne")
    assert result.reasons == ("topic dental: cues 'couronne', 'devis'",)


def test_stems_are_shown_as_the_word_they_matched():
    result = detect_topic("Je souhaite la résiliation de mon adhésion.")
    assert result.reasons == ("topic membership: cues 'adhesion', 'resiliation'",)


def test_capitals_and_missing_accents_are_matched_like_the_cue():
    assert detect_topic("RECLAMATION : DECOMPTE ERRONE").topic == "complaint"
    assert detect_topic("Demande de prise en charge, hopital Necker").topic == "hospitalisation"


def test_a_request_with_two_even_topics_gets_a_lower_confidence_than_a_clear_one():
    clear = detect_topic(EXAMPLES["dental"])
    mixed = detect_topic("Mes lunettes et ma couronne")
    assert mixed.confidence < 0.45 < clear.confidence <= 1.0


def test_optical_beats_reimbursement_when_asking_about_glasses():
    result = detect_topic("Quand serai-je remboursé de mes lunettes ?")
    assert result.topic == "optical"
    assert 0.45 <= result.confidence < 1.0


def test_a_request_without_cues_is_other_with_no_confidence():
    result = detect_topic("Bonjour, merci.")
    assert (result.topic, result.confidence) == ("other", 0.0)


def test_fold_lowercases_strips_accents_and_punctuation():
    assert fold("Réclamation : décompte n°12 – « erroné » ; cœur") == "reclamation decompte n 12 errone coeur"


@pytest.mark.parametrize(
    ("cue", "text", "found"),
    [
        ("rembours*", "remboursements", True),
        ("rib", "ribambelle", False),
        ("verre*", "verres", True),
        ("feuille* de soin*", "feuilles de soins", True),
        ("carte* d'adhérent", "cartes d'adhérent", True),
        ("dent", "dentelle", False),
    ],
)
def test_cue_patterns_match_whole_words_stems_and_plurals(cue, text, found):
    assert bool(cue_pattern(cue).search(fold(text))) is found


def test_every_cue_has_a_fixed_piece_that_any_match_contains():
    for cues in TOPIC_CUES.values():
        for cue in cues:
            literal = cue_literal(cue)
            assert literal and literal in cue_pattern(cue).pattern.replace("\\", "")


def test_the_substring_test_before_the_regex_finds_the_same_cues_as_the_regex_alone():
    from samples.letters import make_letter

    texts = [fold("\n".join(make_letter(seed).paragraphs) + make_letter(seed).subject) for seed in range(150)]
    for text in texts:
        for cues in TOPIC_CUES.values():
            assert find_cues(text, cues) == {c: w for c, w in cues.items() if cue_pattern(c).search(text)}
