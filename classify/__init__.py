"""Classification of captured items: screening, then topic, complexity and urgency.

The cue rules (topics.py, complexity.py, urgency.py) always run. Each head is
then decided (decide.py) by an explicit cue when the text says it in so many
words (cues.py), else by the trained model (model.py) when there is one, else
by the rules. Every confidence is calibrated on held-out data (calibration.py)
and every reason names the source that decided; the classification records
the version of the model that made it ("rules-only" without one).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from classify.calibration import Calibration
from classify.complexity import ComplexityResult, assess_complexity
from classify.cues import complexity_cue, topic_cue, urgency_cue
from classify.decide import Decision, Guess, decide
from classify.screened import screened_classification
from classify.screening import first_hit
from classify.topics import TopicResult, detect_topic, fold
from classify.urgency import UrgencyResult, assess_urgency
from intake.models import Capture, Classification, Envelope

if TYPE_CHECKING:
    from classify.model import Prediction, TextModel

__all__ = ["RULES_ONLY", "classify", "combine", "content_text", "new_text"]

RULES_ONLY = "rules-only"  # the model version recorded when no trained model is loaded
RULES_CALIBRATION = "rules_calibration.json"
NO_MODEL = "model: none loaded, rules only (run `intake train`)"


class RuleView(NamedTuple):
    """What the rules found for each head."""

    topic: TopicResult
    complexity: ComplexityResult
    urgency: UrgencyResult


# Where an e-mail starts quoting an earlier message: the earlier message is not the new request.
QUOTE_START = re.compile(r"^\s*(?:-{3,}\s*(?:message d.origine|original message|message transf[ée]r[ée]|forwarded message)"
                         r"|(?:le|on) [^\n]{0,80}(?:a [ée]crit|wrote)\s*:)", re.I | re.M)


def content_text(envelope: Envelope, capture: Capture) -> str:
    """The text to read: what capture read, or the envelope body if it read nothing."""
    return capture.text.strip() or envelope.body.strip()


def new_text(content: str) -> str:
    """An e-mail without the earlier messages it quotes (lines after "Le ... a écrit :", lines starting with ">")."""
    match = QUOTE_START.search(content)
    kept = content[:match.start()] if match and match.start() > 0 else content
    return "\n".join(line for line in kept.splitlines() if not line.lstrip().startswith(">")).strip() or content


def classify(envelope: Envelope, capture: Capture, model: "TextModel | None" = None,
             calibration: Calibration | None = None) -> Classification:
    """Screen the item, then find its topic, complexity and urgency, with reasons and the model version.

    ``model`` is a trained classifier (``classify.model.load_model``); without one the
    cues and rules decide alone, and the classification says so. ``calibration`` defaults
    to the model's, or without a model to the one shipped for the rules (``rules_calibration.json``).
    """
    content = content_text(envelope, capture)
    hit = first_hit(envelope, content)
    if hit:
        screened = screened_classification(*hit, capture)
        return screened.model_copy(update={"model": model.version if model else RULES_ONLY})
    text = f"{envelope.subject}\n{new_text(content)}".strip()
    amounts = len(capture.values("amount"))
    received = envelope.received_at.date()
    if model is None:
        return combine(text, None, amounts, calibration=calibration or rules_calibration(), received=received)
    return combine(text, model.predict(text), amounts, model.version, calibration or model.calibration, received)


@cache
def rules_calibration() -> Calibration:
    """The calibration of the cues and rules alone, shipped with the code (``python -m classify.fit_rules``)."""
    return Calibration.load(Path(__file__).parent, RULES_CALIBRATION)


def combine(text: str, prediction: "Prediction | None", amounts: int = 0, version: str = RULES_ONLY,
            calibration: Calibration | None = None, received: date | None = None) -> Classification:
    """Decide each head from the explicit cues, the model's ``prediction`` (if any) and the rules.

    ``received`` is the day the item arrived: a date written in the text is near only compared with it.
    """
    folded, calibration = fold(text), calibration or Calibration()
    found = detect_topic(text)
    topic = decide("topic", topic_cue(folded), _guess(prediction, "topic"), _rule(found.topic, found.confidence),
                   calibration)
    # The rules judge complexity for the topic finally chosen: expert cues only count for expert topics.
    rules = RuleView(found, assess_complexity(text, topic.label, found.scores, amounts), assess_urgency(text, received))
    complexity = decide("complexity", complexity_cue(folded, topic.label), _guess(prediction, "complexity"),
                        _rule(rules.complexity.level, rules.complexity.confidence), calibration)
    urgency = decide("urgency", urgency_cue(rules.urgency), _guess(prediction, "urgency"),
                     _rule(rules.urgency.level, rules.urgency.confidence), calibration)
    return _classification((topic, complexity, urgency), rules, prediction, version)


def _classification(decisions: tuple[Decision, Decision, Decision], rules: RuleView,
                    prediction: "Prediction | None", version: str) -> Classification:
    topic, complexity, urgency = decisions
    source = f"model {version}" if prediction is not None else NO_MODEL
    return Classification(
        topic=topic.label, topic_confidence=topic.confidence,
        complexity=complexity.label, complexity_confidence=complexity.confidence,  # type: ignore[arg-type]
        urgency=urgency.label, urgency_confidence=urgency.confidence,  # type: ignore[arg-type]
        reasons=(topic.reason, complexity.reason, urgency.reason) + _rule_reasons(rules) + (source,),
        scores=prediction.top("topic", 3) if prediction is not None else rules.topic.scores,
        model=version, decided_by={"topic": topic.source, "complexity": complexity.source, "urgency": urgency.source},
    )


def _guess(prediction: "Prediction | None", head: str) -> Guess | None:
    if prediction is None:
        return None
    label, p = prediction.best(head)
    return Guess(label, p, prediction.top(head, 3))


def _rule(label: str, confidence: float) -> Guess:
    return Guess(label, confidence)


def _rule_reasons(rules: RuleView) -> tuple[str, ...]:
    return rules.topic.reasons + rules.complexity.reasons + rules.urgency.reasons
