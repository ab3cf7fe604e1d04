"""Acknowledgements: tell the member, once, that their request is in, with its reference,
its team and the date they will get an answer.

Exactly once, as far as SMTP allows:

* the Message-ID is derived from the case and envelope ids, so every attempt
  carries the same one, and it is indexed to the case before sending (a reply
  threads into the case whatever happens next);
* ``cases/<id>/events/<env>-7-acknowledged`` is written right after the server
  accepted the message, and checked before sending: a redelivery sends nothing;
* ``outbound/ack-sending/<env>.json`` is written just before the send and
  removed when the send failed in a known way. Found on a later attempt, it means
  the process died between "marker written" and "event written", so the mail may
  or may not have left: with ``resend_unconfirmed`` (default) it is sent again with
  the same Message-ID (mail clients show one message), otherwise it is not resent
  and the event says ``uncertain``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from intake import ids
from intake.addresses import mailbox
from intake.errors import NotFound
from intake.labels import phrase
from intake.models import Capture, CaseEvent, Classification, Envelope, Route, sha256_hex, utcnow
from outbound import smtp
from outbound.ack_guard import AckGuard
from outbound.config import OutboundConfig, SmtpConfig
from outbound.templates import Rendered, Templates, date_fr
from storage.records import Records

ACTOR = "worker:outbound"
NO_REPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|ne[-_.]?pas[-_.]?r[eé]pondre|nepasrepondre|noresponse"
    r"|mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|bounces?|listserv|majordomo|owner-.*|.*-request)"
    r"(?:[-_.+].*)?$", re.IGNORECASE)
LOOP_PRECEDENCE = {"bulk", "list", "junk", "auto_reply"}
MESSAGE_ID = re.compile(r"<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,120}@[A-Za-z0-9.-]{1,120}>")
CHANNELS = {"email": "votre courriel", "webform": "votre message envoyé depuis notre site",
            "letter": "votre courrier", "phone": "votre appel"}

Sender = Callable[[SmtpConfig, EmailMessage], None]


def ack_event_id(envelope_id: str, kind: str = "acknowledged") -> str:
    """The id of the acknowledgement event (or its ``ack-skipped`` twin) of one item."""
    return ids.item_event_id(envelope_id, kind)


def ack_message_id(case_id: str, envelope_id: str, domain: str) -> str:
    """The acknowledgement's Message-ID: the same on every attempt."""
    digest = sha256_hex(f"{case_id}\0{envelope_id}".encode())
    return f"<ack.{digest[:32]}@{domain}>"


def recipient(envelope: Envelope, capture: Capture) -> tuple[str | None, str]:
    """The member's address and where it came from (sender, then the extracted fields): only an
    address that is one deliverable mailbox (intake.addresses)."""
    if address := mailbox(parseaddr(envelope.sender.email or "")[1]):
        return address, "sender"
    found = [a for a in map(mailbox, capture.values("email")) if a]
    return (found[0], "extracted") if found else (None, "none")


def loop_reason(envelope: Envelope) -> str | None:
    """Why answering this item could start a mail loop (RFC 3834), if it could."""
    headers = envelope.headers
    submitted = headers.get("auto-submitted", "").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return "the item is automatic (Auto-Submitted)"
    if headers.get("precedence", "").strip().lower() in LOOP_PRECEDENCE:
        return "the item is bulk or list mail (Precedence)"
    if headers.get("list-id") or any(headers.get(h) for h in ("x-autoreply", "x-autorespond")):
        return "the item comes from a mailing list or an autoresponder"
    return None


def skip_reason(envelope: Envelope, classification: Classification, address: str | None,
                own_domain: str) -> str | None:
    """Why no acknowledgement may go to this item's member, or None when one is due."""
    if classification.screened:
        return f"screened ({classification.screened})"
    if (loop := loop_reason(envelope)) is not None:
        return loop
    if not address:
        return "no e-mail address for the member"
    local, _, domain = address.rpartition("@")
    if NO_REPLY.match(local):
        return "no-reply or system address"
    # a scanned letter often quotes our own address: never write to ourselves
    return "our own address" if domain == own_domain or domain.endswith("." + own_domain) else None


@dataclass(frozen=True)
class AckItem:
    """What an acknowledgement is about: one item that opened one case."""

    case_id: str
    envelope: Envelope
    capture: Capture
    classification: Classification
    route: Route


def ack_values(item: AckItem, teams: Mapping[str, str], to_sender: bool) -> dict:
    """The template variables: only what intake wrote, never a word the sender typed (no name, subject or
    message: a form naming someone else's address must not make us carry its text there), and no member
    number or amounts (the address may be wrong)."""
    deadline = item.route.deadline
    return {
        "reference": item.case_id, "topic": item.classification.topic, "team_id": item.route.team,
        "team": teams.get(item.route.team, "l'équipe de gestion santé"),
        "deadline": date_fr(deadline, weekday=True) if deadline else "",
        "received": date_fr(item.envelope.received_at.date()),
        "channel": CHANNELS.get(item.envelope.channel, "votre demande"),
    }


