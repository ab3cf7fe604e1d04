"""The command line's tables read in French over the sample intake: no team, topic, urgency,
status or channel code where a label belongs, and the times name their time zone."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cli.main import main
from intake import labels
from intake.settings import Settings
from runtime.app import App
from runtime.demo import run_demo

FAMILIES = ("team", "topic", "complexity", "urgency", "status", "channel")
CODES = {code for family in FAMILIES for code, text in labels.FAMILIES[family].items() if code != text.lower()}
WORD = re.compile(r"(?<![\w'’./:-])[A-Za-z][\w-]*(?![\w'’./:-])")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample intake run through every stage: its data directory and its cases."""
    data_dir = tmp_path_factory.mktemp("cli-french") / "data"
    app = App(Settings.load(environ={}, data_dir=data_dir, retry_base_seconds=0.01))
    cases = run_demo(app, idle_seconds=1)
    app.close()
    return data_dir, cases


def _printed(data_dir, *args: str) -> str:
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _codes(text: str, cases) -> list[str]:
    """The codes in ``text``, leaving out what members wrote (the subjects)."""
    for case in cases:
        text = text.replace(case.subject[:50], "")
    return sorted({w for w in WORD.findall(text) if w in CODES})


def test_the_case_list_and_each_case_show_print_labels_not_codes(sample):
    data_dir, cases = sample
    listed = _printed(data_dir, "case", "list")
    assert all(c.id in listed for c in cases) and _codes(listed, cases) == []
    for case in cases:
        shown = _printed(data_dir, "case", "show", case.id)
        assert "quand (Europe/Paris)" in shown
        assert _codes(shown, cases) == [], case.id


def test_member_show_prints_labels_not_codes(sample):
    data_dir, cases = sample
    member = next(c.member for c in cases if c.member)
    shown = _printed(data_dir, "member", "show", member)
    assert member in shown and "reçu le (Europe/Paris)" in shown and _codes(shown, cases) == []
