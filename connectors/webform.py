"""Web-form submissions (JSON fields, optional files) as drafts.

The fields are flat text. What the sender claims is kept apart: ``submitted_at``
becomes the claimed time (within sane bounds, intake.clock), never the received
time; the e-mail field becomes the sender's address only when it is one
deliverable mailbox. NULs and control characters are removed; a lone surrogate
is refused (intake.safejson), so the content hash can always be computed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from intake.addresses import mailbox
from intake.clock import claimed_meta, now, parse_iso
from intake.drafts import Draft, FileDraft
from intake.errors import PermanentError
from intake.models import Party, sha256_hex
from intake.safejson import load_json, refuse_lone_surrogates
from intake.text import clean

TEXT_FIELDS = ("message", "description", "body", "text")
MAX_FIELD = 100_000  # characters of one field
# A character that is not blank, written out so that Python and the JSON Schema (ECMA) regex engines of
# the OpenAPI spec agree: the union of what either calls whitespace (\x1c-\x1f for one, \ufeff for the other).
NOT_BLANK = r"[^\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"


def draft_from_form(form: dict[str, Any], source: str, files: list[FileDraft] | None = None,
                    submission_id: str | None = None) -> Draft:
    """A webform draft from the submitted fields (PermanentError, in French, when they cannot be one)."""
    fields = _fields(form)
    body = next((fields[k] for k in TEXT_FIELDS if re.search(NOT_BLANK, fields.get(k, ""))), "")
    extra = {k: v for k, v in fields.items() if k not in TEXT_FIELDS and k != "subject"}
    member = fields.get("member_number")
    if member and member not in body:
        body = f"{body}\n\nN° adhérent : {member}".strip()
    return Draft(
        channel="webform", source=source,
        source_id=submission_id or fields.get("id") or f"sha256:{_form_hash(form)}",
        received_at=now(),
        sender=Party(name=fields.get("name") or None, email=mailbox(fields.get("email")),
                     phone=fields.get("phone") or None),
        subject=fields.get("subject", ""), body=body, files=list(files or []),
        meta=extra | claimed_meta(parse_iso(fields.get("submitted_at"))),
    )


def draft_from_json_bytes(data: bytes, source: str) -> Draft:
    """A webform draft from a saved JSON submission."""
    return draft_from_form(load_json(data), source)


def _fields(form: Any) -> dict[str, str]:
    """The fields as clean text; nested values and lone surrogates are refused."""
    if not isinstance(form, dict):
        raise PermanentError("un formulaire doit être un objet JSON (des champs et leurs valeurs)")
    refuse_lone_surrogates(form)
    fields = {}
    for key, value in form.items():
        if isinstance(value, dict | list):
            raise PermanentError(f"le champ « {clean(str(key))[:40]} » doit être du texte, pas une liste ou un objet")
        fields[clean(str(key))[:100]] = "" if value is None else clean(str(value))[:MAX_FIELD]
    return fields


def _form_hash(form: dict[str, Any]) -> str:
    """The hash of the form as sent (the same id as before fields were cleaned, so a re-ingest matches)."""
    try:
        return sha256_hex(json.dumps(form, sort_keys=True, default=str).encode())
    except TypeError:  # keys of mixed types (a caller's dict, never JSON): their text sorts
        return sha256_hex(json.dumps({str(k): v for k, v in form.items()}, sort_keys=True, default=str).encode())
