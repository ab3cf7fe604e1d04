"""``intake train``, ``intake eval`` and ``intake model``: train, score and publish the text classifier.

spaCy and the training code are imported inside the commands, so that the
``intake`` command line starts fast whatever the command.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from classify.artifact import resolve, versions
from classify.model import META_FILE, default_model_dir, load_model, model_for
from cli.output import console

if TYPE_CHECKING:
    from classify.model import TextModel
    from classify.train import TrainReport
    from runtime.app import App

FAMILIES = ("hashed", "vectors")


def progress_bar() -> Progress:
    """A rich progress bar with a count and the elapsed time."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console)


def train_with_progress(out: Path, seed: int, epochs: int, family: str, extra: list | None = None) -> "TrainReport":
    """Train into ``out`` (with ``extra`` samples), one progress step per epoch showing the dev scores."""
    from classify.train import train as run_training

    console.print(f"training the {family} classifier: the generated corpus (seed {seed}), then {epochs} epochs")
    with progress_bar() as progress:
        task = progress.add_task("training", total=epochs)

        def on_epoch(epoch: int, scores: dict[str, float]) -> None:
            shown = " ".join(f"{head} {score:.3f}" for head, score in scores.items())
            progress.update(task, advance=1, description=f"training (dev macro-F1: {shown})")
            if not console.is_terminal:  # a log or a pipe gets no live bar: one line per epoch
                console.print(f"epoch {epoch}/{epochs}: dev macro-F1 {shown}")

        return run_training(out, seed=seed, epochs=epochs, on_epoch=on_epoch, name=family, extra=extra or ())


def describe_training(report: "TrainReport") -> str:
    """One line about a finished training run."""
    dev = ", ".join(f"{head} {score:.3f}" for head, score in report.dev.items())
    return (f"model {report.version} saved to {report.path} in {report.seconds:.0f} s "
            f"(family {report.family}, seed {report.seed}; generated dev macro-F1: {dev})")


def publish_model(app: "App", directory: Path) -> str:
    """Publish the model in ``directory`` to the object store; return its version."""
    from classify.artifact import publish

    model = load_model(directory)
    if model is None:
        raise click.ClickException(f"no trained model in {directory} (run `intake train --out {directory}`)")
    publish(app.store, directory, model.version, model.meta)
    return model.version


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to build the model (default: <data-dir>/models/classifier, replaced).")
@click.option("--seed", default=0, show_default=True, help="Seed of the corpus, the shuffling and the weights.")
@click.option("--epochs", default=None, type=int, help="Passes over the training split (default: 6).")
@click.option("--family", type=click.Choice(FAMILIES), default=None, help="Model family (default: hashed).")
@click.option("--publish/--no-publish", default=True, show_default=True,
              help="Write the model to the object store as a new version and make it the latest.")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="People's checked decisions (`intake corrections export`), weighted above generated examples.")
@click.option("--corrections-weight", default=5, show_default=True, help="How many generated examples one counts as.")
@click.pass_obj
def train(app: "App", out: Path | None, seed: int, epochs: int | None, family: str | None, publish: bool,
          corrections: Path | None, corrections_weight: int) -> None:
    """Train, calibrate and publish the classifier on the generated corpus (and people's corrections)."""
    from classify.architectures import DEFAULT
    from classify.corrections import read_corrections
    from classify.train import EPOCHS

    extra = read_corrections(corrections, corrections_weight) if corrections else []
    if corrections:
        console.print(f"{len(extra) // max(1, corrections_weight)} corrected example(s), each weighing "
                      f"{corrections_weight}")
    directory = out or default_model_dir(app.settings.data_dir)
    shutil.rmtree(directory, ignore_errors=True)  # a half-built model never mixes with an older one
    report = train_with_progress(directory, seed, epochs or EPOCHS, family or DEFAULT, extra)
    console.print(describe_training(report))
    if publish:
        console.print(f"published {publish_model(app, directory)} to {app.store.url}")


@click.command("eval")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A trained model directory (default: the configured version from the store).")
@click.option("--set", "set_name", default="generated", show_default=True,
              help="'generated' (the corpus's held-out split) or a hand-labelled set (classify/evalsets/NAME).")
