"""Real e-mails through capture, classify and record, then the outbound stage:
the member's mail is acknowledged, their reply to the acknowledgement joins the
case, and an out-of-office answer to the acknowledgement gets no answer back."""

from __future__ import annotations

from email.message import EmailMessage

from outbound_support import smtp_config

from connectors.email import parse_email
from outbound.stage import OutboundHandler


def _mail(subject: str, body: str, message_id: str, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Marie Martin <marie.martin@example.org>"
    message["To"] = "sante@mutuelle.example"
    message["Subject"] = subject
    message["Date"] = "Mon, 23 Nov 2026 10:00:00 +0100"
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return bytes(message)


def _through(pipeline, outbound: OutboundHandler, raw: bytes) -> str:
    """Submit the mail and run every stage on it; the case id."""
    envelope = pipeline.app.submit(parse_email(raw, "imap:sante"))
    for stage in ("capture", "classify", "record"):
        pipeline.app.handler(stage)({"envelope_id": envelope.id})
    case_id = pipeline.app.records.index_get("envelope", envelope.id)
    outbound({"case_id": case_id, "envelope_id": envelope.id})
    return case_id


def test_a_member_mail_is_acknowledged_and_the_replies_to_it_join_the_case(pipeline, inbox):
    outbound = pipeline.handler(smtp=smtp_config(inbox))
    case_id = _through(pipeline, outbound, _mail(
        "Remboursement consultation", "Bonjour, je n'ai pas reçu le remboursement de ma consultation du "
        "2 novembre 2026 chez le kiné (60 €). Adhérent n° 12345678. Merci, Marie Martin", "<q1@example.org>"))
    [ack] = inbox.messages
    assert case_id in ack["Subject"] and "au plus tard le jeudi 26 novembre 2026" in ack.get_content()

    reply = _mail(f"Re: {ack['Subject']}", "Je joins le décompte. Marie Martin", "<q2@example.org>",
                  In_Reply_To=ack["Message-ID"], References=f"<q1@example.org> {ack['Message-ID']}")
    assert _through(pipeline, outbound, reply) == case_id
    away = _mail(f"Réponse automatique : {ack['Subject']}", "Je suis absente du bureau jusqu'au 30 novembre.",
                 "<q3@example.org>", In_Reply_To=ack["Message-ID"], Auto_Submitted="auto-replied")
    assert _through(pipeline, outbound, away) == case_id
    assert len(inbox.messages) == 1


def test_a_complaint_that_moves_its_case_is_acknowledged_with_the_case_s_new_team_and_deadline(pipeline, inbox):
    outbound = pipeline.handler(smtp=smtp_config(inbox))
    case_id = _through(pipeline, outbound, _mail(
        "Remboursement consultation", "Bonjour, je n'ai pas reçu le remboursement de ma consultation du "
        "2 novembre 2026 chez le kiné (60 €). Adhérent n° 12345678. Merci, Marie Martin", "<k1@example.org>"))
    complaint = _mail("Re: Remboursement consultation", "Je suis très mécontente de votre service : je conteste "
                      "votre silence. Sans réponse sous huit jours, je saisirai le médiateur. Marie Martin",
                      "<k2@example.org>", In_Reply_To="<k1@example.org>", References="<k1@example.org>")
    assert _through(pipeline, outbound, complaint) == case_id
    first, second = inbox.messages
    assert "jeudi 26 novembre 2026" in first.get_content()
    text = second.get_content()
    assert case_id in second["Subject"] and "votre réclamation" in text and "notre cellule réclamations" in text
    assert "au plus tard le mardi 8 décembre 2026" in text  # 15 calendar days from the complaint
    again = _through(pipeline, outbound, complaint)  # redelivered: no second acknowledgement
    assert again == case_id and len(inbox.messages) == 2
