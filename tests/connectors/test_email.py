"""E-mail parsing with the standard library, on real and hostile messages."""

from __future__ import annotations

import glob
import os
import sysconfig
from email.message import EmailMessage
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.email import parse_email
from intake.drafts import Draft
from intake.errors import PermanentError

CPYTHON_DATA = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "emails-sisimai"
if not CORPUS.is_dir():
    CORPUS = Path(os.environ.get("INTAKE_CORPORA", "/work/shared/corpora")) / "emails-sisimai"


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


def test_the_received_time_is_ours_and_the_date_header_is_kept_as_the_claimed_time():
    before = datetime.now(timezone.utc)
    draft = parse_email(_french_mail(), source="imap:sante")
    assert before <= draft.received_at <= datetime.now(timezone.utc)
    assert draft.meta["claimed_at"] == "2026-11-23T09:12:00+01:00"


def test_the_server_stamp_is_the_received_time_when_it_is_sane():
    stamp = datetime.now(timezone.utc) - timedelta(hours=3)
    assert parse_email(_french_mail(), source="imap:sante", stamp=stamp).received_at == stamp
    future = datetime.now(timezone.utc) + timedelta(days=400)
    assert parse_email(_french_mail(), source="imap:sante", stamp=future).received_at < future


@pytest.mark.parametrize("date", ["Fri, 31 Dec 9999 23:59:59 +0000", "Mon, 1 Jan 0001 00:00:00 +0000",
                                  "Sat, 1 Jan 1000 00:00:00 -2359", "not a date at all"])
def test_a_date_header_out_of_bounds_is_no_claimed_time_and_never_the_received_time(date):
    raw = f"From: a@example.fr\r\nDate: {date}\r\nSubject: x\r\n\r\nBonjour".encode()
    draft = parse_email(raw, source="test")
    assert "claimed_at" not in draft.meta
    assert abs(draft.received_at - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_a_file_without_any_mail_header_is_refused_as_not_an_email():
    with pytest.raises(PermanentError, match="n'est pas un courriel"):
        parse_email(b"Bonjour, voici mon texte sans aucun en-tete.\nDeuxieme ligne\n", source="file:x.eml")
    with pytest.raises(PermanentError, match="n'est pas un courriel"):
        parse_email(b"", source="file:vide.eml")


def test_a_display_name_split_over_several_encoded_words_stays_one_name():
    raw = (b"From: =?utf-8?q?C?= =?utf-8?q?arol?= =?utf-8?q?_Ada?= =?utf-8?q?ms?= <carol@example.org>\r\n"
           b"Subject: =?utf-8?b?UsOp?= =?utf-8?b?Y2xhbWF0aW9u?=\r\n\r\nBonjour")
    draft = parse_email(raw, source="test")
    assert draft.sender.name == "Carol Adams" and draft.subject == "Réclamation"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8"])
def test_raw_eight_bit_headers_are_decoded_with_a_charset_guess(encoding):
    raw = ("From: Andrée Müller <andree@example.fr>\r\nSubject: Réclamation très urgente pour mon dossier\r\n"
           "\r\nBonjour").encode(encoding)
    draft = parse_email(raw, source="test")
    assert draft.subject == "Réclamation très urgente pour mon dossier"
    assert draft.sender.name == "Andrée Müller" and "\ufffd" not in draft.headers["from"]


def test_undeclared_header_bytes_follow_the_charset_the_body_declares():
    raw = ("From: a@example.fr\r\nSubject: Рекламация\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n"
           "Текст").encode("koi8-r")
    assert parse_email(raw, source="test").subject == "Рекламация"


@pytest.mark.parametrize("sender", ["Big Bug bb@bug.com", "jean..x@example.fr", "x@localhost", "a@[127.0.0.1]",
                                    "<>", "a@example.fr, b@example.fr", "@example.fr"])
def test_an_address_that_is_not_one_deliverable_mailbox_is_never_the_senders_address(sender):
    raw = f"From: {sender}\r\nSubject: x\r\n\r\nBonjour".encode()
    assert parse_email(raw, source="test").sender.email is None


def test_nul_and_control_characters_are_removed_from_names_subject_and_text():
    raw = (b"From: Jea\x00nne\x01 Martin <jeanne@example.fr>\r\nSubject: Rem\x00boursement\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\nBon\x00jour\x1b, merci\r\n")
    draft = parse_email(raw, source="test")
    assert (draft.sender.name, draft.subject, draft.body) == ("Jeanne Martin", "Remboursement", "Bonjour, merci")
    assert not any("\x00" in v for v in draft.headers.values())


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


def _cpython_messages() -> list[Path]:
    files = sorted(Path(p) for p in glob.glob(str(CPYTHON_DATA / "msg_*.txt")))
    # Debian splits the test suite into libpython3-testsuite; pyenv ships it
    assert files or not os.environ.get("CI"), f"CPython e-mail test data missing at {CPYTHON_DATA}"
    return files


def test_every_message_of_cpythons_own_email_test_data_parses_or_is_refused_as_not_an_email():
    refused = []
    for path in _cpython_messages():
        try:
            draft = parse_email(path.read_bytes(), source="cpython")
        except PermanentError as exc:
            refused.append((path.name, exc.message))
            continue
        assert draft.channel == "email" and draft.source_id
    # msg_19 is a mailing-list digest's text, msg_37 a bare MIME body: neither has a mail header
    assert {name for name, _ in refused} <= {"msg_19.txt", "msg_37.txt"}
    assert all("n'est pas un courriel" in reason for _, reason in refused)


# -- property: any bytes give a draft or a refusal with a French reason, never another exception -----------

def _seeds() -> list[bytes]:
    paths = _cpython_messages()[:60] + sorted(CORPUS.glob("*.eml"))[:60]
    return [_french_mail()] + [p.read_bytes()[:20_000] for p in paths]


SEEDS = _seeds()
HEADER_NAMES = st.sampled_from(["From", "To", "Subject", "Date", "Message-ID", "Content-Type", "References",
                                "Content-Transfer-Encoding", "MIME-Version", "X-Odd", "Reply-To", ""])
HEADER_VALUES = st.one_of(
    st.binary(max_size=80),
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda cs, enc, text: f"=?{cs}?{enc}?{text}?=".encode("utf-8", "surrogatepass"),
              st.sampled_from(["utf-8", "iso-8859-1", "koi8-r", "unknown-8bit", "x-bad", ""]),
              st.sampled_from(["q", "b", "Q", "B", "x"]), st.text(max_size=30)),
    st.sampled_from([b"Big Bug bb@bug.com", b"<>", b'"\\" <@>', b'multipart/mixed; boundary="',
                     b'text/plain; charset="\xff"', b"Fri, 31 Dec 9999 23:59:59 +9999", b"=?=?=?"]),
)


