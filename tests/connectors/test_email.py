"""E-mail parsing with the standard library, on real and hostile messages."""

from __future__ import annotations

import glob
import os
import sysconfig
from email.message import EmailMessage
from pathlib import Path

from connectors.email import parse_email


def _french_mail() -> bytes:
    message = EmailMessage()
    message["From"] = "Jeanne Martin <jeanne.martin@example.fr>"
    message["To"] = "sante@mutuelle.example"
    message["Subject"] = "Demande de remboursement – lunettes"
    message["Message-ID"] = "<abc123@example.fr>"
    message["In-Reply-To"] = "<first@example.fr>"
    message["References"] = "<root@example.fr> <first@example.fr>"
    message["Date"] = "Mon, 23 Nov 2026 09:12:00 +0100"
    message.set_content("Bonjour,\nveuillez trouver ma facture d'opticien.\nCordialement")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="facture été.pdf")
    return message.as_bytes()


def test_a_french_mail_gives_decoded_subject_body_sender_and_attachment():
    draft = parse_email(_french_mail(), source="imap:sante")
    assert draft.subject == "Demande de remboursement – lunettes"
    assert draft.sender.email == "jeanne.martin@example.fr" and draft.sender.name == "Jeanne Martin"
    assert "facture d'opticien" in draft.body
    assert [(f.filename, f.declared_type) for f in draft.files] == [("facture été.pdf", "application/pdf")]
    assert draft.received_at.utcoffset().total_seconds() == 3600


def test_threading_headers_are_kept_for_case_linking():
    draft = parse_email(_french_mail(), source="imap:sante")
    assert draft.source_id == "<abc123@example.fr>"
    assert draft.headers["in-reply-to"] == "<first@example.fr>"
    assert "<root@example.fr>" in draft.headers["references"]


def test_an_html_only_mail_is_read_as_text():
    message = EmailMessage()
    message["Subject"] = "Réclamation"
    message.set_content("<html><body><p>Je suis <b>mécontent</b>.</p><script>x()</script></body></html>",
                        subtype="html")
    draft = parse_email(message.as_bytes(), source="test")
    assert draft.body == "Je suis mécontent."


def test_a_mail_with_a_lying_charset_still_gives_its_text():
    raw = (b"Subject: =?unknown-8bit?q?R=E9clamation?=\r\nContent-Type: text/plain; charset=x-nonexistent\r\n"
           b"\r\nJe r\xe9clame mon remboursement.\r\n")
    draft = parse_email(raw, source="test")
    assert "remboursement" in draft.body


def test_every_message_of_cpythons_own_email_test_data_parses_without_crashing():
    data_dir = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"
    files = sorted(glob.glob(str(data_dir / "msg_*.txt")))
    if not files:  # Debian splits the test suite into libpython3-testsuite; pyenv ships it
        assert not os.environ.get("CI"), f"CPython e-mail test data missing at {data_dir}"
        return
    for name in files:
        draft = parse_email(Path(name).read_bytes(), source="cpython")
        assert draft.channel == "email" and draft.source_id
