"""Personal data never appears in clear in the logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from intake.logs import MaskingFilter, mask
from samples.day import JEANNE_IBAN, MEMBERS


def test_emails_ibans_nirs_and_phone_numbers_are_masked():
    text = ("jeanne.martin@example.fr FR76 3000 6000 0112 3456 7890 189 NIR 1 85 05 78 006 084 36 "
            "tél. 06 71 42 93 18 ou +33 (0)6 71 42 93 18")
    masked = mask(text)
    assert masked == "<email> <iban> NIR <nir> tél. <phone> ou <phone>"


def test_the_masking_filter_rewrites_the_final_message_of_a_record():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "cannot reach %s", ("jeanne@example.fr",), None)
    MaskingFilter().filter(record)
    assert record.getMessage() == "cannot reach <email>"


def test_a_demo_run_at_debug_level_logs_none_of_the_samples_personal_data(tmp_path):
    env = {**os.environ, "INTAKE_LOG_FORMAT": "json"}
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(tmp_path), "--log-level", "DEBUG", "demo", "--idle", "2"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    logs = result.stderr
    assert '"level": "INFO"' in logs and "capture done for env-" in logs  # the run did log
    clear_values = [JEANNE_IBAN, JEANNE_IBAN[:4] + " " + JEANNE_IBAN[4:8]]
    for member in MEMBERS.values():
        clear_values += [member.name, member.phone, member.e164, member.member_number, *member.address]
        clear_values += [member.email] if member.email else []
    leaked = [value for value in clear_values if value in logs]
    assert leaked == []


def _logged_with_a_traceback(fmt: str, capsys) -> str:
    from intake.logs import setup_logging

    setup_logging("INFO", fmt)
    try:
        raise ValueError("cannot deliver to jeanne.martin@example.fr, tél. 06 71 42 93 18")
    except ValueError:
        logging.getLogger("intake.test").exception("delivery failed")
    return capsys.readouterr().err


def test_a_traceback_in_the_text_format_is_masked_too(capsys):
    logged = _logged_with_a_traceback("text", capsys)
    assert "Traceback" in logged and "<email>" in logged and "<phone>" in logged
    assert "jeanne.martin@example.fr" not in logged and "06 71 42 93 18" not in logged


def test_a_traceback_in_the_json_format_is_masked(capsys):
    logged = _logged_with_a_traceback("json", capsys)
    assert "<email>" in logged and "jeanne.martin@example.fr" not in logged


def test_the_web_servers_own_access_and_error_logs_are_masked(app, capsys):
    import threading

    import httpx
    from services import free_port

    from intake.logs import setup_logging
    from web.server import WebServer
    from web.settings import WebSettings

    setup_logging("INFO", "text")
    port = free_port()
    server = WebServer(app, WebSettings.load(environ={}, web_api_keys="cle-portail-adherent-0123456789",
                                             web_port=port, web_internal_port=free_port()))
    stop = threading.Event()
    thread = threading.Thread(target=server.run, args=(stop,), daemon=True)
    thread.start()
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/v1/submissions/W-AAAAAAAAAA?email=jeanne.martin@example.fr", timeout=2)
            break
        except httpx.TransportError:
            threading.Event().wait(0.1)
    stop.set()
    thread.join(10)
    logged = capsys.readouterr().err
    assert "GET /v1/submissions/W-AAAAAAAAAA?email=<email>" in logged
    assert "jeanne.martin@example.fr" not in logged
