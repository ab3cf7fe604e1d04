"""Declarative routing: rules from a YAML file decide team, priority and deadline."""

from __future__ import annotations

from routing.engine import route
from routing.rules import RuleSet, load_rules

__all__ = ["RuleSet", "load_rules", "route"]
