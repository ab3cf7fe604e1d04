"""What each role may do with a case.

=============  ===================================  ==================================
role           view, work (take, status, note,      surgery (move, split, merge, undo),
               close, reopen), review (confirm or   audit (who saw the case)
               correct the decision and fields)
=============  ===================================  ==================================
supervisor     every case                            yes
reviewer       the review team's cases (its queue)   no
team:<name>    that team's cases                     no
=============  ===================================  ==================================

Mailroom batches waiting for review (``/dashboard/lots``): reviewers and supervisors.
"""

from __future__ import annotations

from typing import Literal

from intake.models import Case
from web.dashboard.auth import Principal

Action = Literal["view", "work", "review", "surgery", "audit"]
SUPERVISOR_ONLY = frozenset({"surgery", "audit"})
REFUSED = {
    "view": "Ce dossier relève d'une autre équipe.",
    "work": "Ce dossier relève d'une autre équipe : vous ne pouvez pas le traiter.",
    "review": "Ce dossier relève d'une autre équipe : vous ne pouvez pas vérifier sa décision.",
    "surgery": "Seul un superviseur peut déplacer, séparer ou fusionner des dossiers.",
    "audit": "Seul un superviseur peut voir qui a consulté un dossier.",
}


def can(who: Principal, action: Action, case: Case) -> bool:
    """Whether ``who`` may do ``action`` on ``case``."""
    if action in SUPERVISOR_ONLY:
        return who.supervisor
    return who.sees(case.team)


def can_review_batches(who: Principal) -> bool:
    """Whether ``who`` may check the cut of mailroom batches (move a boundary, confirm): reviewers, supervisors."""
    return who.supervisor or who.reviewer


def allowed(who: Principal, case: Case) -> dict[str, bool]:
    """Every action's answer for ``who`` on ``case`` (what the case page offers)."""
    return {action: can(who, action, case) for action in REFUSED}  # type: ignore[arg-type]
