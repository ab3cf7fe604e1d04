"""Letters whose values run onto the next line, as real letters wrap them.

A share of the generated letters writes some of its values in a paragraph of
running text instead of their usual place (the references block, the amount
table, the sender's block, the date line), and each such value is cut at the
end of a line where a word processor or a typist cuts it: an IBAN or a NIR
between two groups, an amount before its euro sign or after its decimal
comma, a date between day, month and year, a case reference or a policy
number after a dash, a member number or a phone number between two groups,
an e-mail address at a dot of its domain. The thousands of an amount are
tied by a non-breaking space, as French typography asks.

The draws come from a generator of their own (``wrap-<seed>``), so every
other draw of a seed stays as it was; the cuts are written into the paragraph
as newlines, which the layout keeps as line ends.
"""

from __future__ import annotations

import random
import re
from datetime import date

from samples.wording import format_eur, french_date, group_iban, group_nir

WRAP_SHARE = 0.3  # letters that wrap some of their values
KINDS = ("member_number", "policy_number", "case_ref", "nir", "iban", "amount", "date", "phone", "email")
NBSP = "\u00a0"


def draw_wrapped(rng: random.Random, present: tuple[str, ...], share: float) -> tuple[str, ...]:
    """The kinds whose value this letter cuts at a line end: none for most letters, else some of ``present``."""
    if not present or rng.random() >= share:
        return ()
    chosen = tuple(kind for kind in present if share >= 1.0 or rng.random() < 0.6)
    return chosen or (rng.choice(present),)


def cut(text: str, rng: random.Random, places: list[int]) -> str:
    """``text`` with a line end at one of ``places`` (offsets of a space, or just after a dash or a dot).

    Its other spaces are tied, so that the value is cut there and nowhere else.
    """
    at = rng.choice(places)
    return text[:at].rstrip(" ").replace(" ", NBSP) + "\n" + text[at:].lstrip(" ").replace(" ", NBSP)


def _spaces(text: str) -> list[int]:
    return [m.start() for m in re.finditer(" ", text)]



def cut_amount(cents: int, rng: random.Random) -> str:
    """``1 234,50 €`` cut before the euro sign or after the decimal comma; thousands tied."""
    written = format_eur(cents)
    return cut(written, rng, [written.index(",") + 1, written.rindex(" ")])


def cut_date(day: date, rng: random.Random) -> str:
    """``12 mars 2026`` cut after the day or after the month."""
    return cut(french_date(day), rng, _spaces(french_date(day)))


def cut_after_dash(value: str, rng: random.Random) -> str:
    """``IN-7K3M-9QX2`` or ``MS-123456`` cut after one of its dashes (the dash stays on the first line)."""
    return cut(value, rng, [m.end() for m in re.finditer("-", value)])


def cut_groups(grouped: str, rng: random.Random) -> str:
    """An IBAN, a NIR, a grouped member number or a spaced phone number cut between two groups."""
    return cut(grouped, rng, _spaces(grouped))


def cut_phone(phone: str, rng: random.Random) -> str:
    """A phone number cut at a space between its groups, or after a dot of a dotted one."""
    places = _spaces(phone) or [m.end() for m in re.finditer(r"\.", phone)]
    return cut(phone, rng, places)


def cut_email(address: str, rng: random.Random) -> str:
    """An address cut after a hyphen, or after a dot of its domain."""
    domain_at = address.index("@")
    places = [m.end() for m in re.finditer("-", address)] + [
        m.end() for m in re.finditer(r"\.", address) if m.start() > domain_at]
    return cut(address, rng, places)


def grouped_member(number: str) -> str:
    """``1234 5678``: the member number as a card prints it, so that a line may end inside it."""
    return f"{number[:4]} {number[4:]}"


def group_for(kind: str, value: str) -> str:
    """The printed form of a value a line may cut."""
    return {"iban": group_iban, "nir": group_nir, "member_number": grouped_member}.get(kind, str)(value)


SENTENCES = {
    "member_number": "Pour le suivi de ma demande, je vous rappelle mon n° adhérent : {value}.",
    "policy_number": "Ma demande concerne les garanties de mon contrat n° {value}, souscrit il y a plusieurs années.",
    "case_ref": "Ce courrier fait suite à mon précédent envoi enregistré sous la référence de dossier {value}.",
    "nir": "Mon numéro de sécurité sociale, au cas où vous en auriez besoin, est le {value}.",
    "iban": "Je vous remercie de verser les sommes dues sur mon compte bancaire, IBAN {value}.",
    "amount": "Le montant total des frais engagés et restés à ma charge s'élève à {value}.",
    "date": "Fait à {city} pour servir et valoir ce que de droit, le {value}.",
    "phone": "Pour toute question, vous pouvez me joindre en journée au {value}.",
    "email": "Vous pouvez aussi m'écrire à l'adresse électronique suivante : {value}.",
}


def paragraph(values: dict[str, str], city: str) -> str:
    """The running text that holds the cut values, one sentence each, in the order of :data:`KINDS`."""
    return " ".join(SENTENCES[kind].format(value=values[kind], city=city) for kind in KINDS if kind in values)


def present(spec) -> tuple[str, ...]:
    """The kinds of ``spec`` (a LetterSpec) that may be moved into running text and cut there.

    An amount or a date already written in the body is left where it is: the page
    must hold a cut value once only, or reading it whole elsewhere would hide a miss.
    """
    body = " ".join(spec.paragraphs)
    values = {"member_number": spec.member_number, "policy_number": spec.policy_number, "case_ref": spec.case_ref,
              "nir": spec.nir, "iban": spec.iban, "phone": spec.phone, "email": spec.email,
              "amount": spec.amounts and format_eur(spec.total_cents) not in body,
              "date": french_date(spec.letter_date) not in body}
    return tuple(kind for kind in KINDS if values[kind])


def wrap(spec, rng: random.Random, share: float) -> dict:
    """``wrapped`` (the kinds cut) and ``wrap_text`` (their paragraph, cuts as newlines) for a LetterSpec."""
    kinds = draw_wrapped(rng, present(spec), share)
    if not kinds:
        return {}
    values = {kind: _cut_value(kind, spec, rng) for kind in kinds}
    return {"wrapped": kinds, "wrap_text": paragraph(values, spec.city)}


def _cut_value(kind: str, spec, rng: random.Random) -> str:
    """The value of ``kind`` as printed, with a line end inside it."""
    if kind == "amount":
        return cut_amount(spec.total_cents, rng)
    if kind == "date":
        return cut_date(spec.letter_date, rng)
    if kind in ("case_ref", "policy_number"):
        return cut_after_dash(getattr(spec, kind), rng)
    if kind == "phone":
        return cut_phone(spec.phone, rng)
    if kind == "email":
        return cut_email(spec.email, rng)
    return cut_groups(group_for(kind, getattr(spec, kind)), rng)
