"""Suggested answers for simple requests: a per-topic template filled with what capture
found (care date, amount, member number, masked IBAN...), so the general team answers
in one step. Anything not found shows as ``[à compléter : montant]``.

Stored as ``cases/<case_id>/suggested/<envelope_id>.json`` and recorded as a
``suggested-answer`` event; :func:`suggested_answer` reads it back for the API.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from intake import ids
from intake.errors import NotFound
from intake.labels import topic
from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Model, utcnow
from intake.text import fold
from outbound.templates import Templates, amount_fr, date_fr, mask_iban, phone_fr
from storage.records import Records

ACTOR = "worker:outbound"
# French health claims lapse after two years: an older date is a birth date or a contract start
CLAIM_WINDOW = timedelta(days=2 * 365)
CERTIFICATES = (("tiers payant", "attestation de tiers payant"), ("radiation", "certificat de radiation"),
                ("resiliation", "certificat de radiation"), ("", "attestation de droits à la complémentaire santé"))
FORMATS: dict[str, Callable[[str], str]] = {"amount": amount_fr, "iban": mask_iban, "date": date_fr,
                                            "care_date": date_fr, "phone": phone_fr}


class SuggestedAnswer(Model):
    """A ready-to-review answer to one item, and which fields it used or lacks."""

    case_id: str
    envelope_id: str
    topic: str
    template: str
    subject: str
    text: str
    used_fields: tuple[str, ...] = ()
    missing_fields: tuple[str, ...] = ()
    blanks: tuple[str, ...] = ()
    at: datetime


def blank(label: str) -> str:
    """How a field the agent must fill in shows in the text."""
    return f"[à compléter : {label}]"


def care_date(capture: Capture, received: date) -> str | None:
    """The earliest date in the claim window before receipt (letters open with today's date)."""
    dates = sorted(d for d in capture.values("date") if received - CLAIM_WINDOW <= date.fromisoformat(d) <= received)
    return dates[0] if dates else None


def certificate_wording(text: str) -> str:
    """Which certificate the member asks for, from cue words in their text."""
    folded = fold(text)
    return next(wording for cue, wording in CERTIFICATES if cue in folded)


def known_values(envelope: Envelope, capture: Capture) -> dict[str, str]:
    """The first value of every extracted kind, plus the derived ones (care date, certificate)."""
    values = {f.kind: f.normalized for f in reversed(capture.fields) if f.valid}
    if (when := care_date(capture, envelope.received_at.date())) is not None:
        values["care_date"] = when
    values["certificate"] = certificate_wording(f"{envelope.subject} {envelope.body} {capture.text}")
    return values


class FieldFiller:
    """The ``field(kind, label)``, ``blank(label)`` and ``has(kind)`` template helpers, noting what was used.

    ``field`` is for what the member may have written (missing: their request lacked it);
    ``blank`` for what only the agent knows (the payment date, their name)."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.used: dict[str, None] = {}
        self.missing: dict[str, None] = {}
        self.blanks: dict[str, None] = {}

    def __call__(self, kind: str, label: str) -> str:
        """The formatted value of ``kind``, or a marked blank named ``label``."""
        if kind not in self.values:
            self.missing[kind] = None
            return blank(label)
        self.used[kind] = None
        return FORMATS.get(kind, str)(self.values[kind])

    def has(self, kind: str) -> bool:
        """Whether the request gave a value of ``kind``."""
        return kind in self.values

    def blank(self, label: str) -> str:
        """A blank the agent always fills in."""
        self.blanks[label] = None
        return blank(label)


def is_simple(classification: Classification) -> bool:
    """Whether an item gets a suggested answer: a real, simple request."""
    return not classification.screened and classification.complexity == "simple"


def suggest_answer(case: Case, envelope: Envelope, capture: Capture, classification: Classification,
                   templates: Templates | None = None) -> SuggestedAnswer | None:
    """The suggested answer to one item, or None when its topic has no answer template."""
    templates = templates or Templates()
    name = templates.find("answer", classification.topic, fallback=False)
    if name is None:
        return None
    filler = FieldFiller(known_values(envelope, capture))
    values = {"reference": case.id, "name": envelope.sender.name or "", "topic": classification.topic,
              "received": date_fr(envelope.received_at.date()), "field": filler, "has": filler.has,
              "blank": filler.blank}
    rendered = templates.render(name, values)
    return SuggestedAnswer(case_id=case.id, envelope_id=envelope.id, topic=classification.topic, template=name,
                           subject=rendered.subject, text=rendered.text, used_fields=tuple(filler.used),
                           missing_fields=tuple(filler.missing), blanks=tuple(filler.blanks), at=utcnow())


def answer_key(case_id: str, envelope_id: str) -> str:
    """Where one item's suggested answer is stored."""
    return f"cases/{case_id}/suggested/{envelope_id}.json"


def suggested_answer(records: Records, case_id: str, envelope_id: str) -> SuggestedAnswer | None:
    """The suggested answer to one item of a case, if there is one (for the API)."""
    try:
        return SuggestedAnswer.model_validate_json(records.store.get(answer_key(case_id, envelope_id)))
    except NotFound:
        return None


def suggested_answers(records: Records, case_id: str) -> list[SuggestedAnswer]:
    """Every suggested answer of a case, oldest first (for the API)."""
    keys = records.store.list(f"cases/{case_id}/suggested/")
    answers = [SuggestedAnswer.model_validate_json(records.store.get(k)) for k in keys]
    return sorted(answers, key=lambda a: a.at)


def write_suggestion(records: Records, answer: SuggestedAnswer) -> None:
    """Store the answer, then record the event (an answer without event is rewritten next time)."""
    records.store.put(answer_key(answer.case_id, answer.envelope_id), answer.model_dump_json(indent=1).encode(),
                      "application/json")
    summary = (f"réponse suggérée ({topic(answer.topic)}) : {len(answer.used_fields)} champ(s) rempli(s), "
               f"{len(answer.missing_fields)} absent(s) de la demande")
    records.append_event(CaseEvent(
        id=suggestion_event_id(answer.envelope_id), case_id=answer.case_id, at=answer.at, actor=ACTOR,
        kind="suggested-answer", summary=summary, envelope_id=answer.envelope_id,
        data={"template": answer.template, "used_fields": list(answer.used_fields),
              "missing_fields": list(answer.missing_fields), "blanks": len(answer.blanks)}))


def suggestion_event_id(envelope_id: str) -> str:
    """The id of the ``suggested-answer`` event of one item."""
    return ids.item_event_id(envelope_id, "suggested-answer")
