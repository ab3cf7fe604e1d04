"""A person re-routes a case: the team is told on its queue, then the choice is recorded as theirs."""

from __future__ import annotations

import pytest
from items import _item

from runtime.bus import Bus, notice_queue
from storage.base import open_store
from storage.cases import record_item
from storage.lifecycle import InvalidTransition, close
from storage.records import Records
from storage.reroute import UnknownTeam, reroute

TEAMS = ("general", "expert-dental", "complaints")


@pytest.fixture
def recorded(tmp_path):
    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    case, _ = record_item(records, *_item(1))
    with Bus("filesystem://", tmp_path / "bus") as bus:
        yield records, bus, case.id


def publisher(bus: Bus):
    return lambda queue, body, priority: bus.publish(notice_queue(queue), body, priority=priority)


def test_a_rerouted_case_changes_team_and_the_new_team_is_told(recorded):
    records, bus, case_id = recorded
    case = reroute(records, case_id, "expert-dental", "user:chef", TEAMS, publisher(bus), "devis dentaire joint")
    assert case.team == "expert-dental" and case.events[-1].actor == "user:chef"
    assert (case.events[-1].kind, case.events[-1].summary) == ("rerouted", "devis dentaire joint")
    queue = notice_queue("team.expert-dental")(bus.connection.default_channel)
    message = queue.get(no_ack=True)
    assert message.decode()["case_id"] == case_id and message.decode()["team"] == "expert-dental"


def test_an_unknown_team_or_a_closed_case_is_refused(recorded):
    records, bus, case_id = recorded
    with pytest.raises(UnknownTeam, match="unknown team 'dentaire'"):
        reroute(records, case_id, "dentaire", "user:chef", TEAMS, publisher(bus))
    close(records, case_id, "réglé", "user:chef")
    with pytest.raises(InvalidTransition, match="reopened before it is rerouted"):
        reroute(records, case_id, "general", "user:chef", TEAMS, publisher(bus))
    assert records.case(case_id).team == "general"
