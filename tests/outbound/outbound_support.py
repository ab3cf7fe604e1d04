"""Helpers of the outbound tests: the SMTP inbox and HTTP receiver behind the fixtures,
hand-classified items, and a pipeline running the real record stage."""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from intake.models import Capture, Classification, Envelope, ExtractedField, Party
from outbound.config import OutboundConfig, SmtpConfig, WebhookConfig
from outbound.stage import OutboundHandler
from routing import route
from runtime.app import App
from runtime.events import exchange_for

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # a Monday
FROM = "Pôle santé <sante@mutuelle.example>"
MEMBER = Party(name="Marie Martin", email="marie.martin@example.org")
SECRET = "a-webhook-secret-of-32-characters"


# --- SMTP ----------------------------------------------------------------------

@dataclass
class Inbox:
    """What the SMTP server received; queued replies make it refuse or defer."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    rcpt_replies: list[str] = field(default_factory=list)
    data_replies: list[str] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def smtp_config(inbox: Inbox, **overrides) -> SmtpConfig:
    """SMTP settings pointing at the test server (plain SMTP on loopback)."""
    return SmtpConfig(**({"host": "127.0.0.1", "port": inbox.port, "tls": "none", "from_address": FROM,
                          "timeout_seconds": 5.0} | overrides))


# --- HTTP receiver -----------------------------------------------------------------

@dataclass
class Receiver:
    """A webhook receiver: answers with the planned statuses (then 200), keeps every request."""

    url: str = ""
    plan: list[int] = field(default_factory=list)
    always: int | None = None
    delay_first: float = 0.0
    requests: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, headers: dict, body: bytes) -> int:
        with self.lock:
            status = self.always or (self.plan.pop(0) if self.plan else 200)
            self.requests.append({"headers": headers, "body": body, "json": json.loads(body), "status": status})
            first = len(self.requests) == 1
        if first and self.delay_first:
            time.sleep(self.delay_first)  # longer than the client's timeout: the client gives up first
        return status

    def accepted(self) -> list[dict]:
        """The events the receiver answered 2xx to (in arrival order)."""
        return [r["json"] for r in self.requests if r["status"] < 300]


def handler_for(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = receiver.answer({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def webhook_config(*urls: str, **overrides) -> WebhookConfig:
    """Webhook settings with fast retries (the backoff is still exponential)."""
    return WebhookConfig(**({"urls": urls, "secret": SECRET, "timeout_seconds": 2.0, "max_attempts": 4,
                             "retry_base_seconds": 0.01} | overrides))


# --- items and the pipeline ------------------------------------------------------------

def field_(kind: str, value: str) -> ExtractedField:
    """An extracted field as capture would give it."""
    return ExtractedField(kind=kind, value=value, normalized=value, source="body", start=0, end=len(value),
                          confidence=0.95)


@dataclass
class Item:
    envelope: Envelope
    capture: Capture
    classification: Classification


def make_item(n: int, channel="email", sender: Party = MEMBER, headers=None, fields=(), topic="reimbursement",
              complexity="simple", screened=None, at=T0, subject="Remboursement de ma consultation") -> Item:
    """One item, classified by hand; the route comes from the real rules."""
    envelope = Envelope(id=f"env-{n:024x}", channel=channel, source="test", source_id=f"s{n}", received_at=at,
                        sender=sender, subject=subject, body="Bonjour, ...",
                        headers={"message-id": f"<m{n}@example.org>"} if headers is None else headers)
    capture = Capture(envelope_id=envelope.id, fields=tuple(fields))
    classification = Classification(topic=topic, topic_confidence=0.9, complexity=complexity,
                                     complexity_confidence=0.9, screened=screened)
    return Item(envelope, capture, classification)


@dataclass
class Pipeline:
    """Records items through the real record stage, and builds outbound handlers."""

    app: App

    def record(self, item: Item) -> str:
        """Store the item's envelope, capture and decision, run the record stage; the case id."""
        records = self.app.records
        records.put_envelope(item.envelope)
        records.put_capture(item.capture)
        decision = route(self.app.rules, item.envelope, item.capture, item.classification)
        records.put_decision(item.envelope.id, item.classification, decision)
        self.app.handler("record")({"envelope_id": item.envelope.id})
        return records.index_get("envelope", item.envelope.id)

    def handler(self, **config) -> OutboundHandler:
        """An outbound handler on the App's store and bus."""
        config = OutboundConfig(**config)
        return OutboundHandler(self.app.records, config, exchange_for(self.app.bus, config.events_exchange))

    def kinds(self, case_id: str) -> list[str]:
        return [e.kind for e in self.app.records.events(case_id)]




# --- TLS ------------------------------------------------------------------------------

def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp.crt", folder / "smtp.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file
