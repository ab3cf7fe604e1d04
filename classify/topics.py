"""What a request is about: weighted French cue lists, one per topic.

Cues are matched on folded text (lower case, no accents, punctuation as
spaces) so that "Réclamation", "RECLAMATION" and "réclamation," all count.
A cue ending in ``*`` (or holding one) is a stem: "rembours*" matches
"remboursement", "remboursé", "rembourser". Other cues also match their
plural in -s/-x. Each cue counts once, however often it appears, so a long
letter repeating one word does not drown a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from intake.taxonomy import TOPICS
from intake.text import fold

# Weights: 3 = the word alone says the topic, 2 = a strong hint, 1 or less =
# context that only helps when other cues agree.
TOPIC_CUES: dict[str, dict[str, float]] = {
    "reimbursement": {
        "rembours*": 2, "décompte*": 2, "feuille* de soin*": 2, "relevé* de prestation*": 2,
        "télétransmission": 1.5, "noémie": 1.5, "part mutuelle": 1.5, "participation forfaitaire": 1.5,
        "virement": 1, "paiement": 1, "prestation*": 1, "ordonnance": 1, "pharmacie": 1,
        "consultation": 1, "kiné*": 1, "médecin": 0.5, "sécurité sociale": 0.5,
    },
    "hospitalisation": {
        "hospitalis*": 3, "chambre particulière": 3, "chambre individuelle": 3, "forfait journalier": 3,
        "clinique": 2.5, "hôpita*": 2.5, "intervention chirurgicale": 2, "bulletin de situation": 2,
        "anesthési*": 2, "maternité": 2, "accouchement": 2, "ambulatoire": 2,
        "prise en charge": 1.5, "chirurgi*": 1.5, "séjour": 1, "opération": 1, "opéré*": 1,
    },
    "dental": {
        "dentaire*": 3, "dentiste*": 3, "couronne*": 3, "implant*": 3, "orthodont*": 3,
        "prothèse* dentaire*": 3, "dentier": 3, "bridge": 2.5, "détartrage": 2.5, "parodont*": 2.5,
        "dent": 2, "carie*": 2, "inlay*": 2, "stomatolog*": 2, "prothèse*": 1.5, "devis": 0.5,
    },
    "optical": {
        "lunette*": 3, "monture*": 3, "opticien*": 3, "chirurgie réfractive": 3,
        "verre*": 2.5, "optique*": 2.5, "lentille*": 2.5, "ophtalmo*": 2, "myop*": 2,
        "presbyt*": 2, "astigmat*": 2, "correction visuelle": 2, "progressif*": 1, "devis": 0.5,
    },
    "complaint": {
        "réclam*": 3, "mécontent*": 3, "inadmissible": 3, "inacceptable": 3, "scandal*": 3,
        "médiat*": 3, "litige*": 2, "plainte*": 3, "mise en demeure": 3, "honteu*": 3,
        "lamentable": 3, "insatisf*": 3, "contest*": 3, "aucune réponse": 2, "sans réponse": 2,
        "toujours pas": 2, "toujours rien": 2, "toujours aucun*": 2, "pas normal": 2,
        "anormal*": 2, "injust*": 2, "déçu*": 2, "déception": 2, "incompréhensible": 2,
        "avocat*": 2, "tribunal": 2, "erreur*": 1.5, "relance*": 1.5, "à plusieurs reprises": 1.5,
        "déjà écrit": 1.5,
    },
    "membership": {
        "adhésion*": 3, "adhérer": 3, "résili*": 3, "souscri*": 2.5, "radiation": 2.5,
        "changement de garantie*": 2.5, "changer de formule": 2.5, "affiliation": 2,
        "ayant* droit*": 2, "rattach*": 2, "cotisation*": 2, "naissance": 1.5, "échéance": 1.5,
        "formule": 1, "prélèvement*": 1, "contrat": 0.5,
    },
    "certificate": {
        "attestation*": 3, "carte* de tiers payant": 3, "carte* tiers payant": 3, "carte* mutuelle": 3,
        "carte* d'adhérent": 3, "duplicata": 2.5, "certificat*": 2, "justificatif*": 2,
        "tiers payant": 1.5,
    },
    "change_of_details": {
        "changement* d'adresse": 3, "nouvelle adresse": 3, "déménag*": 3, "rib": 3, "iban": 3,
        "relevé d'identité bancaire": 3, "coordonnées bancaires": 3, "changement de coordonnées": 3,
        "chang* de banque": 3, "nouveau compte": 2, "nouveau numéro de téléphone": 2.5, "changement de nom": 2.5,
        "nom d'usage": 2.5, "nom d'épouse": 2.5, "coordonnées": 1.5, "adresse e-mail": 1.5,
        "adresse mail": 1.5, "situation familiale": 1.5, "numéro de téléphone": 1,
    },
}

MIN_SCORE = 1.5      # below this no topic is claimed: "other"
STRONG_SCORE = 4.0   # a score this high is full evidence for its topic
# One cue this strong ("réclamation", "inadmissible"...) means the member complains, whatever
# about; a reminder or "toujours pas" alone is a follow-up, not a complaint (ACPR 2022-R-01).
CLEAR_COMPLAINT = 3.0
_STAR = "qqstarqq"  # survives folding, unlike "*"
# Where a second, minor request starts ("Par ailleurs, ...", "Signale aussi ...", "P.S."): the main request is
# what comes before it (labelling guide: a secondary remark does not change the topic).
ASIDE = re.compile(r"\b(?:par ailleurs|d autre part|autre (?:chose|point)|derniere chose|au passage|au fait|"
                   r"accessoirement|par la meme occasion|j en profite pour|j ajoute que|(?:signale|mentionne) "
                   r"(?:aussi|egalement)|ps|p s)\b")


@lru_cache(maxsize=None)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """The regex of one cue on folded text (stems with ``*``, plurals otherwise)."""
    words = fold(cue.replace("*", f" {_STAR} ")).replace(f" {_STAR}", "*").split("*")
    body = r"[a-z0-9]*".join(re.escape(w) for w in words)
    suffix = "" if cue.endswith("*") else "[sx]?"
    return re.compile(rf"(?<![a-z0-9]){body}{suffix}(?![a-z0-9])")


@lru_cache(maxsize=None)
def cue_literal(cue: str) -> str:
    """The longest fixed piece of a cue's folded text: a cue cannot match where it is absent."""
    return max(fold(cue.replace("*", f" {_STAR} ")).split(_STAR), key=len).strip()


