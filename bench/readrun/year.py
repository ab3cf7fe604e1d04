"""A synthetic year of the reference user, written straight into an object store (no OCR).

Each case opens with one item (45% letters, 31% e-mails, 24% phone calls)
whose text is a generated French letter (``samples.letters``: subject,
paragraphs, amounts, IBAN, NIR, names), routed by the real rules
(``routing/rules.yaml``); one case in eight gets a follow-up from the same
member a few days later. Events are the ones the pipeline writes
(``storage.cases.item_events``, a ``dispatched`` event, then lifecycle steps:
most cases older than a month are assigned and closed). Records go through
``Records`` into a local store that skips fsync (a bench shortcut: the bytes
and keys are the pipeline's), and each case is handed over as a complete
``CaseBatch`` so the bench can load indexes in bulk without reading the store back.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from intake import ids
from intake.models import (Capture, CaseEvent, Classification, DocumentCapture, Envelope, ExtractedField, PageCapture,
                           Party)
from intake.refs import make_case_ref
from samples.letters import LetterSpec, format_eur, make_letter
from routing.calendar import is_working_day
from routing.engine import route
from routing.rules import load_rules
from storage.cases import item_events
from storage.index.base import CaseBatch
from storage.index.rows import ItemRecord
from storage.linking import Link
from storage.local import LocalStore
from storage.records import Records

PARIS = ZoneInfo("Europe/Paris")
YEAR = 2026
END = datetime(YEAR, 12, 31, 18, 0, tzinfo=PARIS)  # "now" at the end of the synthetic year
CHANNELS = {"letter": 0.45, "email": 0.31, "phone": 0.24}
# an assumption of the bench (rules.yaml lists the topics, not their shares)
TOPICS = {"reimbursement": 0.30, "certificate": 0.12, "hospitalisation": 0.10, "dental": 0.10, "optical": 0.09,
          "change_of_details": 0.08, "membership": 0.07, "complaint": 0.06, "other": 0.08}
COMPLEX = {"hospitalisation": 0.6, "dental": 0.5, "optical": 0.45, "complaint": 0.5, "reimbursement": 0.2}
URGENCY = {"low": 0.08, "normal": 0.78, "high": 0.11, "critical": 0.03}
FOLLOW_UP, UNSURE, AUTO_REPLY = 0.125, 0.06, 0.03
MANAGERS = [f"gestionnaire-{n:02d}" for n in range(1, 41)]


class UnsyncedStore(LocalStore):
    """The local store without fsync, files written by a few threads (bench data only: a crash may lose it)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.pool, self.made, self.waiting = ThreadPoolExecutor(4), set(), []

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        path = os.path.join(self.root, key)
        folder = os.path.dirname(path)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        self.waiting.append(self.pool.submit(_write, path, data))
        if len(self.waiting) > 2000:
            self.flush()

    def flush(self) -> None:
        """Wait for the files handed to the threads."""
        for future in self.waiting:
            future.result()
        self.waiting.clear()


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


class NoStore(LocalStore):
    """A store that keeps nothing: the year goes to the indexes only (``--store`` writes it for real)."""

    def __init__(self) -> None:
        self.url = "none://"

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Forget ``data``."""

    def flush(self) -> None:
        """Nothing waits."""


class Unwritten(Records):
    """Records that do not even serialize what they would write (no store: the indexes only)."""

    def _put_model(self, key: str, model) -> None:
        """Write nothing."""


@dataclass
class Written:
    """What the generator wrote, and what the query mix draws from."""

    cases: int = 0
    items: int = 0
    events: int = 0
    members: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    ibans: list[str] = field(default_factory=list)


def working_moments(count: int, rng: random.Random) -> list[datetime]:
    """``count`` arrival times spread over the year's working days, 8:00 to 18:00 Paris time, in order."""
    days = [d for d in (date(YEAR, 1, 1) + timedelta(n) for n in range(365)) if is_working_day(d)]
    moments = [datetime.combine(rng.choice(days), time(8), PARIS) + timedelta(seconds=rng.randrange(36_000))
               for _ in range(count)]
    return sorted(m.astimezone(timezone.utc) for m in moments)


