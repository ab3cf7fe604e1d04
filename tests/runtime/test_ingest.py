"""``intake ingest``: every file, and every row of a call log, ends queued or quarantined with a French
reason, one by one; a bad file is quarantined once; the exit status says whether anything was."""

from __future__ import annotations

import json
from datetime import date, timedelta

from click.testing import CliRunner

from cli.main import main
from intake.settings import Settings
from runtime.app import App
from runtime.ingest import ingest_paths

FORM = {"name": "Jeanne Martin", "email": "jeanne@example.fr", "member_number": "12345678",
        "subject": "Remboursement", "message": "Bonjour, je voudrais le remboursement de mes lunettes."}
HOSTILE = {
    "deep.json": b'{"message": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    "digits.json": b'{"message": "x", "n": ' + b"9" * 5000 + b"}",
    "surrogate.json": b'{"message": "\\ud800"}',
    "nested.json": b'{"message": {"a": {"b": 1}}}',
}


def _run(data_dir, *args):
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), "ingest", *map(str, args)])


def test_one_bad_file_in_a_batch_is_quarantined_and_the_files_after_it_are_queued(tmp_path):
    paths = [tmp_path / "a.json"]
    paths[0].write_text(json.dumps(FORM), encoding="utf-8")
    for name, data in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    paths.append(tmp_path / "z.json")
    paths[-1].write_text(json.dumps(FORM | {"message": "Une autre demande"}), encoding="utf-8")

    result = _run(tmp_path / "data", *paths)

    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert "2 élément(s) mis en file, 4 mis en quarantaine" in result.output
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data"))
    entries = {e["payload"]["file"]: e for e in app.records.quarantined()}
    assert set(entries) == set(HOSTILE)
    assert "imbriqué trop profondément" in entries["deep.json"]["reason"]
    assert "plus de 40 chiffres" in entries["digits.json"]["reason"]
    assert "moitié de paire UTF-16" in entries["surrogate.json"]["reason"]
    app.close()


def test_ingesting_the_same_bad_file_again_adds_no_second_entry_and_says_so(tmp_path):
    bad = tmp_path / "surrogate.json"
    bad.write_bytes(HOSTILE["surrogate.json"])
    first, second = _run(tmp_path / "data", bad), _run(tmp_path / "data", bad)
    assert first.exit_code == second.exit_code == 3
    assert "0 élément(s) mis en file, 0 mis en quarantaine, 1 déjà en quarantaine" in second.output
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data"))
    assert len(app.records.quarantined()) == 1
    app.close()


def test_a_batch_with_nothing_bad_exits_zero(tmp_path):
    good = tmp_path / "a.json"
    good.write_text(json.dumps(FORM), encoding="utf-8")
    result = _run(tmp_path / "data", good)
    assert result.exit_code == 0 and "1 élément(s) mis en file, 0 mis en quarantaine" in result.output


def test_a_call_log_with_a_bad_row_queues_the_other_rows_and_quarantines_that_row_alone(app, tmp_path):
    log = tmp_path / "appels.csv"
    log.write_text("call_id,start,notes\nc1,2026-11-20T10:00:00,Bonjour\nc2,,Sans heure\n"
                   "c3,2026-11-20T10:05:00,Merci\n", encoding="utf-8")
    report = ingest_paths(app, [log])
    assert len(report.envelopes) == 2 and [name for name, _ in report.quarantined] == ["appels-ligne-3.csv"]
    [entry] = app.records.quarantined()
    assert entry["reason"] == "ligne 3 : il manque à l'appel : heure de début (start)"


def test_claimed_dates_of_year_9999_and_year_1_never_drive_the_deadline(app, tmp_path):
    for year, claimed in (("9999", "9999-12-31T23:59:59+00:00"), ("0001", "0001-01-01T00:00:00")):
        (tmp_path / f"{year}.json").write_text(json.dumps(FORM | {"submitted_at": claimed,
                                                                   "message": f"Demande {year}"}), encoding="utf-8")
    report = ingest_paths(app, sorted(tmp_path.glob("*.json")))
    app.worker().run(idle_timeout=2)
    assert app.records.quarantined() == []
    for envelope in report.envelopes:
        case = app.records.case(app.records.index_get("envelope", envelope.id))
        assert case.deadline is None or date.today() <= case.deadline <= date.today() + timedelta(days=60)
        assert "claimed_at" not in app.records.envelope(envelope.id).meta


def test_an_empty_file_is_reported_as_empty_once_not_by_its_sniffed_type(tmp_path):
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    first, second = _run(tmp_path / "data", empty), _run(tmp_path / "data", empty)
    assert first.exit_code == second.exit_code == 3
    for output in (first.output, second.output):
        assert output.count("vide.pdf") == 1 and "fichier est vide" in output and "x-empty" not in output
