"""Quarantined items can be listed and sent through the pipeline again."""

from __future__ import annotations

import pytest
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
    assert "au-delà de la limite" in listing and "ingest" in listing
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data"))
    [entry] = app.records.quarantined()
    result = runner.invoke(main, ["--data-dir", str(tmp_path / "data"), "quarantine", "retry", entry["id"]])
    assert result.exit_code == 0 and "relu et mis en file : 1 élément(s)" in result.output, result.output
    app.worker().run(idle_timeout=1.5)
    assert app.records.quarantined() == []
    [case_id] = app.records.case_ids()
    assert app.records.case(case_id).channel == "letter"
    assert list(app.store.list("quarantine-released/"))
    app.close()


def test_retrying_an_unknown_entry_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "quarantine", "retry", "nope"])
    assert result.exit_code != 0 and "nothing quarantined as nope" in result.output


def _letter() -> bytes:
    return image_bytes(render_page(["Demande d'attestation", "N° adhérent : 12345678"]), "PNG")


def _mail() -> bytes:
    return (b"From: Jeanne Martin <jeanne@example.fr>\r\nSubject: Attestation\r\nMessage-ID: <q1@example.fr>\r\n"
            b"\r\nBonjour, une attestation svp. N\xc2\xb0 adh\xc3\xa9rent : 12345678\r\n")


CALL = b'{"call_id": "C-9", "start": "2026-11-20T10:00:00Z", "notes": "Demande d\'attestation"}'


@pytest.mark.parametrize("stage, file, data", [
    ("imap", "sante-1-7.eml", _mail()), ("hotfolder", "scan.png", _letter()), ("import", "vieux.png", _letter()),
    ("calls", "call-abc.call.json", CALL), ("ingest", "appels-ligne-2.csv", b"call_id,start,notes\n" + b"C-8,"
                                            b"2026-11-20T10:00:00Z,Bonjour\n"),
])
def test_an_entry_any_connector_wrote_is_read_again_from_its_bytes_and_released(app, stage, file, data):
    entry = app.refuse(stage, "item-1", "refusé par une ancienne version", raw=data, file=file)
    result = CliRunner().invoke(main, ["--data-dir", str(app.settings.data_dir), "quarantine", "retry", entry])
    assert result.exit_code == 0 and "relu et mis en file : 1 élément(s)" in result.output, result.output
    assert app.records.quarantined() == [] and app.store.exists(f"quarantine-released/{entry}.json")


def test_an_entry_still_refused_stays_in_quarantine_with_a_french_answer(app):
    entry = app.refuse("imap", "sante-1-8", "pas un courriel", raw=b"rien qui ressemble a un courriel", file="x.eml")
    result = CliRunner().invoke(main, ["--data-dir", str(app.settings.data_dir), "quarantine", "retry", entry])
    assert result.exit_code == 0 and "toujours refusé" in result.output and "n'est pas un courriel" in result.output
    assert [e["id"] for e in app.records.quarantined()] == [entry]


def test_an_entry_without_its_bytes_is_a_clear_error_not_a_crash(app):
    entry = app.refuse("imap", "sante-1-9", "trop gros", raw=None, file="sante-1-9.eml")
    result = CliRunner().invoke(main, ["--data-dir", str(app.settings.data_dir), "quarantine", "retry", entry])
    assert result.exit_code == 1 and "ne peut pas être relancé : ni ses octets" in result.output
    assert "Traceback" not in result.output


def test_a_channel_refusing_the_same_item_twice_keeps_one_entry(app):
    first = app.refuse("hotfolder", "abc", "pas un scan", raw=b"texte", file="notes.txt")
    again = app.refuse("hotfolder", "abc", "pas un scan", raw=b"texte", file="notes.txt")
    assert first == again and len(app.records.quarantined()) == 1
