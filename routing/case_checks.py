"""Checks of the rules file's ``case_rules`` section that need the rest of the file.

Each problem is a location in the file and a message, like the checks of the
item rules, so that the loader can name the line to fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from routing.rules import Loc, RuleSet


def case_rule_problems(rules: RuleSet) -> list[tuple[Loc, str]]:
    """Unknown rules and teams named in ``case_rules``, and actions that lack the review team."""
    return [*_item_only_problems(rules), *_team_problems(rules), *_review_problems(rules)]


def _item_only_problems(rules: RuleSet) -> list[tuple[Loc, str]]:
    names = [rule.name for rule in rules.rules]
    problems = []
    for index, name in enumerate(rules.case_rules.item_only_rules):
        loc = ("case_rules", "item_only_rules", index)
        if name not in names:
            problems.append((loc, f"unknown rule {name!r} (rules: {', '.join(names)})"))
        elif name == names[-1]:
            problems.append((loc, f"{name!r} is the catch-all: without it a case could get no team"))
    return problems


def _team_problems(rules: RuleSet) -> list[tuple[Loc, str]]:
    known = ", ".join(rules.teams)
    named = [(("case_rules", "held_teams", i), team) for i, team in enumerate(rules.case_rules.held_teams)]
    if rules.case_rules.review_team is not None:
        named.append((("case_rules", "review_team"), rules.case_rules.review_team))
    return [(loc, f"unknown team {team!r} (teams: {known})") for loc, team in named if team not in rules.teams]


def _review_problems(rules: RuleSet) -> list[tuple[Loc, str]]:
    if rules.case_rules.review_team is not None:
        return []
    actions = rules.case_rules.on_disagreement.model_dump()
    return [(("case_rules", "on_disagreement", name), "'review' needs case_rules.review_team (the team that checks)")
            for name, action in actions.items() if action == "review"]
