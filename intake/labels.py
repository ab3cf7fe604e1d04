"""The French words an operator or a member reads for intake's codes, in one table.

Codes (``expert-dental``, ``in_progress``, ``critical``) are what the program
decides with; people read labels (« Experts dentaire », « en cours »,
« critique »). ``label(family, code)`` gives one; a code without a label shows
as itself followed by ``(?)``, so a missing entry is seen, not hidden.
``phrase(text)`` puts into French the English summaries and reasons that the
stages record (« rule 'complaints': topic complaint » → « règle
« réclamations » : thème réclamation »), and drops the model's file path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, tzinfo

from intake.sniff import EMPTY, UNKNOWN

TEAM = {
    "general": "Gestion courante", "expert-hospitalisation": "Experts hospitalisation",
    "expert-dental": "Experts dentaire", "expert-optical": "Experts optique", "complaints": "Cellule réclamations",
    "review": "Relecture", "screened": "Réponses automatiques",
}
TOPIC = {
    "reimbursement": "remboursement", "hospitalisation": "hospitalisation", "dental": "dentaire",
    "optical": "optique", "complaint": "réclamation", "membership": "adhésion", "certificate": "attestation",
    "change_of_details": "changement de coordonnées", "other": "autre",
}
COMPLEXITY = {"simple": "simple", "complex": "complexe"}
URGENCY = {"low": "faible", "normal": "normale", "high": "élevée", "critical": "critique"}
STATUS = {
    "open": "ouvert", "assigned": "attribué", "in_progress": "en cours", "waiting_member": "en attente de l'adhérent",
    "closed": "clos", "screened": "écarté",
}
CHANNEL = {"email": "courriel", "letter": "courrier", "webform": "formulaire web", "phone": "téléphone"}
OUTCOME = {  # what became of an item handed in, and of a link to a case
    "queued": "mis en file", "quarantined": "mis en quarantaine", "already": "déjà en quarantaine",
    "stopped": "arrêté", "join": "rattaché", "review": "à relire", "related": "signalé comme lié",
}
EVENT = {
    "received": "reçu", "opened": "dossier ouvert", "linked": "rattaché au dossier", "related": "dossier lié",
    "link-warning": "rattachement à vérifier", "captured": "lu", "classified": "classé", "routed": "orienté",
    "dispatched": "transmis à l'équipe", "reopened": "rouvert", "reclassified": "reclassé", "rerouted": "réorienté",
    "escalated": "remonté", "reprioritised": "priorité changée", "rescheduled": "échéance changée",
    "kept": "gardé par l'équipe", "review-requested": "relecture demandée", "acknowledged": "accusé de réception",
    "ack-skipped": "sans accusé de réception", "suggested-answer": "réponse suggérée", "assigned": "attribué",
    "closed": "clos", "note": "note", "confirmed": "décision confirmée", "corrected": "décision corrigée",
    "field-confirmed": "champ confirmé", "field-corrected": "champ corrigé", "item-moved-out": "élément déplacé",
    "item-moved-in": "élément reçu d'un autre dossier", "split-out": "élément séparé",
    "split-in": "séparé d'un dossier",
    "merged-into": "fusionné dans un autre dossier", "merged-from": "dossier fusionné ici",
    "surgery-undone": "opération annulée",
}
RULE = {  # the routing rules of routing/rules.yaml, as a phrase
    "unreadable-items": "éléments illisibles", "auto-replies-and-bounces": "réponses automatiques et retours",
    "unsure-classification": "classement incertain", "complaints": "réclamations",
    "legal-escalation": "contentieux", "hospitalisation-expert": "expertise hospitalisation",
    "dental-expert": "expertise dentaire", "optical-expert": "expertise optique",
    "certificate-identified-member": "attestation, adhérent identifié", "simple-digital": "demande simple en ligne",
    "simple-letter-or-call": "demande simple par courrier ou appel", "everything-else": "tout le reste",
}
SCREENING = {"auto-reply": "réponse automatique", "bounce": "retour en erreur", "empty": "message vide",
             "unreadable": "illisible"}
QUARANTINE = {  # the kinds of reasons an item is set aside for that are not French already (telemetry.reason_label)
    "retries exhausted": "tentatives épuisées", "unknown": "motif inconnu",
    "unsupported type": "type non pris en charge",
}
STAGE = {"ingest": "dépôt", "capture": "lecture", "classify": "classement", "record": "enregistrement",
         "outbound": "envoi"}
MIME = {EMPTY: "fichier vide", UNKNOWN: "type inconnu", "unknown": "type inconnu"}  # other types show as they are
METHOD = {"pdf-text": "texte du PDF", "ocr": "OCR", "text": "texte"}
FIELD = {
    "member_number": "n° d'adhérent", "policy_number": "n° de contrat", "case_ref": "référence de dossier",
    "iban": "IBAN", "nir": "n° de sécurité sociale", "email": "adresse électronique", "phone": "téléphone",
    "date": "date", "amount": "montant", "person": "personne", "organisation": "organisme",
}
ROLE = {"supervisor": "superviseur", "reviewer": "relecteur"}
FAMILIES: dict[str, dict[str, str]] = {
    "team": TEAM, "topic": TOPIC, "complexity": COMPLEXITY, "urgency": URGENCY, "status": STATUS,
    "channel": CHANNEL, "outcome": OUTCOME, "event": EVENT, "rule": RULE, "screening": SCREENING,
    "quarantine": QUARANTINE, "stage": STAGE, "method": METHOD, "field": FIELD, "role": ROLE,
}
NONE = "—"


def label(family: str, code: str | None) -> str:
    """The French label of ``code`` in ``family``; ``—`` for no code; ``code (?)`` for an unknown one."""
    if code is None or code == "":
        return NONE
    if family == "event" and code.startswith("status:"):
        return f"passé {label('status', code.partition(':')[2])}"
    return FAMILIES[family].get(code, f"{code} (?)")


def team(code: str | None) -> str:
    return label("team", code)


def topic(code: str | None) -> str:
    return label("topic", code)


def urgency(code: str | None) -> str:
    return label("urgency", code)


def status(code: str | None) -> str:
    return label("status", code)


def channel(code: str | None) -> str:
    return label("channel", code)


def when(at: datetime | None, zone: tzinfo) -> str:
    """A time as people read it, in their time zone: ``03/12/2026 14:05``."""
    return at.astimezone(zone).strftime("%d/%m/%Y %H:%M") if at else NONE


def mime(sniffed: str) -> str:
    """A sniffed type as people read it: « fichier vide » rather than ``application/x-empty``."""
    return MIME.get(sniffed, sniffed)


def decimal(value: float, digits: int = 2) -> str:
    """A number as French writes it: ``0,82``."""
    return f"{value:.{digits}f}".replace(".", ",")


def _coded(family: str, prefix: str) -> Callable[[re.Match], str]:
    def put(match: re.Match) -> str:
        code = match.group(1)
        return f"{prefix}{label(family, code)}" if code in FAMILIES[family] else match.group(0)
    return put


def _methods(match: re.Match) -> str:
    pairs = re.findall(r"'([a-z-]+)': (\d+)", match.group(1))
    return "(" + ", ".join(f"{label('method', m)} {n}" for m, n in pairs) + ")"


WORD = r"([a-z][a-z_-]*)"
PHRASES: tuple[tuple[str, str | Callable[[re.Match], str]], ...] = (
    (r"\bmodel (\S+) \((?:[^()]|\([^()]*\))*\)", r"modèle \1"),  # the version without the model's file path
    (r"\bmodel: none loaded, rules only \(run `intake train`\)", "aucun modèle entraîné : règles seules"),
    (r"\bmodel (\S+)", r"modèle \1"), (r"\brules-only\b", "règles seules"),
    (r"\bconfidence (\d+)\.(\d+)", r"confiance \1,\2"),
    (r"\bno urgency cue\b", "aucun indice d'urgence"), (r"\bno cue\b", "aucun indice"),
    (r"\brules only\b", "règles seules"), (r"\bdecided by an explicit cue\b", "indice explicite"),
    (r"\bexpert topic\b", "thème expert"), (r"\bseveral issues\b", "plusieurs sujets"), (r"\bcues\b", "indices"),
    (r"\bamounts\b", "montants"), (r"\bscreened " + WORD, _coded("screening", "écarté : ")),
    (r"\bscreened \(" + WORD + r"\)", lambda m: f"écarté ({label('screening', m.group(1))})"),
    (r"\btopic " + WORD, _coded("topic", "thème ")), (r"\bcomplexity " + WORD, _coded("complexity", "complexité ")),
    (r"\burgency " + WORD, _coded("urgency", "urgence ")), (r"\burgence " + WORD, _coded("urgency", "urgence ")),
    (r"\bpriority (\d+)([+-]\d+) for ", r"priorité \1\2 pour l'"), (r", capped at (\d+)", r", plafonnée à \1"),
    (r"\bno condition \(catch-all\)", "aucune condition (règle par défaut)"),
    (r"\b(?:rule|règle) '([^']+)'", lambda m: f"règle « {label('rule', m.group(1))} »"),
    (r"\bqueued for team (\S+) \(priority (\d+)\)", lambda m: f"transmis à l'équipe {team(m.group(1))} "
                                                              f"(priorité {m.group(2)})"),
    (r"^" + WORD + r" received via ", lambda m: f"{channel(m.group(1))} reçu par "),
    (r"\bno existing case matched: new case\b", "aucun dossier existant ne correspond : nouveau dossier"),
    (r"\bsame member, same topic \(" + WORD + r"\) within (\d+) days",
     lambda m: f"même adhérent, même thème ({topic(m.group(1))}) sous {m.group(2)} jours"),
    (r"\breply in the e-mail thread of\b", "réponse dans le fil de courriels de"),
    (r"\bdocument\(s\), (\d+) page\(s\)", r"document(s), \1 page(s)"), (r"\{((?:'[a-z-]+': \d+(?:, )?)+)\}", _methods),
    (r"; fields ", " ; champs : "), (r"\b([a-z_]+)×", lambda m: f"{label('field', m.group(1))}×"
                                                       if m.group(1) in FIELD else m.group(0)),
    (r"\bunsupported type (\S+)", lambda m: f"type non pris en charge ({mime(m.group(1))})"),
    *((rf"^{re.escape(code)}\b", text) for code, text in QUARANTINE.items()),
    *((rf"\b{re.escape(code)}\b", text) for code, text in MIME.items() if "/" in code),
    (r"^assigned to ", "attribué à "), (r"^closed: ", "clos : "),
    (r"^status:" + WORD + "$", lambda m: f"passé {label('status', m.group(1))}"),
    (r"\bno acknowledgement: ", "pas d'accusé de réception : "),
    (r"\bno e-mail address for the member\b", "pas d'adresse électronique pour l'adhérent"),
    (r"\bno-reply or system address\b", "adresse « no-reply » ou système"),
    (r"\bour own address\b", "notre propre adresse"), (r"\brefused by the mail server\b", "refusé par le serveur"),
    (r"\backnowledgement sent to the member\b", "accusé de réception envoyé à l'adhérent"),
    (r"\(unconfirmed: not resent\)", "(non confirmé : pas renvoyé)"),
    (r"\bsuggested answer \(" + WORD + r"\): (\d+) field\(s\) filled, (\d+) missing from the request",
     lambda m: f"réponse suggérée ({topic(m.group(1))}) : {m.group(2)} champ(s) rempli(s), "
               f"{m.group(3)} absent(s) de la demande"),
    (r"(?<=[^\s\d]): ", " : "), (r"(?<=\S); ", " ; "),  # French spaces before a colon and a semicolon
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in PHRASES)
_CODE = re.compile(r"(?<![\w'’-])([a-z][a-z_]*(?:-[a-z_]+)*)(?![\w'’-])")
# kinds whose whole summary is a person's note when they gave one (storage/lifecycle.py, storage/reroute.py)
WRITTEN = frozenset({"assigned", "closed", "reopened", "rerouted", "rescheduled"}) | {f"status:{s}" for s in STATUS}
_GENERATED = re.compile(r"assigned to |closed: |status:|dossier confié à l'équipe |dossier pris en charge$")
_LEFTOVER = ("topic", "complexity", "urgency", "team", "status", "channel")


def phrase(text: str) -> str:
    """A recorded summary or reason in French: known phrases translated, codes replaced by their labels."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return _CODE.sub(_leftover_code, text)


def summary(kind: str, actor: str, text: str) -> str:
    """An event's summary in French; what a person wrote (a note, the reason of an action) stays as written."""
    if kind == "note" or (actor.startswith("user:") and kind in WRITTEN and not _GENERATED.match(text)):
        return text
    head, said, reason = text.partition(" ; motif : ")
    return phrase(head) + said + reason


def _leftover_code(match: re.Match) -> str:
    code = match.group(1)
    family = next((f for f in _LEFTOVER if code in FAMILIES[f] and FAMILIES[f][code] != code), None)
    return label(family, code) if family else code
