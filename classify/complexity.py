"""Simple or complex: does the request need an expert (the report's expert teams)?

Points are gathered for each side and the larger side wins. Expert cues
(quotes, prior agreements, fee overruns, implants...) only count for the
expert topics (hospitalisation, dental, optical): a "devis" for a
certificate means nothing. Amounts, length, several issues and disputes count
for every topic; certificates, changes of details and status questions lean
simple.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classify.topics import cue_label, find_cues, fold

EXPERT_TOPICS = ("hospitalisation", "dental", "optical")
SIMPLE_TOPICS = {"certificate": 2.0, "change_of_details": 2.0, "membership": 1.0, "reimbursement": 0.5}

EXPERT_CUES = {
    "devis": 2, "prise en charge": 2, "dépassement*": 2, "implant*": 2, "hors nomenclature": 2,
    "orthodont*": 1.5, "prothèse*": 1.5, "chambre particulière": 1.5, "bridge": 1.5,
    "reste à charge": 1.5, "couronne*": 1, "chirurg*": 1,
    "non rembours*": 1, "plafond*": 1, "base de remboursement": 1,
}
DISPUTE_CUES = {
    "litige*": 2, "médiat*": 2, "avocat*": 2, "mise en demeure": 2, "contest*": 1.5, "désaccord": 1.5,
}
STATUS_CUES = {
    "où en est": 1.5, "état d'avancement": 1.5, "suivi de mon dossier": 1.5, "avez-vous bien reçu": 1.5,
    "avez-vous reçu": 1.5, "date de paiement": 1, "savoir si": 1, "pouvez-vous me dire": 1,
    "merci de m'envoyer": 1, "pourriez-vous m'envoyer": 1,
}

# Care already bought and paid, the invoice sent: a claim to pay, not a quote to study.
CLAIM = re.compile(r"\b(?:j ai|nous avons|on a) (?:achete|regle|paye|avance)\b.{0,200}\bfacture|"
                   r"\bfacture\b.{0,200}\b(?:j ai|nous avons|on a) (?:achete|regle|paye|avance)\b")
CLAIM_WEIGHT = 2.0
# Reimbursement is what every care topic asks for: with one of them it is not a second issue.
CARE_TOPICS = ("hospitalisation", "dental", "optical")
AMOUNT = re.compile(r"\d[\d \u00a0\u202f.]*(?:,\d{1,2})?\s?(?:€|eur\b|euros?\b)", re.I)
SHORT_TEXT, LONG_TEXT = 400, 1500  # characters: a few lines vs a multi-page letter
ISSUE_SCORE = 3.0  # a topic scoring this much is an issue of its own


@dataclass(frozen=True)
class ComplexityResult:
    """Simple or complex, how sure, and the signals on each side."""

    level: str
    confidence: float
    reasons: tuple[str, ...]


def count_amounts(text: str) -> int:
    """How many distinct euro amounts the text quotes."""
    return len({re.sub(r"\D", "", m.group()) for m in AMOUNT.finditer(text)})


def assess_complexity(text: str, topic: str, scores: dict[str, float], amounts: int | None = None) -> ComplexityResult:
    """Weigh complex against simple signals for a request on ``topic``."""
    folded = fold(text)
    complex_side = _complex_signals(text, folded, topic, scores, amounts)
    simple_side = _simple_signals(text, folded, topic)
    heavier, lighter = sum(complex_side.values()), sum(simple_side.values())
    level = "complex" if heavier > lighter else "simple"
    won, lost = (heavier, lighter) if level == "complex" else (lighter, heavier)
    # A pseudo-count of 1 keeps a single weak signal from claiming certainty.
    confidence = round((won + 0.5) / (won + lost + 1.0), 3)
    signals = complex_side if level == "complex" else simple_side
    detail = ", ".join(signals) or "no signal either way"
    return ComplexityResult(level, confidence, (f"complexity {level}: {detail}",))


def _complex_signals(
    text: str, folded: str, topic: str, scores: dict[str, float], amounts: int | None
) -> dict[str, float]:
    """Named complex signals with their points."""
    signals = {cue_label(c, folded): w for c, w in find_cues(folded, DISPUTE_CUES).items()}
    if topic in EXPERT_TOPICS:
        signals.update({cue_label(c, folded): w for c, w in find_cues(folded, EXPERT_CUES).items()})
        signals[f"expert topic {topic}"] = 0.5
    found = max(amounts or 0, count_amounts(text))
    if found >= 2:
        signals[f"{found} amounts"] = 2.0 if found >= 4 else 1.0
    issues = [t for t, s in scores.items() if s >= ISSUE_SCORE and t != "complaint"]
    if any(t in CARE_TOPICS for t in issues) and "reimbursement" in issues:
        issues.remove("reimbursement")
    if len(issues) >= 2:
        signals[f"several issues ({', '.join(issues)})"] = 1.5
    if len(text) > LONG_TEXT:
        signals["long text"] = 1.0
    return signals


def _simple_signals(text: str, folded: str, topic: str) -> dict[str, float]:
    """Named simple signals with their points."""
    signals = {cue_label(c, folded): w for c, w in find_cues(folded, STATUS_CUES).items()}
    if topic in SIMPLE_TOPICS:
        signals[f"topic {topic}"] = SIMPLE_TOPICS[topic]
    if "devis" not in folded and (claim := CLAIM.search(folded)):
        signals[f"care paid, invoice sent ('{claim.group()[:40]}')"] = CLAIM_WEIGHT
    if len(text) < SHORT_TEXT:
        signals["short text"] = 1.0
    return signals


# What an agent's note or a letter says plainly about the case (labelling guide: "dossier complexe",
# "à voir avec un expert" is complex). Negated forms first: "pas la peine de passer par l'expert" is simple;
# then complex, which outweighs a plain "réponse donnée" in the same note.
NOT_EXPERT = re.compile(r"\bpas (?:la peine|besoin|utile) (?:de (?:passer par|voir avec|transmettre a) )?(?:l |un |le )?"
                        r"(?:gestionnaire |pole |service )?expert\w*")
STATED_COMPLEX = re.compile(
    r"\b(?:dossier complexe|cas complexe|situation complexe|(?:c est|c est un|est) complexe|"
    r"(?:a voir|voir|transmis|transmise|escalade|passe|instruire|etude|analyse|rappel) (?:avec |a |au |par |a l )?"
    r"(?:un |le |la |l |l equipe |le pole )?(?:gestionnaire |pole |service |equipe )?(?:\w+ )?expert\w*|"
    r"analyse experte|etude approfondie|a faire etudier|pas faisable au tel\w*)\b")
STATED_SIMPLE = re.compile(r"\b(?:demande simple|dossier simple|rien a faire|aucune suite a donner|aucune action|"
                           r"reponses? donnees?|infos? donnees?|informations? donnees?|renseignee? au tel\w*|"
                           r"traite au tel\w*|regle pendant l appel|rien a transmettre)\b")
STATED = (("simple", NOT_EXPERT), ("complex", STATED_COMPLEX), ("simple", STATED_SIMPLE))


def stated_complexity(folded: str) -> tuple[str, str] | None:
    """(level, the words) when the text itself says the case is simple or complex."""
    for level, pattern in STATED:
        if match := pattern.search(folded):
            return level, f"'{match.group()}'"
    return None
