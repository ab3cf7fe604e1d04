"""What the case page adds for people's work: the forms each user may use,
the checks already made (decisions, fields: the value read beside the
corrected one), the operations a supervisor can undo, and who saw the case.
"""

from __future__ import annotations

from collections.abc import Iterable

from intake.errors import NotFound
from intake.labels import label
from intake.models import Case
from intake.taxonomy import COMPLEXITIES, TOPICS, URGENCIES
from storage import access, lifecycle, notes, surgery
from storage.actions import ReasonRequired
from storage.base import ObjectStore
from storage.corrections import UnknownField, decision_checks, field_reviews
from storage.reroute import UnknownTeam
from storage.surgery import surgeries
from web.dashboard.auth import Principal
from web.dashboard.permissions import allowed

PROBLEMS = {  # exception class -> (code, what the person reads)
    ReasonRequired: ("motif", "Un motif est obligatoire pour cette action."),
    lifecycle.InvalidTransition: ("etat", "Ce changement n'est pas possible dans l'état actuel du dossier."),
    surgery.SurgeryRefused: ("chirurgie", "Opération impossible : l'élément n'est pas dans ce dossier, c'est son "
                                          "seul élément, ou les deux dossiers sont les mêmes."),
    notes.EmptyNote: ("note", "La note est vide."),
    UnknownTeam: ("equipe", "Équipe inconnue."),
    UnknownField: ("champ", "Ce champ n'existe pas sur cet élément."),
    NotFound: ("introuvable", "Dossier ou élément introuvable."),
}
MESSAGES = {code: text for code, text in PROBLEMS.values()} | {"autre": "L'action n'a pas pu être faite."}
DONE = {
    "prendre": "Vous avez pris le dossier.", "attribuer": "Dossier attribué.", "statut": "Statut changé.",
    "note": "Note ajoutée.", "clore": "Dossier clos.", "rouvrir": "Dossier rouvert.",
    "confirmer": "Décision confirmée.", "corriger": "Décision corrigée ; le dossier suit les règles de routage.",
    "champ": "Champ vérifié.", "deplacer": "Élément déplacé.", "separer": "Élément séparé dans un nouveau dossier.",
    "fusionner": "Dossiers fusionnés.", "annuler": "Opération annulée.",
}
VIEWS_SHOWN = 50


def work_context(store: ObjectStore, who: Principal, case: Case, teams: Iterable[str], done: str = "",
                 problem: str = "") -> dict:
    """The case page's forms, checks, undoable operations and access log for ``who``."""
    rights = allowed(who, case)
    reviews = {f"{item}:{number}": event for (item, number), event in field_reviews(case).items()}
    return {
        "can": rights, "teams": list(teams), "reviews": reviews, "checks": decision_checks(case),
        "choices": {"topic": _choices(TOPICS, "topic"), "complexity": _choices(COMPLEXITIES, "complexity"),
                    "urgency": _choices(URGENCIES, "urgency")},
        "undoable": surgeries(case) if rights["surgery"] else [],
        "views": access.views(store, case.id, VIEWS_SHOWN) if rights["audit"] else None,
        "notice": DONE.get(done), "problem": MESSAGES.get(problem),
    }


def _choices(values: Iterable[str], family: str) -> list[tuple[str, str]]:
    return [(v, label(family, v)) for v in values]
