"""Training, saving and loading the text classifier (real spaCy, tiny corpus)."""

from __future__ import annotations

import math
import shutil

from classify.model import HEADS, load_model, model_dir, model_for, model_text
from classify.train import train
from intake.settings import Settings

from .conftest import TINY

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
    train(tmp_path / "again", seed=3, epochs=1, sizes=TINY)
    again = load_model(tmp_path / "again")
    assert [p.probs for p in again.predict_many(list(TEXTS))] == [p.probs for p in tiny_model.predict_many(list(TEXTS))]


def test_a_directory_without_a_model_gives_none_until_one_is_saved_there(tiny_model_dir, tmp_path):
    target = tmp_path / "later"
    assert load_model(target) is None
    shutil.copytree(tiny_model_dir, target)
    assert load_model(target) is not None


def test_the_settings_choose_the_model_directory(tmp_path):
    default = Settings.load(environ={}, data_dir=tmp_path)
    assert model_dir(default) == tmp_path / "models" / "classifier"
    chosen = Settings.load(environ={"INTAKE_CLASSIFIER_MODEL": str(tmp_path / "mine")}, data_dir=tmp_path)
    assert model_dir(chosen) == tmp_path / "mine"
    assert model_for(chosen) is None


def test_the_model_reads_repaired_folded_text_with_the_rule_cues():
    text = model_text("Réclamation : la prothèse dentaire du 12 d?cembre, adhérent 40217736, c0llectif, 3e relance")
    assert text.startswith("reclamation la prothese dentaire du 12 decembre adherent 000 collectif 3e relance")
    assert "cuecomplaint" in text and "cuedental" in text
