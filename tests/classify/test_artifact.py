"""The model as a versioned artifact in a real (local) object store: publish, resolve, fetch, load, record."""

from __future__ import annotations

import json

import pytest

from classify import classify
from classify.artifact import (LATEST, ModelArtifactError, fetch, pack, publish, resolve, version_key, versions)
from classify.model import cache_dir, load_model, model_for
from intake.models import Capture
from intake.settings import Settings
from storage.local import LocalStore

from .test_combine import envelope

TEXT = "Mon dentiste me propose un implant, le devis est de 1450 €. Quel sera mon remboursement ?"


@pytest.fixture()
def store(tmp_path) -> LocalStore:
    return LocalStore(tmp_path / "store")


def test_a_published_model_round_trips_through_the_store_and_predicts_the_same(tiny_model, tiny_model_dir,
                                                                                store, tmp_path):
    manifest = publish(store, tiny_model_dir, tiny_model.version, tiny_model.meta)
    assert store.get(LATEST).decode() == tiny_model.version == manifest["version"]
    assert versions(store) == [tiny_model.version]
    local = fetch(store, resolve(store), tmp_path / "cache")
    fetched = load_model(local)
    assert fetched.version == tiny_model.version and fetched.calibration == tiny_model.calibration
    assert fetched.predict(TEXT).probs == tiny_model.predict(TEXT).probs
    assert fetch(store, tiny_model.version, tmp_path / "cache") == local  # fetched once, then reused


def test_the_archive_is_the_same_bytes_for_the_same_model(tiny_model_dir):
    assert pack(tiny_model_dir) == pack(tiny_model_dir)


def test_workers_load_the_version_the_settings_name_or_else_the_latest(tiny_model, tiny_model_dir, store, tmp_path):
    publish(store, tiny_model_dir, tiny_model.version, tiny_model.meta)
    latest = Settings.load(environ={}, data_dir=tmp_path)
    model = model_for(latest, store)
    assert model.version == tiny_model.version and model.path == cache_dir(tmp_path) / tiny_model.version
    named = Settings.load(environ={"INTAKE_CLASSIFIER_VERSION": "20990101-000000-none"}, data_dir=tmp_path)
    with pytest.raises(ModelArtifactError):
        model_for(named, store)


def test_every_decision_records_the_version_of_the_model_that_made_it(tiny_model):
    result = classify(envelope(TEXT), Capture(envelope_id="env-1"), model=tiny_model)
    assert result.model == tiny_model.version and result.model.endswith("-hashed")
    assert f"model {tiny_model.version}" in result.reasons[-1]
    screened = classify(envelope(""), Capture(envelope_id="env-1"), model=tiny_model)
    assert screened.screened and screened.model == tiny_model.version


def test_a_damaged_archive_or_a_reused_version_name_is_refused(tiny_model, tiny_model_dir, store, tmp_path):
    publish(store, tiny_model_dir, tiny_model.version)
    (tiny_model_dir / "extra.txt").write_text("changed")
    try:
        with pytest.raises(ModelArtifactError):
            publish(store, tiny_model_dir, tiny_model.version)
    finally:
        (tiny_model_dir / "extra.txt").unlink()
    manifest = json.loads(store.get(version_key(tiny_model.version, "manifest.json")))
    store.put(version_key(tiny_model.version, "manifest.json"), json.dumps({**manifest, "sha256": "0" * 64}).encode())
    with pytest.raises(ModelArtifactError):
        fetch(store, tiny_model.version, tmp_path / "elsewhere")
    with pytest.raises(ModelArtifactError):
        version_key("../escape", "model.tar.gz")
