"""A date written as a date ("le 16/03", "avant le 12 mars 2026") that falls in the next days: an urgency cue.

The labelling guide calls a request urgent when a care or a deadline is
"in the next days or weeks" (an operation next week, an exam on the 12th).
Words such as "lundi prochain" are cues of their own (``urgency.py``); a
written date needs the day the item was received to compare with. Only a
date that an event or a deadline word comes just before counts ("opération
prévue le", "avant le", "je passe un examen le"): "envoyée le 12 mars" is
the past, "Lyon, le 12 mars" a letter's date line.
"""

from __future__ import annotations

import re
from datetime import date

NEAR_DAYS = 21  # "in the next days or weeks": up to three weeks after the item was received
MONTHS = {"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
          "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
          "novembre": 11, "nov": 11, "decembre": 12, "dec": 12}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# What comes just before a date that lies ahead: an event to come or a deadline (folded text).
AHEAD = (r"(?:avant|d ici|au plus tard|jusqu au|prevue?s?|programmee?s?|fixee?s?|doi[st]|devons|devez|dois|"
         r"doivent|rendez vous|rdv|convoquee?s?|convocation|passe|passera|entre|entrera|entree|admission|admise?|"
         r"operee?|operation|intervention|examen|concours|epreuve|depart|pars|part|partons|deposer|depot|"
         r"accouchement|accoucher|naissance prevue|date limite|echeance)")
NEAR_DATE = re.compile(rf"\b{AHEAD}\b(?:\s+\w+){{0,6}}?\s+(?:le|du|pour le|au|avant le)?\s*"
                       rf"(?:lundi |mardi |mercredi |jeudi |vendredi |samedi |dimanche )?"
                       rf"(\d{{1,2}})(?:er)?(?: ({_MONTH})\b| (\d{{1,2}})\b)(?: (\d{{4}}|\d{{2}})\b)?")


def near_date(folded: str, received: date | None) -> str | None:
    """The words of the first date ahead within ``NEAR_DAYS`` days of ``received``, after an event word."""
    if received is None:
        return None
    for match in NEAR_DATE.finditer(folded):
        when = _date(match, received)
        if when is not None and 0 <= (when - received).days <= NEAR_DAYS:
            return match.group()
    return None


def _date(match: re.Match[str], received: date) -> date | None:
    day, month_name, month_number, year = match.groups()
    month = MONTHS[month_name] if month_name else int(month_number)
    full_year = received.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        when = date(full_year, month, int(day))
    except ValueError:
        return None
    if year is None and when < received:  # "le 5 janvier" written in December is next year's
        when = when.replace(year=when.year + 1)
    return when
