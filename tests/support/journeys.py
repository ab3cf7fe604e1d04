"""Real items (e-mails, letters, calls, web forms) sent one after another through the
real stages by a real worker, and the team and person queues read back from the bus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

from docs import pdf, render_page

from connectors.calllog import draft_from_call
from connectors.email import parse_email
from connectors.webform import draft_from_form
from intake.drafts import Draft, FileDraft
from intake.models import Case
from runtime.app import App
from runtime.bus import STAGES, notice_queue, stage_queue

MARIE = ("Marie Martin", "marie.martin@example.org", "12345678")


def at(day: int, month: int = 11, hour: int = 9) -> datetime:
    """A moment of late 2026 (UTC)."""
    return datetime(2026, month, day, hour, 0, tzinfo=timezone.utc)


def mail(body: str, when: datetime, message_id: str, sender: tuple[str, str] = MARIE[:2],
         subject: str = "Remboursement consultation", **headers: str) -> Draft:
    """An e-mail as the IMAP connector reads it."""
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = "sante@mutuelle.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return parse_email(bytes(message), "imap:sante")


def letter(lines: list[str], when: datetime, source_id: str, scanned: bool = False) -> Draft:
    """A letter from the scanner: a scanned page (OCR) or a PDF with a text layer."""
    page = render_page(lines) if scanned else lines
    return Draft(channel="letter", source="scanner", source_id=source_id, received_at=when,
                 files=[FileDraft(f"{source_id}.pdf", pdf([page]), "application/pdf")])


def call(call_id: str, when: datetime, notes: str, caller: str = "+33612345678", member: str = MARIE[2]) -> Draft:
    """A call record from the telephony export."""
    return draft_from_call({"call_id": call_id, "start": when.isoformat(), "caller": caller, "notes": notes,
                            "member_number": member, "reason_code": "REMB"}, "calls:export")


def form(message: str, when: datetime, submission: str, member: str = MARIE[2]) -> Draft:
    """A web-form submission."""
    return draft_from_form({"name": MARIE[0], "email": MARIE[1], "member_number": member, "message": message,
                            "subject": "Suivi de ma demande", "submitted_at": when.isoformat()}, "web:form",
                           submission_id=submission)


@dataclass
class Journey:
    """Sends items through a real worker one at a time; reads the notices queued for teams and people."""

    app: App
    people: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.purge()

    def send(self, draft: Draft) -> tuple[str, str]:
        """Submit the item and run every stage on it; (case id, envelope id)."""
        envelope = self.app.submit(draft)
        self.app.worker(STAGES).run(idle_timeout=1.0)
        case_id = self.app.records.index_get("envelope", envelope.id)
        assert case_id, f"{envelope.id} was not recorded: {self.app.records.quarantined()}"
        return case_id, envelope.id

    def case(self, case_id: str) -> Case:
        return self.app.records.case(case_id)

    def notices(self, name: str) -> list[dict]:
        """The messages waiting on a team's or person's queue (taken off it)."""
        queue = notice_queue(name)(self.app.bus.connection.default_channel)
        queue.declare()
        found = []
        while (message := queue.get(no_ack=True)) is not None:
            found.append(message.decode())
        return found

    def purge(self) -> None:
        """Empty the stage, team and person queues (a RabbitMQ vhost is shared by the test session)."""
        names = [stage_queue(s) for s in STAGES]
        names += [notice_queue(f"team.{team}") for team in self.app.rules.teams]
        names += [notice_queue(f"person.{person}") for person in self.people]
        channel = self.app.bus.connection.default_channel
        for queue in names:
            bound = queue(channel)
            bound.declare()
            bound.purge()
