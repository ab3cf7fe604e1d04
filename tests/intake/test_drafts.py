"""File names as channels give them (attachments, uploads, scans, quarantined items): made harmless,
and whatever the name and bytes, a file gives drafts, refused items or a French refusal, never an exception."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.files import items_from_bytes
from intake.drafts import MAX_FILENAME, Draft, Refused, safe_filename
from intake.errors import PermanentError


def test_path_tricks_control_characters_and_overrides_are_removed_from_a_name():
    assert safe_filename("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_filename("C:\\Users\\x\\scan.png") == "scan.png"
    assert safe_filename("nul\x00byte.png") == "nulbyte.png" and safe_filename("\u202egpj.exe") == "gpj.exe"
    assert safe_filename("..") == safe_filename("") == safe_filename("\ud800") == "unnamed"


NAMES = st.one_of(
    st.text(max_size=300),
    st.builds(lambda stem, suffix: stem + suffix, st.text(max_size=40),
              st.sampled_from([".eml", ".json", ".csv", ".jsonl", ".call.json", ".pdf", ".png", ".EML", "", "."])),
    st.sampled_from(["..", ".", "/", "\\", "a/../../b.eml", "\x00.json", "\u202efdp.exe", "con.csv", "\ud800.eml"]),
)
CONTENTS = st.one_of(
    st.binary(max_size=400),
    st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"From: a@example.fr\r\n\r\nx", b"{}", b"[]",
                     b'{"message": "x"}', b"call_id,start,notes\nc,2026-11-20T10:00:00,n\n", b"\xff\xd8\xff"]),
)


@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=NAMES)
def test_any_name_becomes_a_harmless_file_name(name):
    safe = safe_filename(name)
    assert safe and len(safe) <= MAX_FILENAME and not safe.startswith(".")
    assert "/" not in safe and "\\" not in safe and safe not in {".", ".."}
    assert not any(unicodedata.category(c)[0] == "C" for c in safe)
    assert safe.encode("utf-8")  # no lone surrogate: storable in JSON and on disk


@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=NAMES, data=CONTENTS)
def test_any_name_and_bytes_give_drafts_refused_items_or_a_french_refusal_never_an_exception(name, data):
    try:
        items = list(items_from_bytes(name, data))
    except PermanentError as exc:
        assert exc.message and "Error" not in exc.message
        return
    for item in items:
        assert isinstance(item, Draft | Refused)
        if isinstance(item, Draft):
            assert item.content_hash() and all(safe_filename(f.filename) for f in item.files)
