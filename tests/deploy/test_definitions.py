"""The RabbitMQ topology in deploy/rabbitmq/: it declares what the code declares, with the same
arguments (RabbitMQ refuses a redeclaration with other arguments: PRECONDITION_FAILED), its
policies dead-letter every stage and team queue, and the real broker imports it.

The import goes into a throwaway vhost of its own (the files are rewritten in memory), which is
deleted afterwards; no other vhost is touched.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from kombu import Connection, Consumer, Exchange, Queue

from outbound.settings import OutboundSettings
from routing.rules import load_rules
from runtime.bus import EXCHANGE, STAGES, TEAM_EXCHANGE, Bus, dead_queue, notice_queue, stage_queue, team_queue

RABBITMQ = Path(__file__).resolve().parents[2] / "deploy" / "rabbitmq"
VHOST = "intake"


def load(name: str) -> dict:
    return json.loads((RABBITMQ / name).read_text())


def code_queues() -> list[Queue]:
    """Every queue the code declares: per stage, its dead queue, per team of the rules file."""
    teams = load_rules().teams
    return [*(stage_queue(s) for s in STAGES), *(dead_queue(s) for s in STAGES), *(team_queue(t) for t in teams)]


def code_exchanges() -> list[Exchange]:
    events = OutboundSettings.model_fields["events_exchange"].default  # the outbound events, see outbound/
    return [EXCHANGE, TEAM_EXCHANGE, Exchange(events, type="topic", durable=True)]


def by_name(entries: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entries}


def test_the_files_are_json_objects_for_the_intake_vhost_only():
    for name in ("definitions.json", "policies.json"):
        document = load(name)
        assert isinstance(document, dict), name
        assert [v["name"] for v in document.get("vhosts", [])] == [VHOST], name
        for section, entries in document.items():
            assert all(e.get("vhost", VHOST) == VHOST for e in entries), (name, section)
    assert "users" not in load("definitions.json") and "permissions" not in load("definitions.json")


def test_every_queue_and_exchange_the_code_declares_is_defined_with_the_same_arguments():
    definitions = load("definitions.json")
    queues, exchanges = by_name(definitions["queues"]), by_name(definitions["exchanges"])
    for queue in code_queues():
        assert queue.name in queues, f"{queue.name} is declared by runtime.bus but not in definitions.json"
        defined = queues[queue.name]
        assert defined["durable"] is True and defined["auto_delete"] is False, queue.name
        # the broker compares the arguments of a redeclaration with the existing queue's
        assert defined["arguments"] == dict(queue.queue_arguments or {}), (
            f"{queue.name}: definitions.json has {defined['arguments']}, intake/bus.py declares "
            f"{queue.queue_arguments}: RabbitMQ would refuse the redeclaration (PRECONDITION_FAILED)")
    for exchange in code_exchanges():
        assert exchange.name in exchanges, exchange.name
        assert (exchanges[exchange.name]["type"], exchanges[exchange.name]["durable"]) == (exchange.type, True)


def test_every_code_queue_is_bound_as_the_code_binds_it():
    bindings = {(b["source"], b["destination"], b["routing_key"]) for b in load("definitions.json")["bindings"]}
    for queue in code_queues():
        assert (queue.exchange.name, queue.name, queue.routing_key) in bindings, queue.name


def test_queues_are_quorum_queues_without_classic_only_arguments():
    for queue in load("definitions.json")["queues"]:
        assert queue["arguments"].get("x-queue-type") == "quorum", queue["name"]
        # quorum queues refuse x-max-priority (and these classic-queue arguments) outright
        assert not {"x-max-priority", "x-queue-mode", "x-queue-master-locator"} & queue["arguments"].keys()


def test_policies_dead_letter_every_stage_and_team_queue_to_a_bound_dead_queue():
    definitions, policies = load("definitions.json"), load("policies.json")["policies"]
    exchanges = by_name(definitions["exchanges"])
    bindings = definitions["bindings"]
    queue_names = [q["name"] for q in definitions["queues"]]

    def policy_of(name: str) -> dict | None:
        # RabbitMQ applies the matching policy of the highest priority
        matching = [p for p in policies if p["apply-to"] in {"queues", "all"} and re.search(p["pattern"], name)]
        return max(matching, key=lambda p: p["priority"], default=None)

    for name in [stage_queue(s).name for s in STAGES] + [team_queue(t).name for t in load_rules().teams]:
        policy = policy_of(name)
        assert policy, f"no policy for {name}"
        definition = policy["definition"]
        assert definition["dead-letter-exchange"] in exchanges, name
        assert definition.get("delivery-limit", 0) > 0, name  # a message that kills its worker stops somewhere
        if definition.get("dead-letter-strategy") == "at-least-once":
            assert definition.get("overflow") == "reject-publish", name  # else RabbitMQ falls back to at-most-once
        dlx = exchanges[definition["dead-letter-exchange"]]
        key = definition.get("dead-letter-routing-key") or next(
            b["routing_key"] for b in bindings if b["destination"] == name)
        targets = [b["destination"] for b in bindings if b["source"] == dlx["name"]
                   and (dlx["type"] == "fanout" or b["routing_key"] == key)]
        assert targets and all(t in queue_names and t.endswith(".dead") for t in targets), (name, targets)
        assert policy_of(targets[0]) is None or "dead-letter-exchange" not in policy_of(targets[0])["definition"]
    for stage in STAGES:  # the dead queues themselves are not dead-lettered further
        assert policy_of(dead_queue(stage).name) is None


# --- the real broker ------------------------------------------------------------------------


def rabbitmqctl(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run(["rabbitmqctl", "-q", *args], input=stdin, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"rabbitmqctl {args[0]}: {result.stderr or result.stdout}"
    return result.stdout


def rewritten(document: dict, vhost: str) -> str:
    """The document with every vhost reference turned into ``vhost``."""
    copy = json.loads(json.dumps(document))
    for section, entries in copy.items():
        for entry in entries:
            if section == "vhosts":
                entry["name"] = vhost
            elif "vhost" in entry:
                entry["vhost"] = vhost
    assert all(e.get("vhost", vhost) == vhost for entries in copy.values() for e in entries)
    return json.dumps(copy)


@pytest.fixture
def imported_vhost():
    """A throwaway vhost holding the imported definitions and policies; deleted afterwards."""
    if shutil.which("rabbitmqctl") is None:
        raise RuntimeError("RabbitMQ is not installed: run `make test` (it installs and starts it)")
    vhost = f"intake-deftest-{uuid.uuid4().hex[:8]}"
    try:
        for name in ("definitions.json", "policies.json"):
            rabbitmqctl("import_definitions", stdin=rewritten(load(name), vhost))  # no file: read from stdin
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*")
        yield vhost
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost], capture_output=True, timeout=120)


@pytest.mark.rabbitmq
def test_the_broker_imports_the_definitions_and_the_code_can_redeclare_and_use_them(imported_vhost):
    expected = {**{stage_queue(s).name: "intake-stages" for s in STAGES},
                **{team_queue(t).name: "intake-teams" for t in load_rules().teams}}
    deadline = time.monotonic() + 30
    while True:  # policies are applied to the queues asynchronously after the import
        rows = {}
        for line in rabbitmqctl("list_queues", "-p", imported_vhost, "name", "type", "policy",
                                "--no-table-headers").splitlines():
            if line.strip():
                name, kind, policy = (line.split("\t") + ["", ""])[:3]
                rows[name] = (kind, policy.strip())
        if all(rows.get(q, ("", ""))[1] == p for q, p in expected.items()) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert set(rows) == {q["name"] for q in load("definitions.json")["queues"]}
    assert {kind for kind, _ in rows.values()} == {"quorum"}
    assert {q: rows[q][1] for q in expected} == expected

    url = f"amqp://guest:guest@127.0.0.1:5672/{imported_vhost}"
    with Bus(url) as bus:
        bus.declare(code_queues())  # what every worker does at start: refused if the arguments differed
        bus.send_to_stage("capture", {"envelope_id": "env-deploy-test"})
        bus.publish(team_queue("general"), {"case_id": "IN-TEST"}, priority=7)
        assert bus.queue_depth(team_queue("general")) == 1
        _wait_depth(bus, stage_queue("capture"), 1)
        # a message refused for good (a poison item) is dead-lettered by the broker's policy
        with Connection(url) as connection:
            rejected = []
            consumer = Consumer(connection.default_channel, queues=[stage_queue("capture")], accept=["json"],
                                callbacks=[lambda body, message: (message.reject(requeue=False),
                                                                  rejected.append(body))])
            with consumer:
                connection.drain_events(timeout=10)
        assert rejected == [{"envelope_id": "env-deploy-test"}]
        _wait_depth(bus, dead_queue("capture"), 1)
        assert bus.queue_depth(stage_queue("capture")) == 0


def _wait_depth(bus: Bus, queue: Queue, depth: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while bus.queue_depth(queue) != depth:
        assert time.monotonic() < deadline, f"{queue.name} never held {depth} message(s)"
        time.sleep(0.2)


def test_a_persons_notice_queue_is_dead_lettered_like_a_team_queue():
    policies = load("policies.json")["policies"]
    name = notice_queue("person.c.durand").name
    [policy] = [p for p in policies if re.search(p["pattern"], name)]
    team = next(p for p in policies if p["name"] == "intake-teams")
    assert policy["definition"] == team["definition"] and policy["apply-to"] == "queues"
    assert notice_queue("person.c.durand").exchange == TEAM_EXCHANGE
