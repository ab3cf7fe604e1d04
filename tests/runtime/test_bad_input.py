"""Hostile and broken input: every item ends processed or quarantined with a
reason, one by one, and the worker never crashes or loops."""

from __future__ import annotations

import io
import sysconfig
import zipfile
from email.message import EmailMessage
from pathlib import Path

from docs import encrypted_pdf, image_bytes, pdf, render_page
from PIL import Image

from intake.settings import Settings
from runtime.app import App
from runtime.ingest import ingest_paths

LIMIT = 3 * 1024 * 1024


def _mail(name: str, subject: str = "Pièce jointe", attachments=(), raw_subject: bytes | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "adherent@example.fr"
    message["Subject"] = subject
    message["Message-ID"] = f"<{name}@example.fr>"
    message.set_content("Bonjour, voici mon document. N° adhérent : 12345678")
    for filename, data, mime in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    raw = message.as_bytes()
    if raw_subject is not None:  # a header in the wrong charset, not encoded at all
        raw = raw.replace(message["Subject"].encode(), raw_subject, 1)
    return raw


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (200 * 1024 * 1024))
    return buffer.getvalue()


def _generated(folder: Path) -> dict[str, bytes]:
    scan = image_bytes(render_page(["Réclamation", "N° adhérent : 12345678"]), "PNG")
    good_pdf = pdf([["Facture optique", "Total 320,00 €"]])
    return {
        "zero-bytes.pdf": b"",
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "encrypted.pdf": encrypted_pdf(),
        "not-really.pdf": b"MZ\x90\x00 this is a Windows executable pretending",
        "bomb.png": image_bytes(Image.new("1", (30000, 30000), 1), "PNG"),
        "truncated-scan.png": scan[: len(scan) // 4],
        "over-the-limit.tif": b"II*\x00" + b"\0" * (LIMIT + 1),
        "zip-bomb.eml": _mail("zipbomb", attachments=[("factures.zip", _zip_bomb(), "application/zip")]),
        "path-tricks.eml": _mail("paths", attachments=[
            ("../../etc/passwd.pdf", good_pdf, "application/pdf"),
            ("nul\x00byte.png", scan, "image/png"),
            ("\u202egpj.exe", scan, "image/png"),
        ]),
        "wrong-charset.eml": _mail("charset", raw_subject="Réclamation très urgente".encode("latin-1")),
        "garbage.eml": b"\xff\xfe\x00garbage that is no e-mail at all\x00\x01",
    }


def _corpus(folder: Path, corpora: Path) -> list[Path]:
    paths = []
    for name, data in _generated(folder).items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    for bad in sorted((corpora / "pdf-qpdf-bad").glob("*.pdf")):
        paths.append(folder / f"qpdf-{bad.name}")
        paths[-1].write_bytes(bad.read_bytes())
    cpython = Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_email" / "data"
    for message in sorted(cpython.glob("msg_*.txt")):
        paths.append(folder / f"cpython-{message.stem}.eml")
        paths[-1].write_bytes(message.read_bytes())
    return paths


def _outcome(app: App, envelope_id: str, quarantined: dict[str, str]) -> str:
    case_id = app.records.index_get("envelope", envelope_id)
    if case_id:
        return f"case {case_id}"
    assert envelope_id in quarantined, f"{envelope_id} is neither recorded nor quarantined"
    return f"quarantined: {quarantined[envelope_id]}"


def test_every_bad_item_ends_processed_or_quarantined_with_a_reason(tmp_path, corpora):
    app = App(Settings.load(environ={}, data_dir=tmp_path / "data", max_item_bytes=LIMIT, retry_base_seconds=0.01,
                            max_attempts=2))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    submitted: dict[str, list[str]] = {}
    refused: dict[str, str] = {}
    for path in _corpus(inbox, corpora):
        report = ingest_paths(app, [path])
        submitted[path.name] = [e.id for e in report.envelopes]
        refused.update({name: reason for name, reason in report.quarantined})
    app.worker().run(idle_timeout=3)

    quarantined = {q["payload"].get("envelope_id"): q["reason"] for q in app.records.quarantined()}
    outcomes = {}
    for name, envelope_ids in submitted.items():
        if name in refused:
            outcomes[name] = f"refused at ingest: {refused[name]}"
            continue
        assert envelope_ids, f"{name}: neither submitted nor refused"
        outcomes[name] = "; ".join(_outcome(app, e, quarantined) for e in envelope_ids)
    app.close()

    assert "size limit" in outcomes["over-the-limit.tif"]
    assert "application/x-empty" in outcomes["zero-bytes.pdf"]
    assert outcomes["not-really.pdf"].startswith("refused at ingest: unrecognised file")
    for name in ("truncated.pdf", "encrypted.pdf", "bomb.png", "truncated-scan.png"):
        assert outcomes[name].startswith("quarantined: no readable content"), (name, outcomes[name])
    assert "encrypted PDF" in outcomes["encrypted.pdf"] and "decompression bomb" in outcomes["bomb.png"]
    assert outcomes["zip-bomb.eml"].startswith("case ") and outcomes["path-tricks.eml"].startswith("case ")
    assert outcomes["wrong-charset.eml"].startswith("case ")
    assert sum(o.startswith("case ") for n, o in outcomes.items() if n.startswith("cpython-")) >= 40
    assert all(o.startswith(("case ", "quarantined: ", "refused at ingest: ")) for o in outcomes.values())


def test_attachment_names_with_path_tricks_are_made_harmless(tmp_path):
    from connectors.email import parse_email
    from intake.drafts import safe_filename

    draft = parse_email(_mail("p", attachments=[("../../etc/passwd.pdf", b"%PDF-1.4", "application/pdf")]), "t")
    assert [safe_filename(f.filename) for f in draft.files] == ["passwd.pdf"]
    assert safe_filename("nul\x00byte.png") == "nulbyte.png"
    assert safe_filename("\u202egpj.exe") == "gpj.exe"
    assert safe_filename("..") == "unnamed" and safe_filename("") == "unnamed"
