"""Search finds cases by any word they hold, accents or not, best first, with the passage; filters apply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from indexed_items import T0, field, item, record

from intake.models import Party
from storage.base import open_store
from storage.index.base import open_index
from storage.index.feed import IndexedRecords
from storage.index.query import CaseQuery
from storage.index.views import MARK_END, MARK_START


@pytest.fixture
def cases(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    made = {
        "creche": record(records, item(1, subject="Attestation pour la crèche", body="Bonjour, la crèche de ma fille "
                                       "demande une attestation de droits.", member="40213378", topic="certificate",
                                       sender=Party(name="Jeanne Martin", email="jeanne.martin@example.fr"))),
        "dental": record(records, item(2, channel="letter", subject="Devis", topic="dental", team="expert-dental",
                                       pages=("Devis pour une prothèse dentaire : couronne céramique-métal.",
                                              "Page 2 : honoraires du Dr Lefèvre, dépassement de 320 €."),
                                       extra_fields=(field("iban", "FR76 3000 4008 1900 0123 4567 890"),),
                                       at=T0 + timedelta(hours=1))),
        "optical": record(records, item(3, subject="Lunettes", body="Mes lunettes et la crèche : rien à voir, "
                                        "je parle de lunettes progressives.", topic="optical", team="expert-optical",
                                        member="51873062", at=T0 + timedelta(hours=2))),
    }
    return {k: v.id for k, v in made.items()}


def _found(index, words: str, **filters) -> list[str]:
    return [h.case.id for h in index.search(words, CaseQuery(**filters)).hits]


@pytest.mark.parametrize("words", ["crèche", "creche", "CRÈCHE", "crêche"])
def test_accents_and_case_do_not_matter(index, cases, words):
    assert set(_found(index, words)) == {cases["creche"], cases["optical"]}


def test_the_case_whose_subject_says_it_ranks_first(index, cases):
    assert _found(index, "crèche") == [cases["creche"], cases["optical"]]


def test_captured_pages_sender_and_extracted_values_are_searched(index, cases):
    assert _found(index, "prothese") == [cases["dental"]]
    assert _found(index, "Lefèvre") == [cases["dental"]]
    assert _found(index, "FR7630004008190001234567890") == [cases["dental"]]
    assert _found(index, "jeanne.martin@example.fr") == [cases["creche"]]
    assert _found(index, "40213378") == [cases["creche"]]


def test_the_snippet_marks_the_matching_words(index, cases):
    hit = index.search("prothèse", CaseQuery()).hits[0]
    assert f"{MARK_START}prothèse{MARK_END}" in hit.snippet
    assert "<mark>prothèse</mark> dentaire" in hit.marked()


def test_filters_combine_with_search(index, cases):
    assert _found(index, "creche", topics=("optical",)) == [cases["optical"]]
    assert _found(index, "creche", channels=("letter",)) == []


def test_phrases_exclusions_and_alternatives_follow_the_search_box_rules(index, cases):
    assert _found(index, '"lunettes progressives"') == [cases["optical"]]
    assert _found(index, "crèche -lunettes") == [cases["creche"]]
    assert set(_found(index, "prothèse or lunettes")) == {cases["dental"], cases["optical"]}


@pytest.mark.parametrize("words", ["", "   ", '"', "-", "(", "*", "AND", "NEAR(", "'; DROP TABLE cases; --"])
def test_no_input_is_a_syntax_error(index, cases, words):
    assert isinstance(_found(index, words), list)


def test_search_pages_do_not_repeat_a_case(index, cases):
    first = index.search("crèche", CaseQuery(limit=1))
    second = index.search("crèche", CaseQuery(limit=1, offset=first.next_offset))
    assert [h.case.id for h in first.hits + second.hits] == [cases["creche"], cases["optical"]]
    assert second.next_offset is None


def test_a_common_word_ranks_only_the_most_recent_matches_within_the_window(index, tmp_path):
    url = index.engine.url.render_as_string(hide_password=False).replace("+psycopg", "").replace("+pysqlite", "")
    narrow = open_index(f"{url}?search_window=10")
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    oldest = record(records, item(1, subject="facture facture facture", member="10000000"))
    newer = [record(records, item(n, body="une facture", member=f"{n:08d}", at=T0 + timedelta(hours=n))).id
             for n in range(2, 14)]
    found = [h.case.id for h in narrow.search("facture", CaseQuery(limit=50)).hits]
    assert oldest.id not in found and set(found) == set(newer[-10:])
    assert index.search("facture", CaseQuery(limit=50)).hits[0].case.id == oldest.id
    narrow.close()


def test_without_unaccent_postgresql_folds_accents_itself(postgres_index, tmp_path):
    from storage.index.postgres import PostgresDialect

    postgres_index.clear()
    kept, postgres_index.dialect = postgres_index.dialect, PostgresDialect("folded")
    try:
        records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), postgres_index)
        case = record(records, item(1, subject="Inscription à la crèche", body="Élève de l'école maternelle"))
        for words in ("crèche", "creche", "ECOLE"):
            assert [h.case.id for h in postgres_index.search(words, CaseQuery()).hits] == [case.id]
        assert postgres_index.dump()["texts"][0][2] == "Inscription a la creche"
    finally:
        postgres_index.dialect = kept
        postgres_index.clear()
