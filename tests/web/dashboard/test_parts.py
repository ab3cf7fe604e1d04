"""The dashboard's parts on their own: credentials and sessions, field
highlighting, document previews, charts."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from intake.errors import UnsupportedInput
from intake.models import ExtractedField
from web.dashboard.auth import Access, DashboardUser, hash_api_key, hash_password, verify_secret
from web.dashboard.charts import bars
from web.dashboard.document import highlight, preview_png

USERS = [{"name": "claire", "role": "supervisor", "password_hash": hash_password("mot-de-passe")},
         {"name": "paul", "role": "team:general", "api_key_hash": hash_api_key("cle-paul-0123456789")}]


def test_a_password_is_checked_against_its_argon2id_hash_and_an_api_key_against_its_digest():
    stored = hash_password("mot-de-passe")
    assert stored.startswith("$argon2id$") and stored != hash_password("mot-de-passe")
    assert verify_secret("mot-de-passe", stored) and not verify_secret("mot-de-pass", stored)
    assert not verify_secret("x", "$argon2id$garbage")
    assert verify_secret("k" * 20, hash_api_key("k" * 20)) and not verify_secret("k" * 21, hash_api_key("k" * 20))
    assert not verify_secret("x", "pbkdf2_sha256$garbage")


def test_a_pbkdf2_hash_made_before_argon2id_still_verifies():
    salt = bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", b"ancien", salt, 1000).hex()
    assert verify_secret("ancien", f"pbkdf2_sha256$1000${salt.hex()}${digest}")
    assert not verify_secret("nouveau", f"pbkdf2_sha256$1000${salt.hex()}${digest}")


def test_a_user_needs_a_known_role_and_a_credential():
    with pytest.raises(ValueError, match="role"):
        DashboardUser(name="x", role="admin", password_hash="sha256:00")
    with pytest.raises(ValueError, match="needs a password_hash"):
        DashboardUser(name="x", role="team:general")


def test_sign_in_by_password_or_key_gives_the_users_role():
    access = Access(USERS, "secret")
    assert access.login("claire", "mot-de-passe").supervisor
    assert access.login("claire", "wrong") is None and access.login("nobody", "mot-de-passe") is None
    paul = access.by_key("cle-paul-0123456789")
    assert paul.team == "general" and paul.sees("general") and not paul.sees("complaints")


def test_a_session_cookie_is_refused_when_tampered_with_expired_or_signed_with_another_secret():
    access = Access(USERS, "secret")
    cookie = access.cookie(access.login("claire", "mot-de-passe"))
    assert access.from_cookie(cookie).name == "claire"

    payload, stamp, signature = cookie.split(".")
    assert access.from_cookie(payload[:-2] + "xx." + stamp + "." + signature) is None
    assert Access(USERS, "other-secret").from_cookie(cookie) is None
    assert Access(USERS, "secret", max_age=-1).from_cookie(Access(USERS, "secret", max_age=-1).cookie(
        access.login("claire", "mot-de-passe"))) is None
    assert Access(USERS[1:], "secret").from_cookie(cookie) is None  # a removed user is signed out at once
    assert access.csrf(cookie) != access.csrf(access.cookie(access.login("claire", "mot-de-passe")))


def _field(kind: str, start: int, end: int, text: str) -> ExtractedField:
    return ExtractedField(kind=kind, value=text[start:end], normalized=text[start:end], source="body", start=start,
                          end=end, confidence=0.9)


def test_fields_are_wrapped_in_marks_at_their_offsets_and_the_rest_is_escaped():
    text = "Adhérent n° 12345678 <b>urgent</b> le 17/11/2026"
    fields = [_field("date", 38, 48, text), _field("member_number", 12, 20, text), _field("amount", 14, 18, text)]

    html = str(highlight(text, fields))

    assert '<mark class="field" data-kind="member_number"' in html and ">12345678</mark>" in html
    assert ">17/11/2026</mark>" in html and html.count("<mark") == 2  # the overlapping amount is left out
    assert "&lt;b&gt;urgent&lt;/b&gt;" in html and "<b>" not in html


def _png(mode: str = "RGB", size=(2400, 1200), fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt)
    return out.getvalue()


def test_previews_of_images_and_of_a_pdfs_first_page_are_pngs_of_bounded_size():
    pdf = io.BytesIO()
    page = canvas.Canvas(pdf)
    page.drawString(72, 720, "Page un")
    page.showPage()
    page.drawString(72, 720, "Page deux")
    page.save()

    for data in (_png(), _png("1", fmt="TIFF"), _png(fmt="JPEG"), pdf.getvalue()):
        preview = Image.open(io.BytesIO(preview_png(data)))
        assert preview.format == "PNG" and max(preview.size) <= 1400
    with pytest.raises(UnsupportedInput):
        preview_png(b"plain text, no image")


def test_a_bar_chart_draws_one_bar_per_row_scaled_to_the_largest():
    svg = str(bars([("email", 4), ("letter", 2), ("phone", 0)], "Volume", {"email": "Courriel"}))

    assert svg.startswith("<svg") and svg.count("<rect") == 3 and "Courriel" in svg and 'aria-label="Volume"' in svg
    widths = [float(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
