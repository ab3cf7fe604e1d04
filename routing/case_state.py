"""What a case is, taken as a whole: its items, its classification, who holds it.

The case rules (routing/case_rules.py) decide from these facts. Everything
here is pure: the record stage reads the case and its items from the store
and passes them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import get_args

from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Route, Urgency
from routing.engine import Facts
from routing.rules import CaseRules

URGENCY_LEVELS: tuple[str, ...] = get_args(Urgency)  # from the lowest to the highest


@dataclass(frozen=True)
class CaseItem:
    """One item of a case as the case rules see it."""

    envelope: Envelope
    capture: Capture
    classification: Classification
    route: Route

    @property
    def id(self) -> str:
        return self.envelope.id


@dataclass(frozen=True)
class CaseFacts:
    """The case before the new item changed it, all its items (the new one included), and the new item."""

    case: Case
    items: tuple[CaseItem, ...]
    new: CaseItem
    at: datetime

    def opener(self) -> CaseItem:
        """The item that opened the case (the earliest received if the store lost that event)."""
        opened = {e.envelope_id for e in self.case.events if e.kind == "opened"}
        found = [item for item in self.items if item.id in opened]
        return found[0] if found else min(self.items, key=lambda i: i.envelope.received_at)


@dataclass(frozen=True)
class Hold:
    """Why a case keeps its team: a person's choice, or a team that waits for a person."""

    people: tuple[str, ...]
    what: str


def is_doubtful(case: Case, envelope_id: str) -> bool:
    """Whether the item joined with a warning and waits for the review team (it does not count yet)."""
    return any(e.envelope_id == envelope_id and e.kind == "link-warning" and e.data.get("action") == "review"
               for e in case.events)


def counted_items(facts: CaseFacts) -> list[CaseItem]:
    """The items that make the case: neither screened nor waiting for review, the opener first."""
    opener = facts.opener()
    kept = [i for i in facts.items if not i.classification.screened and not is_doubtful(facts.case, i.id)]
    return sorted(kept, key=lambda i: (i.id != opener.id, i.envelope.received_at, i.id))


def case_classification(rules: CaseRules, case: Case, items: list[CaseItem]) -> tuple[Classification, list[str]]:
    """The case's topic, complexity and urgency from its items, with the reasons (in French)."""
    topic, topic_why = _topic(rules, items)
    complex_item = next((i for i in items if i.classification.complexity == "complex"), None)
    complexity = "simple" if complex_item is None else "complex"
    urgency = _highest([case.urgency or "low", *(i.classification.urgency for i in items)])
    sure = max(i.classification.confidence for i in items)  # a case is as sure as its surest item
    reasons = [topic_why, f"complexité {complexity}" + (f" (élément {complex_item.id})" if complex_item else ""),
               f"urgence {urgency} (la plus haute ; elle ne baisse jamais automatiquement)"]
    return Classification(topic=topic, topic_confidence=sure, complexity=complexity, complexity_confidence=sure,
                          urgency=urgency, urgency_confidence=sure, reasons=tuple(reasons)), reasons


def _topic(rules: CaseRules, items: list[CaseItem]) -> tuple[str, str]:
    for topic in rules.overriding_topics:
        first = next((i for i in items if i.classification.topic == topic), None)
        if first is not None:
            return topic, f"thème {topic} : l'élément {first.id} du {first.envelope.received_at:%d/%m/%Y} l'emporte"
    topic = items[0].classification.topic
    return topic, f"thème {topic} : celui de l'élément qui a ouvert le dossier"


def _highest(levels: list[str]) -> str:
    return max(levels, key=URGENCY_LEVELS.index)


def case_route_facts(facts: CaseFacts, items: list[CaseItem], classification: Classification) -> Facts:
    """The case as one item for the routing rules: the opener's channel, every item's fields,
    the case's classification, and the new item's receipt (deadlines are counted from it)."""
    opener = facts.opener()
    envelope = opener.envelope.model_copy(update={"received_at": facts.new.envelope.received_at})
    fields = tuple(f for i in items for f in i.capture.fields)
    return Facts(envelope, Capture(envelope_id=opener.id, fields=fields), classification)


def hold(rules: CaseRules, case: Case) -> Hold | None:
    """Who holds the case's routing: the people who re-routed or assigned it, or a held team."""
    escalations = [i for i, e in enumerate(case.events) if e.kind == "escalated"]
    since = escalations[-1] + 1 if escalations else 0  # an escalation ends the hold of the choices before it
    manual = [e for e in case.events[since:] if _is_manual_routing(e)]
    if manual:
        people = [_person(e.actor) for e in manual] + ([case.assignee] if case.assignee else [])
        last = manual[-1]
        return Hold(tuple(dict.fromkeys(p for p in people if p)), f"{last.summary} ({_person(last.actor)}, "
                    f"{last.at:%d/%m/%Y})")
    if case.team in rules.held_teams:
        return Hold((), f"le dossier attend une décision de l'équipe {case.team}")
    return None


def _is_manual_routing(event: CaseEvent) -> bool:
    changed = event.data.get("set", {})
    return event.actor.startswith("user:") and ("team" in changed or "assignee" in changed)


def _person(actor: str) -> str:
    return actor.removeprefix("user:")
