"""A person gives a case to another team.

The event is ``rerouted`` with the person as its actor: the case rules
(routing/case_rules.py) then keep that choice when later items join the
case, unless an escalation rule holds, and tell the person. The new team
is told on its queue before the event is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from intake.errors import PermanentError
from intake.models import Case, CaseEvent, utcnow
from storage.case_update import Publish, publish_notices
from storage.lifecycle import InvalidTransition
from storage.records import Records


class UnknownTeam(PermanentError):
    """A team the rules file does not name."""


def reroute(records: Records, case_id: str, team: str, actor: str, teams: Collection[str], publish: Publish,
            note: str = "") -> Case:
    """Give the case to ``team`` (one of ``teams``), tell the team, and return the case."""
    if team not in teams:
        raise UnknownTeam(f"unknown team {team!r} (teams: {', '.join(teams)})", team=team)
    case = records.case(case_id)
    if case.status == "closed":
        raise InvalidTransition("a closed case must be reopened before it is rerouted", case_id=case_id)
    when = utcnow()
    notice = {"team": team, "priority": case.priority, "deadline": case.deadline.isoformat() if case.deadline else None}
    event = CaseEvent(
        id=f"{when.strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}", case_id=case_id, at=when, actor=actor,
        kind="rerouted", summary=note or f"dossier confié à l'équipe {team} (auparavant {case.team})",
        data={"set": {"team": team}, "manual": True, "notify": [f"team.{team}"], "notice": notice},
    )
    publish_notices(event, publish)
    records.append_event(event)
    return records.write_snapshot(case_id)
