"""Apply the rules: the first rule whose conditions all hold gives the route.

Each condition test returns a short description when it holds (so the
route can say why it was chosen) and None when it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from intake.errors import ConfigError
from intake.models import Capture, Classification, Envelope, Route
from routing.calendar import deadline
from routing.rules import Rule, RuleSet, When


@dataclass(frozen=True)
class Facts:
    """What the rules can look at, gathered once per item."""

    envelope: Envelope
    capture: Capture
    classification: Classification


def _channel(facts: Facts, wanted: Any) -> str | None:
    return f"channel {facts.envelope.channel}" if facts.envelope.channel in wanted else None


def _topic(facts: Facts, wanted: Any) -> str | None:
    return f"topic {facts.classification.topic}" if facts.classification.topic in wanted else None


def _complexity(facts: Facts, wanted: Any) -> str | None:
    level = facts.classification.complexity
    return f"complexity {level}" if level in wanted else None


def _urgency(facts: Facts, wanted: Any) -> str | None:
    return f"urgency {facts.classification.urgency}" if facts.classification.urgency in wanted else None


def _screened(facts: Facts, wanted: Any) -> str | None:
    reason = facts.classification.screened
    held = reason in wanted if isinstance(wanted, tuple) else (reason is not None) == wanted
    if not held:
        return None
    return f"screened ({reason})" if reason else "not screened"


def _confidence_below(facts: Facts, wanted: Any) -> str | None:
    confidence = facts.classification.confidence
    return f"confidence {confidence:.2f} < {wanted}" if confidence < wanted else None


def _has_field(facts: Facts, wanted: Any) -> str | None:
    present = all(facts.capture.values(kind) for kind in wanted)
    return "has " + ", ".join(wanted) if present else None


def _missing_field(facts: Facts, wanted: Any) -> str | None:
    absent = not any(facts.capture.values(kind) for kind in wanted)
    return "no " + ", ".join(wanted) if absent else None


CONDITIONS: dict[str, Callable[[Facts, Any], str | None]] = {
    "channel": _channel, "topic": _topic, "complexity": _complexity, "urgency": _urgency,
    "screened": _screened, "confidence_below": _confidence_below,
    "has_field": _has_field, "missing_field": _missing_field,
}


def matches(rule: Rule, facts: Facts) -> list[str] | None:
    """Descriptions of the rule's conditions if all hold, else None."""
    return holds(rule.when, facts)


def holds(when: When, facts: Facts) -> list[str] | None:
    """Descriptions of the conditions if all hold, else None."""
    held = []
    for name, wanted in when.conditions().items():
        description = CONDITIONS[name](facts, wanted)
        if description is None:
            return None
        held.append(description)
    return held


def route(rules: RuleSet, envelope: Envelope, capture: Capture, classification: Classification) -> Route:
    """The route of the first rule that matches the item."""
    facts = Facts(envelope, capture, classification)
    for rule in rules.rules:
        held = matches(rule, facts)
        if held is not None:
            return _route(rules, rule, held, facts)
    # load_rules guarantees a catch-all; only a hand-built RuleSet can get here.
    raise ConfigError("no routing rule matched and the rules have no catch-all")


def _route(rules: RuleSet, rule: Rule, held: list[str], facts: Facts) -> Route:
    """Build the route: team, queue, boosted priority and deadline."""
    urgency = facts.classification.urgency
    boost = rules.urgency_boost.get(urgency, 0)
    priority = max(0, min(9, rule.then.priority + boost))
    why = ", ".join(held) or "no condition (catch-all)"
    if priority != rule.then.priority:
        capped = f", capped at {priority}" if priority != rule.then.priority + boost else ""
        why += f"; priority {rule.then.priority}{boost:+d} for urgency {urgency}{capped}"
    due = rule.then.deadline
    received = facts.envelope.received_at.date()
    return Route(
        team=rule.then.team, queue=f"team.{rule.then.team}", priority=priority,
        deadline=deadline(received, due.days, due.kind, rules.calendar.subdivision) if due else None,
        deadline_days=due.days if due else None, deadline_kind=due.kind if due else None,
        rule=rule.name, reason=f"rule {rule.name!r}: {why}",
    )
