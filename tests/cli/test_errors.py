"""A wrong setting or a service that does not answer ends the real ``intake`` command in one or two
lines naming the setting or the service, with a documented exit status, and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from services import free_port

INTAKE = str(Path(sys.executable).parent / "intake")


def run_intake(tmp_path: Path, env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The installed entry point, on a data directory of its own, with ``env`` added."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("INTAKE_")}
    clean |= {"INTAKE_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run([INTAKE, *args], env=clean, capture_output=True, text=True, timeout=timeout)


def said(run: subprocess.CompletedProcess) -> str:
    return run.stdout + run.stderr


CONFIG_CASES = {
    "store_scheme": ({"INTAKE_STORE_URL": "ftp://x"}, "INTAKE_STORE_URL"),
    "broker_scheme": ({"INTAKE_BROKER_URL": "redis2://127.0.0.1:6379/0"}, "INTAKE_BROKER_URL"),
    "missing_config_file": ({"INTAKE_CONFIG": "/nonexistent/intake.toml"}, "INTAKE_CONFIG"),
    "s3_bucket_name_too_short": ({"INTAKE_STORE_URL": "s3://k:s@127.0.0.1:1/b?secure=false"}, "INTAKE_STORE_URL"),
}


@pytest.mark.parametrize("case", CONFIG_CASES)
def test_a_bad_setting_stops_the_command_with_status_2_naming_the_variable(tmp_path, case):
    env, variable = CONFIG_CASES[case]
    run = run_intake(tmp_path, env, "worker", "--until-idle", "1")
    assert run.returncode == 2, said(run)
    assert variable in run.stderr and "Traceback" not in said(run)


def test_a_config_file_that_is_not_toml_is_named_with_status_2(tmp_path):
    (tmp_path / "intake.toml").write_text("[intake\nbroker_url = ")
    run = run_intake(tmp_path, {"INTAKE_CONFIG": str(tmp_path / "intake.toml")}, "demo")
    assert run.returncode == 2 and "INTAKE_CONFIG" in run.stderr and "Traceback" not in said(run)


@pytest.mark.parametrize("command", [("worker", "--until-idle", "1"), ("demo",), ("ingest", "README.md")])
def test_a_broker_at_a_closed_port_stops_the_command_with_status_69_and_what_to_do(tmp_path, command):
    url = f"amqp://guest:guest@127.0.0.1:{free_port()}//"
    run = run_intake(tmp_path, {"INTAKE_BROKER_URL": url}, *command)
    assert run.returncode == 69, said(run)
    assert "message broker" in run.stderr and "INTAKE_BROKER_URL" in run.stderr and "start RabbitMQ" in run.stderr
    assert "Traceback" not in said(run) and "guest:guest" not in said(run)


def test_a_wrong_broker_password_is_told_as_a_refused_login_with_status_69(tmp_path):
    run = run_intake(tmp_path, {"INTAKE_BROKER_URL": "amqp://guest:wrong@127.0.0.1:5672//"}, "worker")
    assert run.returncode == 69, said(run)
    assert "refused the login" in run.stderr and "INTAKE_BROKER_URL" in run.stderr
    assert "Traceback" not in said(run) and "wrong" not in said(run)


def test_an_s3_store_at_a_closed_port_stops_the_command_with_status_69(tmp_path):
    url = f"s3://key:secret@127.0.0.1:{free_port()}/intake?secure=false"
    run = run_intake(tmp_path, {"INTAKE_STORE_URL": url}, "demo")
    assert run.returncode == 69, said(run)
    assert "S3 object store" in run.stderr and "INTAKE_STORE_URL" in run.stderr
    assert "Traceback" not in said(run) and "secret" not in said(run)


def test_debug_shows_the_traceback_of_the_same_error(tmp_path):
    url = f"amqp://guest:guest@127.0.0.1:{free_port()}//"
    run = run_intake(tmp_path, {"INTAKE_BROKER_URL": url}, "--debug", "worker")
    assert run.returncode != 0 and "Traceback" in run.stderr and "ServiceUnavailable" in run.stderr


def test_a_case_index_database_that_does_not_answer_is_told_with_status_69(tmp_path):
    from cli.errors import EXIT_UNAVAILABLE, explain
    from storage.index.base import open_index

    with pytest.raises(Exception) as caught:
        open_index(f"postgresql://intake:pw@127.0.0.1:{free_port()}/intake")
    lines, status = explain(caught.value)
    assert status == EXIT_UNAVAILABLE and "case index unavailable" in lines[0] and ":pw@" not in lines[0]
