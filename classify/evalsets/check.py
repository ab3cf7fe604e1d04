"""Check a hand-written evaluation set against the labelling guide (classify/evalsets/README.md).

Usage: ``python classify/evalsets/check.py [items.jsonl ...]`` (default: every file of the independent set).

Errors (the exit status is 1 when there is any): a line that is not a JSON object, a missing key, a
label outside its vocabulary, a duplicate id, a field value not in its normalized form, an IBAN, NIR
or case reference whose key is wrong, a field value that cannot be found in the text (modulo spaces,
line breaks and punctuation; dates and amounts as people write them). Warnings: a value the text
holds (e-mail, case reference, IBAN, NIR, contract number, phone, amount, full date) that ``fields``
does not list. Then the counts per topic, complexity, urgency, channel, split and style.

It validates with python-stdnum (``pip install python-stdnum``) and the kernel's ``intake.refs``, not
with the capture code it is meant to evaluate.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from stdnum import iban as stdnum_iban
from stdnum.fr import nir as stdnum_nir

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from intake.refs import normalize as normalize_case_ref  # noqa: E402

DEFAULT = sorted((Path(__file__).parent / "independent").glob("*.jsonl"))
VOCABULARY = {
    "split": {"dev", "test"},
    "channel": {"email", "letter", "webform", "phone"},
    "topic": {"reimbursement", "hospitalisation", "dental", "optical", "complaint", "membership",
              "certificate", "change_of_details", "other"},
    "complexity": {"simple", "complex"},
    "urgency": {"low", "normal", "high", "critical"},
}
TEXT_KEYS = ("id", "style", "subject", "text", "note")
NORMAL_FORM = {
    "member_number": r"\d{8}",
    "policy_number": r"[A-Z]{2}-\d{6}",
    "iban": r"[A-Z]{2}\d{2}[0-9A-Z]{11,30}",
    "nir": r"[12]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}\d{2}",
    "amount": r"\d+\.\d{2}",
    "date": r"\d{4}-\d{2}-\d{2}",
    "phone": r"\+33[1-9]\d{8}",
    "email": r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}",
    "case_ref": r"IN-[0-9A-Z]{4}-[0-9A-Z]{4}",
}
MONTHS = {"janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
          "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
          "decembre": 12, "décembre": 12}
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})(?!\d)", re.I)
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
NUMBER = r"\d{1,3}(?:[ \n\u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+(?:[,.]\d{1,2})?"
AMOUNT_AFTER = re.compile(rf"(?<![\d,.])({NUMBER})\s*(?:€|eur\b|euros?\b)", re.I)
AMOUNT_BEFORE = re.compile(rf"(?:€|\beur\b)\s*({NUMBER})(?![\d,])", re.I)
AMOUNT_SPLIT = re.compile(r"(?<![\d,.])(\d+)\s*(?:€|euros?)\s*(\d{2})(?![\d,.])", re.I)  # 19 euros 61
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s*33\s*(?:\(0\))?\s*|0)([1-9](?:[\s.\-]*\d){8})(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
CASE_REF = re.compile(r"\bIN[-\s]?[0-9A-Za-z]{4}[-\s]?[0-9A-Za-z]{4}\b", re.I)
IBAN_LIKE = re.compile(r"\bFR[\s.\-]?\d{2}(?:[\s.\-]?[0-9A-Z]){23}\b", re.I)
NIR_LIKE = re.compile(r"(?<![\d])[12](?:[\s.]?\d){4}[\s.]?(?:\d{2}|2A|2B)(?:[\s.]?\d){8}(?!\d)")
POLICY_LIKE = re.compile(r"\b[A-Z]{2}[-\s]?\d{6}\b")


def compact(text: str) -> str:
    """The text without spaces, line breaks and punctuation, upper case."""
    return re.sub(r"[\W_]", "", text).upper()


def full_year(year: str) -> int:
    """A two-digit year read as people mean it (24 is 2024, 57 is 1957)."""
    value = int(year)
    return value if len(year) == 4 else (2000 + value if value <= 40 else 1900 + value)


def dates_in(text: str) -> set[str]:
    """Every full, real calendar date the text holds, in ISO form."""
    found = [(full_year(y), int(m), int(d)) for d, m, y in NUMERIC_DATE.findall(text)]
    found += [(int(y), MONTHS[m.lower()], int(d)) for d, m, y in WORDED_DATE.findall(text)]
    found += [(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(text)]
    return {iso for iso in (calendar_date(*parts) for parts in found) if iso}


def calendar_date(year: int, month: int, day: int) -> str | None:
    """The ISO form of a date, or None if there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def amount_value(written: str) -> str:
    """The normalized form (1234.50) of an amount as written (1 234,50 or 1.234 or 45)."""
    digits = re.sub(r"[ \n\u00a0\u202f]", "", written)
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    return f"{float(digits):.2f}"


def amounts_in(text: str) -> set[str]:
    """Every amount with a currency marker the text holds."""
    split = {f"{int(units)}.{cents}" for units, cents in AMOUNT_SPLIT.findall(text)}
    rest = AMOUNT_SPLIT.sub(" ", text)
    return split | {amount_value(w) for w in AMOUNT_AFTER.findall(rest) + AMOUNT_BEFORE.findall(rest)}


def phones_in(text: str) -> set[str]:
    """Every French phone number the text holds, in E.164."""
    return {"+33" + re.sub(r"\D", "", rest) for rest in PHONE.findall(text)}


def value_is_in_text(kind: str, value: str, text: str) -> bool:
    """Whether ``value`` (normalized) is written in ``text``."""
    if kind == "date":
        return value in dates_in(text)
    if kind == "amount":
        return value in amounts_in(text)
    if kind == "phone":
        return value in phones_in(text)
    return compact(value) in compact(text)


