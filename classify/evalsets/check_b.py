"""Check writer B's independent evaluation set (issue #21).

    python3 classify/evalsets/check_b.py [PATH]

Validates every line of ``independent/items-b.jsonl`` against the labelling
guide (README.md next to this file): one JSON object per line, labels in the
vocabularies, unique sequential ids, every listed field value in its
normalized form, really present in the text (modulo spaces, line breaks and
punctuation), IBAN (mod 97), NIR (key) and case reference (check character)
valid. It also warns about values that look like fields in the text but are
not listed. Then it prints the counts per topic, complexity, urgency, channel,
split and style. Exit status 1 if any error.

Standard library only (it does not need the project's virtualenv).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "independent" / "items-b.jsonl"

TOPICS = ("reimbursement", "hospitalisation", "dental", "optical", "complaint",
          "membership", "certificate", "change_of_details", "other")
COMPLEXITY = ("simple", "complex")
URGENCY = ("low", "normal", "high", "critical")
CHANNELS = ("letter", "email", "phone", "webform")
SPLITS = ("dev", "test")
KEYS = {"id", "split", "channel", "style", "subject", "text", "topic", "complexity", "urgency", "fields", "note"}
ID = re.compile(r"ind-b-(\d{4})")

FORMS = {
    "member_number": re.compile(r"\d{8}"),
    "policy_number": re.compile(r"[A-Z]{2}-\d{6}"),
    "iban": re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}"),
    "nir": re.compile(r"[12]\d{4}(?:\d{2}|2A|2B)\d{8}"),
    "amount": re.compile(r"\d+\.\d{2}"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "phone": re.compile(r"\+33[1-9]\d{8}"),
    "email": re.compile(r"[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}"),
    "case_ref": re.compile(r"IN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"),
}

# ---------------------------------------------------------------- keys


def iban_valid(value: str) -> bool:
    moved = value[4:] + value[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def nir_valid(value: str) -> bool:
    body = value[:13].replace("2A", "19").replace("2B", "18")
    return 97 - int(body) % 97 == int(value[13:])


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def case_ref_valid(value: str) -> bool:
    chars = value[3:7] + value[8:12]
    total, factor = 0, 2
    for char in reversed(chars[:7]):
        addend = factor * CROCKFORD.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return CROCKFORD[(32 - total % 32) % 32] == chars[7]


def rib_valid(value: str) -> bool:
    """The French RIB key inside a FR IBAN (a real French IBAN has both)."""
    bank, branch, account, key = value[4:9], value[9:14], value[14:25], value[25:27]
    if not (bank + branch + account + key).isdigit():
        return True  # letters in the account: not checked here
    return 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97 == int(key)


# ---------------------------------------------------------------- reading the text

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}


def plain(text: str) -> str:
    """Lower case, accents removed (the month names are matched on this)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def compact(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def dates_in(text: str) -> set[str]:
    found = set()
    low = plain(text)
    for d, m, y in re.findall(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)", low):
        found.add(_date(d, m, y))
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    for d, m, y in re.findall(rf"(?<!\d)(\d{{1,2}})\s*(?:er)?\s+({month_names})\.?\s+(\d{{4}})(?!\d)", low):
        found.add(_date(d, MONTHS[m], y))
    for y, m, d in re.findall(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", low):
        found.add(_date(d, m, y))
    found.discard(None)
    return found


def _date(d, m, y) -> str | None:
    d, m, y = int(d), int(m), int(y)
    if y < 100:
        y += 2000 if y <= 30 else 1900
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2099):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:\s?[,.]\s?(\d{1,2}))?"
_CURRENCY = r"(?:€|eur\b|euros?\b)"


def amounts_in(text: str) -> set[str]:
    found = set()
    low = text.lower()
    for whole, cents in re.findall(_NUMBER + r"\s?" + _CURRENCY, low):
        found.add(_amount(whole, cents))
    for whole, cents in re.findall(r"(?:€|\beur)\s?" + _NUMBER, low):
        found.add(_amount(whole, cents))
    for whole, cents in re.findall(r"(\d+)\s?€\s?(\d{2})(?!\d)", low):  # 45€50
        found.add(_amount(whole, cents))
    return found


def _amount(whole: str, cents: str) -> str:
    whole = re.sub(r"[ \u00a0\u202f.]", "", whole)
    cents = (cents or "0").ljust(2, "0")
    return f"{int(whole)}.{cents}"


def present(kind: str, value: str, text: str) -> bool:
    if kind in ("member_number", "iban", "nir", "policy_number", "case_ref"):
        return compact(value) in compact(text)
    if kind == "phone":
        national = "0" + value[3:]
        digits = re.sub(r"\D", "", text)
        return national in digits or value[1:] in digits or "330" + value[3:] in digits
    if kind == "email":
        return value in re.sub(r"\s", "", text.lower())
    if kind == "amount":
        return value in amounts_in(text)
    if kind == "date":
        return value in dates_in(text)
    return False


