"""Calibrated confidence: fitted per head and source on held-out decisions, monotonic, stored with the model."""

from __future__ import annotations

import random

from classify.calibration import FILE, Calibration, Outcome, fit


def overconfident(n: int = 400) -> list[Outcome]:
    """A source that says 0.95 to 0.99 and is right 70% of the time, and one that says 0.6 and is right 90%."""
    rng = random.Random(0)
    loud = [Outcome("topic", "model", rng.uniform(0.95, 0.99), rng.random() < 0.7) for _ in range(n)]
    modest = [Outcome("topic", "cue", 0.6, rng.random() < 0.9) for _ in range(n)]
    return loud + modest


def test_an_overconfident_source_is_brought_down_and_an_underconfident_one_up():
    calibration = fit(overconfident())
    assert 0.6 < calibration.apply("topic", "model", 0.97) < 0.8
    assert 0.85 < calibration.apply("topic", "cue", 0.6) < 0.95
    assert calibration.counts == {"topic/cue": 400, "topic/model": 400}


def test_the_calibrated_confidence_never_decreases_with_the_raw_one():
    calibration = fit(overconfident())
    raws = [i / 100 for i in range(1, 100)]
    values = [calibration.apply("topic", "model", raw) for raw in raws]
    assert values == sorted(values)


def test_a_source_never_seen_keeps_its_raw_confidence():
    assert Calibration().apply("urgency", "model", 0.8) == 0.8
    assert fit(overconfident()).apply("urgency", "model", 0.8) == 0.8


def test_the_calibration_is_stored_and_read_back(tmp_path):
    calibration = fit(overconfident())
    calibration.save(tmp_path)
    assert (tmp_path / FILE).is_file() and Calibration.load(tmp_path) == calibration
    assert Calibration.load(tmp_path / "none") == Calibration()


def test_a_trained_model_is_saved_with_its_calibration_from_held_out_data(tiny_model_dir, tiny_model):
    assert (tiny_model_dir / FILE).is_file()
    counts = tiny_model.calibration.counts
    # 60 generated dev samples and the 210 independent dev items, three heads each, less the screened ones
    assert (60 + 210 - 5) * 3 <= sum(counts.values()) <= (60 + 210) * 3 and sum(counts.values()) % 3 == 0
    assert all(key.split("/")[0] in {"topic", "complexity", "urgency"} for key in counts)


def test_the_rules_alone_have_a_calibration_shipped_with_the_code():
    from classify import rules_calibration
    from classify.fit_rules import fit_rules

    shipped = rules_calibration()
    assert {key.split("/")[1] for key in shipped.params} <= {"cue", "rules"}
    assert shipped == fit_rules()  # the shipped file is what the current rules give (rerun the module if not)


def test_a_label_seen_often_enough_gets_its_own_calibration_the_others_share_their_source():
    rng = random.Random(1)
    often_wrong = [Outcome("topic", "rules", 0.9, rng.random() < 0.3, label="other") for _ in range(100)]
    often_right = [Outcome("topic", "rules", 0.9, rng.random() < 0.95, label="dental") for _ in range(100)]
    rare = [Outcome("topic", "rules", 0.9, True, label="optical") for _ in range(5)]
    calibration = fit(often_wrong + often_right + rare, per_label=("topic",))
    assert calibration.apply("topic", "rules", 0.9, "other") < 0.4 < 0.9 < calibration.apply("topic", "rules", 0.9,
                                                                                             "dental")
    assert "topic/rules/optical" not in calibration.params
    assert calibration.apply("topic", "rules", 0.9, "optical") == calibration.apply("topic", "rules", 0.9)
