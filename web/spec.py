"""The contract of the web API as published in OpenAPI: the answers' models, the
request body's schema, the error answers of each operation, and :func:`check_fields`,
which enforces on the fields what the schema promises (so spec and app agree).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel

from connectors.webform import NOT_BLANK, TEXT_FIELDS

MAX_FILES = 20
TRACKING_PATTERN = r"^W-[A-HJ-NP-Z2-9]{10}$"
PARTY_FIELDS = ("name", "email", "phone", "member_number", "subject")
STRING_OR_NULL = {"type": ["string", "null"]}
FIELDS = {  # known fields are text; others are kept as metadata, so flat values only
    "type": "object", "properties": {k: STRING_OR_NULL for k in (*PARTY_FIELDS, *TEXT_FIELDS)},
    "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
    "example": {"name": "Jeanne Martin", "member_number": "12345678", "subject": "Remboursement",
                "message": "Bonjour, ..."},
}
WITH_TEXT = {"anyOf": [{"required": [k], "properties": {k: {"type": "string", "pattern": NOT_BLANK}}}
                       for k in TEXT_FIELDS]}
FILES = {"type": "array", "maxItems": MAX_FILES, "items": {"type": "string", "format": "binary"},
         "description": "file parts, each with a filename"}
# An object part of a multipart body is application/json by default, so no "encoding" is declared
# (schemathesis, given one, would send any JSON value there instead of the form's schema).
UPLOAD_DOC = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {**FIELDS, **WITH_TEXT}},
    "multipart/form-data": {"schema": {
        "type": "object",
        "properties": {"form": {**FIELDS, "description": "the fields, as a JSON object"}, "files": FILES},
        "anyOf": [{"required": ["form"], "properties": {"form": WITH_TEXT}},
                  {"required": ["files"], "properties": {"files": {"minItems": 1}}}],
    }},
}}}


class Receipt(BaseModel):
    """The answer to an accepted submission (202)."""

    tracking_id: str
    envelope_id: str
    status: str


class Whereabouts(Receipt):
    """Where a submission is now: its stage, and once recorded its team and case."""

    stage: str | None = None
    team: str | None = None
    case_id: str | None = None


class Problem(BaseModel):
    """An error answer: a sentence, or FastAPI's list of invalid parameters."""

    detail: str | list[dict[str, Any]]


RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "required": True, "schema": {"type": "integer"}}}
ERRORS: dict[int, dict[str, Any]] = {
    400: {"description": "body not JSON, or a malformed multipart body"},
    401: {"description": "missing or unknown X-API-Key"},
    404: {"description": "no such submission for this API key"},
    413: {"description": "request body over the size limit"},
    415: {"description": "neither JSON nor multipart"},
    422: {"description": "invalid fields or headers, no message nor file, or an Idempotency-Key reused"},
    429: {"description": "this API key's rate limit is reached", "headers": RETRY_AFTER},
    503: {"description": "broker or store unavailable, retry later", "headers": RETRY_AFTER},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of these error codes."""
    return {code: {**ERRORS[code], "model": Problem} for code in codes}


def check_fields(form: dict, files: int) -> None:
    """Refuse (422) fields the schema does not allow: non-text known fields, nested values, no text nor file."""
    for name, value in form.items():
        if name in FIELDS["properties"] and not isinstance(value, str | None):
            raise HTTPException(422, f"field {name!r} must be a string")
        if isinstance(value, dict | list):
            raise HTTPException(422, f"field {name!r} must be a string, number or boolean")
    if not files and not any(isinstance(form.get(k), str) and re.search(NOT_BLANK, form[k]) for k in TEXT_FIELDS):
        raise HTTPException(422, "a submission needs a message or a file")
