"""The pipeline's stages and their order: the one table that names them.

Each stage reads its input by reference (an envelope id, a case id), writes
its output, and hands the next stage a message. The queues, the workers, the
deployment files and the handlers all take the order from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (stage, what it does), in the order an item goes through them
PIPELINE: tuple[tuple[str, str], ...] = (
    ("capture", "reads text and fields from the item's documents"),
    ("classify", "screens, classifies and routes the item"),
    ("record", "links the item to its case and writes the case events"),
    ("outbound", "acknowledges, suggests an answer, delivers the case events"),
)
STAGES: tuple[str, ...] = tuple(name for name, _ in PIPELINE)


@dataclass(frozen=True)
class Next:
    """The message a stage hands to the next one."""

    stage: str
    body: dict[str, Any]


def next_stage(stage: str) -> str | None:
    """The stage after ``stage``, or None after the last one."""
    position = STAGES.index(stage)
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def forward(stage: str, body: dict[str, Any]) -> Next | None:
    """The message ``stage`` hands on: ``body`` for the stage after it."""
    following = next_stage(stage)
    return Next(following, body) if following else None
