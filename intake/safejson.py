"""JSON from strangers: bounded nesting and numbers, no lone surrogates.

The standard library parses JSON well but trusts its input: a document nested
thousands deep raises ``RecursionError``, a 5,000-digit integer ``ValueError``,
and ``"\\ud800"`` decodes to a string that no encoder can write back. No
maintained parser bounds all three (orjson caps depth at 1,024 only and turns
big integers into floats), so :func:`load_json` keeps the standard parser and
adds the bounds: a depth count before parsing (strings skipped), number hooks,
and a walk for lone surrogates after. Every refusal is a :class:`BadJson` with a
French sentence an operator can read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from intake.errors import PermanentError

MAX_DEPTH = 16
MAX_DIGITS = 40  # longer than any number a form or a call log carries (IBANs and NIRs come as text)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadJson(PermanentError):
    """Bytes that are not JSON (malformed, not UTF-8)."""


class OutOfBounds(BadJson):
    """Well-formed JSON beyond what intake takes: nested too deep, a number too big."""


class LoneSurrogate(OutOfBounds):
    """A string holds half of a UTF-16 pair: text no encoder can write."""


def load_json(data: bytes | str, max_depth: int = MAX_DEPTH) -> Any:
    """The value of a JSON document, or BadJson saying in French what is wrong with it."""
    text = _text(data)
    if (depth := nesting(text)) > max_depth:
        raise OutOfBounds(f"le JSON est imbriqué trop profondément ({depth} niveaux, {max_depth} au plus)")
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BadJson(f"ce n'est pas du JSON valide (ligne {exc.lineno}, colonne {exc.colno})") from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise OutOfBounds("le JSON est imbriqué trop profondément") from None
    refuse_lone_surrogates(value)
    return value


def nesting(text: str) -> int:
    """How deep arrays and objects nest in ``text`` (brackets inside strings do not count)."""
    depth = deepest = 0
    for char in _STRING.sub('""', text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def refuse_lone_surrogates(value: Any) -> None:
    """LoneSurrogate if any key or string inside ``value`` holds half a UTF-16 pair."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise LoneSurrogate("le texte contient un caractère invalide (une moitié de paire UTF-16 isolée)")


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadJson(f"le JSON n'est pas encodé en UTF-8 (octet {exc.start})") from None


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise OutOfBounds(f"un nombre du JSON a plus de {MAX_DIGITS} chiffres")
    return int(digits)


def _bounded_float(digits: str) -> float:
    if len(digits) > MAX_DIGITS + 10:
        raise OutOfBounds(f"un nombre du JSON a plus de {MAX_DIGITS} chiffres")
    value = float(digits)
    if value in (float("inf"), float("-inf")):
        raise OutOfBounds("un nombre du JSON est trop grand")
    return value


def _no_constant(name: str) -> Any:
    raise BadJson(f"le JSON contient {name}, qui n'est pas un nombre")
