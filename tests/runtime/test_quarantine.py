"""Quarantined items can be listed and sent through the pipeline again."""

from __future__ import annotations

from click.testing import CliRunner
from docs import image_bytes, render_page

from cli.main import main
from intake.settings import Settings
from runtime.app import App
from runtime.ingest import ingest_paths


def test_a_file_refused_for_its_size_is_processed_after_a_retry_with_a_higher_limit(tmp_path):
    letter = tmp_path / "lettre.png"
    letter.write_bytes(image_bytes(render_page(["Demande d'attestation", "N° adhérent : 12345678"]), "PNG"))
    strict = App(Settings.load(environ={}, data_dir=tmp_path / "data", max_item_bytes=1000))
    assert ingest_paths(strict, [letter]).quarantined
    strict.close()

    runner = CliRunner()
    listing = runner.invoke(main, ["--data-dir", str(tmp_path / "data"), "quarantine", "list"]).output
    assert "size limit" in listing and "ingest" in listing
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data"))
    [entry] = app.records.quarantined()
    result = runner.invoke(main, ["--data-dir", str(tmp_path / "data"), "quarantine", "retry", entry["id"]])
    assert result.exit_code == 0 and "ingested again as 1 item(s)" in result.output
    app.worker().run(idle_timeout=1.5)
    assert app.records.quarantined() == []
    [case_id] = app.records.case_ids()
    assert app.records.case(case_id).channel == "letter"
    assert list(app.store.list("quarantine-released/"))
    app.close()


def test_retrying_an_unknown_entry_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "quarantine", "retry", "nope"])
    assert result.exit_code != 0 and "nothing quarantined as nope" in result.output
