"""``intake train`` and ``intake eval``: train the text classifier, score it on held-out data.

spaCy and the training code are imported inside the commands, so that the
``intake`` command line starts fast whatever the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from classify.model import META_FILE, load_model, model_dir
from cli.output import console

if TYPE_CHECKING:
    from classify.model import TextModel
    from classify.train import TrainReport
    from runtime.app import App



def progress_bar() -> Progress:
    """A rich progress bar with a count and the elapsed time."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console)


def train_with_progress(out: Path, seed: int, epochs: int, extra: list | None = None) -> "TrainReport":
    """Train into ``out`` (with ``extra`` samples), one progress step per epoch showing the dev scores."""
    from classify.train import train as run_training

    with progress_bar() as progress:
        task = progress.add_task("training", total=epochs)

        def on_epoch(epoch: int, scores: dict[str, float]) -> None:
            shown = " ".join(f"{head} {score:.3f}" for head, score in scores.items())
            progress.update(task, advance=1, description=f"training (dev macro-F1: {shown})")

        return run_training(out, seed=seed, epochs=epochs, on_epoch=on_epoch, extra=extra or ())


def describe_training(report: "TrainReport") -> str:
    """One line about a finished training run."""
    dev = ", ".join(f"{head} {score:.3f}" for head, score in report.dev.items())
    return f"model saved to {report.path} in {report.seconds:.0f} s (seed {report.seed}; dev macro-F1: {dev})"


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Model directory (default: INTAKE_CLASSIFIER_MODEL, else <data-dir>/models/classifier).")
@click.option("--seed", default=0, show_default=True, help="Seed of the corpus, the shuffling and the weights.")
@click.option("--epochs", default=None, type=int, help="Passes over the training split (default: 6).")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="People's checked decisions (`intake corrections export`), weighted above generated examples.")
@click.option("--corrections-weight", default=5, show_default=True, help="How many generated examples one counts as.")
@click.pass_obj
def train(app: "App", out: Path | None, seed: int, epochs: int | None, corrections: Path | None,
          corrections_weight: int) -> None:
    """Train the topic, complexity and urgency classifier on the generated corpus (and people's corrections)."""
    from classify.corrections import read_corrections
    from classify.train import EPOCHS

    extra = read_corrections(corrections, corrections_weight) if corrections else []
    if corrections:
        console.print(f"{len(extra) // max(1, corrections_weight)} corrected example(s), each weighing "
                      f"{corrections_weight}")
    report = train_with_progress(out or model_dir(app.settings), seed, epochs or EPOCHS, extra)
    console.print(describe_training(report))


@click.command("eval")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A trained model directory (default: the configured one, trained first if missing).")
@click.option("--split", type=click.Choice(["test", "dev"]), default="test", show_default=True,
              help="Held-out split to score (the model never trains on either).")
@click.pass_obj
def eval_command(app: "App", model_path: Path | None, split: str) -> None:
    """Score combined, model-only and rule-only classification on a held-out split."""
    directory = model_path or model_dir(app.settings)
    if not (directory / META_FILE).is_file():
        if model_path:
            raise click.ClickException(f"no trained model in {directory} (run `intake train --out {directory}`)")
        from classify.train import EPOCHS

        console.print(f"no trained model in {directory}: training one first")
        console.print(describe_training(train_with_progress(directory, 0, EPOCHS)))
    model = load_model(directory)
    if model is None:  # only if the directory vanished under us
        raise click.ClickException(f"cannot load the model in {directory}")
    print_evaluation(model, split)


def print_evaluation(model: "TextModel", split: str) -> None:
    """Evaluate ``model`` on ``split`` of its own corpus, with a progress bar, and print the tables."""
    from classify.corpus import SIZES, build_corpus
    from classify.evaluate import confusion_table, evaluate, label_table, summary_table

    seed = int(model.meta.get("seed", 0))
    samples = build_corpus(seed, SIZES)[split]  # the same generation as training: splits share no wording
    with progress_bar() as progress:
        task = progress.add_task(f"evaluating on {split}", total=len(samples))
        results = evaluate(samples, model, step=lambda: progress.advance(task))
    console.print(f"model {model.path}: {len(samples)} {split} samples, corpus seed {seed}")
    for head in results["combined"]:
        console.print(label_table(head, results))
        console.print(confusion_table(head, results["combined"][head], "combined"))
        console.print(confusion_table(head, results["rules"][head], "rules alone"))
    console.print(summary_table(results, split))
