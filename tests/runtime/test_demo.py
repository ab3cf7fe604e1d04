"""The whole pipeline end to end on the bundled sample intake: on the embedded
default, and on the real RabbitMQ with a real S3 (SeaweedFS)."""

from __future__ import annotations

import re
import subprocess
import sys

from intake import labels
from intake.settings import Settings
from runtime.app import App
from runtime.demo import run_demo


def _check_every_record_is_complete(app: App, cases) -> None:
    for case in cases:
        kinds = [e.kind for e in case.events]
        assert kinds.count("opened") == 1 and kinds[0] == "received", f"{case.id}: {kinds}"
        for envelope_id in case.items:
            envelope = app.records.envelope(envelope_id)
            capture = app.records.capture(envelope_id)
            classification, route = app.records.decision(envelope_id)
            assert route.team and classification.topic
            for ref in [a.ref for a in envelope.attachments] + ([envelope.raw] if envelope.raw else []):
                assert app.store.exists(ref.key)
            assert capture.documents, envelope_id


# The team each sample item must reach (issue #24): a plain request to refund glasses is the general team's, not
# the complaints team's; an address change that mentions glasses in passing is a change of details.
EXPECTED_TEAMS = {
    "mail-01-remboursement.eml": "general",         # a consultation to refund (fee overrun: complex, general team)
    "mail-02-reponse.eml": "general",               # new bank details, glasses mentioned in passing
    "mail-03-devis-dentaire.eml": "expert-dental",  # an implant quote to study
    "mail-04-absence.eml": "screened",              # an out-of-office reply
    "letter-01-hospitalisation.png": "expert-hospitalisation",  # a prior agreement before a hip replacement
    "letter-02-reclamation.tif": "complaints",      # a complaint, third reminder, the mediator threatened
    "letter-03-optique.pdf": "general",             # glasses bought and paid: refund them (simple, normal urgency)
    "webform-01-attestation.json": "general",       # a certificate of cover
    "call:CALL-20261123-0001": "general",           # a new address
    "call:CALL-20261123-0002": "general",           # a question about a reimbursement
    "call:CALL-20261123-0003": "complaints",        # third call, very unhappy, the mediator threatened
}


def _sample_name(envelope) -> str:
    """The sample file an item came from, or for a call its call id."""
    return envelope.source_id if envelope.source_id.startswith("call:") else envelope.source.removeprefix("file:")


def _check_the_sample_day_is_routed_as_the_reference_user_wants(app: App, cases) -> None:
    teams = {_sample_name(app.records.envelope(i)): app.records.decision(i)[1].team for c in cases for i in c.items}
    assert teams == EXPECTED_TEAMS
    letter = next(i for c in cases for i in c.items if app.records.envelope(i).source.endswith("optique.pdf"))
    assert app.records.decision(letter)[0].urgency in ("low", "normal")
    channels = {c.channel for c in cases}
    assert channels == {"email", "letter", "webform", "phone"}
    complaint = next(c for c in cases if c.team == "complaints")
    assert complaint.deadline is not None and (complaint.deadline - complaint.opened_at.date()).days == 15
    threaded = [c for c in cases if any("e-mail thread" in e.summary for e in c.events if e.kind == "linked")]
    assert threaded, "the reply should have joined its first e-mail's case"
    letters = [i for c in cases for i in c.items if app.records.envelope(i).channel == "letter"]
    ocr_pages = [p for i in letters for d in app.records.capture(i).documents for p in d.pages if p.method == "ocr"]
    assert len(ocr_pages) >= 3 and all(p.confidence and p.confidence > 0.7 for p in ocr_pages)


def test_the_demo_on_the_embedded_default_routes_every_sample_item(app):
    cases = run_demo(app, idle_seconds=2)
    _check_every_record_is_complete(app, cases)
    _check_the_sample_day_is_routed_as_the_reference_user_wants(app, cases)
    assert app.records.quarantined() == []


def test_the_demo_on_rabbitmq_and_s3_gives_the_same_cases(tmp_path, amqp_url, s3_url):
    embedded = App(Settings.load(environ={}, data_dir=tmp_path / "embedded"))
    real = App(Settings.load(environ={}, data_dir=tmp_path / "real", broker_url=amqp_url, store_url=s3_url))
    try:
        expected = {(c.id, c.team, c.topic, len(c.items)) for c in run_demo(embedded, idle_seconds=2)}
        got = run_demo(real, idle_seconds=2)
        _check_every_record_is_complete(real, got)
        assert {(c.id, c.team, c.topic, len(c.items)) for c in got} == expected
        assert real.store.url.startswith("s3://")
    finally:
        embedded.close()
        real.close()


def test_running_the_demo_twice_makes_no_duplicate_case(app):
    first = run_demo(app, idle_seconds=2)
    second = run_demo(app, idle_seconds=2)
    assert sorted(c.id for c in first) == sorted(c.id for c in second)
    assert len(app.records.case_ids()) == len(first)
    for case in second:
        assert len(case.events) == len({e.id for e in case.events})


def test_the_demo_command_prints_the_case_table(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "demo", "--idle", "2"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    shown = re.search(r"démo intake : (\d+) dossier\(s\)", result.stdout)
    assert shown and result.stdout.count("IN-") == int(shown.group(1)) > 0
    assert labels.urgency("critical") in result.stdout and labels.channel("webform") in result.stdout
    assert "expert-dental" not in result.stdout and "complaints" not in result.stdout
