"""What the command lines print: one console, and the tables they share."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

console = Console(width=None if sys.stdout.isatty() else 160)


def cases_table(cases, title: str) -> Table:
    """A table of cases: id, channel, topic, complexity, team, deadline."""
    table = Table("case", "channel", "topic", "complexity", "urgency", "team", "deadline", "items", "status",
                  title=title)
    for c in cases:
        table.add_row(c.id, c.channel or "", c.topic or "", c.complexity or "", c.urgency or "", c.team or "",
                      c.deadline.isoformat() if c.deadline else "", str(len(c.items)), c.status)
    return table


def summaries_table(cases, title: str) -> Table:
    """A table of the case index's rows (``CaseSummary``): the columns of ``cases_table``, and the assignee."""
    table = Table("case", "channel", "topic", "complexity", "urgency", "team", "deadline", "items", "status",
                  "assignee", title=title)
    for c in cases:
        table.add_row(c.id, c.channel or "", c.topic or "", c.complexity or "", c.urgency or "", c.team or "",
                      c.deadline.isoformat() if c.deadline else "", str(c.item_count), c.status, c.assignee or "")
    return table