def unlisted(item: dict) -> list[str]:
    """Values in the text that look like fields but are not listed (warnings)."""
    text, fields = item["text"], item.get("fields", {})
    listed = {v for values in fields.values() for v in values}
    listed |= {"0" + v[3:] for v in fields.get("phone", [])}  # national form of the phones
    found = []
    for value in sorted(dates_in(text) - set(fields.get("date", []))):
        found.append(f"date {value}")
    for value in sorted(amounts_in(text) - set(fields.get("amount", []))):
        found.append(f"amount {value}")
    for value in re.findall(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", text):
        if value.lower() not in fields.get("email", []):
            found.append(f"email {value}")
    for value in re.findall(r"\bIN[-\s]?[0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4}\b", text):
        if compact(value) not in {compact(v) for v in fields.get("case_ref", [])}:
            found.append(f"case_ref {value}")
    for value in re.findall(r"(?:\+33\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b", text):
        national = "0" + re.sub(r"\D", "", value)[-9:]
        if "+33" + national[1:] not in fields.get("phone", []):
            found.append(f"phone {value}")
    for value in re.findall(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){4,7}(?:\s?[A-Z0-9]{1,3})?\b", text):
        if compact(value) not in listed:
            found.append(f"iban? {value}")
    for value in re.findall(r"\b[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2A|2B)\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b", text):
        if compact(value) not in listed and compact(value)[:13] not in {v[:13] for v in fields.get("nir", [])}:
            found.append(f"nir? {value}")
    for value in re.findall(r"(?<![\d+])(?:\d[ .]?){7}\d(?![\d])", text):
        digits = re.sub(r"\D", "", value)
        if len(digits) == 8 and digits not in fields.get("member_number", []) and not any(digits in compact(v) for v in listed):
            found.append(f"8 digits? {value}")
    return found


# ---------------------------------------------------------------- one item


def check_item(item: dict) -> list[str]:
    errors = []
    missing = KEYS - set(item)
    extra = set(item) - KEYS
    if missing:
        errors.append(f"missing keys {sorted(missing)}")
    if extra:
        errors.append(f"unknown keys {sorted(extra)}")
    for key, vocab in (("topic", TOPICS), ("complexity", COMPLEXITY), ("urgency", URGENCY),
                       ("channel", CHANNELS), ("split", SPLITS)):
        if item.get(key) not in vocab:
            errors.append(f"{key} {item.get(key)!r} not in {vocab}")
    for key in ("style", "text", "subject", "note"):
        if not isinstance(item.get(key), str):
            errors.append(f"{key} is not a string")
    if not item.get("style") or not str(item.get("text", "")).strip():
        errors.append("empty style or text")
    if item.get("channel") in ("letter", "phone") and item.get("subject"):
        errors.append("a letter or a call note has no subject")
    fields = item.get("fields")
    if not isinstance(fields, dict):
        return errors + ["fields is not an object"]
    for kind, values in fields.items():
        if kind not in FORMS:
            errors.append(f"unknown field kind {kind}")
            continue
        if not isinstance(values, list) or not values:
            errors.append(f"{kind}: not a non-empty list")
            continue
        if len(set(values)) != len(values):
            errors.append(f"{kind}: a value listed twice")
        for value in values:
            if not isinstance(value, str) or not FORMS[kind].fullmatch(value):
                errors.append(f"{kind} {value!r}: not in normalized form")
                continue
            if kind == "iban" and not (iban_valid(value) and (not value.startswith("FR") or rib_valid(value))):
                errors.append(f"iban {value}: bad key")
            if kind == "nir" and not nir_valid(value):
                errors.append(f"nir {value}: bad key")
            if kind == "case_ref" and not case_ref_valid(value):
                errors.append(f"case_ref {value}: bad check character")
            if kind == "date" and _date(value[8:], value[5:7], value[:4]) != value:
                errors.append(f"date {value}: not a date")
            if not present(kind, value, item.get("text", "")):
                errors.append(f"{kind} {value}: not found in the text")
    return errors


# ---------------------------------------------------------------- the file


def load(path: Path) -> tuple[list[dict], list[str]]:
    items, errors = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {number}: empty line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            errors.append(f"line {number}: not an object")
            continue
        items.append(item)
    return items, errors


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    items, errors = load(path)
    warnings = []
    seen = set()
    for position, item in enumerate(items, 1):
        ident = item.get("id", f"#{position}")
        match = ID.fullmatch(str(ident))
        if not match:
            errors.append(f"{ident}: id not of the form ind-b-0001")
        elif int(match.group(1)) != position:
            errors.append(f"{ident}: id out of sequence (line {position})")
        if ident in seen:
            errors.append(f"{ident}: duplicate id")
        seen.add(ident)
        errors.extend(f"{ident}: {e}" for e in check_item(item))
        if isinstance(item.get("text"), str) and isinstance(item.get("fields"), dict):
            warnings.extend(f"{ident}: unlisted {w}" for w in unlisted(item))
    texts = Counter(" ".join(str(i.get("text", "")).split()).lower() for i in items)
    errors.extend(f"duplicate text: {t[:60]!r}" for t, n in texts.items() if n > 1)

    n = len(items)
    print(f"{path}: {n} items")
    for key, vocab in (("topic", TOPICS), ("complexity", COMPLEXITY), ("urgency", URGENCY),
                       ("channel", CHANNELS), ("split", SPLITS)):
        counts = Counter(i.get(key) for i in items)
        shown = "  ".join(f"{v} {counts[v]} ({100 * counts[v] / max(1, n):.0f}%)" for v in vocab)
        print(f"{key:11s} {shown}")
    for key, vocab in (("topic", TOPICS), ("complexity", COMPLEXITY), ("urgency", URGENCY), ("channel", CHANNELS)):
        dev = Counter(i.get(key) for i in items if i.get("split") == "dev")
        print(f"dev/{key}".ljust(15) + "  ".join(f"{v} {dev[v]}" for v in vocab))
    styles = Counter(i.get("style") for i in items)
    print("style       " + "  ".join(f"{s} {c}" for s, c in styles.most_common()))
    with_fields = sum(1 for i in items if i.get("fields"))
    kinds = Counter(k for i in items for k, vs in (i.get("fields") or {}).items() for _ in vs)
    print(f"fields      items with fields {with_fields} ({100 * with_fields / max(1, n):.0f}%); values "
          + "  ".join(f"{k} {kinds[k]}" for k in FORMS))
    print(f"notes       {sum(1 for i in items if i.get('note'))}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
