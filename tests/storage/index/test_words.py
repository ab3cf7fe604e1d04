"""Search box text becomes a safe FTS5 query; accents fold away."""

from __future__ import annotations

import pytest

from storage.index.words import fold, fts5_query


def test_folding_removes_diacritics_and_splits_ligatures():
    assert fold("Crèche Œuvre Hôpital Édouard ça") == "Creche OEuvre Hopital Edouard ca"


@pytest.mark.parametrize("typed, query", [
    ("crèche", '"crèche"'),
    ("prise en charge", '"prise" AND "en" AND "charge"'),
    ('"prise en charge" -dentaire', '"prise en charge" NOT "dentaire"'),
    ("lunettes or optique devis", '("lunettes" OR "optique") AND "devis"'),
    ("jeanne.martin@example.fr", '"jeanne martin example fr"'),
    ("rembours*", '"rembours"*'),
    ('"unterminated', '"unterminated"'),
    ("-alone", ""),
    ("(){}*", ""),
    ('NEAR("a" AND', '"NEAR a" AND "AND"'),
])
def test_typed_text_becomes_quoted_fts5_terms(typed, query):
    assert fts5_query(typed) == query
