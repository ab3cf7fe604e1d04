"""Person and organisation names with the real fr_core_news_sm model (no mocks)."""

from __future__ import annotations

import pytest

from capture.names import NameFinder, is_noise, is_person, load_model, one_spelling
from intake.models import ExtractedField

LETTER = (
    "Madame, Monsieur,\n"
    "Je soussignée Marie Dupont, adhérente de la Mutuelle Générale, conteste le refus "
    "de remboursement de mes lunettes.\n"
    "Cordialement,\nMarie Dupont"
)
INVOICE = "Facture pour M. Jean-Pierre Martin.\nLe Crédit Agricole a rejeté le prélèvement."


@pytest.fixture(scope="module")
def found():
    return NameFinder().find([(LETTER, "body"), (INVOICE, "attachment:facture.pdf#p1"), ("", "empty")])


def test_there_is_one_result_list_per_input_text_in_the_same_order(found):
    assert len(found) == 3
    assert {f.source for f in found[0]} == {"body"}
    assert {f.source for f in found[1]} == {"attachment:facture.pdf#p1"}
    assert found[2] == []


def test_a_signatory_is_found_as_a_person_each_time_it_appears(found):
    people = [f for f in found[0] if f.kind == "person"]
    assert [f.normalized for f in people] == ["Marie Dupont", "Marie Dupont"]
    assert all(f.confidence == 0.8 and f.valid for f in people)


def test_a_bank_and_a_mutual_are_found_as_organisations(found):
    orgs = {f.normalized for batch in found for f in batch if f.kind == "organisation"}
    assert {"Mutuelle Générale", "Crédit Agricole"} <= orgs


def test_a_hyphenated_first_name_is_kept_whole(found):
    assert "Jean-Pierre Martin" in {f.normalized for f in found[1] if f.kind == "person"}


def test_salutations_are_not_reported_as_people(found):
    assert not {"Madame", "Monsieur"} & {f.value for f in found[0]}


def test_offsets_point_at_the_name_in_its_own_text(found):
    for text, batch in zip((LETTER, INVOICE), found):
        for f in batch:
            assert text[f.start:f.end] == f.value
            assert "\n" not in f.value


def test_the_model_is_loaded_once_and_shared():
    assert load_model() is load_model() is load_model("fr_core_news_sm")


@pytest.mark.parametrize("value", ["X", "12345", "  ", "Madame", "M. Monsieur", "2026-03-12"])
def test_one_letter_digit_only_and_title_only_entities_are_noise(value):
    assert is_noise(value.strip())


def test_a_real_name_is_not_noise():
    assert not is_noise("Dr Sophie Lefèvre")


def test_only_the_ner_component_runs_because_it_does_not_listen_to_the_shared_tok2vec():
    assert load_model().pipe_names == ["ner"]


def test_the_names_found_are_the_ones_found_with_the_shared_tok2vec_running():
    import spacy

    from samples.letters import make_letter

    texts = [LETTER, INVOICE] + ["\n".join(make_letter(seed).paragraphs) + f"\n{make_letter(seed).sender_name}"
                                 for seed in range(40)]
    with_tok2vec = spacy.load("fr_core_news_sm", disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])
    assert with_tok2vec.pipe_names == ["tok2vec", "ner"]
    expected = [[(e.text, e.label_, e.start_char) for e in doc.ents] for doc in with_tok2vec.pipe(texts)]
    actual = [[(e.text, e.label_, e.start_char) for e in doc.ents] for doc in load_model().pipe(texts)]
    assert actual == expected
    assert sum(map(len, actual)) > 40


def test_a_component_with_a_listener_layer_is_seen_as_listening():
    import spacy

    from capture.names import _listens

    full = spacy.load("fr_core_news_sm")
    assert _listens(full.get_pipe("parser"))
    assert not _listens(full.get_pipe("ner"))


def test_a_surname_in_capitals_the_model_leaves_out_is_part_of_the_name():
    (found,) = NameFinder().find([("Cordialement,\nGérard LAMBERT\n12 rue Paul Bert", "body")])
    assert [f.value for f in found if f.kind == "person"] == ["Gérard LAMBERT"]


@pytest.mark.parametrize(("value", "before"), [
    ("Paul Bert", "12 rue "), ("de Gaulle", "3 avenue du Général "), ("Édouard Herriot", "Hôpital "),
    ("Gérard", ""), ("Réf", ""), ("Escalier C - 83", ""), ("Escalier C", ""), ("M. Martin", ""), ("J. Martin", ""),
])
def test_streets_buildings_single_words_and_digits_are_no_person(value, before):
    assert not is_person(value, before)


@pytest.mark.parametrize("value", ["Marie Dupont", "Jean-Pierre MARTIN", "Charles de Gaulle", "Mme Claire Morel"])
def test_a_first_name_and_a_surname_make_a_person(value):
    assert is_person(value, "Je soussignée ")


def test_a_name_alone_on_its_line_is_a_person_even_when_the_model_splits_it():
    letter = "Sylvie Bertrand\n12 rue Paul Bert\n69003 Lyon\n\nMadame, Monsieur,\nCordialement,\nJosiane LAMBERT\n"
    (found,) = NameFinder().find([(letter, "body")])
    assert [f.value for f in found if f.kind == "person"] == ["Sylvie Bertrand", "Josiane LAMBERT"]
    assert all(letter[f.start:f.end] == f.value for f in found)


