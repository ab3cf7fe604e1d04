"""The case-level decision: what a case becomes when another item joins it.

A pure function of the case before the item, all its items and the rules
file's ``case_rules`` section (explained in routing/README.md). It returns
the changes, each with its reasons, the rule behind it and the queues to
tell; routing/case_events.py turns them into case events.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from intake.models import Case, Classification, Route
from routing.case_state import (
    CaseFacts,
    CaseItem,
    Hold,
    case_classification,
    case_route_facts,
    counted_items,
    hold,
    is_doubtful,
)
from routing.engine import Facts, holds, route
from routing.rules import RuleSet

LABELS = {"topic": "thème", "complexity": "complexité", "urgency": "urgence"}
PERSON = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class Change:
    """One change to a case: its kind, a French summary, the fields it sets, why, and who to tell."""

    kind: str
    summary: str
    set: dict[str, Any] = field(default_factory=dict)
    rule: str | None = None
    reasons: tuple[str, ...] = ()
    notify: tuple[str, ...] = ()
    clear: bool = False


def decide_case(rules: RuleSet, facts: CaseFacts) -> list[Change]:
    """The changes the new item makes to its case (none for an auto-reply or a bounce)."""
    if facts.new.classification.screened:
        return []
    if is_doubtful(facts.case, facts.new.id):
        return [_review_request(rules, facts)]
    reopening = _reopening(rules, facts)
    if facts.case.status == "closed" and reopening is None:
        return []
    items = counted_items(facts)
    return _case_changes(rules, facts, items, reopening) if items else []


def _case_changes(rules: RuleSet, facts: CaseFacts, items: list[CaseItem], reopening: Change | None) -> list[Change]:
    """Reclassify the case from its counted items, then route it as a whole."""
    classification, why = case_classification(rules.case_rules, facts.case, items)
    route_facts = case_route_facts(facts, items, classification)
    candidate = route(case_rule_set(rules), route_facts.envelope, route_facts.capture, classification)
    first = [c for c in (reopening, _reclassification(facts.case, classification, why)) if c is not None]
    routing = _routing(rules, facts, route_facts, candidate)
    # one notice per person and team: the routing change tells them the rest too
    return ([replace(c, notify=()) for c in first] if routing else first) + routing


def case_rule_set(rules: RuleSet) -> RuleSet:
    """The routing rules that apply to a case as a whole (without the item-only ones)."""
    skipped = set(rules.case_rules.item_only_rules)
    return rules.model_copy(update={"rules": [r for r in rules.rules if r.name not in skipped]})


def person_queue(person: str) -> str:
    """The queue name of one person's notices: ``person.<name>`` (a name with odd characters is hashed)."""
    safe = PERSON.fullmatch(person) is not None
    return f"person.{person if safe else 'h-' + hashlib.sha256(person.encode()).hexdigest()[:16]}"


def team_queue(team: str) -> str:
    """The queue name of one team's notices."""
    return f"team.{team}"


def _review_request(rules: RuleSet, facts: CaseFacts) -> Change:
    team = rules.case_rules.review_team or facts.case.team  # load_rules requires review_team for 'review'
    warning = next((e.summary for e in facts.case.events
                    if e.envelope_id == facts.new.id and e.kind == "link-warning"), "rattachement douteux")
    return Change("review-requested", f"rattachement à vérifier par l'équipe {team} : {warning} ; l'élément ne "
                  "change pas le dossier tant qu'une personne ne l'a pas confirmé",
                  notify=(*(team_queue(t) for t in (team,) if t), *_assignee(facts.case)))


def _reopening(rules: RuleSet, facts: CaseFacts) -> Change | None:
    if facts.case.status != "closed":
        return None
    item = Facts(facts.new.envelope, facts.new.capture, facts.new.classification)
    for index, when in enumerate(rules.case_rules.reopen_when):
        held = holds(when, item)
        if held is not None:
            why = ", ".join(held) or "toujours"
            return Change("reopened", f"dossier rouvert : un nouvel élément est arrivé après la clôture ({why})",
                          {"status": "open", "outcome": None, "closed_at": None},
                          rule=f"case_rules.reopen_when[{index}]", reasons=(why,),
                          notify=(*_team(facts.case), *_assignee(facts.case)), clear=True)
    return None


def _reclassification(case: Case, classification: Classification, why: list[str]) -> Change | None:
    now = {"topic": classification.topic, "complexity": classification.complexity, "urgency": classification.urgency}
    changed = {k: v for k, v in now.items() if getattr(case, k) != v}
    if not changed:
        return None
    parts = [f"{LABELS[k]} {getattr(case, k) or '—'} → {v}" for k, v in changed.items()]
    return Change("reclassified", "dossier reclassé : " + ", ".join(parts), changed, rule="case_rules",
                  reasons=tuple(why), notify=_assignee(case))


def _routing(rules: RuleSet, facts: CaseFacts, route_facts: Facts, candidate: Route) -> list[Change]:
    case, day = facts.case, facts.new.envelope.received_at.date()
    held = hold(rules.case_rules, case)
    if held is None or candidate.team == case.team:
        return _moved(case, candidate, day, None, None)
    escalation = _escalation(rules, route_facts)
    if escalation is None:
        return _kept(rules, case, held, candidate, route_facts.classification.urgency, day)
    return _moved(case, candidate, day, held, escalation)


