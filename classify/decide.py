"""One head's decision: who decided (an explicit cue, the model, the rules), the label, a calibrated confidence.

Explicit cues are what the text says in so many words ("URGENT", "ce n'est
pas urgent", "mise en demeure", "dossier complexe", "réclamation"): they win
over the model, which can only guess from wording it was trained on. Without
a cue the model decides, surer when the rules agree; without a model the
rules decide. The confidence is calibrated per head and source (see
``calibration.py``), so 0.9 means "right about 9 times in 10 on held-out data".
"""

from __future__ import annotations

from typing import NamedTuple

from classify.calibration import Calibration

IDENTITY = Calibration()
# Sources of a decision, as reasons and the calibration name them.
CUE, CUE_AND_MODEL, MODEL, MODEL_AND_RULES, RULES = "cue", "cue+model", "model", "model+rules", "rules"
# Below this probability the model has no opinion worth the rules' (near-uniform output on an item with no
# usable content, "voir pièce jointe"): the rules decide, their confidence calibrated from the model's doubt.
MODEL_FLOOR = 0.2
# Where the model and the rules disagree, the model overrules them only when at least this sure. Complexity: the
# rules weigh explicit structure (amounts, several issues, expert work, status questions, short text) and the
# model, trained on generated text, is too quick to call a long or detailed hand-written request complex; on
# the independent dev items, averaged over two seeds, letting the rules decide below 0.85 gave complexity
# macro-F1 0.902 against 0.884 (0.8 to 0.9 give the same). For the topic the model's doubt is still worth more
# than the rules' cue counts (0.895 against 0.899 at 0.5), so only the floor applies.
OVERRULE = {"topic": MODEL_FLOOR, "complexity": 0.85}
CUE_CONFIDENCE = 0.95  # raw confidence of an explicit cue (calibration turns it into its held-out precision)
# The model never decides urgency (no entry in OVERRULE): on the independent dev items a model trained on
# generated text added more false urgencies than it found (macro-F1 0.90 against 0.95 for "no cue, normal");
# it still speaks: when it disagrees with the rules the decision's source is "rules" and its confidence is
# calibrated from the model's (a sure dissent sends the item to review).


class Cue(NamedTuple):
    """An explicit statement in the text that decides a head."""

    label: str
    words: str  # the words found, quoted, for the reason
    confidence: float = CUE_CONFIDENCE


class Guess(NamedTuple):
    """A source's label for a head, its raw confidence and, for the model, its top labels."""

    label: str
    confidence: float
    top: dict[str, float] | None = None


class Decision(NamedTuple):
    """One head's label, calibrated confidence, deciding source and the reason."""

    label: str
    confidence: float
    source: str
    reason: str


def decide(head: str, cue: Cue | None, model: Guess | None, rules: Guess,
           calibration: Calibration = IDENTITY) -> Decision:
    """The decision for ``head``: an explicit cue, else the model (where it may decide), else the rules."""
    if cue:
        return _by_cue(head, cue, model, calibration)
    if model is None:
        confidence = calibration.apply(head, RULES, rules.confidence, rules.label)
        return Decision(rules.label, confidence, RULES, f"{head} {rules.label}: rules only, confidence {confidence:.2f}")
    if model.label != rules.label and model.confidence < OVERRULE.get(head, 1.1):
        return _by_rules(head, model, rules, calibration)
    source = MODEL_AND_RULES if model.label == rules.label else MODEL
    confidence = calibration.apply(head, source, model.confidence)
    agreement = "rules agree" if source == MODEL_AND_RULES else f"rules said {rules.label}"
    return Decision(model.label, confidence, source,
                    f"{head} {model.label}: decided by the model, confidence {confidence:.2f} "
                    f"(model {_top(model)}); {agreement}")


def _by_rules(head: str, model: Guess, rules: Guess, calibration: Calibration) -> Decision:
    """The rules decide over a model that dissents without being sure enough to overrule them."""
    confidence = calibration.apply(head, RULES, 1 - model.confidence)  # the surer the dissent, the lower
    return Decision(rules.label, confidence, RULES,
                    f"{head} {rules.label}: decided by the rules (no cue, model not sure enough to overrule them), "
                    f"confidence {confidence:.2f}; model said {_top(model)}")


def _by_cue(head: str, cue: Cue, model: Guess | None, calibration: Calibration) -> Decision:
    """An explicit cue decides; the reason says whether the model agreed."""
    source = CUE_AND_MODEL if model and model.label == cue.label else CUE
    confidence = calibration.apply(head, source, cue.confidence)
    said = "" if model is None else ("; model agrees" if source == CUE_AND_MODEL else f"; model said {_top(model)}")
    return Decision(cue.label, confidence, source,
                    f"{head} {cue.label}: decided by an explicit cue ({cue.words}), confidence {confidence:.2f}{said}")


def _top(guess: Guess) -> str:
    """The model's top labels as "dental 0.93, optical 0.04"."""
    return ", ".join(f"{label} {p:.2f}" for label, p in (guess.top or {guess.label: guess.confidence}).items())