def test_an_institution_alone_on_its_line_is_no_person():
    (found,) = NameFinder().find([("Clinique Pasteur\nService Relation Adhérents\n", "body")])
    assert not [f for f in found if f.kind == "person"]


def test_a_person_read_once_without_an_accent_keeps_the_accented_spelling_everywhere():
    letter = "Hélène LAMBERT\n3 rue des Lilas\n\nMadame, Monsieur,\nCordialement,\nHélene LAMBERT\n"
    (found,) = NameFinder().find([(letter, "body")])
    people = [f for f in found if f.kind == "person"]
    assert [f.value for f in people] == ["Hélène LAMBERT", "Hélene LAMBERT"]
    assert {f.normalized for f in people} == {"Hélène LAMBERT"}


def test_one_spelling_holds_across_the_pages_of_an_item_and_leaves_other_people_alone():
    pages = [("Nathalie GUERIN\n", "p1"), ("Cordialement,\nNathalie GUÉRIN\n", "p2"), ("Paul Martin\n", "p3")]
    found = one_spelling([[_person(text.split("\n")[-2], source)] for text, source in pages])
    assert [batch[0].normalized for batch in found] == ["Nathalie GUÉRIN", "Nathalie GUÉRIN", "Paul Martin"]


def _person(value, source):
    return ExtractedField(kind="person", value=value, normalized=value, source=source, start=0, end=len(value),
                          confidence=0.8)


def test_a_mark_ocr_added_that_french_does_not_use_is_not_the_spelling_kept():
    found = one_spelling([[_person("Nathalie Roux", "p1"), _person("Nathälie Roux", "p1")]])
    assert {f.normalized for f in found[0]} == {"Nathalie Roux"}


def test_the_reading_seen_most_often_wins_over_one_odd_reading():
    found = one_spelling([[_person("Helene Petit", "p1"), _person("Helene Petit", "p1"), _person("Hélene Petit", "p2")]])
    assert {f.normalized for f in found[0]} == {"Helene Petit"}


def test_a_name_in_capitals_and_in_small_letters_keep_their_own_case():
    found = one_spelling([[_person("Sébastien Mercier", "p1")], [_person("Sebastien MERCIER", "p2")]])
    assert [batch[0].normalized for batch in found] == ["Sébastien Mercier", "Sebastien MERCIER"]


# the words of case pages the small model took for names (the demo's optician and dentist letters, a call note)
CASE_PAGE = (
    "Optique de la Croix-Rousse\n"
    "Désignation Montant TTC\n"
    "Couronne céramo-métallique 450,00 €\n"
    "Total 1 450,00 €\n"
    "Mes précédentes lunettes datent de 2020.\n"
    "Dr Claire Moreau - Ophtalmologiste\n"
    "PJ : facture, ordonnance\n"
    "Cordialement,\nKarim Benali"
)
CALL_NOTE = "Appel REMB : l'adhérente demande où en est son remboursement."


@pytest.fixture(scope="module")
def case_page_names():
    return [[(f.kind, f.value) for f in batch]
            for batch in NameFinder().find([(CASE_PAGE, "attachment:lettre.pdf#p1"), (CALL_NOTE, "body")])]


def test_abbreviations_table_words_and_possessives_are_not_organisations(case_page_names):
    organisations = {value for batch in case_page_names for kind, value in batch if kind == "organisation"}
    assert not organisations & {"PJ", "TTC", "Mes", "REMB", "Couronne", "Total", "Total 1"}, organisations


def test_a_shop_name_a_table_header_and_a_call_code_are_not_persons(case_page_names):
    persons = {value for batch in case_page_names for kind, value in batch if kind == "person"}
    assert "Karim Benali" in persons
    assert not persons & {"Optique de la Croix-Rousse", "Désignation Montant TTC", "Appel REMB"}, persons


def test_a_person_is_named_without_the_role_after_a_dash(case_page_names):
    assert ("person", "Claire Moreau") in case_page_names[0]
    assert ("person", "Claire Moreau - Ophtalmologiste") not in case_page_names[0]


ADDRESSED = ("Catherine Mercier\n117 place de la Gare\n01000 Bourg-en-Bresse\nMutuelle Santé Horizon\n"
             "Service Prestations Santé\n27 rue des Tanneurs\n69441 Lyon Cedex 03\nBonjour,\n"
             "Le Dr Haddad et la Sécurité sociale, dossier IN-WTVZ-JV6B.\nCordialement,\nCatherine Mercier")


def test_the_insurer_alone_on_its_address_line_is_an_organisation_and_a_doctor_or_a_reference_is_not():
    (found,) = NameFinder().find([(ADDRESSED, "body")])
    organisations = {f.value for f in found if f.kind == "organisation"}
    assert {"Mutuelle Santé Horizon", "Service Prestations Santé"} <= organisations
    assert not any("Haddad" in o or "IN-WTVZ" in o for o in organisations), organisations