def write_year(store_dir: Path | None, cases: int, seed: int = 2026, progress: Callable[[int], None] | None = None,
               sink: Callable[[CaseBatch], None] | None = None) -> Written:
    """Write ``cases`` cases of a synthetic year into a store at ``store_dir`` (None: no store);
    hand each case to ``sink``."""
    rng, rules = random.Random(seed), load_rules()
    store = UnsyncedStore(store_dir) if store_dir else NoStore()
    records = Records(store, cache_size=0) if store_dir else Unwritten(store, cache_size=0)
    written = Written(members=[f"{rng.randrange(10**7, 10**8)}" for _ in range(max(int(cases * 0.6), 1))])
    for n, at in enumerate(working_moments(cases, rng)):
        batch = _write_case(records, rules, rng, n, at, written)
        if sink:
            sink(batch)
        if progress and n % 1000 == 999:
            progress(1000)
    store.flush()
    return written


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _write_case(records: Records, rules, rng: random.Random, n: int, at: datetime, written: Written) -> CaseBatch:
    member = rng.choice(written.members)
    topic, channel = _pick(rng, TOPICS), _pick(rng, CHANNELS)
    spec = make_letter(n, None if topic == "other" else topic)
    case_id = make_case_ref(f"bench-{n}")
    first = _item(records, rules, rng, (n, 0), channel, at, spec, member, topic, Link(case_id, True, "new case"))
    events, items = first[0], [first[1]]
    follow_at = at + timedelta(days=rng.randint(1, 20))
    if rng.random() < FOLLOW_UP and follow_at < END:
        channel = rng.choice(["phone", "email", "letter"])
        link = Link(case_id, False, "same member, same topic within 30 days")
        more, item = _item(records, rules, rng, (n, 1), channel, follow_at, spec, member, topic, link)
        events, items = events + more, items + [item]
    events += _lifecycle(records, rng, case_id, events)
    written.cases, written.events, written.items = written.cases + 1, written.events + len(events), \
        written.items + len(items)
    written.surnames.append(spec.sender_name.split()[-1])
    if spec.iban and len(written.ibans) < 5000:
        written.ibans.append(spec.iban)
    return CaseBatch(case_id, tuple(events), tuple(items), complete=True)


def _item(records: Records, rules, rng: random.Random, key: tuple[int, int], channel: str, at: datetime,
          spec: LetterSpec, member: str, topic: str, link: Link) -> tuple[list[CaseEvent], ItemRecord]:
    envelope = _envelope(key, channel, at, spec, rng)
    capture = _capture(envelope, spec, member, at)
    classification = _classification(rng, topic, channel, at)
    decision = route(rules, envelope, capture, classification)
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, decision)
    events = item_events(link, envelope, capture, classification, decision)
    records.append_item_events(link.case_id, envelope.id, events)
    if link.new:
        dispatched = CaseEvent(id=f"{envelope.id}-6-dispatched", case_id=link.case_id, at=at + timedelta(seconds=9),
                               actor="worker:record", kind="dispatched", envelope_id=envelope.id,
                               summary=f"queued for team {decision.team}", data={"queue": decision.queue})
        records.append_event(dispatched)
        events.append(dispatched)
    return events, ItemRecord(envelope, capture, classification, decision)


def _envelope(key: tuple[int, int], channel: str, at: datetime, spec: LetterSpec, rng: random.Random) -> Envelope:
    source_id = f"bench-{key[0]}-{key[1]}"
    envelope_id = ids.envelope_id(channel, source_id, source_id)
    if channel == "letter":
        return Envelope(id=envelope_id, channel="letter", source="hotfolder", source_id=source_id, received_at=at,
                        subject=f"scan-{key[0]:06d}.pdf")
    if channel == "email":
        sender = Party(name=spec.sender_name, email=spec.email or f"adherent{key[0]}@example.fr")
        subject = "Réponse automatique : absent" if rng.random() < AUTO_REPLY else spec.subject
        return Envelope(id=envelope_id, channel="email", source="imap:prestations", source_id=source_id,
                        received_at=at, sender=sender, subject=subject, body="\n\n".join(spec.paragraphs))
    body = f"Appel de {spec.sender_name} : {spec.paragraphs[0]}"
    return Envelope(id=envelope_id, channel="phone", source="calllog", source_id=source_id, received_at=at,
                    sender=Party(name=spec.sender_name, phone=spec.phone), subject=f"Appel : {spec.subject}",
                    body=body)


