"""A small classifier trained once for the classify tests (a real spaCy pipeline, seconds to train)."""

from __future__ import annotations

from pathlib import Path

import pytest

TINY = {"train": 240, "dev": 60}
TINY_FAMILY = "hashed"  # seconds to build; the vectors family is built in test_model.py


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A directory holding a classifier trained for one epoch on a tiny corpus."""
    from classify.train import train

    out = tmp_path_factory.mktemp("classifier")
    train(out, seed=3, epochs=1, sizes=TINY, name=TINY_FAMILY)
    return out


@pytest.fixture(scope="session")
def tiny_model(tiny_model_dir):
    """The tiny classifier, loaded."""
    from classify.model import load_model

    return load_model(tiny_model_dir)
