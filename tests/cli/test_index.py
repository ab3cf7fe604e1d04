"""``intake reindex``, ``case list``, ``case search`` and ``member show`` read the case index, on SQLite
and on PostgreSQL, and ``case list`` pages with a cursor that neither repeats nor skips a case."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from indexed_items import T0, item, record

from cli.main import main
from intake.settings import Settings
from routing.calendar import add_working_days
from runtime.app import App
from storage.base import open_store
from storage.index.base import open_index
from storage.records import Records

TODAY = date.today()
CASE = re.compile(r"IN-[0-9A-Z]{4}-[0-9A-Z]{4}")


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def run(data_dir, index_url):
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False,
                                       env={"INTAKE_INDEX_URL": index_url})


def _items():
    """Six cases: two dental (one past its deadline), a hospital letter due tomorrow, three general."""
    soon = add_working_days(TODAY, 1)
    return [item(1, member="40213378", team="expert-dental", topic="dental", deadline=TODAY - timedelta(days=3),
                 body="Devis pour une couronne dentaire"),
            item(2, member="51122334", team="expert-dental", topic="dental", deadline=TODAY + timedelta(days=30)),
            item(3, channel="letter", team="expert-hospitalisation", topic="hospitalisation", deadline=soon,
                 pages=("Avis d'hospitalisation à la clinique du Parc",), at=T0 + timedelta(hours=1)),
            *(item(n, member=f"6000000{n}", deadline=TODAY + timedelta(days=20), at=T0 + timedelta(hours=n),
                   body="Je souhaite le remboursement de mes lunettes") for n in (4, 5, 6))]


def _seeded(data_dir, index_url, items) -> list[str]:
    """Record items through the App (so through the index), return the case ids."""
    app = App(Settings.load(environ={}, data_dir=data_dir))
    app.__dict__["index"] = open_index(index_url)
    try:
        return [record(app.records, parts).id for parts in items]
    finally:
        app.close()


def _ids(output: str) -> list[str]:
    return CASE.findall(output)


def test_case_list_filters_by_team_deadline_and_member(run, data_dir, index_url):
    ids = _seeded(data_dir, index_url, _items())
    assert sorted(_ids(run("case", "list", "--team", "expert-dental").output)) == sorted(ids[:2])
    assert _ids(run("case", "list", "--past-deadline").output) == [ids[0]]
    assert _ids(run("case", "list", "--due-within", "2").output) == [ids[2]]
    assert _ids(run("case", "list", "--member", "51122334").output) == [ids[1]]
    assert _ids(run("case", "list", "--channel", "letter", "--topic", "hospitalisation").output) == [ids[2]]
    assert "6 dossier(s) sur 6" in run("case", "list").output


def test_case_list_pages_with_the_printed_cursor_without_repeating_or_skipping(run, data_dir, index_url):
    ids = _seeded(data_dir, index_url, _items())
    seen, cursor = [], []
    while True:
        output = run("case", "list", "--sort", "deadline", "--limit", "4", *cursor).output
        seen += _ids(output)
        found = re.search(r"--cursor (\S+)", output)
        if not found:
            break
        cursor = ["--cursor", found.group(1)]
    assert sorted(seen) == sorted(ids) and len(seen) == len(ids)
    assert seen[0] == ids[0]  # the soonest deadline first: the late dental case


def test_a_cursor_of_another_sort_is_a_clear_error(run, data_dir, index_url):
    _seeded(data_dir, index_url, _items())
    cursor = re.search(r"--cursor (\S+)", run("case", "list", "--limit", "2").output).group(1)
    refused = run("case", "list", "--sort", "deadline", "--cursor", cursor)
    assert refused.exit_code != 0 and "another sort" in refused.output


def test_case_search_ranks_the_matching_cases_with_the_passage(run, data_dir, index_url):
    ids = _seeded(data_dir, index_url, _items())
    found = run("case", "search", "couronne")
    assert _ids(found.output) == [ids[0]] and "couronne" in found.output and "1 résultat(s)" in found.output
    assert sorted(_ids(run("case", "search", "lunettes", "--team", "general").output)) == sorted(ids[3:])
    assert _ids(run("case", "search", "clinique").output) == [ids[2]]  # a word of the scanned page


def test_member_show_lists_the_members_cases_and_contacts_from_the_index(run, data_dir, index_url):
    ids = _seeded(data_dir, index_url, _items())
    shown = run("member", "show", "40213378").output
    assert "adhérent n° 40213378 : 1 dossier(s)" in shown and ids[0] in shown and "contacts" in shown


def test_reindex_fills_the_index_from_a_store_written_without_it(run, data_dir, index_url):
    records = Records(open_store(f"file://{(data_dir / 'store').resolve()}"))
    ids = [record(records, parts).id for parts in _items()]
    assert "Aucun dossier ne correspond." in run("case", "list").output
    done = run("reindex")
    assert done.exit_code == 0 and "6 dossier(s), 6 élément(s)" in done.output
    assert sorted(_ids(run("case", "list").output)) == sorted(ids)


def test_a_bad_index_url_stops_every_command_naming_the_variable(tmp_path):
    refused = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "list"],
                                 env={"INTAKE_INDEX_URL": "mysql://x/intake"})
    assert refused.exit_code != 0 and "INTAKE_INDEX_URL" in refused.output


def test_the_settings_file_may_name_the_index(tmp_path):
    chosen = tmp_path / "ailleurs" / "cases.sqlite3"
    config = tmp_path / "intake.toml"
    config.write_text(f'[intake]\nindex_url = "sqlite:///{chosen}"\nindex_timezone = "Europe/Paris"\n')
    listed = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "data"), "case", "list"],
                                env={"INTAKE_CONFIG": str(config), "INTAKE_INDEX_URL": None})
    assert listed.exit_code == 0, listed.output
    assert chosen.is_file() and not (tmp_path / "data" / "index.sqlite3").exists()
