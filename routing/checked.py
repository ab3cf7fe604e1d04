"""Where a case goes after a person checked its decision (pure).

The corrected (or confirmed) topic, complexity and urgency go through the
case's routing rules (without the item-only ones: an unsure classification
no longer holds once a person checked it). A team the person chose instead
gets the deadline of that team's first rule that holds, else of its first
rule. The deadline is counted from the receipt of the case's first item; if
that date is already past on the day of the check, it is counted from the
check, and the explanation says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from intake.models import Capture, Classification, Envelope, Route
from routing.case_rules import case_rule_set
from routing.engine import Facts, matches, route
from routing.rules import Rule, RuleSet, When


@dataclass(frozen=True)
class Checked:
    """The route after the check and a French explanation of its deadline."""

    route: Route
    why: str


def checked_route(rules: RuleSet, opener: Envelope, fields: Capture, labels: Mapping[str, str],
                  team: str | None, today: date) -> Checked:
    """The route of a case whose labels a person checked (``team``: the team they chose, if any)."""
    classification = Classification(topic=labels["topic"], complexity=labels["complexity"],  # type: ignore[arg-type]
                                    urgency=labels["urgency"], topic_confidence=1.0,  # type: ignore[arg-type]
                                    complexity_confidence=1.0, urgency_confidence=1.0)
    candidate = _route(rules, Facts(opener, fields, classification), team)
    if candidate.deadline is None or candidate.deadline >= today:
        return Checked(candidate, _counted(candidate, opener.received_at, "la réception du premier élément"))
    later = opener.model_copy(update={"received_at": datetime.combine(today, opener.received_at.timetz())})
    again = _route(rules, Facts(later, fields, classification), team)
    why = f"l'échéance comptée depuis la réception ({candidate.deadline:%d/%m/%Y}) était passée : " + \
        _counted(again, later.received_at, "la vérification")
    return Checked(again, why)


def _route(rules: RuleSet, facts: Facts, team: str | None) -> Route:
    case_rules = case_rule_set(rules)
    if team is None:
        return route(case_rules, facts.envelope, facts.capture, facts.classification)
    own = [r for r in case_rules.rules if r.then.team == team] or [r for r in rules.rules if r.then.team == team]
    chosen = next((r for r in own if matches(r, facts) is not None), own[0] if own else _bare(team))
    catch_all = rules.model_copy(update={"rules": [chosen.model_copy(update={"when": When()})]})
    found = route(catch_all, facts.envelope, facts.capture, facts.classification)
    return found.model_copy(update={"reason": f"équipe {team} choisie par une personne ; échéance de la règle "
                                              f"{chosen.name!r}"})


def _bare(team: str) -> Rule:
    return Rule.model_validate({"name": f"team-{team}", "then": {"team": team}})


def _counted(found: Route, start: datetime, since: str) -> str:
    if found.deadline is None or found.deadline_days is None:
        return f"pas d'échéance pour la règle {found.rule!r}"
    unit = "jours ouvrés" if found.deadline_kind == "working" else "jours calendaires"
    return f"{found.deadline_days} {unit} comptés depuis {since} le {start:%d/%m/%Y}, règle {found.rule!r}"