def build_message(config: SmtpConfig, rendered: Rendered, to: str, message_id: str, item: AckItem) -> EmailMessage:
    """The acknowledgement e-mail, marked automatic so that responders do not answer it."""
    message = EmailMessage()
    message["From"] = config.from_address
    message["To"] = formataddr((None, to))
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id
    original = item.envelope.headers.get("message-id", "").strip()
    if item.envelope.channel == "email" and MESSAGE_ID.fullmatch(original):  # a well-formed id, nothing else
        message["In-Reply-To"] = original  # threads under the member's own mail in their client
        message["References"] = original
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message["X-Intake-Case"] = item.case_id
    message.set_content(rendered.text)
    message["Content-Language"] = "fr"  # after set_content, which drops Content-* headers
    return message


class Acknowledger:
    """Sends the acknowledgement of a new case once, and records it."""

    def __init__(self, records: Records, config: OutboundConfig, templates: Templates,
                 send: Sender = smtp.send) -> None:
        self.records = records
        self.config = config
        self.templates = templates
        self.send = send
        self.guard = AckGuard(records, config.ack_limits)

    def __call__(self, item: AckItem) -> str:
        """Acknowledge the item if due; return what happened (for tests and metrics)."""
        smtp_config = self.config.smtp
        if smtp_config is None:
            return "disabled"
        if self._done(item):
            return "already"
        address, origin = recipient(item.envelope, item.capture)
        reason = skip_reason(item.envelope, item.classification, address, smtp_config.domain)
        if reason is None and address is not None:
            reason = self.guard.admit(item.envelope, item.capture, address)
        if reason is not None or address is None:
            self._record_skip(item, reason or "no e-mail address for the member")
            return "skipped"
        return self._send(smtp_config, item, address, origin == "sender")

    def _done(self, item: AckItem) -> bool:
        event_ids = (ack_event_id(item.envelope.id, kind) for kind in ("acknowledged", "ack-skipped"))
        return any(self.records.event(item.case_id, event_id) for event_id in event_ids)

    def _render(self, item: AckItem, to_sender: bool) -> Rendered:
        # an address read in a letter may not be the member's: no health topic in what goes there
        topic = item.classification.topic if to_sender else "default"
        name = self.templates.find("ack", topic) or "ack/default.fr.txt.j2"
        return self.templates.render(name, ack_values(item, self.config.team_names, to_sender))

    def _send(self, config: SmtpConfig, item: AckItem, to: str, to_sender: bool) -> str:
        message_id = ack_message_id(item.case_id, item.envelope.id, config.domain)
        self.records.index_put("thread", message_id, item.case_id)  # before sending: a quick reply links too
        if self._marker(item) is not None and not self.config.resend_unconfirmed:
            self._record_sent(item, message_id, to, "", uncertain=True)
            return "uncertain"
        rendered = self._render(item, to_sender)
        self._put_marker(item, message_id)
        try:
            self.send(config, build_message(config, rendered, to, message_id, item))
        except smtp.MailRefused:
            self._drop_marker(item)
            self._record_skip(item, "refused by the mail server")
            return "refused"
        except Exception:
            self._drop_marker(item)  # not accepted: a retry must send, whatever the policy
            raise
        self._record_sent(item, message_id, to, rendered.template)  # first thing after the send: the window
        self._drop_marker(item)
        return "sent"

    def _marker_key(self, item: AckItem) -> str:
        return f"outbound/ack-sending/{item.envelope.id}.json"

    def _marker(self, item: AckItem) -> dict | None:
        try:
            return json.loads(self.records.store.get(self._marker_key(item)))
        except NotFound:
            return None

    def _put_marker(self, item: AckItem, message_id: str) -> None:
        body = {"case_id": item.case_id, "message_id": message_id, "at": utcnow().isoformat()}
        self.records.store.put(self._marker_key(item), json.dumps(body).encode(), "application/json")

    def _drop_marker(self, item: AckItem) -> None:
        self.records.store.delete(self._marker_key(item))

    def _record_sent(self, item: AckItem, message_id: str, to: str, template: str, uncertain: bool = False) -> None:
        summary = "accusé de réception envoyé à l'adhérent" + (" (non confirmé : pas renvoyé)" if uncertain else "")
        data = {"message_id": message_id, "to": to, "template": template, "team": item.route.team,
                "deadline": item.route.deadline.isoformat() if item.route.deadline else None}
        self._append(item, "acknowledged", summary, data | ({"uncertain": True} if uncertain else {}))

    def _record_skip(self, item: AckItem, reason: str) -> None:
        self._append(item, "ack-skipped", f"pas d'accusé de réception : {phrase(reason)}", {"reason": reason})

    def _append(self, item: AckItem, kind: str, summary: str, data: dict) -> None:
        self.records.append_event(CaseEvent(
            id=ack_event_id(item.envelope.id, kind), case_id=item.case_id, at=utcnow(), actor=ACTOR, kind=kind,
            summary=summary, envelope_id=item.envelope.id, data=data))
