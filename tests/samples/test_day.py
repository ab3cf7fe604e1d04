"""The bundled demo sample intake: one day of e-mails, scanned letters, a web form and calls."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from samples.day import MEMBERS, complaint_letter, hospitalisation_letter, optical_letter, write_sample_intake
from samples.letters import ground_truth_fields, iban_is_valid, render_letter

REPO = Path(__file__).resolve().parents[2]
EXPECTED = [
    "mail-01-remboursement.eml",
    "mail-02-reponse.eml",
    "mail-03-devis-dentaire.eml",
    "mail-04-absence.eml",
    "letter-01-hospitalisation.png",
    "letter-02-reclamation.tif",
    "letter-03-optique.pdf",
    "webform-01-attestation.json",
    "calls-2026-11-23.csv",
]


@pytest.fixture(scope="module")
def day(tmp_path_factory) -> dict[str, Path]:
    paths = write_sample_intake(tmp_path_factory.mktemp("sample-intake"))
    return {path.name: path for path in paths}


def parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_sample_intake_is_written(day):
    assert list(day) == EXPECTED
    assert all(path.is_file() and path.stat().st_size > 0 for path in day.values())


def test_the_command_line_writes_the_same_bytes_again(day, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "samples.day", str(tmp_path)], cwd=REPO, env=env,
                         capture_output=True, text=True, check=True)
    assert [Path(line).name for line in run.stdout.split()] == EXPECTED
    for name, path in day.items():
        assert (tmp_path / name).read_bytes() == path.read_bytes(), name


def test_emails_parse_and_have_french_encoded_subjects(day):
    for name in EXPECTED[:4]:
        message = parse(day[name])
        assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@example.fr>")
        assert message["Date"].datetime.date().isoformat() == "2026-11-23"
        assert re.search(r"[éèà–]", str(message["Subject"])), name
        headers = day[name].read_bytes().split(b"\n\n", 1)[0]
        assert b"=?utf-8?" in re.search(rb"^Subject:(.*(?:\n[ \t].*)*)", headers, re.M).group(1), name
    first = parse(day["mail-01-remboursement.eml"])
    assert first["From"].addresses[0].addr_spec == "jeanne.martin@example.fr"
    assert first["Subject"] == "Demande de remboursement – consultation ophtalmologue"
    assert "90,00 €" in first.get_body(("plain",)).get_content()


def test_the_reply_threads_to_the_first_email(day):
    first, reply = parse(day["mail-01-remboursement.eml"]), parse(day["mail-02-reponse.eml"])
    assert reply["In-Reply-To"] == first["Message-ID"]
    assert first["Message-ID"] in reply["References"].split()
    assert reply["Subject"] == f"Re: {first['Subject']}"
    assert reply["Message-ID"] != first["Message-ID"]


def test_the_reply_adds_a_valid_iban(day):
    body = parse(day["mail-02-reponse.eml"]).get_body(("plain",)).get_content()
    ibans = re.findall(r"IBAN : ((?:[A-Z0-9]{4} ?){6}[A-Z0-9]{1,4})", body)
    assert len(ibans) == 1 and iban_is_valid(ibans[0])


def test_the_email_attachment_pdf_has_a_text_layer(day):
    attachments = list(parse(day["mail-01-remboursement.eml"]).iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    text = pdf_text(attachments[0].get_content())
    assert MEMBERS["jeanne"].member_number in text
    assert "90,00 €" in text and "18/11/2026" in text


def test_the_dental_request_is_complex_with_a_quote(day):
    message = parse(day["mail-03-devis-dentaire.eml"])
    assert message.get_body(("html",)) is not None
    text = message.get_body(("plain",)).get_content()
    assert "implant" in text and "prise en charge" in text and "2 100,00 €" in text
    quote = pdf_text(next(message.iter_attachments()).get_content())
    assert "DEVIS" in quote and "2 100,00 €" in quote and MEMBERS["marc"].member_number in quote


def test_the_out_of_office_reply_is_marked_auto_submitted(day):
    message = parse(day["mail-04-absence.eml"])
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["Subject"].startswith("Réponse automatique : absence")


def test_the_scanned_pdf_has_no_text_layer(day):
    with pdfplumber.open(day["letter-03-optique.pdf"]) as pdf:
        assert len(pdf.pages) == 1
        assert not (pdf.pages[0].extract_text() or "").strip()
        assert len(pdf.pages[0].images) == 1


@pytest.mark.parametrize("name", ["letter-01-hospitalisation.png", "letter-02-reclamation.tif"])
def test_the_scanned_letters_are_300_dpi_a4_grayscale_images(day, name):
    with Image.open(day[name]) as image:
        assert image.mode == "L"
        assert image.size == (2480, 3508)
        assert tuple(round(float(d)) for d in image.info["dpi"]) == (300, 300)


def test_the_letters_have_the_expected_subjects_and_ground_truth():
    expectations = [(hospitalisation_letter(), "prise en charge"), (complaint_letter(), "réclamation"),
                    (optical_letter(), "lunettes")]
    for spec, words in expectations:
        _, truth = render_letter(spec, dpi=100)
        assert words in truth.lower()
        assert ground_truth_fields(spec)["member_number"] == [spec.member_number]


def test_the_web_form_asks_for_a_certificate(day):
    form = json.loads(day["webform-01-attestation.json"].read_text(encoding="utf-8"))
    assert set(form) == {"form", "submitted_at", "name", "email", "phone", "member_number", "subject", "message"}
    assert form["form"] == "contact"
    assert datetime.fromisoformat(form["submitted_at"]).tzinfo is not None
    assert "attestation" in form["message"] and re.fullmatch(r"\d{8}", form["member_number"])


def test_the_call_export_has_three_calls_with_french_notes(day):
    with day["calls-2026-11-23.csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["call_id", "start", "duration_s", "caller", "member_number", "agent", "reason_code", "notes"]
    assert len(rows) == 3
    assert "adresse" in rows[0]["notes"] and "remboursement" in rows[1]["notes"]
    assert "3e appel" in rows[2]["notes"] and "retard" in rows[2]["notes"]
    assert all(int(row["duration_s"]) > 0 and row["caller"].startswith("+33") for row in rows)


def test_the_same_members_appear_across_channels(day):
    with day["calls-2026-11-23.csv"].open(encoding="utf-8", newline="") as handle:
        callers = {row["member_number"] for row in csv.DictReader(handle)}
    jeanne, monique, karim = MEMBERS["jeanne"], MEMBERS["monique"], MEMBERS["karim"]
    assert {jeanne.member_number, monique.member_number, karim.member_number} == callers
    assert jeanne.member_number in parse(day["mail-01-remboursement.eml"]).get_body(("plain",)).get_content()
    assert complaint_letter().member_number == monique.member_number
    assert optical_letter().member_number == karim.member_number
    assert len({m.member_number for m in MEMBERS.values()}) == len(MEMBERS)
