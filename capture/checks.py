"""Check helpers for extracted fields: IBAN and NIR (python-stdnum), phones (phonenumbers), dates.

The checks themselves are the maintained libraries'; what stays here is the
wording of a failure (a note an operator reads next to the value) and the
few calendar helpers the date finder needs.
"""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.fr import nir as stdnum_nir


def _iban_lengths() -> dict[str, int]:
    """Each country's IBAN length, from python-stdnum's copy of the SWIFT IBAN registry."""
    lengths = {}
    for _, country, _, info, _ in numdb.get("iban").prefixes:
        structure = info.get("bban", "")
        lengths[country] = 4 + sum(int(count) for count in re.findall(r"(\d+)!?[nace]", structure))
    return lengths


# Morocco and Algeria print IBANs their banks use that the SWIFT registry does not list; a member
# may well quote one, so they are kept, checked by mod 97 alone
OUTSIDE_REGISTRY = {"MA": 28, "DZ": 26}
# ISO 13616 IBAN lengths of every country of the registry, and of the two above
IBAN_LENGTHS: dict[str, int] = {**_iban_lengths(), **OUTSIDE_REGISTRY}


def iban_mod97(iban: str) -> int:
    """ISO 13616 remainder of a compact IBAN (1 means the checksum holds)."""
    return stdnum_iban.mod_97_10.checksum(iban[4:] + iban[:4])


def iban_problem(iban: str) -> str | None:
    """Why a compact upper-case IBAN is wrong, or None if it is valid."""
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is None:
        return f"unknown IBAN country {iban[:2]}"
    if len(iban) != expected:
        return f"IBAN length {len(iban)}, expected {expected} for {iban[:2]}"
    try:
        _validate_iban(iban)
    except InvalidChecksum:
        return "IBAN checksum (mod 97) fails"
    except (InvalidLength, InvalidComponent, ValidationError):
        return f"IBAN does not have the structure of a {iban[:2]} account number"
    return None


def _validate_iban(iban: str) -> None:
    """python-stdnum's check: mod 97 and the country's structure (mod 97 alone outside the registry).

    Not its national checks: some look the bank code up in a list shipped with the library (Belgium),
    which refuses the account of a bank newer than the list.
    """
    if iban[:2] in OUTSIDE_REGISTRY:
        stdnum_iban.mod_97_10.validate(iban[4:] + iban[:4])
    else:
        stdnum_iban.validate(iban, check_country=False)


def nir_key(number: str) -> int:
    """The 2-digit key of a 13-character NIR (Corsica 2A/2B accepted)."""
    return int(stdnum_nir.calc_check_digits(number.upper()))


def nir_problem(nir: str) -> str | None:
    """Why a 15-character NIR is wrong (its key, usually), or None if it is valid."""
    try:
        stdnum_nir.validate(nir)
    except InvalidChecksum:
        return f"NIR key {nir[13:]} does not match (expected {nir_key(nir[:13]):02d})"
    except ValidationError:
        return "not the form of a NIR"
    return None


def french_phone(national: str) -> tuple[str, str | None]:
    """A French number (national digits, without the leading 0) as E.164, and why it is wrong, if it is."""
    number = phonenumbers.parse("0" + national, "FR")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164, None if phonenumbers.is_valid_number(number) else "not a French number in service"


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