def _capture(envelope: Envelope, spec: LetterSpec, member: str, at: datetime) -> Capture:
    body = "\n\n".join(t for t in (envelope.subject, envelope.body) if t)
    documents = [DocumentCapture(name="body", sha256="0" * 64, mime="text/plain",
                                 pages=(PageCapture(number=1, text=body, method="text"),) if body else ())]
    if envelope.channel == "letter":
        page = PageCapture(number=1, text=letter_text(spec, member), method="ocr", confidence=0.93)
        documents.append(DocumentCapture(name=envelope.subject, sha256="1" * 64, mime="application/pdf",
                                         pages=(page,), language="fr"))
    return Capture(envelope_id=envelope.id, documents=tuple(documents), language="fr", at=at + timedelta(seconds=4),
                   fields=tuple(_fields(spec, member)))


def letter_text(spec: LetterSpec, member: str) -> str:
    """What OCR reads on the letter's page."""
    lines = [spec.sender_name, *spec.address, f"Adhérent n° : {member}"]
    lines += [f"Contrat n° {spec.policy_number}"] if spec.policy_number else []
    lines += [f"N° de sécurité sociale : {spec.nir}"] if spec.nir else []
    lines += [f"{spec.city}, le {spec.letter_date:%d/%m/%Y}", f"Objet : {spec.subject}", spec.salutation]
    lines += list(spec.paragraphs) + [f"{a.label} : {format_eur(a.cents)}" for a in spec.amounts]
    lines += [f"IBAN : {spec.iban}"] if spec.iban else []
    return "\n".join(lines + [spec.closing, spec.sender_name])


def _fields(spec: LetterSpec, member: str) -> Iterator[ExtractedField]:
    found = {"member_number": member, "policy_number": spec.policy_number, "iban": spec.iban, "nir": spec.nir,
             "phone": spec.phone, "email": spec.email}
    for kind, value in found.items():
        if value:
            yield ExtractedField(kind=kind, value=value, normalized=value.replace(" ", ""), source="body", start=0,
                                 end=len(value), confidence=0.95)


def _classification(rng: random.Random, topic: str, channel: str, at: datetime) -> Classification:
    screened = "auto-reply" if channel == "email" and rng.random() < AUTO_REPLY else None
    sure = 0.3 if rng.random() < UNSURE else 0.85
    complexity = "complex" if rng.random() < COMPLEX.get(topic, 0.1) else "simple"
    return Classification(screened=screened, topic=topic, topic_confidence=sure, complexity=complexity,
                          complexity_confidence=0.8, urgency=_pick(rng, URGENCY), urgency_confidence=0.7,
                          reasons=(f"topic {topic}",), at=at + timedelta(seconds=6))


def _lifecycle(records: Records, rng: random.Random, case_id: str, history: list[CaseEvent]) -> list[CaseEvent]:
    """Assigned, maybe waiting for the member, then closed, as time allows; screened cases stay as they are."""
    if any(e.data.get("set", {}).get("status") == "screened" for e in history):
        return []
    opened, age = history[0].at, (END - history[0].at).days
    steps = [("assigned", 0.2, 2.0), ("status:waiting_member", 1.0, 6.0), ("closed", 2.0, 25.0)]
    keep = 3 if age > 30 and rng.random() < 0.93 else rng.choice([0, 1, 1, 2, 3])
    events, at = [], opened
    for kind, low, high in steps[:keep]:
        at = min(at + timedelta(days=rng.uniform(low, high)), END.astimezone(timezone.utc))
        events.append(_step(rng, case_id, kind, at))
    for event in events:
        records.append_event(event)
    return events


def _step(rng: random.Random, case_id: str, kind: str, at: datetime) -> CaseEvent:
    manager = rng.choice(MANAGERS)
    changes = {"assigned": {"status": "assigned", "assignee": manager},
               "status:waiting_member": {"status": "waiting_member"},
               "closed": {"status": "closed", "outcome": "réponse envoyée", "closed_at": at.isoformat()}}[kind]
    return CaseEvent(id=f"{at:%Y%m%dT%H%M%S%f}-{rng.getrandbits(32):08x}", case_id=case_id, at=at,
                     actor=f"user:{manager}", kind=kind, summary=kind, data={"set": changes})

