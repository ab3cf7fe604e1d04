"""Fit the calibration of the cues and rules alone, shipped as ``classify/rules_calibration.json``.

Workers without a trained model classify with the cues and rules; their raw
confidences (a cue's 0.95, a topic score, "no urgency cue: 0.5") are turned
into calibrated ones the same way as a model's (``calibration.py``), per topic label too
(the rules' "other" is right far less often than their "dental"), fitted on
the same held-out decisions: the generated dev split and the independent
set's dev items, each set weighing the same. Run it after changing a rule::

    python -m classify.fit_rules
"""

from __future__ import annotations

from pathlib import Path

from classify import RULES_CALIBRATION
from classify.calibration import Calibration, fit
from classify.corpus import SIZES, build_corpus
from classify.heldout import generated_cases, labelled_cases, outcomes

EPSILON = 0.02  # a rule's 0.0 ("no topic cue at all") is a weak decision, not an infinitely sure one


def fit_rules(seed: int = 0, evalset: str = "independent") -> Calibration:
    """The rules' calibration on held-out decisions (never a test item)."""
    hand = labelled_cases(evalset, "dev")
    dev = build_corpus(seed, {"train": SIZES["train"], "dev": SIZES["dev"]})["dev"]  # the dev split training saw
    cases = generated_cases(dev, weight=len(hand) / len(dev)) + hand
    return fit(outcomes(cases, None), per_label=("topic",), epsilon=EPSILON)


def main() -> None:
    """Write ``classify/rules_calibration.json``."""
    calibration = fit_rules()
    calibration.save(Path(__file__).parent, RULES_CALIBRATION)
    decisions = sum(n for key, n in calibration.counts.items() if key.count("/") == 1)
    print(f"rules calibration written: {decisions} decisions")


if __name__ == "__main__":
    main()
