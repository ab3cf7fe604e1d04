"""The classification of a screened item: no topic is looked for, and the reasons say why.

Auto-replies, bounces and empty items are closed as they are (low urgency,
sure by construction: screening only fires on explicit signals). An
unreadable item gets no topic either (``other`` is only the model's
placeholder), but normal urgency, and its reasons say what could not be read,
so the person who looks at it knows where to start.
"""

from __future__ import annotations

from collections import Counter

from classify.screening import UNREADABLE
from intake.models import Capture, Classification

NO_TOPIC = "no topic: nothing could be read"


def screened_classification(reason: str, check: str, capture: Capture) -> Classification:
    """The classification of an item screened for ``reason`` by the check named ``check``."""
    because = f"screened {reason}: check {check}"
    if reason == UNREADABLE:
        return Classification(screened=reason, topic="other", urgency="normal", urgency_confidence=1.0,
                              reasons=(because, NO_TOPIC, what_was_read(capture)))
    return Classification(
        screened=reason, topic="other", topic_confidence=1.0, complexity_confidence=1.0,
        urgency="low", urgency_confidence=1.0, reasons=(because,),
    )


def what_was_read(capture: Capture) -> str:
    """One line on the documents, e.g. "documents: 1 without text (2 pages), 1 refused"; no name, no content."""
    attachments = [d for d in capture.documents if d.name != "body"]
    states = Counter("refused or unreadable" if d.error else "without text" for d in attachments)
    pages = sum(len(d.pages) for d in attachments)
    parts = [f"{count} {state}" for state, count in sorted(states.items())]
    return f"documents: {', '.join(parts) or 'none read'} ({pages} page{'s' if pages != 1 else ''} read)"
