"""The wiring of people's checks: the routing rules decide where a checked case goes.

storage/corrections.py needs a ``route_for`` and cannot import routing; the
CLI and the dashboard both take it from here, so both act the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from intake.errors import NotFound
from intake.models import Capture, Case, utcnow
from routing.checked import checked_route
from routing.rules import RuleSet
from storage.corrections import NewRoute, RouteFor
from storage.records import Records

TZ = ZoneInfo("Europe/Paris")  # the managers' day, as on the dashboard


def route_for(records: Records, rules: RuleSet) -> RouteFor:
    """A ``route_for`` reading the case's items from ``records`` and deciding with ``rules``."""

    def decide(case: Case, labels: Mapping[str, str], team: str | None) -> NewRoute:
        opener = records.envelope(case.items[0])
        checked = checked_route(rules, opener, _fields(records, case), labels, team, utcnow().astimezone(TZ).date())
        found = checked.route
        return NewRoute(found.team, found.priority, found.deadline, found.rule, checked.why)

    return decide


def _fields(records: Records, case: Case) -> Capture:
    """Every field of the case's items, as one capture (the rules look at the case as a whole)."""
    fields = []
    for envelope_id in case.items:
        try:
            fields += records.capture(envelope_id).fields
        except NotFound:
            continue
    return Capture(envelope_id=case.items[0], fields=tuple(fields))
