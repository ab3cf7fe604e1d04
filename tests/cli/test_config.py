"""The settings the documentation names are the settings intake reads."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from cli.config import setting_names

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"\bINTAKE_[A-Z0-9_]*[A-Z0-9]\b")
# read outside the settings sections: the settings file's path, the case index's own settings
OTHER_SETTINGS = {"INTAKE_CONFIG"}
TEST_AND_BENCH = {"INTAKE_CORPORA", "INTAKE_TEST_POSTGRES_URL", "INTAKE_BENCH_POSTGRES_URL"}


def _compose_variables() -> set[str]:
    """The host's variables docker compose puts into the real settings (``${INTAKE_API_KEYS}``)."""
    text = (ROOT / "deploy" / "compose" / "docker-compose.yml").read_text(encoding="utf-8")
    return set(re.findall(r"\$\{(INTAKE_[A-Z0-9_]+)", text))


def _documents() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.md"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in listed.stdout.split()]


def test_every_intake_variable_the_documentation_names_is_a_real_setting():
    known = {f"INTAKE_{name.upper()}" for name in setting_names()} | OTHER_SETTINGS | TEST_AND_BENCH
    known |= _compose_variables()
    named = {(path.relative_to(ROOT).as_posix(), name) for path in _documents()
             for name in NAME.findall(path.read_text(encoding="utf-8"))}
    assert any(path == "README.md" for path, _ in named)
    assert sorted((path, name) for path, name in named if name not in known) == []


def test_the_dashboard_settings_are_documented_under_their_real_names():
    readme = (ROOT / "web" / "dashboard" / "README.md").read_text(encoding="utf-8")
    for name in ("dashboard_users", "dashboard_session_secret"):
        assert name in setting_names() and f"INTAKE_{name.upper()}" in readme


def test_a_bad_time_zone_for_the_operators_is_refused_at_start_naming_its_variable(tmp_path):
    from click.testing import CliRunner

    from cli.main import main

    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "case", "list"],
                                env={"INTAKE_INDEX_TIMEZONE": "Mars/Olympus"})
    assert result.exit_code == 2 and "INTAKE_INDEX_TIMEZONE" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
