"""Web-form submissions (JSON fields, optional files) as drafts."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from intake.drafts import Draft, FileDraft
from intake.errors import PermanentError
from intake.models import Party, sha256_hex

TEXT_FIELDS = ("message", "description", "body", "text")
# A character that is not blank, written out so that Python and the JSON Schema (ECMA) regex engines of
# the OpenAPI spec agree: the union of what either calls whitespace (\x1c-\x1f for one, \ufeff for the other).
NOT_BLANK = r"[^\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"


def draft_from_form(form: dict[str, Any], source: str, files: list[FileDraft] | None = None,
                    submission_id: str | None = None) -> Draft:
    """A webform draft from the submitted fields."""
    if not isinstance(form, dict):
        raise PermanentError("a web-form submission must be a JSON object")
    fields = {str(k): "" if v is None else str(v) for k, v in form.items()}
    body = next((fields[k] for k in TEXT_FIELDS if re.search(NOT_BLANK, fields.get(k, ""))), "")
    extra = {k: v for k, v in fields.items() if k not in TEXT_FIELDS and k != "subject"}
    member = fields.get("member_number")
    if member and member not in body:
        body = f"{body}\n\nN° adhérent : {member}".strip()
    return Draft(
        channel="webform", source=source,
        source_id=submission_id or fields.get("id") or f"sha256:{sha256_hex(json.dumps(form, sort_keys=True).encode())}",
        received_at=_time(fields.get("submitted_at")),
        sender=Party(name=fields.get("name") or None, email=fields.get("email") or None, phone=fields.get("phone") or None),
        subject=fields.get("subject", ""), body=body, files=list(files or []), meta=extra,
    )


def draft_from_json_bytes(data: bytes, source: str) -> Draft:
    """A webform draft from a saved JSON submission."""
    try:
        return draft_from_form(json.loads(data), source)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PermanentError("web-form file is not valid JSON", error=str(exc)) from exc


def _time(value: str | None) -> datetime:
    try:
        parsed = datetime.fromisoformat(value) if value else None
    except ValueError:
        parsed = None
    if parsed is None:
        return datetime.now(timezone.utc)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