def _escalation(rules: RuleSet, facts: Facts) -> str | None:
    for index, when in enumerate(rules.case_rules.escalate_when):
        held = holds(when, facts)
        if held is not None:
            return f"case_rules.escalate_when[{index}] ({', '.join(held)})"
    return None


def _moved(case: Case, candidate: Route, day: date, held: Hold | None, escalation: str | None) -> list[Change]:
    """The case follows the rules: another team, a higher priority, a closer or renewed deadline."""
    moves = candidate.team != case.team
    changes, deadline_why = _new_routing(case, candidate, day, moves)
    clear = bool(escalation and moves and case.assignee)
    if clear:  # the person keeps nothing in another team: the new team assigns it
        changes.update(assignee=None, status="open")
    if not changes:
        return []
    people = tuple(person_queue(p) for p in (held.people if held else ()))
    notify = tuple(dict.fromkeys((team_queue(candidate.team), *_assignee(case), *people)))
    summary = _moved_summary(case, candidate, changes, deadline_why, escalation, held)
    kind = _kind(moves, escalation, "priority" in changes)
    return [Change(kind, summary, changes, candidate.rule, _reasons(candidate, deadline_why, escalation), notify,
                   clear)]


def _new_routing(case: Case, candidate: Route, day: date, moves: bool) -> tuple[dict[str, Any], str]:
    """The routing fields that change (another team: the rule's priority; the same: it only rises), and why."""
    priority = candidate.priority if moves else max(case.priority or 0, candidate.priority)
    deadline, deadline_why = _deadline(case, candidate, moves, day)
    wanted = {"team": candidate.team, "priority": priority, "deadline": deadline.isoformat() if deadline else None}
    changes = {k: v for k, v in wanted.items() if _differs(case, k, v)}
    if case.status == "screened":
        changes["status"] = "open"
    return changes, deadline_why


def _kind(moves: bool, escalation: str | None, priority_changed: bool) -> str:
    if escalation:
        return "escalated"
    if moves:
        return "rerouted"
    return "reprioritised" if priority_changed else "rescheduled"


def _deadline(case: Case, candidate: Route, moves: bool, day: date) -> tuple[date | None, str]:
    """The case's deadline after the item, and why it changed ('' if it did not)."""
    counted = _counted(candidate, day)
    if moves or case.deadline is None:
        return candidate.deadline, counted
    if case.deadline < day:
        return candidate.deadline, f"l'échéance du {case.deadline:%d/%m/%Y} était dépassée à l'arrivée de " \
                                   f"l'élément : {counted}"
    if candidate.deadline is not None and candidate.deadline < case.deadline:
        return candidate.deadline, f"échéance rapprochée : {counted}"
    return case.deadline, ""


def _counted(candidate: Route, day: date) -> str:
    if candidate.deadline is None or candidate.deadline_days is None:
        return "pas d'échéance"
    unit = "jours ouvrés" if candidate.deadline_kind == "working" else "jours calendaires"
    return f"{candidate.deadline_days} {unit} comptés depuis la réception de l'élément le {day:%d/%m/%Y}"


def _kept(rules: RuleSet, case: Case, held: Hold, candidate: Route, urgency: str, day: date) -> list[Change]:
    """A person's choice stands: the case stays; its priority still follows a rising urgency."""
    boost = rules.urgency_boost
    raised = boost.get(urgency, 0) - boost.get(case.urgency or "normal", 0)
    priority = min(9, (case.priority or 0) + max(0, raised))
    changes: dict[str, Any] = {"priority": priority} if priority != case.priority else {}
    late = f" ; l'échéance du {case.deadline:%d/%m/%Y} est dépassée" if case.deadline and case.deadline < day else ""
    summary = (f"équipe {case.team} conservée : {held.what} ; la règle {candidate.rule!r} aurait choisi "
               f"l'équipe {candidate.team}{late}")
    notify = tuple(person_queue(p) for p in held.people) or (team_queue(case.team or candidate.team),)
    return [Change("kept", summary, changes, candidate.rule, (candidate.reason,), notify)]


def _moved_summary(case: Case, candidate: Route, changes: dict[str, Any], deadline_why: str,
                   escalation: str | None, held: Hold | None) -> str:
    parts = []
    if "team" in changes:
        parts.append(f"dossier transféré de l'équipe {case.team} à l'équipe {candidate.team}")
    if "priority" in changes:
        parts.append(f"priorité {case.priority} → {changes['priority']}")
    if "deadline" in changes:
        parts.append(f"échéance {_day(case.deadline)} → {_day(_as_date(changes.get('deadline')))} ({deadline_why})")
    if changes.get("status") == "open" and case.status == "screened":
        parts.append("le dossier n'est plus écarté")
    text = f"{', '.join(parts)} ; règle {candidate.rule!r}"
    if escalation and held:
        text += f" ; escalade malgré le choix d'une personne ({held.what})"
    return text


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "aucune"


def _differs(case: Case, key: str, value: Any) -> bool:
    current = getattr(case, key)
    return (current.isoformat() if isinstance(current, date) else current) != value


def _reasons(candidate: Route, deadline_why: str, escalation: str | None) -> tuple[str, ...]:
    return tuple(r for r in (candidate.reason, deadline_why, escalation) if r)


def _team(case: Case) -> tuple[str, ...]:
    return (team_queue(case.team),) if case.team else ()


def _assignee(case: Case) -> tuple[str, ...]:
    return (person_queue(case.assignee),) if case.assignee else ()
