"""The text classifier trained in the repo: one spaCy ``textcat`` per head.

A head is what is predicted (topic, complexity, urgency); each has its own
exclusive ``textcat`` component in one blank French pipeline. The model reads
repaired, folded text plus the rule cues found (see ``model_text``), so that
OCR damage, missing accents, capitals and punctuation matter less.
``load_model`` loads a directory once per process and returns None when
nothing was trained there: callers then classify with the rules alone.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from classify.artifact import PREFIX, fetch, resolve
from classify.calibration import Calibration
from classify.complexity import DISPUTE_CUES, EXPERT_CUES, STATUS_CUES
from classify.topics import TOPIC_CUES, TOPICS, find_cues, fold, main_request
from classify.urgency import LEVELS
from intake.cpu import tune_for_workers

if TYPE_CHECKING:
    from spacy.language import Language

    from intake.ports import BlobStore
    from intake.settings import Settings

log = logging.getLogger(__name__)

HEADS: dict[str, tuple[str, ...]] = {"topic": TOPICS, "complexity": ("simple", "complex"), "urgency": LEVELS}
META_FILE = "intake-classifier.json"  # written by train.py next to spaCy's own files
DEFAULT_DIR = Path("models") / "classifier"  # under the data directory: where `intake train` builds


def pipe_name(head: str) -> str:
    """The pipeline component that predicts ``head``."""
    return f"textcat_{head}"


def model_text(text: str) -> str:
    """What the model reads: repaired, folded text with long numbers masked, then the rule cues that fired."""
    folded = main_request(fold(repair_scan(text)))  # a second, minor request does not make the topic
    # Member numbers, amounts and years differ in every request: their digits are noise.
    # Short numbers stay: "3e relance" is not "2e relance".
    masked = re.sub(r"\b[0-9]{3,}\b", "000", folded)
    return f"{masked} {' '.join(cue_features(folded))}".strip()


def repair_scan(text: str) -> str:
    """Undo the commonest OCR damage: words cut at line ends, accents read as "?", 0/1 read for o/l."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"(?<=[^\W\d_])\?(?=[^\W\d_])", "e", text)  # "d?cembre": é, è and ê are the usual losses
    return re.sub(r"(?<=[^\W\d_])[01](?=[^\W\d_])", lambda m: "o" if m.group() == "0" else "l", text)


def cue_features(folded: str) -> list[str]:
    """One feature word per rule-lexicon cue found ("cuedental", "cueexpert", "cuedispute"...).

    The lexicons were written from domain knowledge, not from the corpus, so they
    carry over to wording the training set never saw; the model learns how far
    to trust each of them. (The rules' final verdicts are not fed in: the model
    would learn to copy them and inherit their blind spots.)
    """
    features = [f"cue{topic.replace('_', '')}" for topic, cues in TOPIC_CUES.items() for _ in find_cues(folded, cues)]
    for name, cues in (("expert", EXPERT_CUES), ("dispute", DISPUTE_CUES), ("status", STATUS_CUES)):
        features += [f"cue{name}"] * len(find_cues(folded, cues))
    return features


def default_model_dir(data_dir: Path) -> Path:
    """Where ``intake train`` builds a model before publishing it."""
    return data_dir / DEFAULT_DIR


def cache_dir(data_dir: Path) -> Path:
    """Where workers keep the model versions fetched from the store."""
    return data_dir / DEFAULT_DIR.parent / "cache"


@dataclass(frozen=True)
class Prediction:
    """Probabilities of every label, per head."""

    probs: dict[str, dict[str, float]]

    def best(self, head: str) -> tuple[str, float]:
        """The most probable label of ``head`` and its probability."""
        label = max(self.probs[head], key=self.probs[head].__getitem__)
        return label, self.probs[head][label]

    def top(self, head: str, k: int = 3) -> dict[str, float]:
        """The ``k`` most probable labels of ``head``, rounded."""
        ranked = sorted(self.probs[head].items(), key=lambda item: -item[1])[:k]
        return {label: round(p, 3) for label, p in ranked}


class TextModel:
    """A loaded classifier pipeline."""

    def __init__(self, nlp: "Language", path: Path | None = None) -> None:
        self.nlp, self.path = nlp, path
        self.meta = _read_meta(path) if path else {}
        self.calibration = Calibration.load(path) if path else Calibration()

    @property
    def version(self) -> str:
        """The version this model was trained as (``intake train`` names it), for every decision it makes."""
        return str(self.meta.get("version") or "unversioned")

    def predict(self, text: str) -> Prediction:
        """Probabilities for one text."""
        return self._prediction(self.nlp(model_text(text)).cats)

    def predict_many(self, texts: list[str], batch_size: int = 64) -> list[Prediction]:
        """Probabilities for many texts, batched."""
        docs = self.nlp.pipe((model_text(t) for t in texts), batch_size=batch_size)
        return [self._prediction(doc.cats) for doc in docs]

    def _prediction(self, cats: dict[str, float]) -> Prediction:
        return Prediction({head: {label: float(cats[label]) for label in labels} for head, labels in HEADS.items()})

    def describe(self) -> str:
        """A short name for reasons and logs."""
        return f"model {self.version} ({self.path or 'in memory'})"


def load_model(path: Path) -> TextModel | None:
    """The model saved in ``path``, loaded once per process; None when none was trained there."""
    key = str(Path(path).resolve())
    if key not in _LOADED:
        if not (Path(key) / META_FILE).is_file():
            _warn_once(key)
            return None  # not cached: a model trained later in this process is picked up
        import spacy  # imported late: rule-only processes never pay for it

        tune_for_workers()

        _LOADED[key] = TextModel(spacy.load(key), Path(key))
    return _LOADED[key]


def model_for(settings: "Settings", store: "BlobStore") -> TextModel | None:
    """The model the settings name: a directory (``INTAKE_CLASSIFIER_MODEL``), else the version
    ``INTAKE_CLASSIFIER_VERSION`` (or the latest) fetched from the object store; None when none was published."""
    if settings.classifier_model:
        return load_model(settings.classifier_model)
    version = resolve(store, settings.classifier_version)
    if version is None:
        _warn_once(f"{store!r}: no model published under {PREFIX}/")
        return None
    return load_model(fetch(store, version, cache_dir(settings.data_dir)))


def forget_model(path: Path) -> None:
    """Drop ``path`` from the process cache (after retraining or recalibrating it)."""
    _LOADED.pop(str(Path(path).resolve()), None)


_LOADED: dict[str, TextModel] = {}
_WARNED: set[str] = set()


def _warn_once(path: str) -> None:
    if path not in _WARNED:
        _WARNED.add(path)
        log.warning("no trained classifier in %s: classifying with rules only (run `intake train`)", path)


def _read_meta(path: Path) -> dict:
    meta = path / META_FILE
    return json.loads(meta.read_text()) if meta.is_file() else {}
