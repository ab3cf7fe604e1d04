"""Classification of captured items: screening, then topic, complexity and urgency.

The cue rules (topics.py, complexity.py, urgency.py) always run. Given a
trained model (model.py), its probabilities decide each head, except where a
near-certain rule fires: a strong complaint word makes the topic a complaint,
a legal dispute makes the request complex, a legal threat or a third reminder
makes it critical. Without a model the rules decide alone, and say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from classify.complexity import ComplexityResult, assess_complexity
from classify.screened import screened_classification
from classify.screening import first_hit
from classify.topics import TopicResult, cue_label, detect_topic, find_cues, fold
from classify.urgency import UrgencyResult, assess_urgency
from intake.models import Capture, Classification, Envelope

if TYPE_CHECKING:
    from classify.model import Prediction, TextModel

__all__ = ["classify", "combine", "content_text"]

# Cues so reliable that the rule's answer stands whatever the model says. Not "réclam*":
# "la clinique me réclame un engagement" is a hospital asking, not a member complaining.
COMPLAINT_OVERRIDE = dict.fromkeys(
    ("réclamation*", "mise en demeure", "médiat*", "litige*", "inadmissible", "inacceptable", "scandal*",
     "plainte*", "mécontent*"), 1.0)
# Legal steps, not "litige": members call any disagreement a "litige", even a rude phone call.
DISPUTE_OVERRIDE = dict.fromkeys(("mise en demeure", "médiat*", "avocat*", "tribunal", "huissier*"), 1.0)
OVERRIDE_CONFIDENCE = 0.95
NO_MODEL = "model: none trained, rules only (run `intake train`)"


class RuleView(NamedTuple):
    """What the rules found for each head."""

    topic: TopicResult
    complexity: ComplexityResult
    urgency: UrgencyResult


class Decision(NamedTuple):
    """One head's label, confidence and the reason for it."""

    label: str
    confidence: float
    reason: str


def content_text(envelope: Envelope, capture: Capture) -> str:
    """The text to read: what capture read, or the envelope body if it read nothing."""
    return capture.text.strip() or envelope.body.strip()


def classify(envelope: Envelope, capture: Capture, model: "TextModel | None" = None) -> Classification:
    """Screen the item, then find its topic, complexity and urgency, with reasons.

    ``model`` is a trained classifier (``classify.model.model_for(settings)``); without
    one the cue rules decide alone, as before the model existed.
    """
    content = content_text(envelope, capture)
    hit = first_hit(envelope, content)
    if hit:
        return screened_classification(*hit, capture)
    text = f"{envelope.subject}\n{content}".strip()
    amounts = len(capture.values("amount"))
    if model is None:
        return _rules_only(text, amounts)
    return combine(text, model.predict(text), amounts, model.describe())


def _rules_only(text: str, amounts: int) -> Classification:
    """Topic, complexity and urgency from the cue rules alone."""
    topic = detect_topic(text)
    complexity = assess_complexity(text, topic.topic, topic.scores, amounts)
    urgency = assess_urgency(text)
    return Classification(
        topic=topic.topic, topic_confidence=topic.confidence,
        complexity=complexity.level, complexity_confidence=complexity.confidence,  # type: ignore[arg-type]
        urgency=urgency.level, urgency_confidence=urgency.confidence,  # type: ignore[arg-type]
        reasons=topic.reasons + complexity.reasons + urgency.reasons + (NO_MODEL,), scores=topic.scores,
    )


def combine(text: str, prediction: "Prediction", amounts: int = 0, source: str = "model") -> Classification:
    """The model decides each head unless a near-certain rule overrides it; reasons give both sides."""
    folded, found = fold(text), detect_topic(text)
    complaint = _override(folded, COMPLAINT_OVERRIDE, "complaint")
    topic = _decide("topic", prediction, found.topic, found.confidence, complaint)
    # The rules judge complexity for the topic finally chosen: expert cues only count for expert topics.
    rules = RuleView(found, assess_complexity(text, topic.label, found.scores, amounts), assess_urgency(text))
    complexity = _decide("complexity", prediction, rules.complexity.level, rules.complexity.confidence,
                         _override(folded, DISPUTE_OVERRIDE, "complex"))
    urgency = _decide("urgency", prediction, rules.urgency.level, rules.urgency.confidence, _critical(rules.urgency))
    return Classification(
        topic=topic.label, topic_confidence=topic.confidence,
        complexity=complexity.label, complexity_confidence=complexity.confidence,  # type: ignore[arg-type]
        urgency=urgency.label, urgency_confidence=urgency.confidence,  # type: ignore[arg-type]
        reasons=(topic.reason, complexity.reason, urgency.reason) + _rule_reasons(rules) + (source,),
        scores=prediction.top("topic", 3),
    )


def _decide(
    head: str, prediction: "Prediction", rule_label: str, rule_confidence: float, override: tuple[str, str] | None
) -> Decision:
    """Rule override, else the model's best label, surer when the rules agree."""
    label, p = prediction.best(head)
    scores = ", ".join(f"{k} {v:.2f}" for k, v in prediction.top(head, 3).items())
    if override:
        forced, why = override
        return Decision(forced, OVERRIDE_CONFIDENCE, f"{head} {forced}: rule override ({why}); model {scores}")
    if label == rule_label:
        # Two independent sources agreeing: the rules close half of the model's remaining doubt.
        confidence = p + (1.0 - p) * rule_confidence / 2
        return Decision(label, round(confidence, 3), f"{head} {label}: model {scores}; rules agree")
    return Decision(label, round(p, 3), f"{head} {label}: model {scores}; rules said {rule_label}")


def _override(folded: str, cues: dict[str, float], label: str) -> tuple[str, str] | None:
    """(label, the near-certain cues found) when any of ``cues`` is in the text."""
    found = find_cues(folded, cues)
    return (label, "cues " + ", ".join(cue_label(c, folded) for c in found)) if found else None


def _critical(urgency: UrgencyResult) -> tuple[str, str] | None:
    """A legal threat or a third reminder found by the urgency rules (never a guess)."""
    return ("critical", "cues " + urgency.reasons[0].split(": ", 1)[1]) if urgency.level == "critical" else None


def _rule_reasons(rules: RuleView) -> tuple[str, ...]:
    return rules.topic.reasons + rules.complexity.reasons + rules.urgency.reasons
