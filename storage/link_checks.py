"""Whether a found link can be trusted: its evidence, how strong it is, and what
to do when the item's own member number or sender disagrees with the case's.

Strength: ``strong`` for a case barcode intake printed on a reply form, and when the evidence (thread header, quoted reference, member
and topic) is backed by the item's own member number or a sender already seen
on the case; ``medium`` when nothing backs or contradicts it; ``weak`` when the
item contradicts it. A contradiction never joins silently: the policy (from the
rules file's ``case_rules.on_disagreement``) says ``join`` (with a warning
event), ``review`` (with a warning, and the review team checks) or ``related``
(the item opens a case of its own, linked to the other as related).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from intake import ids
from intake.errors import NotFound
from intake.models import Case, CaseEvent, Envelope
from storage.linking import Link, LinkInput, own_case_ref
from storage.records import Records

ACTIONS = ("join", "review", "related")  # from the mildest to the strongest
WARNINGS = {"other_member": "l'élément porte un autre numéro d'adhérent que le dossier",
            "unknown_sender": "l'expéditeur (adresse ou téléphone) n'a jamais été vu sur ce dossier"}
EVIDENCE = {"thread": "un en-tête de fil de messages", "case_ref": "la référence de dossier citée",
            "barcode": "le code-barres pré-imprimé du dossier",
            "member_topic": "le même adhérent sur le même thème"}


@dataclass(frozen=True)
class LinkPolicy:
    """What an item does when it disagrees with the case it was linked to (one action per disagreement)."""

    other_member: str = "related"
    unknown_sender: str = "join"


def checked_link(records: Records, item: LinkInput, link: Link, policy: LinkPolicy) -> Link:
    """The link with its evidence and strength; a new case related to the other when the policy says so."""
    if link.new or link.again:
        return link
    if link.evidence.get("by") == "barcode":  # printed by us for this case: strong by itself
        return replace(link, evidence=link.evidence | {"strength": "strong", "backed_by": ["barcode"],
                                                       "disagreements": []})
    case = records.case(link.case_id)
    backing = _backing(records, case, item)
    against = [] if item.classification.screened else _disagreements(case, item, backing)
    strength = "weak" if against else ("strong" if backing else "medium")
    evidence = link.evidence | {"strength": strength, "backed_by": backing, "disagreements": against}
    action = max((getattr(policy, kind) for kind in against), key=ACTIONS.index, default=None)
    if action == "related":
        return _related_case(item, case, evidence)
    return replace(link, evidence=evidence | ({"action": action} if action else {}))


def _related_case(item: LinkInput, case: Case, evidence: dict) -> Link:
    """The item's own new case, related to the one it pointed at."""
    warning = _warning(evidence["disagreements"])
    reason = f"{_described(evidence)} vers le dossier {case.id}, mais {warning} : nouveau dossier, lié"
    return Link(own_case_ref(item.envelope), True, reason, evidence=evidence | {"action": "related",
                                                                                 "related_to": case.id})


def _backing(records: Records, case: Case, item: LinkInput) -> list[str]:
    """What in the item itself agrees with the case: its member number, its sender."""
    backing = []
    member = _member(item)
    if member is not None and member == case.member:
        backing.append("member_number")
    identity = _identity(item.envelope)
    if identity is not None and identity in _known_identities(records, case):
        backing.append("sender")
    return backing


def _disagreements(case: Case, item: LinkInput, backing: list[str]) -> list[str]:
    member = _member(item)
    against = []
    if member is not None and case.member is not None and member != case.member:
        against.append("other_member")
    if _identity(item.envelope) is not None and not backing:
        against.append("unknown_sender")
    return against


def _member(item: LinkInput) -> str | None:
    return next(iter(item.capture.values("member_number")), None)


def _identity(envelope: Envelope) -> str | None:
    """The item's own sender: an e-mail address, else a phone number."""
    if envelope.sender.email:
        return envelope.sender.email.strip().lower()
    return _phone(envelope.sender.phone) if envelope.sender.phone else None


def _phone(text: str) -> str | None:
    digits = re.sub(r"\D", "", text)
    return f"tel:{digits[-9:]}" if len(digits) >= 9 else None


def _known_identities(records: Records, case: Case) -> set[str]:
    """Every address and phone seen on the case: its items' senders, the ones they wrote, acknowledgements."""
    known = {str(e.data["to"]).lower() for e in case.events if e.kind == "acknowledged" and e.data.get("to")}
    for envelope_id in case.items:
        try:
            envelope, capture = records.envelope(envelope_id), records.capture(envelope_id)
        except NotFound:
            continue
        known |= {i for i in (_identity(envelope),) if i}
        known |= {e.lower() for e in capture.values("email")}
        known |= {p for p in map(_phone, capture.values("phone")) if p}
    return known


def _described(evidence: dict) -> str:
    return f"{EVIDENCE.get(evidence.get('by', ''), 'un indice')} ({evidence.get('value', '')})"


def _warning(against: list[str]) -> str:
    return " et ".join(WARNINGS[kind] for kind in against)


def link_events(link: Link, envelope: Envelope) -> list[CaseEvent]:
    """The item's events that record a doubtful link on its own case: ``related`` or ``link-warning``."""
    evidence, action = link.evidence, link.evidence.get("action")
    if action == "related":
        summary = f"dossier lié au dossier {evidence['related_to']} ({_warning(evidence['disagreements'])})"
        return [_event(link.case_id, envelope, "related", summary, related_case=evidence["related_to"])]
    if action in ("join", "review"):
        then = "à vérifier par l'équipe de relecture" if action == "review" else "rattaché avec cet avertissement"
        summary = f"rattachement par {_described(evidence)} : {_warning(evidence['disagreements'])} ; {then}"
        return [_event(link.case_id, envelope, "link-warning", summary, action=action,
                       disagreements=evidence["disagreements"])]
    return []


def other_case_event(link: Link, envelope: Envelope) -> CaseEvent | None:
    """The ``related`` event on the case the item did not join (no item of that case: no envelope id)."""
    other = link.evidence.get("related_to")
    if link.evidence.get("action") != "related" or not other:
        return None
    summary = (f"un élément citant ce dossier a ouvert le dossier lié {link.case_id} "
               f"({_warning(link.evidence['disagreements'])})")
    event = _event(other, envelope, "related", summary, related_case=link.case_id, item=envelope.id)
    return event.model_copy(update={"envelope_id": None})


def _event(case_id: str, envelope: Envelope, kind: str, summary: str, **data) -> CaseEvent:
    return CaseEvent(id=ids.link_event_id(envelope.id, kind), case_id=case_id, at=envelope.received_at, actor="worker:record",
                     kind=kind, summary=summary, envelope_id=envelope.id, data=data)
