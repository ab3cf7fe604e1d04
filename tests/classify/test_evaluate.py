"""Scoring the classifier, and the `intake eval` command on the generated split and a hand-labelled set."""

from __future__ import annotations

from click.testing import CliRunner

from classify.corpus import build_corpus
from classify.evaluate import SYSTEMS, evaluate, score_head, urgent_score
from classify.heldout import generated_cases, labelled_cases
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


def test_high_and_critical_urgency_are_scored_together():
    score = urgent_score(["high", "critical", "normal", "low"], ["critical", "normal", "high", "low"])
    assert (score.recall, score.precision, score.support) == (0.5, 0.5, 2)


def test_every_system_is_scored_on_every_head_with_coverage_curves(tiny_model):
    cases = generated_cases(build_corpus(0, {"test": 40})["test"])
    evaluation = evaluate(cases, tiny_model)
    assert set(evaluation.results) == set(SYSTEMS)
    assert all(set(r) == {"topic", "complexity", "urgency"} for r in evaluation.results.values())
    assert sum(evaluation.results["rules"]["topic"].confusion.values()) == 40
    assert {c.model for c in evaluation.classifications} == {tiny_model.version}
    full = evaluation.coverage["all"][-1]
    assert full.coverage == 1.0 and full.kept == 40
    assert full.accuracy == sum(all(getattr(r, h) == c.gold[h] for h in c.gold)
                                for c, r in zip(cases, evaluation.classifications)) / 40


def test_the_rules_alone_are_evaluated_without_a_model():
    evaluation = evaluate(labelled_cases("independent", "dev")[:30], None)
    assert {c.model for c in evaluation.classifications} == {"rules-only"}
    assert evaluation.results["rules"]["urgency"] == evaluation.results["combined"]["urgency"]


def test_intake_eval_prints_per_label_scores_confusion_matrices_and_the_targets(tiny_model_dir, tmp_path):
    outcome = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "eval", "--model", str(tiny_model_dir)])
    assert outcome.exit_code == 0, outcome.output
    for expected in ("topic: per label", "complexity: confusion (combined)", "urgency: confusion (rules alone)",
                     "generated test: summary", "≥ 0.95", "rules P", "accuracy against coverage", "ms per item"):
        assert expected in outcome.output


def test_intake_eval_reports_on_the_independent_set_separately(tiny_model_dir, tmp_path):
    args = ["--data-dir", str(tmp_path), "eval", "--model", str(tiny_model_dir), "--set", "independent",
            "--split", "dev"]
    outcome = CliRunner().invoke(main, args)
    assert outcome.exit_code == 0, outcome.output
    for expected in ("210 independent dev items", "independent dev: summary", "urgent items (combined)",
                     "high + critical", "all three heads right", "coverage @ acc. ≥ 0.98"):
        assert expected in outcome.output


def test_intake_eval_refuses_a_model_directory_with_nothing_trained_or_an_unknown_set(tiny_model_dir, tmp_path):
    outcome = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "eval", "--model", str(tmp_path / "none")])
    assert outcome.exit_code != 0 and "no trained model" in outcome.output
    outcome = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "eval", "--model", str(tiny_model_dir),
                                        "--set", "nowhere"])
    assert outcome.exit_code != 0 and "no such evaluation set" in outcome.output


def test_intake_train_publishes_a_version_that_intake_model_lists(tmp_path):
    base = ["--data-dir", str(tmp_path)]
    # the smallest real run: the CLI's own sizes are the corpus's, so only the epochs are cut
    outcome = CliRunner().invoke(main, [*base, "train", "--epochs", "1", "--family", "hashed"])
    assert outcome.exit_code == 0, outcome.output
    assert "published" in outcome.output
    listed = CliRunner().invoke(main, [*base, "model", "list"])
    assert listed.exit_code == 0 and "(latest)" in listed.output and "-hashed" in listed.output
    fetched = CliRunner().invoke(main, [*base, "model", "fetch"])
    assert fetched.exit_code == 0 and "ready in" in fetched.output
