"""The routing rules file: its pydantic models and a loader naming the bad line.

The file is parsed twice: ``yaml.compose`` keeps each node's line, and the
plain data goes through pydantic. Every pydantic error location (such as
``rules -> 3 -> then -> team``) is walked down the node tree to the line an
operations manager should fix; checks that span rules (unknown team, missing
catch-all) report lines the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from intake.errors import ConfigError
from intake.models import Channel, Complexity, Urgency
from intake.taxonomy import SCREENING_REASONS, TOPICS
from routing.calendar import SUBDIVISIONS
from routing.case_checks import case_rule_problems

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")

Topic = Literal[TOPICS]  # type: ignore[valid-type]
ScreenReason = Literal[SCREENING_REASONS]  # type: ignore[valid-type]
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Loc = tuple[str | int, ...]


def _as_tuple(value: Any) -> Any:
    """Let a condition take one value or a list of values."""
    return (value,) if isinstance(value, (str, int, float, bool)) else value


def _one_or_many(kind: Any) -> Any:
    return Annotated[tuple[kind, ...], BeforeValidator(_as_tuple)]


def _flag_or_reasons(value: Any) -> Any:
    """``screened`` takes true or false, or one screening reason or a list of them."""
    return value if value is None or isinstance(value, bool) else _as_tuple(value)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class When(_Model):
    """Conditions of a rule; all must hold. Empty or absent: the rule matches everything."""

    channel: _one_or_many(Channel) = ()
    topic: _one_or_many(Topic) = ()
    complexity: _one_or_many(Complexity) = ()
    urgency: _one_or_many(Urgency) = ()
    screened: Annotated[bool | tuple[ScreenReason, ...] | None, BeforeValidator(_flag_or_reasons)] = None
    confidence_below: Annotated[float, Field(gt=0, le=1)] | None = None
    has_field: _one_or_many(Name) = ()
    missing_field: _one_or_many(Name) = ()

    def conditions(self) -> dict[str, Any]:
        """The conditions actually set, by name."""
        return {k: v for k, v in self if v not in ((), None)}


class Deadline(_Model):
    """How long the team has, counted from the day the item was received."""

    days: Annotated[int, Field(ge=0, le=365)]
    kind: Literal["working", "calendar"]


class Then(_Model):
    """What a matching rule decides."""

    team: Name
    priority: Annotated[int, Field(ge=0, le=9)] = 5
    deadline: Deadline | None = None


def _as_text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)


class CalendarSettings(_Model):
    """Whose public holidays working days skip: France's, and a subdivision's (Alsace 6AE, Moselle 57...)."""

    # YAML reads 57 (Moselle) as a number: the codes are compared as text
    subdivision: Annotated[Literal[SUBDIVISIONS] | None, BeforeValidator(_as_text)] = None  # type: ignore[valid-type]


class Rule(_Model):
    """One named rule: conditions and decision."""

    name: Name
    when: When = When()
    then: Then

    @property
    def is_catch_all(self) -> bool:
        return not self.when.conditions()


LinkAction = Literal["join", "review", "related"]


class OnDisagreement(_Model):
    """What an item does when its link to a case disagrees with its own sender or member number."""

    other_member: LinkAction = "related"
    unknown_sender: LinkAction = "join"


class CaseRules(_Model):
    """How a case is decided again when an item joins it (see routing/README.md)."""

    overriding_topics: _one_or_many(Topic) = ("complaint",)
    item_only_rules: _one_or_many(Name) = ()
    held_teams: _one_or_many(Name) = ()
    escalate_when: list[When] = []
    reopen_when: list[When] = [When(screened=False)]
    on_disagreement: OnDisagreement = OnDisagreement()
    review_team: Name | None = None


class RuleSet(_Model):
    """The whole rules file: teams, urgency boosts, ordered rules, case rules."""

    version: Literal[1] = 1
    teams: Annotated[dict[Name, str], Field(min_length=1)]
    urgency_boost: dict[Urgency, Annotated[int, Field(ge=-9, le=9)]] = {}
    calendar: CalendarSettings = CalendarSettings()
    rules: Annotated[list[Rule], Field(min_length=1)]
    case_rules: CaseRules = CaseRules()


def load_rules(path: Path | None = None) -> RuleSet:
    """Read and check a rules file (None: the packaged default); ConfigError names the line."""
    path = path or DEFAULT_RULES
    text = _read(path)
    root = _compose(path, text)
    try:
        rules = RuleSet.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        problems = [(tuple(e["loc"]), _message(e)) for e in exc.errors()]
        raise ConfigError(_report(path, root, problems)) from None
    problems = check_rules(rules)
    if problems:
        raise ConfigError(_report(path, root, problems))
    return rules


def check_rules(rules: RuleSet) -> list[tuple[Loc, str]]:
    """Problems that span rules: unknown teams, duplicate names, catch-all misplaced."""
    problems = [p for index in range(len(rules.rules)) for p in _rule_problems(rules, index)]
    last = len(rules.rules) - 1
    if not rules.rules[last].is_catch_all:
        problems.append((("rules", last), "the last rule must be a catch-all (no 'when') so every item gets a team"))
    return problems + case_rule_problems(rules)


def _rule_problems(rules: RuleSet, index: int) -> list[tuple[Loc, str]]:
    """What is wrong with one rule given the others."""
    rule, problems = rules.rules[index], []
    if rule.then.team not in rules.teams:
        known = ", ".join(rules.teams)
        problems.append((("rules", index, "then", "team"), f"unknown team {rule.then.team!r} (teams: {known})"))
    if rule.name in (r.name for r in rules.rules[:index]):
        problems.append((("rules", index, "name"), f"duplicate rule name {rule.name!r}"))
    if rule.is_catch_all and index < len(rules.rules) - 1:
        problems.append((("rules", index), f"rule {rule.name!r} matches everything: the rules below it never fire"))
    return problems


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the rules file: {exc}") from None


def _compose(path: Path, text: str) -> yaml.Node:
    """The YAML node tree, or a ConfigError naming the line of a syntax error."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ConfigError(f"{path}: line {line}: invalid YAML: {exc.problem}") from None
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}: line 1: the rules file must be a mapping with 'teams' and 'rules'")
    return root


def _message(error: Any) -> str:
    """Pydantic's message, with the wrong value, and said plainly for unknown keys."""
    if error["type"] == "extra_forbidden":
        return "unknown key"
    given = error.get("input")
    return f"{error['msg']} (got {given!r})" if isinstance(given, (str, int, float)) else error["msg"]


def _report(path: Path, root: yaml.Node, problems: list[tuple[Loc, str]]) -> str:
    """One line per problem: "line N: rules[2].then.team: unknown team ..."."""
    lines = [f"line {line_of(root, loc)}: {_dotted(loc)}: {msg}" for loc, msg in problems]
    return f"{path}: " + "; ".join(lines)


def line_of(root: yaml.Node, loc: Loc) -> int:
    """The 1-based line of the deepest node on ``loc`` that exists in the file."""
    node, line = root, root.start_mark.line + 1
    for part in loc:
        found = _child(node, part)
        if found is None:
            break  # a missing key or a pydantic-internal step: the parent's line is the best
        key, node = found
        line = key.start_mark.line + 1
    return line


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of one step down a mapping or sequence."""
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if k.value == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part], node.value[part]
    return None


def _dotted(loc: Loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(file)"