@st.composite
def messages(draw) -> bytes:
    """Messages built from odd headers and bodies, or real ones cut, spliced and flipped."""
    if draw(st.booleans()):
        headers = draw(st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=8))
        lines = b"".join(name.encode() + b": " + value + draw(st.sampled_from([b"\r\n", b"\n", b"\r"]))
                         for name, value in headers)
        return lines + draw(st.sampled_from([b"\r\n", b"", b"\n"])) + draw(st.binary(max_size=300))
    seed = draw(st.sampled_from(SEEDS))
    cut = draw(st.integers(0, len(seed)))
    flips = draw(st.lists(st.tuples(st.integers(0, max(len(seed) - 1, 0)), st.integers(0, 255)), max_size=6))
    data = bytearray(seed[:cut] + draw(st.binary(max_size=40)) + seed[cut:])
    for index, value in flips:
        if index < len(data):
            data[index] = value
    return bytes(data)


@settings(max_examples=2500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=messages())
def test_any_bytes_give_an_email_draft_or_a_refusal_with_a_french_reason_never_another_exception(raw):
    try:
        draft = parse_email(raw, source="property")
    except PermanentError as exc:
        assert "courriel" in exc.message  # a French sentence, not a library's message
        return
    assert isinstance(draft, Draft) and draft.channel == "email" and draft.content_hash()
    texts = [draft.subject, draft.body, draft.sender.name or "", *draft.headers.values()]
    assert not any("\x00" in text for text in texts)
    assert all(text.encode("utf-8") is not None for text in texts)  # no lone surrogate: storable as JSON

