"""Scoring the classifier, and the `intake eval` command."""

from __future__ import annotations

from click.testing import CliRunner

from classify.corpus import build_corpus
from classify.evaluate import SYSTEMS, evaluate, score_head
from cli.main import main


def test_precision_recall_and_f1_are_computed_per_label_and_averaged_over_present_labels():
    gold = ["simple", "simple", "simple", "complex"]
    predicted = ["simple", "simple", "complex", "complex"]
    report = score_head("complexity", gold, predicted)
    simple, complex_ = report.per_label["simple"], report.per_label["complex"]
    assert (simple.precision, simple.recall, simple.support) == (1.0, 0.6667, 3)
    assert (complex_.precision, complex_.recall) == (0.5, 1.0)
    assert report.macro_f1 == round((0.8 + 0.6667) / 2, 4) and report.accuracy == 0.75
    assert report.confusion[("simple", "complex")] == 1


def test_every_system_is_scored_on_every_head(tiny_model):
    samples = build_corpus(0, {"test": 40})["test"]
    results = evaluate(samples, tiny_model)
    assert set(results) == set(SYSTEMS)
    assert all(set(r) == {"topic", "complexity", "urgency"} for r in results.values())
    assert sum(results["rules"]["topic"].confusion.values()) == 40


def test_intake_eval_prints_per_label_scores_confusion_matrices_and_the_targets(tiny_model_dir, tmp_path):
    outcome = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "eval", "--model", str(tiny_model_dir)])
    assert outcome.exit_code == 0, outcome.output
    for expected in ("topic: per label", "complexity: confusion (combined)", "urgency: confusion (rules alone)",
                     "held-out test split: summary", "≥ 0.95", "rules P"):
        assert expected in outcome.output


def test_intake_eval_refuses_a_model_directory_with_nothing_trained(tmp_path):
    outcome = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "eval", "--model", str(tmp_path / "none")])
    assert outcome.exit_code != 0 and "no trained model" in outcome.output
