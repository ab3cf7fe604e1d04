"""Rule-based classification of captured items: screening, topic, complexity, urgency."""

from __future__ import annotations

from classify.complexity import assess_complexity
from classify.screening import first_hit
from classify.topics import detect_topic
from classify.urgency import assess_urgency
from intake.models import Capture, Classification, Envelope

__all__ = ["classify", "content_text"]


def content_text(envelope: Envelope, capture: Capture) -> str:
    """The text to read: what capture read, or the envelope body if it read nothing."""
    return capture.text.strip() or envelope.body.strip()


def classify(envelope: Envelope, capture: Capture) -> Classification:
    """Screen the item, then find its topic, complexity and urgency, with reasons."""
    content = content_text(envelope, capture)
    hit = first_hit(envelope, content)
    if hit:
        reason, check = hit
        # Sure by construction: screening only fires on explicit signals.
        return Classification(
            screened=reason, topic="other", topic_confidence=1.0, complexity_confidence=1.0,
            urgency="low", urgency_confidence=1.0, reasons=(f"screened {reason}: check {check}",),
        )
    return _classify_text(f"{envelope.subject}\n{content}".strip(), capture)


def _classify_text(text: str, capture: Capture) -> Classification:
    """Topic, complexity and urgency of a real request."""
    topic = detect_topic(text)
    complexity = assess_complexity(text, topic.topic, topic.scores, len(capture.values("amount")))
    urgency = assess_urgency(text)
    return Classification(
        topic=topic.topic, topic_confidence=topic.confidence,
        complexity=complexity.level, complexity_confidence=complexity.confidence,  # type: ignore[arg-type]
        urgency=urgency.level, urgency_confidence=urgency.confidence,  # type: ignore[arg-type]
        reasons=topic.reasons + complexity.reasons + urgency.reasons, scores=topic.scores,
    )
