"""Screening on real auto-replies and bounces (sisimai corpus) and on hand-written French ones."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import pytest

from classify import classify
from classify.screening import screen
from intake.models import Capture, Envelope, Party

CORPUS = Path("/work/shared/corpora/emails-sisimai")
BOUNCE_PREFIXES = ("lhost-", "rhost-", "rfc3464-")

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="sisimai corpus not available")


def _header(message: EmailMessage, name: str) -> str:
    """One header as text; malformed ones are read raw, as the e-mail connector does."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        value = next((v for k, v in message.raw_items() if k.lower() == name), None)
    return " ".join(str(value).split()) if value is not None else ""


def _body(message: EmailMessage) -> str:
    """The plain (else HTML) body, or nothing if the charset lies."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content().strip() if part is not None else ""
    except (LookupError, UnicodeError, AssertionError, ValueError, KeyError, TypeError, AttributeError):
        return ""


def envelope_from_bytes(data: bytes, name: str = "test.eml") -> Envelope:
    """An e-mail Envelope built from raw bytes: headers lower-cased, first value kept."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    headers = {k.lower(): _header(message, k.lower()) for k in dict.fromkeys(message.keys())}
    headers = {k: v for k, v in headers.items() if v}
    sender_name, address = parseaddr(headers.get("from", ""))
    return Envelope(
        id=f"env-{name}", channel="email", source="test", source_id=name,
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc),
        sender=Party(name=sender_name or None, email=address or None),
        subject=headers.get("subject", ""), body=_body(message), headers=headers,
    )


def corpus_reasons(prefixes: tuple[str, ...]) -> dict[str, str | None]:
    """The screening reason of every corpus file whose name starts with one of ``prefixes``."""
    files = sorted(p for p in CORPUS.glob("*.eml") if p.name.startswith(prefixes))
    envelopes = {p.name: envelope_from_bytes(p.read_bytes(), p.name) for p in files}
    return {name: screen(env, env.body) for name, env in envelopes.items()}


def mail(headers: str, body: str) -> Envelope:
    """An Envelope from a hand-written message (headers block, blank line, body)."""
    mime = "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8"
    return envelope_from_bytes(f"{headers.strip()}\n{mime}\n\n{body}".encode())


@needs_corpus
def test_every_rfc3834_automatic_reply_is_screened_as_auto_reply():
    reasons = corpus_reasons(("rfc3834-",))
    assert len(reasons) == 6
    assert set(reasons.values()) == {"auto-reply"}, reasons


@needs_corpus
def test_at_least_98_percent_of_real_bounces_are_screened_as_bounces():
    reasons = corpus_reasons(BOUNCE_PREFIXES)
    bounces = [name for name, reason in reasons.items() if reason == "bounce"]
    share = len(bounces) / len(reasons)
    print(f"bounces detected: {len(bounces)}/{len(reasons)} = {share:.1%}")
    assert len(reasons) > 600
    assert share >= 0.98, sorted(set(reasons) - set(bounces))


@needs_corpus
def test_no_real_bounce_is_mistaken_for_a_member_request_or_an_auto_reply_beyond_a_few():
    reasons = corpus_reasons(BOUNCE_PREFIXES)
    not_bounce = {name: reason for name, reason in reasons.items() if reason != "bounce"}
    assert len(not_bounce) <= 12, not_bounce


def test_an_outlook_automatic_reply_in_french_is_screened():
    envelope = mail(
        """
From: "Martin, Sophie" <sophie.martin@entreprise.fr>
To: gestion.sante@mutuelle.fr
Subject: Réponse automatique : Votre demande de remboursement
Return-Path: <>
X-Auto-Response-Suppress: All
""",
        "Bonjour,\nJe suis absente du bureau jusqu'au 24 août inclus. En cas d'urgence, "
        "merci de contacter ma collègue Anne Petit.\nCordialement,\nSophie Martin",
    )
    assert screen(envelope, envelope.body) == "auto-reply"


