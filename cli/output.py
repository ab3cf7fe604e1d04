"""What the command lines print: one console, and the tables they share, in French.

Codes show as their labels (intake/labels.py) and times in the operator's time
zone (``INTAKE_INDEX_TIMEZONE``, default Europe/Paris), named in the column header.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

from intake import labels
from intake.models import Case

console = Console(width=None if sys.stdout.isatty() else 160)


def operator_zone(app) -> ZoneInfo:
    """The time zone the operator reads times in (``INTAKE_INDEX_TIMEZONE``, parsed once by the App)."""
    return ZoneInfo(app.index_settings.timezone)


def when(at: datetime | None, zone: ZoneInfo) -> str:
    return labels.when(at, zone)


def cases_table(cases: Sequence[Case], title: str, zone: ZoneInfo) -> Table:
    """A table of cases: reference, when it was opened, channel, member, subject, topic, urgency, team, deadline."""
    table = Table(title=title)
    for header, width in (("dossier", 0), (f"ouvert le ({zone.key})", 16), ("canal", 9), ("adhérent", 0),
                          ("objet", None), ("thème", 15), ("urgence", 0), ("équipe", 15), ("échéance", 0),
                          ("statut", 8)):
        # 0: never wrapped; a width: wrapped between words, never within one; the subject gives way (folded)
        table.add_column(header, no_wrap=width == 0, min_width=width or None,
                         overflow="fold" if width is None else "ellipsis")
    for c in cases:
        table.add_row(c.id, when(c.opened_at, zone), labels.channel(c.channel), c.member or labels.NONE,
                      c.subject[:50] or labels.NONE, _topic(c), labels.urgency(c.urgency), labels.team(c.team),
                      c.deadline.strftime("%d/%m/%Y") if c.deadline else labels.NONE, labels.status(c.status))
    return table


def _topic(case: Case) -> str:
    shown = labels.topic(case.topic)
    return f"{shown} (complexe)" if case.complexity == "complex" else shown


def print_cases(cases: Sequence[Case], title: str, zone: ZoneInfo, nothing: str) -> None:
    """The cases' table, or ``nothing`` (a French sentence) when there is none."""
    console.print(cases_table(cases, title, zone) if cases else nothing, markup=False)
