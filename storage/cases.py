"""Recording an item into its case: indexes first, then one event per step (written together).

Event ids are derived from the envelope id and the step, so a redelivered
message rewrites the same objects instead of adding duplicates.
"""

from __future__ import annotations

from collections import Counter

from intake import ids
from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Route
from intake.taxonomy import SCREENED_OUT
from storage.link_checks import LinkPolicy, checked_link, link_events, other_case_event
from storage.linking import Link, LinkInput, find_case
from storage.records import Records


def record_item(records: Records, envelope: Envelope, capture: Capture, classification: Classification,
                route: Route, window_days: int = 30, policy: LinkPolicy = LinkPolicy()) -> tuple[Case, Link]:
    """Link the item to its case, write its events, return the case and the link."""
    item = LinkInput(envelope, capture, classification, window_days)
    link = checked_link(records, item, find_case(records, item), policy)
    records.index_put("envelope", envelope.id, link.case_id)
    events = item_events(link, envelope, capture, classification, route) + link_events(link, envelope)
    records.append_item_events(link.case_id, envelope.id, events)
    if (related := other_case_event(link, envelope)) is not None:
        records.append_event(related)
    # a case this item just opened has only these events until the indexes below let other items find it
    case = records.write_snapshot(link.case_id, events if link.new and not link.again else None)
    _index(records, envelope, capture, link)
    return case, link


def _index(records: Records, envelope: Envelope, capture: Capture, link: Link) -> None:
    case_id = link.case_id
    message_id = envelope.headers.get("message-id")
    if message_id:
        records.index_put("thread", message_id.strip(), case_id)
    if "other_member" in link.evidence.get("disagreements", ()):
        return  # another member's item kept in this case: not in that member's 360° view
    for member in capture.values("member_number")[:1]:
        records.add_member_case(member, case_id)


def item_events(link: Link, envelope: Envelope, capture: Capture, classification: Classification,
                route: Route) -> list[CaseEvent]:
    """The events one item adds to its case (pure)."""
    def event(kind: str, at, actor: str, summary: str, **data) -> CaseEvent:
        return CaseEvent(id=ids.item_event_id(envelope.id, kind), case_id=link.case_id, at=at, actor=actor,
                         kind=kind, summary=summary, envelope_id=envelope.id, data=data)

    members = capture.values("member_number")
    # an unreadable item is screened but stays open: a person must look at it
    status = "screened" if classification.screened in SCREENED_OUT else "open"
    opening = {"channel": envelope.channel, "subject": envelope.subject, "member": members[0] if members else None,
               "status": status}
    decided = {"topic": classification.topic, "complexity": classification.complexity,
               "urgency": classification.urgency}
    routed = {"team": route.team, "priority": route.priority,
              "deadline": route.deadline.isoformat() if route.deadline else None}
    return [
        event("received", envelope.received_at, f"connector:{envelope.source}",
              f"{envelope.channel} received via {envelope.source}{_batch_summary(envelope)}",
              source_id=envelope.source_id, **_batch_data(envelope)),
        event("opened" if link.new else "linked", envelope.received_at, "worker:record", link.reason,
              **({"set": opening} if link.new else {}), **({"evidence": link.evidence} if link.evidence else {})),
        event("captured", capture.at, "worker:capture", _capture_summary(capture),
              language=capture.language, fields=len(capture.fields)),
        event("classified", classification.at, "worker:classify", "; ".join(classification.reasons) or "no cue",
              **({"set": decided} if link.new else {}), confidence=classification.confidence,
              screened=classification.screened),
        event("routed", classification.at, "worker:classify", route.reason,
              **({"set": routed} if link.new else {}), queue=route.queue),
    ]


BATCH_META = ("batch_id", "batch_pages", "postmark", "scanned_at", "barcode_case_ref", "batch_reviewed_by")


def _batch_data(envelope: Envelope) -> dict[str, str]:
    """A batch letter's origin: its batch, page range, postmark, barcode, and who checked the cut."""
    return {key: envelope.meta[key] for key in BATCH_META if key in envelope.meta}


def _batch_summary(envelope: Envelope) -> str:
    meta = envelope.meta
    if "batch_id" not in meta:
        return ""
    text = f", pages {meta['batch_pages']} du lot {meta['batch_id']}"
    if "postmark" in meta:
        text += f", cachet de la poste du {meta['postmark']} (date de réception)"
    if "batch_reviewed_by" in meta:
        text += f", découpage vérifié par {meta['batch_reviewed_by']}"
    return text


def _capture_summary(capture: Capture) -> str:
    pages = [p for d in capture.documents for p in d.pages]
    methods = Counter(p.method for p in pages)
    kinds = Counter(f.kind for f in capture.fields if f.valid)
    errors = [f"{d.name}: {d.error}" for d in capture.documents if d.error]
    parts = [f"{len(capture.documents)} document(s), {len(pages)} page(s) " + str(dict(methods))]
    if kinds:
        parts.append("fields " + ", ".join(f"{k}×{n}" for k, n in sorted(kinds.items())))
    if errors:
        parts.append("unreadable: " + "; ".join(errors))
    return "; ".join(parts)
