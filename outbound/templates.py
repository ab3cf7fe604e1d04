"""Editable Jinja2 text templates and the French formatting they use.

A template's first line is ``Objet : <subject>``, then a blank line, then the
text. Templates are looked up as ``<kind>/<topic>.<lang>.txt.j2``, then
``<kind>/default.<lang>.txt.j2``, then the French ones; an operator's folder
(``INTAKE_OUTBOUND_TEMPLATES_DIR``) is searched before the packaged one, so a
single template can be overridden without copying the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from intake.errors import ConfigError

PACKAGED = Path(__file__).with_name("templates")
SUBJECT_PREFIX = "Objet :"
THIN_SPACE, NBSP = "\u202f", "\u00a0"  # French typography: 1 234,50 €
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def date_fr(value: date | datetime | str, weekday: bool = False) -> str:
    """``2026-11-26`` → ``26 novembre 2026`` (``jeudi 26 novembre 2026`` with ``weekday``)."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def amount_fr(value: str) -> str:
    """``1234.5`` → ``1 234,50 €`` (narrow no-break space between thousands)."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    whole, cents = f"{number:,.2f}".split(".")
    return whole.replace(",", THIN_SPACE) + "," + cents + NBSP + "€"


def phone_fr(value: str) -> str:
    """``+33612345678`` → ``06 12 34 56 78``; other numbers unchanged."""
    if not (value.startswith("+33") and len(value) == 12 and value[1:].isdigit()):
        return value
    national = "0" + value[3:]
    return " ".join(national[i:i + 2] for i in range(0, 10, 2))


def mask_iban(value: str) -> str:
    """An IBAN with everything but its last 4 characters hidden, in groups of 4."""
    compact = "".join(value.split())
    hidden = "*" * max(len(compact) - 4, 0) + compact[-4:]
    return " ".join(hidden[i:i + 4] for i in range(0, len(hidden), 4))


@dataclass(frozen=True)
class Rendered:
    """A rendered template: subject line, text, and which template file it was."""

    subject: str
    text: str
    template: str


class Templates:
    """The template environment: operator folder first, then the packaged templates."""

    def __init__(self, override_dir: Path | None = None, language: str = "fr") -> None:
        folders = [override_dir, PACKAGED] if override_dir else [PACKAGED]
        if override_dir and not override_dir.is_dir():
            raise ConfigError(f"INTAKE_OUTBOUND_TEMPLATES_DIR is not a folder: {override_dir}")
        self.language = language
        # autoescape off: plain-text mail, HTML escaping would show "&amp;" to members
        self.env = Environment(loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
                               undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.env.filters.update(date_fr=date_fr, amount_fr=amount_fr, mask_iban=mask_iban, phone_fr=phone_fr)

    def names(self, kind: str, topic: str, fallback: bool = True) -> list[str]:
        """Candidate template names, most specific first."""
        langs = list(dict.fromkeys([self.language, "fr"]))
        topics = [topic, "default"] if fallback else [topic]
        return [f"{kind}/{t}.{lang}.txt.j2" for t in topics for lang in langs]

    def find(self, kind: str, topic: str, fallback: bool = True) -> str | None:
        """The template that would be used, or None if there is none."""
        for name in self.names(kind, topic, fallback):
            try:
                self.env.get_template(name)
                return name
            except TemplateNotFound:
                continue
        return None

    def render(self, name: str, values: dict[str, Any]) -> Rendered:
        """Render one template into subject and text."""
        output = self.env.get_template(name).render(values)
        first, _, rest = output.lstrip().partition("\n")
        if not first.startswith(SUBJECT_PREFIX):
            raise ConfigError(f"template {name}: the first line must be '{SUBJECT_PREFIX} ...'")
        # an empty block leaves blank lines behind: keep at most one between paragraphs
        text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", rest).strip() + "\n"
        return Rendered(subject=" ".join(first[len(SUBJECT_PREFIX):].split()), text=text, template=name)