def key_problem(kind: str, value: str) -> str | None:
    """Why an IBAN, NIR or case reference fails its check, if it does."""
    if kind == "iban" and not stdnum_iban.is_valid(value):
        return "IBAN key invalid"
    if kind == "nir" and not stdnum_nir.is_valid(value):
        return "NIR key invalid"
    if kind == "case_ref" and normalize_case_ref(value) != value:
        return "case reference check character invalid"
    return None


def field_problems(item: dict) -> list[str]:
    """Every problem of the item's ``fields``."""
    problems = []
    for kind, values in item["fields"].items():
        if kind not in NORMAL_FORM or not isinstance(values, list):
            problems.append(f"unknown field kind or not a list: {kind}")
            continue
        for value in values:
            problems.extend(value_problems(kind, value, item))
    return problems


def value_problems(kind: str, value: str, item: dict) -> list[str]:
    """Every problem of one field value: form, key, presence in the text."""
    if not isinstance(value, str) or not re.fullmatch(NORMAL_FORM[kind], value):
        return [f"{kind} {value!r} not in normalized form"]
    problems = [p for p in [key_problem(kind, value)] if p]
    if not value_is_in_text(kind, value, item["subject"] + "\n" + item["text"]):
        problems.append(f"{kind} {value!r} not found in the text")
    return problems


def label_problems(item: dict) -> list[str]:
    """Missing keys and labels outside their vocabulary."""
    missing = [k for k in (*TEXT_KEYS, *VOCABULARY, "fields") if k not in item]
    if missing:
        return [f"missing keys {missing}"]
    problems = [f"{k} is not a string" for k in TEXT_KEYS if not isinstance(item[k], str)]
    problems += [f"{k} {item[k]!r} not in {sorted(v)}" for k, v in VOCABULARY.items() if item[k] not in v]
    if not isinstance(item["fields"], dict):
        problems.append("fields is not an object")
    if not re.fullmatch(r"ind-[a-z]-\d{4}", item["id"]):
        problems.append(f"id {item['id']!r} is not ind-<writer>-<4 digits>")
    if item["channel"] in ("letter", "phone") and item["subject"]:
        problems.append("a letter or a call note has no subject")
    return problems


def values_seen_in(text: str) -> dict[str, set[str]]:
    """The values of every detectable kind the text holds, normalized (member numbers are not detected)."""
    no_numbers = NIR_LIKE.sub(" ", IBAN_LIKE.sub(" ", text))  # their digits are not phones or dates
    no_phones = PHONE.sub(" ", no_numbers)  # nor are a phone's digits a date or an amount
    return {
        "email": {e.lower().rstrip(".") for e in EMAIL.findall(text)},
        "case_ref": {ref for ref in map(normalize_case_ref, CASE_REF.findall(text)) if ref},  # words fail the check
        "iban": {compact(i) for i in IBAN_LIKE.findall(text)},
        "nir": {compact(n) for n in NIR_LIKE.findall(IBAN_LIKE.sub(" ", text))},
        "policy_number": {compact(p)[:2] + "-" + compact(p)[2:] for p in POLICY_LIKE.findall(text)},
        "phone": phones_in(no_numbers),
        "amount": amounts_in(no_phones),
        "date": dates_in(no_phones),
    }


def unlisted_values(item: dict) -> list[str]:
    """Values the text holds that ``fields`` does not list."""
    seen = values_seen_in(item["subject"] + "\n" + item["text"])
    return [f"{kind} {value!r} in the text but not in fields"
            for kind, values in seen.items() for value in sorted(values - set(item["fields"].get(kind, [])))]


def read_items(path: Path) -> tuple[list[dict], list[str]]:
    """The items of a JSON-lines file and the lines that are not JSON objects."""
    items, errors = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{path.name}:{number}: not JSON ({error})")
            continue
        if isinstance(item, dict):
            items.append(item)
        else:
            errors.append(f"{path.name}:{number}: not a JSON object")
    return items, errors


def check_items(items: list[dict]) -> tuple[list[str], list[str]]:
    """Errors and warnings of a list of items."""
    errors, warnings = [], []
    for item, count in Counter(i.get("id") for i in items).items():
        if count > 1:
            errors.append(f"{item}: id used {count} times")
    for item in items:
        problems = label_problems(item)
        problems += field_problems(item) if not problems else []
        errors += [f"{item.get('id')}: {p}" for p in problems]
        warnings += [f"{item.get('id')}: {w}" for w in unlisted_values(item)] if not problems else []
    return errors, warnings


def print_counts(items: list[dict]) -> None:
    """How many items per label of every head, channel, split and style."""
    print(f"{len(items)} items, {sum(1 for i in items if i['fields'])} with fields")
    for key in ("topic", "complexity", "urgency", "channel", "split", "style"):
        counts = Counter(i[key] for i in items)
        cells = ", ".join(f"{label} {n} ({100 * n / len(items):.0f}%)" for label, n in counts.most_common())
        print(f"{key}: {cells}")
    kinds = Counter(kind for i in items for kind, values in i["fields"].items() for _ in values)
    print("field values: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))


def main(arguments: list[str]) -> int:
    """Check every file given (writer A's by default); 1 if any has an error."""
    items, errors = [], []
    for path in [Path(a) for a in arguments] or DEFAULT:
        read, unreadable = read_items(path)
        items += read
        errors += unreadable
    more_errors, warnings = check_items(items)
    for line in errors + more_errors:
        print("ERROR", line)
    for line in warnings:
        print("WARNING", line)
    if items and not more_errors:
        print_counts(items)
    return 1 if errors or more_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
