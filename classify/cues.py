"""Explicit cues: what the text says in so many words, which decides a head whatever the model guesses.

* topic: a strong complaint word ("réclamation", "inadmissible", "mise en
  demeure", "mécontent"...) makes a complaint. Not "réclame" ("la clinique me
  réclame un engagement") and not "litige" alone: members call a quarrel with a
  parking company or another insurer a "litige" too; only a "litige" with us counts.
* complexity: a legal step (formal notice, ombudsman, lawyer, court, bailiff)
  is complex; a note or letter that says the case is complex or simple
  ("dossier complexe", "à voir avec un expert", "pas la peine de passer par
  l'expert") is what it says.
* urgency: every urgency rule that fires is explicit (``urgency.py``: "URGENT",
  "dès que possible", a care date close ahead, a reminder count, a legal
  threat, and the negations "ce n'est pas urgent", "rien ne presse"); no cue
  at all leaves the decision to the model.
"""

from __future__ import annotations

import re

from classify.complexity import stated_complexity
from classify.decide import Cue
from classify.topics import cue_label, find_cues
from classify.urgency import UrgencyResult

COMPLAINT = dict.fromkeys(
    ("réclamation*", "mise en demeure", "médiat*", "litige avec vous", "litige avec votre", "litige avec la mutuelle",
     "litige avec vos services", "inadmissible", "inacceptable", "scandal*", "plainte*", "mécontent*"), 1.0)
# A thank-you that asks for nothing (labelling guide: a thank-you note is "other").
THANKS = re.compile(r"\b(?:merci|remerci\w*|bravo|felicit\w*)\b")
NOTHING_ASKED = re.compile(r"\b(?:pas (?:besoin|la peine) de (?:me )?repondre|n attends? pas de reponse|"
                           r"ne (?:demande|attends) rien|sans attendre de reponse)\b")
# What the labelling guide defines as expert work, for the topic it belongs to: a quote to study, a prior
# agreement, fee overruns, implants, orthodontics, refractive surgery, care abroad, dependants on a change.
_QUOTE = ("devis", "dépassement* d'honoraires", "accord préalable", "entente préalable")
_ABROAD = ("à l'étranger", "frontalier*", "francs suisses", "dollars", "devise*", "hors de france", "hors france")
_HOUSEHOLD = ("ayant* droit*", "décès", "décédé*", "succession", "divorc*", "séparation", "portabilité",
              "contrat collectif", "mutuelle d'entreprise")
EXPERT_WORK: dict[str, dict[str, float]] = {
    "dental": dict.fromkeys((*_QUOTE, "implant*", "orthodont*", "parodont*"), 1.0),
    "optical": dict.fromkeys((*_QUOTE, "chirurgie réfractive", "laser", "lasik"), 1.0),
    "hospitalisation": dict.fromkeys((*_QUOTE, "prise en charge", *_ABROAD), 1.0),
    "reimbursement": dict.fromkeys(("dépassement* d'honoraires", *_ABROAD), 1.0),
    "membership": dict.fromkeys(_HOUSEHOLD, 1.0),
}
LEGAL_STEP = dict.fromkeys(("mise en demeure", "médiat*", "avocat*", "tribunal", "huissier*"), 1.0)


# "je conteste votre décision", "contestation du calcul": disputing a decision is a complaint (ACPR); not
# "ne conteste pas", "pas de contestation", "sans contester".
CONTEST = re.compile(r"\b(?<!ne )(?<!pas de )(?<!sans )(?<!aucune )(?:contest(?:e|ons|ent|ation|er))\b")
DISAPPOINTED = re.compile(r"\b(?<!pas )(?:tres |vraiment |profondement |extremement )?(?:decue?s?|deception)\b")


def topic_cue(folded: str) -> Cue | None:
    """A complaint, when the text uses a word that only a complaint uses; "other" for thanks asking nothing."""
    if complaint := _found(folded, COMPLAINT, "complaint"):
        return complaint
    for pattern in (CONTEST, DISAPPOINTED):
        if match := pattern.search(folded):
            return Cue("complaint", f"'{match.group()}'")
    thanks, nothing = THANKS.search(folded), NOTHING_ASKED.search(folded)
    return Cue("other", f"'{thanks.group()}', '{nothing.group()}'") if thanks and nothing else None


def complexity_cue(folded: str, topic: str) -> Cue | None:
    """Complex on a legal step; what the text says of the case; complex on what the guide calls expert work."""
    if legal := _found(folded, LEGAL_STEP, "complex"):
        return legal
    if stated := stated_complexity(folded):
        return Cue(stated[0], f"says {stated[1]}")
    return _found(folded, EXPERT_WORK.get(topic, {}), "complex")


def urgency_cue(rules: UrgencyResult) -> Cue | None:
    """The urgency rules' level when a cue fired (no cue: "normal" is left to the model)."""
    if rules.level == "normal":
        return None
    return Cue(rules.level, rules.reasons[0].split(": ", 1)[1], rules.confidence)


def _found(folded: str, cues: dict[str, float], label: str) -> Cue | None:
    found = find_cues(folded, cues)
    return Cue(label, ", ".join(cue_label(c, folded) for c in found)) if found else None
