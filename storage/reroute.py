"""A person gives a case to another team (or, after a correction, a new priority and deadline).

The event is ``rerouted`` (``rescheduled`` when the team stays) with the
person as its actor and the team in its changes: the case rules
(routing/case_rules.py) then keep that choice when later items join the
case, unless an escalation rule holds, and tell the person. The new team
is told on its queue before the event is written.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from intake.errors import PermanentError
from intake.models import Case
from storage.actions import done_before, person_event
from storage.case_update import Publish, publish_notices
from storage.lifecycle import InvalidTransition
from storage.records import Records


class UnknownTeam(PermanentError):
    """A team the rules file does not name."""


def reroute(records: Records, case_id: str, team: str, actor: str, teams: Collection[str], publish: Publish,
            note: str = "", changes: Mapping[str, Any] | None = None, op: str | None = None,
            data: Mapping[str, Any] | None = None) -> Case:
    """Give the case to ``team`` (one of ``teams``) with ``changes`` (priority, deadline), tell the team;
    the case after it."""
    if team not in teams:
        raise UnknownTeam(f"unknown team {team!r} (teams: {', '.join(teams)})", team=team)
    case = records.case(case_id)
    if case.status == "closed":
        raise InvalidTransition("a closed case must be reopened before it is rerouted", case_id=case_id)
    kind = "rerouted" if team != case.team else "rescheduled"
    if done_before(records, case_id, op, kind):
        return case
    wanted = {"team": team, **(changes or {})}
    notice = {"team": team, "priority": wanted.get("priority", case.priority),
              "deadline": wanted.get("deadline", case.deadline.isoformat() if case.deadline else None)}
    summary = note or f"dossier confié à l'équipe {team} (auparavant {case.team})"
    event = person_event(case_id, actor, kind, summary, {"set": wanted, "manual": True, "notify": [f"team.{team}"],
                                                         "notice": notice, **(data or {})}, op)
    publish_notices(event, publish)
    records.append_event(event)
    return records.write_snapshot(case_id)