def test_an_exchange_automatic_reply_in_english_is_screened_by_its_subject_alone():
    envelope = mail(
        "From: John Smith <john.smith@example.com>\nSubject: Automatic reply: Dossier 2024-118",
        "I am out of the office until Monday with limited access to e-mail.",
    )
    assert screen(envelope, envelope.body) == "auto-reply"


def test_a_gmail_vacation_responder_is_screened_by_its_auto_submitted_header():
    envelope = mail(
        """
From: Paul Durand <paul.durand@gmail.com>
Subject: Re: Votre attestation de droits
Auto-Submitted: auto-replied
""",
        "Merci pour votre message. Je suis en vacances et je vous répondrai à mon retour.",
    )
    assert screen(envelope, envelope.body) == "auto-reply"


def test_an_orange_webmail_auto_reply_with_x_autoreply_is_screened():
    envelope = mail(
        "From: jeanne.roux@orange.fr\nSubject: Réponse automatique\nX-Autoreply: yes",
        "Je suis en congés jusqu'au 2 janvier. Votre message sera lu à mon retour.",
    )
    assert screen(envelope, envelope.body) == "auto-reply"


def test_a_free_webmail_reply_saying_it_is_automatic_in_the_body_is_screened():
    envelope = mail(
        "From: marc.lefevre@free.fr\nSubject: Re: Relevé de prestations",
        "Ceci est un message automatique.\nJe suis absent jusqu'au 15 mai, pour toute urgence "
        "merci de joindre mon épouse au 06 12 34 56 78.",
    )
    assert screen(envelope, envelope.body) == "auto-reply"


def test_a_mailing_list_message_with_precedence_bulk_is_screened():
    headers = "From: lettre@assurance-info.fr\nSubject: Lettre d'information\nPrecedence: bulk"
    envelope = mail(headers, "Nos actualités.")
    assert screen(envelope, envelope.body) == "auto-reply"


def test_a_french_exchange_non_delivery_report_is_screened_as_a_bounce():
    envelope = mail(
        "From: Microsoft Outlook <postmaster@mutuelle-exemple.fr>\nSubject: Non remis : Votre dossier",
        "La remise du message à ces destinataires ou groupes a échoué.",
    )
    assert screen(envelope, envelope.body) == "bounce"


def test_an_echec_de_la_remise_subject_is_a_bounce_even_from_an_ordinary_address():
    envelope = mail("From: noreply@sfr.fr\nSubject: Échec de la remise du message", "Adresse introuvable.")
    assert screen(envelope, envelope.body) == "bounce"


def test_outlook_suppress_header_alone_does_not_screen_a_member_request():
    envelope = mail(
        "From: Claire Bernard <claire.bernard@outlook.fr>\nSubject: Demande d'attestation\n"
        "X-Auto-Response-Suppress: All",
        "Bonjour, pourriez-vous m'envoyer une attestation de droits ? Adhérent n° 12345678.",
    )
    assert screen(envelope, envelope.body) is None


def test_a_member_mentioning_her_holidays_is_not_screened():
    envelope = mail(
        "From: lucie.moreau@laposte.net\nSubject: Absence de remboursement",
        "Bonjour, je suis en congés jusqu'au 20 août et je n'ai toujours pas reçu le remboursement "
        "de ma consultation du 3 juillet. Pouvez-vous vérifier ?",
    )
    assert screen(envelope, envelope.body) is None


def test_an_email_with_only_a_greeting_and_a_phone_signature_is_empty():
    envelope = mail("From: a.girard@gmail.com\nSubject: ", "Bonjour\n\nEnvoyé de mon iPhone")
    assert screen(envelope, envelope.body) == "empty"


def test_a_one_word_subject_is_enough_to_be_read():
    envelope = mail("From: a.girard@gmail.com\nSubject: Attestation", "")
    assert screen(envelope, envelope.body) is None


def test_a_screened_item_is_classified_as_other_with_the_reason_and_the_check():
    envelope = mail("From: MAILER-DAEMON@mx.mutuelle.fr\nSubject: Undelivered Mail Returned to Sender", "...")
    result = classify(envelope, Capture(envelope_id=envelope.id))
    assert (result.screened, result.topic) == ("bounce", "other")
    assert result.reasons == ("screened bounce: check bounce_sender",)
