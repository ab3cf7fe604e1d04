"""Pure check helpers for extracted fields: IBAN mod 97, NIR key, dates."""

from __future__ import annotations

import datetime as dt

# ISO 13616 IBAN lengths (SEPA area and frequent neighbours).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24,
    "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22,
    "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "VA": 22, "MA": 28, "TN": 24, "DZ": 26, "TR": 26,
}

_CORSICA = {"2A": "19", "2B": "18"}


def iban_mod97(iban: str) -> int:
    """ISO 13616 remainder of a compact IBAN (1 means the checksum holds)."""
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97


def iban_problem(iban: str) -> str | None:
    """Why a compact upper-case IBAN is wrong, or None if it is valid."""
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is None:
        return f"unknown IBAN country {iban[:2]}"
    if len(iban) != expected:
        return f"IBAN length {len(iban)}, expected {expected} for {iban[:2]}"
    if not iban.isalnum() or iban_mod97(iban) != 1:
        return "IBAN checksum (mod 97) fails"
    return None


def nir_key(number: str) -> int:
    """The 2-digit key of a 13-character NIR (Corsica 2A/2B accepted)."""
    number = number.upper()
    digits = _CORSICA.get(number[5:7], number[5:7])
    return 97 - int(number[:5] + digits + number[7:]) % 97


def iso_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` if the calendar has that day, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def full_year(year: int) -> int:
    """A four-digit year from a two-digit one (00-39 → 20xx, else 19xx)."""
    if year >= 100:
        return year
    return 2000 + year if year < 40 else 1900 + year
