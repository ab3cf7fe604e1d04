"""The case and member commands read and move real case records."""

from __future__ import annotations

from click.testing import CliRunner
from items import _field, _item

from cli.main import main
from intake.settings import Settings
from runtime.app import App
from storage.cases import record_item


def _seed(data_dir):
    """Two items of one member recorded as the record worker does (store and case index)."""
    app = App(Settings.load(environ={}, data_dir=data_dir))
    records = app.records
    items = [_item(1, fields=[_field("member_number", "12345678")]),
             _item(2, channel="phone", fields=[_field("member_number", "12345678")])]
    for item in items:
        records.put_envelope(item[0])
        case, _ = record_item(records, *item)
    app.close()
    return case.id


def test_a_case_is_assigned_closed_and_shown_with_its_timeline_from_the_command_line(tmp_path):
    ref = _seed(tmp_path)
    runner = CliRunner()
    run = lambda *args: runner.invoke(main, ["--data-dir", str(tmp_path), *args], catch_exceptions=False)  # noqa: E731
    assert "assigned to c.durand" in run("case", "assign", ref, "c.durand").output
    assert "waiting_member" in run("case", "status", ref, "waiting_member", "--note", "facture demandée").output
    assert "closed after" in run("case", "close", ref, "--outcome", "remboursé").output
    refused = run("case", "assign", ref, "x")
    assert refused.exit_code != 0 and "closed case cannot become assigned" in refused.output
    shown = run("case", "show", ref).output
    for word in ("received", "opened", "linked", "assigned", "facture demandée", "closed", "remboursé"):
        assert word in shown


def test_member_show_lists_every_contact_across_channels(tmp_path):
    ref = _seed(tmp_path)
    output = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "member", "show", "12345678"]).output
    assert ref in output and "email" in output and "phone" in output and "1 case(s)" in output


def test_showing_an_unknown_case_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "show", "IN-0000-0000"])
    assert result.exit_code != 0 and "no case IN-0000-0000" in result.output


def test_a_case_is_rerouted_by_a_person_and_shown_item_by_item(tmp_path):
    ref = _seed(tmp_path)
    runner = CliRunner()
    run = lambda *args: runner.invoke(main, ["--data-dir", str(tmp_path), *args], catch_exceptions=False)  # noqa: E731
    assert f"{ref} rerouted to expert-dental" in run("case", "reroute", ref, "expert-dental", "--note", "devis").output
    refused = run("case", "reroute", ref, "dentaire")
    assert refused.exit_code != 0 and "unknown team 'dentaire'" in refused.output
    shown = run("case", "show", ref).output
    first, second, manual = shown.index("Élément 1 : courriel"), shown.index("Élément 2 : appel"), shown.index("Dossier")
    assert first < shown.index("opened") < second < shown.index("linked") and "devis" in shown[manual:]
