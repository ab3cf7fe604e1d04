"""Prometheus metrics scraped over HTTP while real items go through the real
pipeline (embedded default): the counters match what was fed, and the gauges
match the store and the queues."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from served import serve
from services import free_port

from intake.settings import Settings
from intake.telemetry import reason_label
from runtime.app import App
from runtime.ingest import ingest_paths
from runtime.metrics import MetricsHook
from samples.day import write_sample_intake
from web.server import create_app

KEY = "cle-portail-adherent-0123456789"
FORM = {"name": "Jeanne Martin", "member_number": "12345678", "subject": "Attestation",
        "message": "Bonjour, pourriez-vous m'envoyer une attestation de droits ? Merci."}


def _scrape(url: str) -> dict[tuple[str, frozenset], float]:
    text = httpx.get(f"{url}/metrics", timeout=10).text
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def _by(samples: dict, name: str, label: str) -> Counter:
    """One metric's values keyed by one label (absent series count as zero)."""
    return Counter({dict(labels)[label]: v for (n, labels), v in samples.items() if n == name and v})


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """An App on the embedded default, for the whole module (items are fed once)."""
    application = App(Settings.load(environ={}, data_dir=tmp_path_factory.mktemp("metrics") / "data",
                                    retry_base_seconds=0.01))
    yield application
    application.close()


@pytest.fixture(scope="module")
def fed(app, tmp_path_factory):
    """Metrics before and after feeding e-mails, calls, a web form, a web submission and a damaged letter."""
    folder = tmp_path_factory.mktemp("feed")
    write_sample_intake(folder)
    files = [p for p in folder.iterdir() if not p.name.startswith("letter")]  # OCR is tested elsewhere; keep it quick
    (damaged := folder / "courrier-abime.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << >> broken")
    api = create_app(app, api_keys=[KEY])
    with serve(api) as url, serve(api.state.internal) as internal:  # /metrics: on the internal port
        before = _scrape(internal)
        ingest_paths(app, [*files, damaged])
        assert httpx.post(f"{url}/v1/submissions", json=FORM, headers={"X-API-Key": KEY}).status_code == 202
        app.worker().run(idle_timeout=1.0)
        yield before, _scrape(internal)


def _delta(before: dict, after: dict, name: str, label: str) -> Counter:
    grown = _by(after, name, label)
    grown.subtract(_by(before, name, label))
    return Counter({k: v for k, v in grown.items() if v})


def test_the_counters_scraped_over_http_match_the_items_fed(app, fed):
    before, after = fed
    envelopes = [app.records.envelope(k.split("/")[1].removesuffix(".json")) for k in app.store.list("envelopes/")]
    decided = [app.records.decision(e.id) for e in envelopes if app.store.exists(f"decisions/{e.id}.json")]

    assert _delta(before, after, "intake_items_received_total", "channel") == Counter(e.channel for e in envelopes)
    assert _delta(before, after, "intake_routed_total", "team") == Counter(route.team for _, route in decided)
    assert sum(_delta(before, after, "intake_screened_total", "reason").values()) == sum(
        1 for c, _ in decided if c.screened)
    handled = _delta(before, after, "intake_stage_seconds_count", "stage")
    assert [handled[s] for s in ("capture", "classify", "record")] == [len(envelopes) - 1, len(decided), len(decided)]
    assert _delta(before, after, "intake_quarantined_total", "reason") == {"aucun contenu lisible": 1}
    assert len(envelopes) == 10 and len(decided) == 9


def _notices(cases) -> Counter:
    """What the store says was published to each queue: the dispatch of each case, and the notices of the
    case-level changes a later item caused (a case rescheduled when an item received later joins it)."""
    sent: Counter = Counter()
    for case in cases:
        for event in case.events:
            sent.update([event.data["queue"]] if event.kind == "dispatched" else event.data.get("notify", ()))
    return sent


def test_the_scrape_time_gauges_match_the_store_and_the_team_queues(app, fed):
    _, after = fed
    cases = [app.records.case(cid) for cid in app.records.case_ids()]
    waiting = Counter(c.team for c in cases if c.status not in {"closed", "screened"})

    assert _by(after, "intake_team_cases_waiting", "team") == waiting
    assert _by(after, "intake_queue_messages", "queue") == _notices(cases) + Counter({"intake.capture.dead": 1})
    assert set(_by(after, "intake_team_oldest_waiting_seconds", "team")) == set(waiting)


def test_a_worker_serves_its_own_metrics_on_the_port_its_hook_is_given():
    port = free_port()
    MetricsHook(port=port).after_process("capture", {"envelope_id": "env-1"}, 0.2)

    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text

    assert 'intake_stage_seconds_count{stage="capture"}' in text


def test_a_quarantine_reason_becomes_a_short_label_without_ids_or_numbers():
    assert reason_label("no readable content (documents='x.pdf: corrupt')") == "no readable content"
    assert reason_label("failed 5 times; last error: StoreError: down") == "retries exhausted"
    assert reason_label("file of 73400320 bytes is larger than the 52428800-byte limit") == \
        "file of N bytes is larger than the N-byte limit"
