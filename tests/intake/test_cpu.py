"""Worker processes use one BLAS thread and numpy's matrix product for spaCy models, and size pools from the cores they may use."""

from __future__ import annotations

from thinc.api import get_current_ops
from threadpoolctl import threadpool_info

from capture.context import CaptureContext
from capture.names import load_model
from intake import cpu
from intake.cpu import cgroup_quota, tune_for_workers


def test_after_tuning_blas_runs_one_thread_and_thinc_uses_numpy_not_blis():
    tune_for_workers()
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert get_current_ops().use_blis is False


def test_the_name_model_is_loaded_with_numpys_matrix_product():
    ner = load_model().get_pipe("ner")
    assert ner.model.ops.use_blis is False


def test_a_container_limited_to_one_and_a_half_cpus_is_read_from_cgroup_v2(tmp_path):
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert cgroup_quota(tmp_path) == 1.5


def test_no_quota_in_cgroup_v2_or_v1_means_no_limit(tmp_path):
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert cgroup_quota(tmp_path) is None
    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    (v1 / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert cgroup_quota(v1) is None
    assert cgroup_quota(tmp_path / "absent") is None


def test_a_cgroup_v1_quota_caps_the_cores_a_pool_is_sized_from(tmp_path, monkeypatch):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("100000\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    monkeypatch.setattr(cpu, "CGROUP", tmp_path)
    assert cpu.usable_cores() == 1
    assert CaptureContext().pool_size == 1 and CaptureContext(ocr_workers=3).pool_size == 3