def find_cues(folded: str, cues: dict[str, float]) -> dict[str, float]:
    """The cues (with their weights) found in already folded text."""
    # a plain substring test first: most of the ~200 cues are absent, and the regex costs ten times more
    return {cue: weight for cue, weight in cues.items()
            if cue_literal(cue) in folded and cue_pattern(cue).search(folded)}


def cue_label(cue: str, folded: str) -> str:
    """How to show a cue in a reason: the cue itself, or for a stem the word it matched."""
    match = cue_pattern(cue).search(folded) if "*" in cue else None
    return f"'{match.group() if match else cue}'"


@dataclass(frozen=True)
class TopicResult:
    """The chosen topic, how sure we are, every score and the cues behind them."""

    topic: str
    confidence: float
    scores: dict[str, float]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()


def score_topics(folded: str) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """Per-topic scores and the cues that fired, on folded text."""
    found = {topic: find_cues(folded, cues) for topic, cues in TOPIC_CUES.items()}
    scores = {topic: round(float(sum(hits.values())), 2) for topic, hits in found.items()}
    return scores, {topic: tuple(hits) for topic, hits in found.items() if hits}


def detect_topic(text: str) -> TopicResult:
    """Score every topic on ``text`` and pick one, with confidence and reasons."""
    folded = fold(text)
    scores, cues = score_topics(main_request(folded))
    ranked = sorted(scores, key=lambda t: (-scores[t], TOPICS.index(t)))
    if scores[ranked[0]] < MIN_SCORE:
        return TopicResult("other", 0.0, scores, cues, ("topic other: no topic has enough cues",))
    if ranked[0] != "complaint" and _clear_complaint(cues):
        return _complaint_wins(scores, cues, ranked[0], folded)
    confidence = _confidence(scores[ranked[0]], scores[ranked[1]])
    return TopicResult(ranked[0], confidence, scores, cues, (_describe(ranked[0], cues, folded),))


def main_request(folded: str) -> str:
    """The text before a second, minor request, when that part alone names a topic; else the whole text."""
    aside = ASIDE.search(folded)
    if aside is None or aside.start() == 0:
        return folded
    main = folded[:aside.start()]
    return main if max(score_topics_raw(main).values()) >= MIN_SCORE else folded


def score_topics_raw(folded: str) -> dict[str, float]:
    """Per-topic scores alone."""
    return {topic: sum(find_cues(folded, cues).values()) for topic, cues in TOPIC_CUES.items()}


def _clear_complaint(cues: dict[str, tuple[str, ...]]) -> bool:
    """At least one strong complaint cue fired."""
    return any(TOPIC_CUES["complaint"][c] >= CLEAR_COMPLAINT for c in cues.get("complaint", ()))


def _complaint_wins(scores: dict[str, float], cues: dict[str, tuple[str, ...]], about: str, folded: str) -> TopicResult:
    """A clear complaint beats the topic it is about (it is not a competitor)."""
    reasons = (_describe("complaint", cues, folded), f"complaint outweighs {about}: the member complains about it")
    return TopicResult("complaint", _confidence(scores["complaint"], 0.0), scores, cues, reasons)


def _confidence(top: float, runner_up: float) -> float:
    """Evidence strength, halved when the runner-up ties with the top score."""
    strength = min(1.0, top / STRONG_SCORE)
    margin = (top - runner_up) / top if top else 0.0
    return round(strength * (0.5 + 0.5 * margin), 3)


def _describe(topic: str, cues: dict[str, tuple[str, ...]], folded: str) -> str:
    """A reason such as "topic dental: cues 'couronne', 'devis'"."""
    return f"topic {topic}: cues " + ", ".join(cue_label(c, folded) for c in cues.get(topic, ()))
