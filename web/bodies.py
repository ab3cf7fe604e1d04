"""Reading a submission's body: JSON, or multipart with a ``form`` JSON field and files, or a
browser's native form fields. JSON is read with intake.safejson's bounds: malformed JSON is a
400, JSON beyond the bounds (nested too deep, a number too long, a lone surrogate) a 422; the
sentences say what is wrong in French."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from intake.drafts import FileDraft
from intake.safejson import BadJson, OutOfBounds, load_json, refuse_lone_surrogates
from web.spec import MAX_FILES

FORM_KINDS = {"multipart/form-data", "application/x-www-form-urlencoded"}


async def read_submission(request: Request, kind: str) -> tuple[dict, list[FileDraft], bool]:
    """The fields and files of a request, and whether they came as native form fields (a browser)."""
    if kind == "application/json":
        return _object(_json(await request.body(), "le corps")), [], False
    if kind not in FORM_KINDS:
        raise HTTPException(415, "send application/json or multipart/form-data")
    return await _read_form(request)


async def _read_form(request: Request) -> tuple[dict, list[FileDraft], bool]:
    """A form body: the ``form`` JSON field and files (API clients), or native fields (a browser)."""
    data = await request.form(max_files=MAX_FILES, max_fields=100)
    if any(k == "files" and isinstance(v, str) and v for k, v in data.multi_items()):  # no filename: lost content
        raise HTTPException(422, "files must be file parts (with a filename)")
    files = [FileDraft(u.filename, await u.read(), u.content_type or "application/octet-stream")
             for _, u in data.multi_items() if isinstance(u, UploadFile) and u.filename]
    fields = {k: v for k, v in data.multi_items() if isinstance(v, str)}
    _no_lone_surrogates(fields)
    if "form" not in fields:
        return fields, files, True
    return _object(_json(fields["form"], "le champ form")), files, False


def _json(data: bytes | str, what: str) -> Any:
    try:
        return load_json(data)
    except OutOfBounds as exc:
        raise HTTPException(422, f"{what} : {exc.message}") from None
    except BadJson as exc:
        raise HTTPException(400, f"{what} n'est pas du JSON lisible : {exc.message}") from None


def _no_lone_surrogates(fields: dict[str, str]) -> None:
    try:
        refuse_lone_surrogates(fields)
    except OutOfBounds as exc:
        raise HTTPException(422, exc.message) from None


def _object(value: Any) -> dict:
    if not isinstance(value, dict):
        raise HTTPException(422, "the form must be a JSON object")
    return value
