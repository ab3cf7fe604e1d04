"""How urgent a request is: low, normal, high or critical.

The most severe level with a cue wins. Critical means an escalation that
can cost the insurer (legal threat, ombudsman, repeated reminders); high
means a near date or an explicit "urgent"; low means the member says it can
wait. No cue at all is "normal".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from classify.neardates import near_date
from classify.topics import cue_label, find_cues, fold

LEVELS = ("low", "normal", "high", "critical")

URGENCY_CUES: dict[str, dict[str, float]] = {
    "critical": {
        "mise en demeure": 1, "avocat*": 1, "tribunal": 1, "huissier*": 1, "médiateur": 1,
        "action en justice": 1, "poursuite* judiciaire*": 1, "dernier rappel": 1,
        "dernière relance": 1, "troisième relance": 1, "quatrième relance": 1, "troisième fois": 1,
        "quatrième fois": 1, "acpr": 1, "troisième demande": 1, "troisième courrier": 1, "troisième lettre": 1,
        "troisième message": 1, "troisième appel": 1, "à trois reprises": 1, "à plusieurs reprises sans réponse": 1,
    },
    "high": {
        # "en urgence", not "urgence": "passage aux urgences" is a past ER visit, not a hurry.
        "urgent*": 1, "en urgence": 1, "d'urgence": 1, "une urgence": 1, "dès que possible": 1,
        "au plus vite": 1, "au plus tôt": 1, "rapidement": 1, "demain": 1, "sans délai": 1,
        "deuxième relance": 1, "seconde relance": 1, "deuxième fois": 1, "relance*": 1, "impératif*": 1,
        "la semaine prochaine": 1, "semaine prochaine": 1, "lundi prochain": 1, "mardi prochain": 1,
        "mercredi prochain": 1, "jeudi prochain": 1, "vendredi prochain": 1, "samedi prochain": 1, "svp vite": 1,
        "date d'entrée prévue": 1, "deuxième demande": 1, "deuxième courrier": 1,
        "resté* sans suite": 1, "resté* sans réponse": 1,
    },
    "low": {
        "sans urgence": 1, "pour information": 1, "à titre d'information": 1, "à titre indicatif": 1,
        "quand vous aurez le temps": 1, "rien ne presse": 1, "pas pressé*": 1, "pas besoin de me répondre": 1,
        "pas besoin de répondre": 1, "pas la peine de me répondre": 1, "n'attends pas de réponse": 1,
        "à titre informatif": 1, "pour info": 1, "quand vous pourrez": 1, "à votre convenance": 1,
    },
}
# "3e relance", "4ème relance": the count decides; "hospitalisation prévue le 12 mars": a date ahead.
# "ce n'est pas urgent", "aucune urgence", "rien d'urgent": the member says it can wait
NEGATED = re.compile(r"\b(?:pas|aucune|rien|nullement|jamais)\s+(?:(?:du tout|vraiment|si|tres|tellement|encore)\s+)?"
                     r"(?:d\W?\s*|de\s+)?(?:urgen\w*|press[ee]\w*)")
NTH_REMINDER = re.compile(r"\b(\d+)\s?(?:e|eme|ieme|er|nd|nde)\s+"
                          r"(?:relance|rappel|fois|courrier|demande|dde|lettre|mail|courriel|message|appel)\b(?! recue?s?\b)"
                          r"|\b(?:relance|rappel) n\s?o?\s?(\d+)\b")
# "faites vite", "envoyez vite": a request to hurry (not "remboursé très vite", a thank-you)
HURRY = re.compile(r"\b(?:faire|faites|envoyer|envoyez|repondre|repondez|traiter|traitez|regler|reglez|intervenir)"
                   r"(?: [a-z]+)? vite\b")
# "dans 8 jours", "dans une semaine", "d'ici quinze jours": a date close ahead
SOON = re.compile(r"\b(?:dans|d ici) (?:\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|quelques) "
                  r"(?:jours?|semaines?)\b")
# "je me fais opérer", "sera admis le", "il est opéré lundi": care about to happen
CARE_SOON = re.compile(r"\b(?:(?:me|se|te) fai[st] operer|sera (?:admise?|operee?|hospitalisee?)|"
                       r"(?:suis|est|sera) operee? (?:le|lundi|mardi|mercredi|jeudi|vendredi|demain|dans))\b")
PLANNED_CARE = re.compile(
    r"\b(?:hospitalisation|operation|intervention|entree|admission|accouchement|pose|chirurgie)\b"
    r"(?: [a-z0-9]+){0,4} (?:est |sera )?(?:prevue?s?|programmee?s?) (?:le|pour|a|en|dans|d ici)\b"
)


@dataclass(frozen=True)
class UrgencyResult:
    """The level, how sure, and the cues behind it."""

    level: str
    confidence: float
    reasons: tuple[str, ...]


def assess_urgency(text: str, received: date | None = None) -> UrgencyResult:
    """The most severe urgency level with a cue in ``text`` (a written date counts if ``received`` is known)."""
    folded = NEGATED.sub("sans urgence", fold(text))
    folded = re.sub(r"\bn est pas press[ee]\w*", "sans urgence", folded)
    found = {level: [cue_label(c, folded) for c in find_cues(folded, cues)] for level, cues in URGENCY_CUES.items()}
    _add_patterns(folded, found)
    if soon := near_date(folded, received):
        found["high"].append(f"'{soon}' (received {received})")
    for level in ("critical", "high", "low"):
        if found[level]:
            # More concurring cues, surer; never certain on words alone.
            confidence = min(0.95, 0.6 + 0.1 * (len(found[level]) - 1))
            return UrgencyResult(level, round(confidence, 3), (f"urgency {level}: " + ", ".join(found[level]),))
    return UrgencyResult("normal", 0.5, ("urgency normal: no urgency cue",))


def _add_patterns(folded: str, found: dict[str, list[str]]) -> None:
    """Cues that need a regex: numbered reminders and planned care."""
    for match in NTH_REMINDER.finditer(folded):
        level = "critical" if int(match.group(1) or match.group(2)) >= 3 else "high"
        found[level].append(f"'{match.group()}'")
    for pattern in (PLANNED_CARE, HURRY, SOON, CARE_SOON):
        if match := pattern.search(folded):
            found["high"].append(f"'{match.group()}'")
