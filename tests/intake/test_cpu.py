"""Worker processes use one BLAS thread and numpy's matrix product for spaCy models."""

from __future__ import annotations

from thinc.api import get_current_ops
from threadpoolctl import threadpool_info

from capture.names import load_model
from intake.cpu import tune_for_workers


def test_after_tuning_blas_runs_one_thread_and_thinc_uses_numpy_not_blis():
    tune_for_workers()
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert get_current_ops().use_blis is False


def test_the_name_model_is_loaded_with_numpys_matrix_product():
    ner = load_model().get_pipe("ner")
    assert ner.model.ops.use_blis is False
