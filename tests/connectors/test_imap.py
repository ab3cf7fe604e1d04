"""The IMAP connector against a real Dovecot on loopback and the real RabbitMQ."""

from __future__ import annotations

import email.policy
import json
import os
import signal
import subprocess
import sys
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import imaplib2
import pytest

from connectors.imap import ImapConnector, _mailbox_arg
from connectors.imap_settings import ImapMailbox, ImapSettings
from runtime.app import App
from runtime.bus import stage_queue

pytestmark = [pytest.mark.rabbitmq, pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # imaplib2's threading calls
REPO = Path(__file__).resolve().parents[2]

CRASHER = """
import os, signal, sys
from connectors.imap import ImapConnector
from runtime.app import App
from connectors.imap_settings import ImapSettings
from intake.settings import Settings

settings = Settings.load()
after = int(sys.argv[1])
taken = []

def crash(uid, envelope_id):
    taken.append(uid)
    if len(taken) == after:
        os.kill(os.getpid(), signal.SIGKILL)

ImapConnector(App(settings).connector_context(), ImapSettings.load().imap_mailboxes[0], on_submitted=crash).run_once()
"""


def _mail(n: int) -> bytes:
    message = EmailMessage()
    message["From"] = f"Hélène Dupré-{n} <helene.{n}@exemple.fr>"
    message["To"] = "sante@mutuelle.example"
    message["Subject"] = f"Demande n°{n} – remboursement des lunettes (été)"
    message["Message-ID"] = f"<demande-{n}@exemple.fr>"
    message["Date"] = "Mon, 23 Nov 2026 09:12:00 +0100"
    message.set_content(f"Bonjour,\nveuillez trouver ma facture d'opticien n°{n}.\nCordialement")
    message.add_attachment(f"%PDF-1.4 facture {n}".encode(), maintype="application", subtype="pdf",
                           filename=f"facture été {n}.pdf")
    return message.as_bytes(policy=email.policy.SMTP)


def _client(server) -> imaplib2.IMAP4:
    client = imaplib2.IMAP4(server.host, server.port, timeout=10)
    client.login(server.user, server.password)
    return client


def _append(server, messages: list[bytes]) -> None:
    client = _client(server)
    for raw in messages:
        assert client.append("INBOX", None, None, raw)[0] == "OK"
    client.logout()


def _count(server, folder: str) -> int:
    client = _client(server)
    try:
        typ, _ = client.select(_mailbox_arg(folder), readonly=True)
        if typ != "OK":
            return 0
        return len((client.uid("SEARCH", "ALL")[1][0] or b"").split())
    finally:
        client.logout()


def _mailbox(server, **extra) -> ImapMailbox:
    return ImapMailbox(name="sante", host=server.host, port=server.port, user=server.user,
                       password=server.password, security="plain", processed_folder="Traités", **extra)


def _envelopes(app: App) -> list[str]:
    return list(app.store.list("envelopes/"))


def test_fifty_french_mails_with_attachments_become_fifty_queued_envelopes(dovecot, amqp_app, queued_envelope_ids):
    raws = [_mail(n) for n in range(50)]
    assert b"=?utf-8?" in raws[0]  # the subjects really travel as encoded-words
    _append(dovecot, raws)

    submitted = ImapConnector(amqp_app.connector_context(), _mailbox(dovecot)).run_once()

    assert submitted == 50
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 50
    assert (_count(dovecot, "INBOX"), _count(dovecot, "Traités")) == (0, 50)
    ids = queued_envelope_ids(amqp_app)
    envelope = amqp_app.records.envelope(ids[7])
    assert envelope.subject == "Demande n°7 – remboursement des lunettes (été)"
    assert envelope.attachments[0].filename == "facture été 7.pdf"
    assert envelope.headers["message-id"] == "<demande-7@exemple.fr>"
    assert amqp_app.store.get(envelope.raw.key) == raws[7]


def test_a_connector_killed_between_publish_and_move_loses_nothing_and_duplicates_nothing(
        dovecot, amqp_app, queued_envelope_ids, tmp_path):
    _append(dovecot, [_mail(n) for n in range(50)])
    mailbox = _mailbox(dovecot).model_dump(mode="json") | {"password": dovecot.password}
    env = {**os.environ, "PYTHONPATH": str(REPO), "INTAKE_DATA_DIR": str(tmp_path / "data"),
           "INTAKE_BROKER_URL": amqp_app.settings.broker_url, "INTAKE_IMAP_MAILBOXES": json.dumps([mailbox])}

    crashed = subprocess.run([sys.executable, "-c", CRASHER, "20"], env=env, cwd=REPO, timeout=60)

    assert crashed.returncode == -signal.SIGKILL
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 20
    assert (_count(dovecot, "INBOX"), _count(dovecot, "Traités")) == (31, 19)  # the 20th was published, not moved

    assert ImapConnector(amqp_app.connector_context(), _mailbox(dovecot)).run_once() == 30

    ids = queued_envelope_ids(amqp_app)
    assert len(ids) == 50 and len(set(ids)) == 50
    assert len(_envelopes(amqp_app)) == 50
    assert (_count(dovecot, "INBOX"), _count(dovecot, "Traités")) == (0, 50)


def test_a_message_seen_before_under_a_new_uid_or_uidvalidity_is_not_taken_twice(dovecot, amqp_app):
    _append(dovecot, [_mail(n) for n in range(3)])
    connector = ImapConnector(amqp_app.connector_context(), _mailbox(dovecot))
    assert connector.run_once() == 3
    connector.memory.save("checkpoint", {"uidvalidity": 1, "last_uid": 999})  # as if the mailbox was rebuilt
    _append(dovecot, [_mail(n) for n in range(3)] + [_mail(3)])

    assert connector.run_once() == 1

    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 4
    assert (_count(dovecot, "INBOX"), _count(dovecot, "Traités")) == (0, 7)


def test_a_message_that_is_not_an_email_goes_to_quarantine_with_its_reason(dovecot, amqp_app):
    _append(dovecot, [b"ceci n'est pas un courriel\r\n", _mail(1)])

    assert ImapConnector(amqp_app.connector_context(), _mailbox(dovecot)).run_once() == 1

    assert (_count(dovecot, "Quarantine"), _count(dovecot, "Traités")) == (1, 1)
    [item] = amqp_app.records.quarantined()
    assert item["stage"] == "imap" and "not an e-mail" in item["reason"]
    assert amqp_app.store.get(item["payload"]["raw"]) == b"ceci n'est pas un courriel\r\n"


def test_with_idle_a_new_mail_is_taken_at_once_and_stop_ends_the_idle(dovecot, amqp_app):
    connector = ImapConnector(amqp_app.connector_context(), _mailbox(dovecot, poll_seconds=60))
    stop = threading.Event()
    runner = threading.Thread(target=connector.run, args=(stop,))
    runner.start()
    try:
        time.sleep(0.5)
        _append(dovecot, [_mail(1), _mail(2)])
        deadline = time.monotonic() + 15
        while _count(dovecot, "Traités") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _count(dovecot, "Traités") == 2
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 2


def test_a_wrong_password_is_a_configuration_error(dovecot, amqp_app):
    from intake.errors import ConfigError

    mailbox = ImapMailbox(name="sante", host=dovecot.host, port=dovecot.port, user=dovecot.user,
                          password="wrong", security="plain")
    with pytest.raises(ConfigError, match="login refused"):
        ImapConnector(amqp_app.connector_context(), mailbox).run_once()


def test_mailbox_settings_are_read_from_json_and_plain_text_is_refused_off_loopback(tmp_path):
    from cli.config import load_settings
    from intake.errors import ConfigError

    good = '[{"name": "sante", "host": "127.0.0.1", "user": "u", "password": "p", "security": "plain"}]'
    settings = ImapSettings.load(environ={"INTAKE_IMAP_MAILBOXES": good})
    assert settings.imap_mailboxes[0].effective_port == 143
    load_settings(environ={"INTAKE_IMAP_MAILBOXES": good, "INTAKE_CONNECTORS": "imap:sante"})
    bad = good.replace("127.0.0.1", "mail.mutuelle.example")
    with pytest.raises(ConfigError, match="only allowed on loopback") as caught:
        ImapSettings.load(environ={"INTAKE_IMAP_MAILBOXES": bad})
    assert '"p"' not in str(caught.value)
    with pytest.raises(ConfigError, match="imap:autre"):
        load_settings(environ={"INTAKE_IMAP_MAILBOXES": good, "INTAKE_CONNECTORS": "imap:autre"})


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_a_mailbox_over_tls_checks_the_certificate_and_reads_the_mail(dovecot, amqp_app, security):
    _append(dovecot, [_mail(1)])
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    mailbox = ImapMailbox(name="sante", host=dovecot.host, port=port, user=dovecot.user, password=dovecot.password,
                          security=security, ca_file=dovecot.ca_file)

    assert ImapConnector(amqp_app.connector_context(), mailbox).run_once() == 1


def test_a_certificate_that_is_not_trusted_or_not_for_the_host_is_refused(dovecot, amqp_app):
    from intake.errors import RetryableError

    base = dict(name="sante", port=dovecot.ssl_port, user=dovecot.user, password=dovecot.password, security="ssl")
    untrusted = ImapMailbox(host=dovecot.host, **base)  # system CAs only
    other_name = ImapMailbox(host="localhost", ca_file=dovecot.ca_file, **base)  # certificate is for 127.0.0.1
    with pytest.raises(RetryableError, match="CERTIFICATE_VERIFY_FAILED"):
        ImapConnector(amqp_app.connector_context(), untrusted).run_once()
    with pytest.raises(RetryableError, match="not valid for 'localhost'"):
        ImapConnector(amqp_app.connector_context(), other_name).run_once()