@click.option("--split", type=click.Choice(["test", "dev"]), default="test", show_default=True,
              help="Split to score (the model never trains on either).")
@click.pass_obj
def eval_command(app: "App", model_path: Path | None, set_name: str, split: str) -> None:
    """Score combined, model-only and rule-only classification, and accuracy against coverage."""
    if model_path and not (model_path / META_FILE).is_file():
        raise click.ClickException(f"no trained model in {model_path} (run `intake train --out {model_path}`)")
    model = load_model(model_path) if model_path else model_for(app.settings, app.store)
    if model is None:
        from classify.architectures import DEFAULT
        from classify.train import EPOCHS

        directory = default_model_dir(app.settings.data_dir)
        console.print(f"no model in {app.store.url}: training one first")
        console.print(describe_training(train_with_progress(directory, 0, EPOCHS, DEFAULT)))
        console.print(f"published {publish_model(app, directory)}")
        model = load_model(directory)
    print_evaluation(model, set_name, split)


def print_evaluation(model: "TextModel", set_name: str, split: str) -> None:
    """Evaluate ``model`` on ``split`` of a set, with a progress bar, and print the tables."""
    from classify.evaluate import evaluate
    from classify.tables import confusion_table, coverage_table, label_table, summary_table, urgent_table

    cases = held_out(model, set_name, split)
    started = time.perf_counter()
    with progress_bar() as progress:
        task = progress.add_task(f"evaluating on {set_name} {split}", total=len(cases))
        evaluation = evaluate(cases, model, step=lambda: progress.advance(task))
    per_item = (time.perf_counter() - started) * 1000 / max(1, len(cases))
    console.print(f"model {model.version} ({model.path}): {len(cases)} {set_name} {split} items, "
                  f"{per_item:.0f} ms per item (combined, model alone and rules alone)")
    for head in evaluation.results["combined"]:
        console.print(label_table(head, evaluation.results))
        console.print(confusion_table(head, evaluation.results["combined"][head], "combined"))
        console.print(confusion_table(head, evaluation.results["rules"][head], "rules alone"))
    console.print(urgent_table(evaluation))
    console.print(coverage_table(evaluation))
    console.print(summary_table(evaluation.results, f"{set_name} {split}"))


def held_out(model: "TextModel", set_name: str, split: str) -> list:
    """The cases of ``split``: the generated corpus's (same seed as training) or a hand-labelled set's."""
    from classify.heldout import generated_cases, labelled_cases

    if set_name != "generated":
        from classify.evalset import EvalSetError

        try:
            return labelled_cases(set_name, split)
        except EvalSetError as exc:
            raise click.ClickException(str(exc)) from None
    from classify.corpus import SIZES, build_corpus

    seed = int(model.meta.get("seed", 0))
    return generated_cases(build_corpus(seed, SIZES)[split])  # the same generation as training: no shared wording


@click.group("model")
def model_group() -> None:
    """The classifier's versions in the object store."""


@model_group.command("list")
@click.pass_obj
def list_models(app: "App") -> None:
    """The published versions, the latest marked."""
    latest = resolve(app.store)
    for version in versions(app.store):
        console.print(f"{version}{'  (latest)' if version == latest else ''}")


@model_group.command("publish")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.pass_obj
def publish_command(app: "App", directory: Path) -> None:
    """Publish a trained model directory (e.g. the one built into the image) as its version."""
    console.print(f"published {publish_model(app, directory)} to {app.store.url}")


@model_group.command("fetch")
@click.option("--wait", default=0.0, show_default=True, help="Seconds to wait for a version to be published.")
@click.pass_obj
def fetch_command(app: "App", wait: float) -> None:
    """Fetch the configured version (or the latest) into the local cache, waiting for one if asked."""
    deadline = time.monotonic() + wait
    while resolve(app.store, app.settings.classifier_version) is None and time.monotonic() < deadline:
        time.sleep(5)
    model = model_for(app.settings, app.store)
    if model is None:
        raise click.ClickException(f"no classifier model published in {app.store.url} (run `intake train`)")
    console.print(f"model {model.version} ready in {model.path}")
