"""The case and member commands read and move real case records, and speak French."""

from __future__ import annotations

from click.testing import CliRunner
from items import _field, _item

from cli.main import main
from intake import labels
from intake.refs import ALPHABET
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


def _runner(data_dir):
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False)


def test_a_case_is_assigned_closed_and_shown_with_its_timeline_from_the_command_line(tmp_path):
    ref = _seed(tmp_path)
    run = _runner(tmp_path)
    assert "attribué à c.durand" in run("case", "assign", ref, "c.durand").output
    assert labels.status("waiting_member") in run("case", "status", ref, "waiting_member", "--note",
                                                  "facture demandée").output
    assert "clos après" in run("case", "close", ref, "--outcome", "remboursé").output
    refused = run("case", "assign", ref, "x")
    assert refused.exit_code != 0 and "closed case cannot become assigned" in refused.output
    shown = run("case", "show", ref).output
    for kind in ("received", "opened", "linked", "assigned", "closed"):
        assert labels.label("event", kind) in shown, kind
    assert "facture demandée" in shown and "remboursé" in shown


def test_a_case_shows_its_member_number_subject_and_channel_and_times_in_the_operators_zone(tmp_path, monkeypatch):
    ref = _seed(tmp_path)
    shown = _runner(tmp_path)("case", "show", ref).output
    assert "12345678" in shown and "item 1" in shown and labels.channel("email") in shown
    assert "quand (Europe/Paris)" in shown and "23/11/2026 10:00" in shown  # received 09:00 UTC, 10:00 in Paris
    listed = _runner(tmp_path)("case", "list").output
    assert ref in listed and "12345678" in listed and "item 1" in listed and "ouvert le (Europe/Paris)" in listed
    monkeypatch.setenv("INTAKE_INDEX_TIMEZONE", "America/Cayenne")
    cayenne = _runner(tmp_path)("case", "show", ref).output
    assert "quand (America/Cayenne)" in cayenne and "23/11/2026 06:00" in cayenne


def test_member_show_lists_every_contact_across_channels(tmp_path):
    ref = _seed(tmp_path)
    output = _runner(tmp_path)("member", "show", "12345678").output
    assert ref in output and labels.channel("email") in output and labels.channel("phone") in output
    assert "1 dossier(s)" in output


def test_an_unknown_member_team_or_an_empty_list_is_a_french_sentence_not_an_empty_table(tmp_path):
    _seed(tmp_path)
    run = _runner(tmp_path)
    member = run("member", "show", "99999999")
    assert member.exit_code != 0 and "aucun dossier pour l'adhérent n° 99999999" in member.output
    team = run("case", "list", "--team", "dentaire")
    assert team.exit_code != 0 and "équipe inconnue : dentaire" in team.output and "expert-dental" in team.output
    empty = run("case", "list", "--status", "closed")
    assert empty.exit_code == 0 and empty.output.strip() == "Aucun dossier ne correspond."


def test_showing_an_unknown_case_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "show", "IN-0000-0000"])
    assert result.exit_code != 0 and "aucun dossier IN-0000-0000" in result.output


def test_a_mistyped_reference_is_caught_by_its_check_character_and_the_nearest_case_suggested(tmp_path):
    ref = _seed(tmp_path)
    wrong = next(ALPHABET[(ALPHABET.index(ref[3]) + i) % len(ALPHABET)] for i in range(1, len(ALPHABET)))
    typo = ref[:3] + wrong + ref[4:]
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "show", typo.lower()])
    assert result.exit_code != 0
    assert f"{typo} : référence mal saisie (caractère de contrôle) ; vouliez-vous dire {ref} ?" in result.output


def test_a_reference_typed_with_ambiguous_letters_finds_its_case(tmp_path):
    ref = _seed(tmp_path)
    loose = ref.replace("0", "O").replace("1", "I").lower()
    assert ref in CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "show", loose]).output


def test_a_case_is_rerouted_by_a_person_and_shown_item_by_item(tmp_path):
    ref = _seed(tmp_path)
    run = _runner(tmp_path)
    moved = run("case", "reroute", ref, "expert-dental", "--note", "devis").output
    assert f"{ref} réorienté vers {labels.team('expert-dental')}" in moved
    refused = run("case", "reroute", ref, "dentaire")
    assert refused.exit_code != 0 and "unknown team 'dentaire'" in refused.output
    shown = run("case", "show", ref).output
    first, second = shown.index("Élément 1 : courriel"), shown.index("Élément 2 : appel")
    manual = shown.index("Dossier")
    opened, linked = labels.label("event", "opened"), labels.label("event", "linked")
    assert first < shown.index(opened) < second < shown.index(linked) and "devis" in shown[manual:]
