"""Held-out cases: what the pipeline would receive, with the gold labels, from a generated split or a hand set.

A case is an envelope and capture (as ``classify`` gets them), the gold label
of each head and a weight. ``outcomes`` runs the real ``classify`` on cases
with an uncalibrated model and returns what calibration is fitted on.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from classify import classify
from classify.calibration import Calibration, Outcome
from classify.evalset import arrival, load_items
from intake.models import Capture, Envelope

if TYPE_CHECKING:
    from classify.corpus import Sample
    from classify.model import TextModel

HEADS = ("topic", "complexity", "urgency")
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Case(NamedTuple):
    """One held-out item as it arrives, and its gold labels."""

    envelope: Envelope
    capture: Capture
    gold: dict[str, str]
    weight: float = 1.0

    @property
    def text(self) -> str:
        """What the model reads (subject and content), as ``classify`` builds it."""
        return f"{self.envelope.subject}\n{self.capture.text.strip() or self.envelope.body.strip()}".strip()


def generated_cases(samples: list["Sample"], weight: float = 1.0) -> list[Case]:
    """Cases of generated samples (an e-mail, form, call note or letter body on the envelope)."""
    return [Case(_envelope(s, i), Capture(envelope_id=f"env-eval-{i}"), _gold(s), weight) for i, s in enumerate(samples)]


def labelled_cases(name: str, split: str, weight: float = 1.0) -> list[Case]:
    """Cases of one split of a hand-labelled set (letters arrive as a captured page)."""
    return [Case(*arrival(item, i), _gold(item), weight) for i, item in enumerate(load_items(name, split))]


def outcomes(cases: list[Case], model: "TextModel | None") -> list[Outcome]:
    """Each head's held-out decision (source, raw confidence, right or wrong), uncalibrated (model or rules alone).

    Screened items are left out: screening is sure by construction and never calibrated."""
    results = [classify(case.envelope, case.capture, model=model, calibration=Calibration()) for case in cases]
    return [Outcome(head, result.decided_by[head], getattr(result, f"{head}_confidence"),
                    getattr(result, head) == case.gold[head], case.weight, getattr(result, head))
            for case, result in zip(cases, results, strict=True) if result.decided_by for head in HEADS]


def _gold(labelled: object) -> dict[str, str]:
    return {head: getattr(labelled, head) for head in HEADS}


def _envelope(sample: "Sample", index: int) -> Envelope:
    return Envelope(id=f"env-eval-{index}", channel=sample.channel, source="eval", source_id=str(index),
                    received_at=RECEIVED, subject=sample.subject, body=sample.body)
