"""Mailroom batches through the pipeline (issue #22): a scanned stack flagged as a batch by its source
becomes one envelope and one case per letter, with its page range and its batch; an envelope's postmark
is the letter's receipt date; a reply form's barcode joins its case; a redelivery makes nothing new; an
unsure cut waits for a reviewer, whose moved boundary and name the letters carry."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pypdfium2
import pytest
from batch_stacks import drop, stack_pdf
from click.testing import CliRunner

from capture.batch.settings import BatchSettings
from cli.main import main
from connectors.hotfolder import batch_import, letter_draft
from intake.models import CaseEvent
from intake.settings import Settings
from routing import route
from runtime import batch_record
from runtime.app import App
from runtime.handlers import CaptureHandler
from runtime.submit import build_envelope
from samples.batches import BatchSpec, make_batch
from storage.batches import batch_events, has_thumbnails, thumbnail

SEED = 3  # 4 letters: a reply form (envelope posted 29/04/2026, case barcode), a letter, a 2-page letter, a letter
SCANNED = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc)  # when the mailroom scanned the stack (file time)


@pytest.fixture(scope="module")
def stack() -> tuple[BatchSpec, bytes]:
    spec = make_batch(SEED, letters=4, separator="patch-T")
    return spec, stack_pdf(spec)


def open_case(app: App, ref: str) -> None:
    """A case opened earlier, whose reply form was printed with its barcode."""
    app.records.append_event(CaseEvent(id=f"{ref}-opened", case_id=ref, at=datetime(2026, 4, 20, tzinfo=timezone.utc),
                                       actor="worker:record", kind="opened", summary="opened",
                                       data={"set": {"status": "open", "team": "general"}}))
    app.records.write_snapshot(ref)


@pytest.fixture(scope="module")
def processed(stack, tmp_path_factory):
    """The stack imported with ``--batches`` on the embedded default and run through every stage."""
    spec, data = stack
    root = tmp_path_factory.mktemp("batch")
    app = App(Settings.load(environ={}, data_dir=root / "data", retry_base_seconds=0.01))
    open_case(app, spec.letters[0].case_ref)
    drop(root / "backlog", "lot-courrier.pdf", data, SCANNED)
    report = batch_import(app.connector_context(), root / "backlog", progress=False, batches=True)
    app.worker().run(idle_timeout=2)
    yield app, report.submitted[0], spec
    app.close()


def letters_of(app: App, batch_id: str):
    record = batch_record.load(app.store, batch_id)
    return record, [app.records.envelope(i) for i in record.letters]


def test_each_letter_of_a_batch_becomes_an_envelope_with_its_pages_its_range_and_its_batch(processed):
    app, batch_id, spec = processed
    record, children = letters_of(app, batch_id)
    assert record.status == "released" and record.scanned == len(spec.pages)
    assert [c.meta["batch_pages"] for c in children] == ["3-5", "9-9", "13-15", "19-19"]
    assert {c.meta["batch_id"] for c in children} == {batch_id}
    first = {n: page.letter for n, page in enumerate(spec.pages, start=1) if page.starts}
    assert [first[int(c.meta["batch_pages"].split("-")[0])] for c in children] == [0, 1, 2, 3]
    for child, letter in zip(children, record.split.letters):
        pdf = pypdfium2.PdfDocument(app.store.get(child.attachments[0].ref.key))
        assert len(pdf) == len(letter.pages) + (letter.envelope is not None)  # its envelope page, its pages
        captured = app.records.capture(child.id)
        assert len(captured.documents[1].pages) == len(pdf)
    assert app.records.capture(children[2].id).values("member_number") == [spec.letters[2].spec.member_number]


def test_a_batch_opens_no_case_and_its_letters_each_open_or_join_one(processed):
    app, batch_id, spec = processed
    record, children = letters_of(app, batch_id)
    assert app.records.index_get("envelope", batch_id) is None
    cases = {app.records.index_get("envelope", c.id) for c in children}
    assert len(cases) == 4 and spec.letters[0].case_ref in cases
    received = [e for c in cases for e in app.records.case(c).events if e.kind == "received"]
    assert {e.data["batch_id"] for e in received} == {batch_id}
    assert [e.kind for e in batch_events(app.store, batch_id)] == ["split", "released"]
    assert not has_thumbnails(app.store, batch_id)  # a sure cut: its letters have their pages, no reviewer needs them


def test_a_letter_with_its_envelope_is_received_on_its_postmark_day_and_its_deadline_counts_from_it(processed):
    app, batch_id, spec = processed
    _, children = letters_of(app, batch_id)
    posted = children[0]
    assert spec.letters[0].postmark == date(2026, 4, 29)
    assert posted.meta["postmark"] == "2026-04-29"
    assert posted.received_at.date() == date(2026, 4, 29) and posted.meta["scanned_at"].startswith("2026-05-04")
    assert children[1].received_at == SCANNED  # no envelope: the scan's time
    classification, decided = app.records.decision(posted.id)
    scanned = route(app.rules, posted.model_copy(update={"received_at": SCANNED}), app.records.capture(posted.id),
                    classification)
    assert decided.deadline is not None and decided.deadline < scanned.deadline


def test_a_reply_form_with_a_case_barcode_joins_that_case_on_strong_evidence(processed):
    app, batch_id, spec = processed
    _, children = letters_of(app, batch_id)
    ref = spec.letters[0].case_ref
    assert children[0].meta["barcode_case_ref"] == ref
    assert app.records.index_get("envelope", children[0].id) == ref
    linked = next(e for e in app.records.case(ref).events if e.kind == "linked")
    assert linked.data["evidence"]["by"] == "barcode" and linked.data["evidence"]["strength"] == "strong"


def test_a_redelivered_batch_makes_the_same_letters_and_no_new_case(processed):
    app, batch_id, _ = processed
    before = (app.records.case_ids(), letters_of(app, batch_id)[0].letters)
    app.bus.send_to_stage("capture", {"envelope_id": batch_id})
    app.worker().run(idle_timeout=2)
    assert (app.records.case_ids(), letters_of(app, batch_id)[0].letters) == before
    assert [e.kind for e in batch_events(app.store, batch_id)] == ["split", "released"]


def test_an_unsure_cut_waits_for_a_reviewer_whose_moved_boundary_and_name_the_letters_carry(stack, tmp_path):
    spec, data = stack
    settings = Settings.load(environ={}, data_dir=tmp_path / "data", retry_base_seconds=0.01)
    app = App(settings)
    try:
        # a stack cut on content, every decision short of certain: the cut waits for a person
        path = drop(tmp_path / "in", "lot.pdf", data, SCANNED)
        envelope = build_envelope(app.records, letter_draft(path, data, True))
        app.records.put_envelope(envelope)
        handler = CaptureHandler(app.records, app.capture_context(), send=app.bus.send_to_stage,
                                 batch=BatchSettings(separation="content", review_confidence=1.0))
        assert handler({"envelope_id": envelope.id}) is None
        record = batch_record.load(app.store, envelope.id)
        assert record.status == "review" and not record.letters and record.split.review_reasons
        assert thumbnail(app.store, envelope.id, len(spec.pages)).startswith(b"\x89PNG")
        cli = CliRunner()
        listed = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "list", "--status", "review"])
        assert envelope.id in listed.output
        refused = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "move", envelope.id, "9", "2"])
        assert refused.exit_code != 0 and "page 2" in refused.output  # a blank back opens nothing
        moved = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "move", envelope.id, "13", "15"])
        assert moved.exit_code == 0, moved.output
        done = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "confirm", envelope.id])
        assert done.exit_code == 0, done.output
        app.worker().run(idle_timeout=2)
        record, children = letters_of(app, envelope.id)
        assert [c.meta["batch_pages"] for c in children] == ["3-5", "9-13", "15-15", "19-19"]
        reviewer = children[0].meta["batch_reviewed_by"]
        assert reviewer.startswith("user:")
        moves = [e for e in batch_events(app.store, envelope.id) if e.kind == "boundary-moved"]
        assert [(e.actor, e.data["page_from"], e.data["page_to"]) for e in moves] == [(reviewer, 13, 15)]
        received = next(e for e in app.records.case(app.records.index_get("envelope", children[1].id)).events
                        if e.kind == "received")
        assert received.data["batch_reviewed_by"] == reviewer and reviewer in received.summary
        shown = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "show", envelope.id])
        assert f"{reviewer} boundary-moved: limite déplacée de la page 13 à la page 15" in shown.output
        again = cli.invoke(main, ["--data-dir", str(settings.data_dir), "batch", "move", envelope.id, "9", "3"])
        assert again.exit_code != 0 and "n'est pas à vérifier" in again.output
    finally:
        app.close()


def test_a_batch_that_is_no_pdf_or_tiff_is_quarantined_with_a_french_reason(app, tmp_path):
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (400, 300), 255).save(out, format="PNG")
    path = drop(tmp_path / "in", "lot.png", out.getvalue(), SCANNED)
    envelope = app.submit(letter_draft(path, out.getvalue(), True))
    app.worker().run(idle_timeout=1)
    (entry,) = app.records.quarantined()
    assert entry["stage"] == "capture" and "un lot doit être un PDF ou un TIFF multipage" in entry["reason"]
    assert batch_record.find(app.store, envelope.id) is None and app.records.case_ids() == []

