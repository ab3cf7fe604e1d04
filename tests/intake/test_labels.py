"""The table of French labels: every code intake decides with has one, and recorded phrases read in French."""

from __future__ import annotations

import pytest

from intake import labels, taxonomy
from intake.labels import label, phrase
from intake.pipeline import STAGES
from routing.rules import load_rules
from storage import lifecycle
from storage.surgery import SURGERY
from storage.timeline import STEPS

FAMILY_CODES = [
    ("channel", taxonomy.CHANNELS), ("topic", taxonomy.TOPICS), ("complexity", taxonomy.COMPLEXITIES),
    ("urgency", taxonomy.URGENCIES), ("status", taxonomy.STATUSES), ("screening", taxonomy.SCREENING_REASONS),
]


@pytest.mark.parametrize(("family", "codes"), FAMILY_CODES, ids=[f for f, _ in FAMILY_CODES])
def test_every_code_of_the_taxonomy_has_a_label(family, codes):
    assert [c for c in codes if c not in labels.FAMILIES[family]] == []


def test_every_team_and_rule_of_the_routing_rules_file_has_a_label():
    rules = load_rules()
    assert [t for t in rules.teams if t not in labels.TEAM] == []
    assert [r.name for r in rules.rules if r.name not in labels.RULE] == []


def test_every_event_kind_a_case_records_has_a_label():
    kinds = {k for step in STEPS for k in step} | SURGERY
    kinds |= {lifecycle._kind(s) for s in lifecycle.STATUSES}
    kinds |= {"note", "confirmed", "corrected", "field-confirmed", "field-corrected", "surgery-undone"}
    assert [k for k in sorted(kinds) if label("event", k).endswith("(?)")] == []


def test_a_label_reads_in_french():
    assert label("team", "expert-dental") == "Experts dentaire"
    assert [labels.urgency(u) for u in reversed(taxonomy.URGENCIES)] == ["critique", "élevée", "normale", "faible"]
    assert label("event", "status:in_progress") == "passé en cours"


def test_an_unknown_code_shows_itself_with_a_question_mark_and_no_code_a_dash():
    assert label("team", "expert-audio") == "expert-audio (?)"
    assert label("topic", None) == label("topic", "") == "—"


def test_a_classification_reason_names_the_model_version_not_its_file_path():
    said = phrase("topic dental: model v3 (/srv/intake/models/classifier/v3), confidence 0.82")
    assert said == "thème dentaire : modèle v3, confiance 0,82"


def test_a_route_reason_reads_in_french():
    said = phrase("rule 'optical-expert': topic optical, complexity complex; priority 5+3 for urgency critical")
    assert said == ("règle « expertise optique » : thème optique, complexité complexe ; "
                    "priorité 5+3 pour l'urgence critique")


def test_a_capture_summary_names_fields_and_methods_in_french():
    said = phrase("2 document(s), 1 page(s) {'ocr': 1}; fields amount×5, member_number×1")
    assert said == "2 document(s), 1 page(s) (OCR 1) ; champs : montant×5, n° d'adhérent×1"


def test_codes_left_in_a_phrase_are_replaced_by_their_labels_but_quoted_cues_are_not():
    said = phrase("several issues (optical, change_of_details), cue 'optical'")
    assert said == "plusieurs sujets (optique, changement de coordonnées), cue 'optical'"


def test_every_stage_of_the_pipeline_has_a_label():
    assert [s for s in ("ingest", *STAGES) if label("stage", s).endswith("(?)")] == []


def test_an_empty_file_reads_as_such_not_as_its_sniffed_type():
    assert labels.mime("application/x-empty") == "fichier vide"
    assert phrase("unsupported type application/x-empty") == "type non pris en charge (fichier vide)"


def test_what_a_person_wrote_stays_as_written_and_only_the_generated_part_is_translated():
    assert labels.summary("note", "user:ana", "open the email") == "open the email"
    assert labels.summary("assigned", "user:ana", "je prends, email reçu") == "je prends, email reçu"
    assert labels.summary("assigned", "user:ana", "assigned to ana") == "attribué à ana"
    assert labels.summary("status:in_progress", "user:ana", "status:in_progress") == "passé en cours"
    said = labels.summary("corrected", "user:ana", "décision corrigée : thème other → dental ; motif : not other")
    assert said == "décision corrigée : thème autre → dentaire ; motif : not other"
    assert labels.summary("routed", "worker:classify", "rule 'complaints': topic complaint").startswith("règle")
