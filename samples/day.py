"""The bundled demo sample intake: one small day (23 November 2026) at Mutuelle Santé Horizon.

Everything is generated, deterministically (same bytes on every run): four e-mails
(one with a born-digital PDF invoice, a reply to it, a complex dental request with
a quote, an out-of-office auto-reply), three scanned letters (PNG, TIFF and an
image-only PDF), a web-form submission and a telephony export. The same
fictional members appear across channels, so cases can be linked.

    python -m samples.day TARGET_DIR
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from intake.refs import make_case_ref
from samples.letters import AmountLine, LetterSpec, format_eur, group_iban, make_iban, render_letter

DAY = date(2026, 11, 23)
PARIS = timezone(timedelta(hours=1))  # CET, no daylight saving in November
INSURER_DOMAIN = "mutuelle-horizon.example"
PRESTATIONS = formataddr(("Mutuelle Santé Horizon", f"prestations@{INSURER_DOMAIN}"))


@dataclass(frozen=True)
class Member:
    """A fictional member of Mutuelle Santé Horizon who appears in the sample day."""

    name: str
    member_number: str
    policy_number: str
    phone: str
    address: tuple[str, ...]
    email: str | None = None

    @property
    def mailbox(self) -> str:
        return formataddr((self.name, self.email or ""))

    @property
    def e164(self) -> str:
        return "+33" + self.phone.replace(" ", "")[1:]


MEMBERS = {
    "jeanne": Member("Jeanne Martin", "40213378", "MS-204817", "06 71 42 93 18",
                     ("14 rue des Remparts d'Ainay", "69002 Lyon"), "jeanne.martin@example.fr"),
    "marc": Member("Marc Dubois", "51873062", "MS-318452", "06 23 58 14 70",
                   ("27 avenue Jean Jaurès", "69007 Lyon"), "marc.dubois@example.fr"),
    "sophie": Member("Sophie Laurent", "27640915", "MS-150396", "06 12 90 47 33",
                     ("5 place Carnot", "69002 Lyon"), "sophie.laurent@example.fr"),
    "gerard": Member("Gérard Lefebvre", "62390147", "MS-276031", "04 78 52 31 09",
                     ("8 chemin des Vignes", "69130 Écully")),
    "monique": Member("Monique Girard", "37518824", "MS-098214", "06 84 12 77 35",
                      ("3 impasse des Tilleuls", "69100 Villeurbanne")),
    "karim": Member("Karim Benali", "58120496", "MS-441807", "06 45 87 12 03",
                    ("12 rue Paul Bert", "69003 Lyon"), "karim.benali@example.fr"),
    "lucie": Member("Lucie Fontaine", "73402581", "MS-362975", "07 61 25 84 90",
                    ("41 cours Vitton", "69006 Lyon"), "lucie.fontaine@example.fr"),
}
JEANNE_IBAN = make_iban(random.Random("jeanne-martin-new-bank"))
MONIQUE_CASE = make_case_ref(hashlib.sha256(b"sample-monique-girard-kine").hexdigest())
MAIL_01_ID = "<20261123083412.jm4821@example.fr>"
MAIL_01_SUBJECT = "Demande de remboursement – consultation ophtalmologue"


def _at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, second, tzinfo=PARIS)


# -- Born-digital PDFs (real text layer) ------------------------------------------------------


def _pdf(header: list[str], details: list[str], rows: list[tuple[str, int]], footer: list[str]) -> bytes:
    """A one-page A4 invoice or quote drawn with reportlab (deterministic bytes)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(header[0])
    y = _pdf_lines(pdf, header, 800, "Helvetica-Bold", 13, gap=4)
    y = _pdf_lines(pdf, details, y - 24, "Helvetica", 10.5)
    y = _pdf_table(pdf, rows, y - 18)
    _pdf_lines(pdf, footer, y - 24, "Helvetica", 10.5)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_lines(pdf: canvas.Canvas, lines: list[str], y: float, font: str, size: float, gap: float = 0) -> float:
    for i, text in enumerate(lines):
        pdf.setFont(font if i == 0 else "Helvetica", size if i == 0 else 10.5)
        pdf.drawString(56, y, text)
        y -= (size if i == 0 else 10.5) * 1.45 + (gap if i == 0 else 0)
    return y


def _pdf_table(pdf: canvas.Canvas, rows: list[tuple[str, int]], y: float) -> float:
    pdf.setFont("Helvetica-Bold", 10.5)
    pdf.drawString(56, y, "Désignation")
    pdf.drawRightString(530, y, "Montant TTC")
    pdf.line(56, y - 5, 530, y - 5)
    for label, cents in rows + [("Total", sum(c for _, c in rows))]:
        y -= 17
        pdf.setFont("Helvetica-Bold" if label == "Total" else "Helvetica", 10.5)
        pdf.drawString(56, y, label)
        pdf.drawRightString(530, y, format_eur(cents))
    return y


def ophthalmology_invoice() -> bytes:
    """Jeanne Martin's paid invoice for her ophthalmologist visit (attached to mail-01)."""
    jeanne = MEMBERS["jeanne"]
    return _pdf(
        ["Dr Claire Moreau - Ophtalmologiste", "Cabinet d'ophtalmologie Bellecour", "8 place Bellecour, 69002 Lyon",
         "Médecin conventionné secteur 2"],
        ["NOTE D'HONORAIRES N° 2026-1187", "Date : 18/11/2026", f"Patiente : {jeanne.name}",
         f"N° adhérent mutuelle : {jeanne.member_number}", "Organisme complémentaire : Mutuelle Santé Horizon"],
        [("Consultation spécialiste en ophtalmologie", 6000), ("Examen du fond d'œil", 3000)],
        ["Dont dépassement d'honoraires : 35,00 €", "Facture acquittée le 18/11/2026 par carte bancaire."],
    )


def dental_quote() -> bytes:
    """Marc Dubois's implant quote (attached to mail-03)."""
    marc = MEMBERS["marc"]
    return _pdf(
        ["Dr Samir Haddad - Chirurgien-dentiste", "Centre dentaire Jean Macé", "92 avenue Jean Jaurès, 69007 Lyon"],
        ["DEVIS POUR TRAITEMENT ET ACTES BUCCO-DENTAIRES N° D-2026-0412", "Date du devis : 16/11/2026",
         f"Patient : {marc.name}", f"N° adhérent mutuelle : {marc.member_number}", "Dent concernée : 36",
         "Début des soins prévu le 14/01/2027"],
        [("Implant dentaire (dent 36)", 110000), ("Pilier implantaire", 35000),
         ("Couronne céramo-métallique sur implant", 65000)],
        ["Base de remboursement Assurance Maladie (couronne) : 120,00 €", "Devis valable 6 mois."],
    )


# -- E-mails ----------------------------------------------------------------------------------


def _email(sender: str, subject: str, sent: datetime, message_id: str, body: str, **extra) -> bytes:
    """A French e-mail with fixed MIME boundaries, so the bytes are the same on every run."""
    message = EmailMessage()
    for name, value in [("From", sender), ("To", extra.pop("to", PRESTATIONS)), ("Subject", subject),
                        ("Date", format_datetime(sent)), ("Message-ID", message_id), ("Content-Language", "fr"),
                        *extra.pop("headers", {}).items()]:
        message[name] = value
    message.set_content(body, cte="quoted-printable")
    if "html" in extra:
        message.add_alternative(extra["html"], subtype="html", cte="quoted-printable")
    for filename, data in extra.get("attachments", ()):
        message.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_horizon_{message_id.strip('<>').split('@')[0]}_{number}")
    return message.as_bytes(policy=policy.default)


MAIL_01_BODY = f"""Bonjour,

Je vous adresse ci-joint la facture de ma consultation chez l'ophtalmologue, le Dr Claire Moreau, \
le 18 novembre 2026, pour un montant de 90,00 €.

Le médecin est conventionné secteur 2 et l'Assurance Maladie ne m'a remboursé que la part de base. \
Pourriez-vous me rembourser le complément prévu par mon contrat ?

N° adhérent : {MEMBERS["jeanne"].member_number}
Contrat n° {MEMBERS["jeanne"].policy_number}

Merci d'avance,
Jeanne Martin
{MEMBERS["jeanne"].phone}
"""

MAIL_02_BODY = f"""Bonjour,

Je complète mon message de ce matin : j'ai changé de banque le mois dernier. Merci de verser \
le remboursement sur mon nouveau compte :

IBAN : {group_iban(JEANNE_IBAN)}
Titulaire : Jeanne Martin

Par ailleurs, l'ophtalmologue m'a prescrit de nouvelles lunettes. Je vous enverrai la facture \
de l'opticien dès que je l'aurai.

Cordialement,
Jeanne Martin

Le lun. 23 nov. 2026 à 08:34, Jeanne Martin <jeanne.martin@example.fr> a écrit :
""" + "".join(f"> {line}".rstrip() + "\n" for line in MAIL_01_BODY.splitlines())

MAIL_03_PARAGRAPHS = [
    "Madame, Monsieur,",
    "Mon chirurgien-dentiste, le Dr Samir Haddad, m'a remis le 16 novembre 2026 un devis pour remplacer "
    "la dent 36 par un implant. Les soins doivent commencer le 14 janvier 2027.",
    "Le devis (joint) détaille :\n- Implant dentaire (dent 36) : 1 100,00 €\n- Pilier implantaire : 350,00 €\n"
    "- Couronne céramo-métallique sur implant : 650,00 €\nTotal : 2 100,00 €, dont 120,00 € de base de "
    "remboursement Assurance Maladie pour la couronne.",
    "Mon contrat (n° MS-318452, formule Équilibre) prévoit un forfait implantologie, mais je ne sais pas "
    "s'il s'applique par dent ou par année civile. Mon épouse, ayant droit sur mon contrat, a aussi un devis "
    "de prothèse en cours : pouvez-vous traiter les deux demandes ensemble ?",
    "Pourriez-vous me confirmer par écrit le montant de votre prise en charge et le reste à charge avant le "
    "début des soins ? Je peux vous transmettre la radiographie panoramique si nécessaire.",
    "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
    f"Marc Dubois\nN° adhérent : {MEMBERS['marc'].member_number}\nTél. : {MEMBERS['marc'].phone}",
]

MAIL_04_BODY = """Bonjour,

Je suis absente du 20 novembre au 1er décembre 2026 inclus, sans accès à ma messagerie. \
Votre message ne sera pas transféré ; j'en prendrai connaissance à mon retour.

Sophie Laurent
"""


def _html(paragraphs: list[str]) -> str:
    blocks = "".join("<p>" + p.replace("\n", "<br>\n") + "</p>\n" for p in paragraphs)
    return f'<html lang="fr"><body>\n{blocks}</body></html>\n'


def mail_01() -> bytes:
    return _email(MEMBERS["jeanne"].mailbox, MAIL_01_SUBJECT, _at(8, 34, 12), MAIL_01_ID, MAIL_01_BODY,
                  attachments=[("facture-ophtalmologue-2026-11-18.pdf", ophthalmology_invoice())])


def mail_02() -> bytes:
    headers = {"In-Reply-To": MAIL_01_ID, "References": MAIL_01_ID}
    return _email(MEMBERS["jeanne"].mailbox, f"Re: {MAIL_01_SUBJECT}", _at(11, 2, 45),
                  "<20261123110245.jm7730@example.fr>", MAIL_02_BODY, headers=headers)


def mail_03() -> bytes:
    text = "\n\n".join(MAIL_03_PARAGRAPHS) + "\n"
    return _email(MEMBERS["marc"].mailbox, "Devis implant dentaire – demande de prise en charge avant les soins",
                  _at(9, 47, 30), "<20261123094730.md1290@example.fr>", text, html=_html(MAIL_03_PARAGRAPHS),
                  attachments=[("devis-implant-dr-haddad.pdf", dental_quote())])


def mail_04() -> bytes:
    headers = {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes", "Precedence": "auto_reply",
               "In-Reply-To": f"<rel-20261123-0931.4471@{INSURER_DOMAIN}>"}
    return _email(MEMBERS["sophie"].mailbox, "Réponse automatique : absence", _at(10, 5, 3),
                  "<20261123100503.sl0051@example.fr>", MAIL_04_BODY, headers=headers,
                  to=formataddr(("Mutuelle Santé Horizon", f"relation-adherents@{INSURER_DOMAIN}")))


# -- Scanned letters --------------------------------------------------------------------------


def _letter(member: Member, written: date, topic: str, subject: str, paragraphs: list[str], **layout) -> LetterSpec:
    return LetterSpec(sender_name=member.name, address=member.address, member_number=member.member_number,
                      policy_number=member.policy_number, phone=member.phone, email=member.email,
                      letter_date=written, topic=topic, subject=subject, paragraphs=tuple(paragraphs), **layout)


def hospitalisation_letter() -> LetterSpec:
    return _letter(MEMBERS["gerard"], date(2026, 11, 17), "hospitalisation", "Demande de prise en charge hospitalière", [
        "Je dois être hospitalisé le 8 décembre 2026 à la Clinique du Val d'Ouest, à Écully, pour la pose d'une "
        "prothèse totale de hanche, sur prescription du Dr Perrin, chirurgien orthopédiste.",
        "La clinique me demande un accord de prise en charge de la mutuelle avant mon admission. Le séjour est "
        "prévu pour quatre nuits et le devis qui m'a été remis prévoit les frais suivants :",
        "Je vous serais reconnaissant de bien vouloir adresser la prise en charge directement au service des "
        "admissions de la clinique et de m'indiquer le montant qui restera à ma charge.",
        "Mon épouse m'accompagnera pendant le séjour : les frais d'accompagnant sont-ils couverts par mon contrat ?",
    ], amounts=(AmountLine("Dépassement d'honoraires chirurgien", 45000),
                AmountLine("Dépassement d'honoraires anesthésiste", 18000),
                AmountLine("Chambre particulière (4 nuits)", 32000), AmountLine("Forfait journalier (5 jours)", 10000)),
        table_after=2, event_date=date(2026, 12, 8), font="dejavu-serif",
        attachments="P.J. : devis de la clinique, prescription du chirurgien")


def complaint_letter() -> LetterSpec:
    return _letter(MEMBERS["monique"], date(2026, 11, 19), "complaint",
                   "Réclamation - retard de remboursement (troisième relance)", [
        "Je vous adresse une réclamation concernant le remboursement de mes séances de kinésithérapie et "
        "d'une consultation chez le rhumatologue, que j'attends depuis le 2 septembre 2026.",
        "J'ai envoyé toutes les factures à deux reprises et j'ai déjà appelé votre service client deux fois. "
        "À chaque appel, on m'a promis un règlement sous quinze jours, sans aucun résultat. "
        "Les sommes en attente sont les suivantes :",
        "Je vous demande de régulariser ma situation sans délai. Sans réponse de votre part d'ici la fin du "
        "mois, je saisirai le médiateur de la mutualité.",
    ], amounts=(AmountLine("Séances de kinésithérapie (10 séances)", 16540), AmountLine("Consultation rhumatologue", 6000)),
        table_after=2, event_date=date(2026, 9, 2), case_ref=MONIQUE_CASE, layout="right", font="vera",
        closing="Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
        attachments="P.J. : copies de mes précédents envois")


def optical_letter() -> LetterSpec:
    return _letter(MEMBERS["karim"], date(2026, 11, 16), "optical", "Remboursement de lunettes", [
        "Suite à une nouvelle ordonnance du Dr Nguyen, ophtalmologue, j'ai acheté des lunettes à verres "
        "progressifs chez Optique de la Croix-Rousse le 10 novembre 2026.",
        "L'opticien ne pratique pas le tiers payant avec votre mutuelle, j'ai donc réglé la totalité de la facture :",
        "Pouvez-vous me rembourser selon le forfait optique de mon contrat ? Mes précédentes lunettes datent de "
        "plus de deux ans.",
    ], amounts=(AmountLine("Monture", 14000), AmountLine("Verres progressifs (2)", 52000)), table_after=2,
        event_date=date(2026, 11, 10), salutation="Bonjour,", closing="Cordialement,", register="plain",
        letterhead=True, font="dejavu-sans", attachments="P.J. : facture de l'opticien, ordonnance")


def _image_bytes(image: Image.Image, kind: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **params)
    return buffer.getvalue()


def letter_01() -> bytes:
    image, _ = render_letter(hospitalisation_letter(), skew_degrees=0.5, noise=0.12)
    return _image_bytes(image, "PNG", dpi=(300, 300))


def letter_02() -> bytes:
    image, _ = render_letter(complaint_letter(), skew_degrees=-0.3, noise=0.08, blur=0.6)
    return _image_bytes(image, "TIFF", compression="tiff_lzw", dpi=(300, 300))


def letter_03() -> bytes:
    """An image-only PDF, as a scanner writes it: no text layer."""
    image, _ = render_letter(optical_letter(), skew_degrees=0.8, noise=0.1, blur=0.5)
    stamp = time.gmtime(datetime(2026, 11, 23, 9, 15, tzinfo=PARIS).timestamp())
    return _image_bytes(image, "PDF", resolution=300, title="Numérisation", producer="Scanner Horizon",
                        creationDate=stamp, modDate=stamp)


# -- Web form and telephony -------------------------------------------------------------------


def webform_01() -> bytes:
    lucie = MEMBERS["lucie"]
    form = {
        "form": "contact", "submitted_at": _at(10, 17, 45).isoformat(), "name": lucie.name, "email": lucie.email,
        "phone": lucie.phone, "member_number": lucie.member_number, "subject": "Demande d'attestation de droits",
        "message": "Bonjour, je commence un nouveau travail le 1er décembre 2026 et mon employeur me demande une "
                   "attestation d'adhésion à une complémentaire santé pour être dispensée de la mutuelle "
                   "d'entreprise. Pouvez-vous me l'envoyer par e-mail ? Mon fils Hugo est aussi bénéficiaire "
                   "de mon contrat, l'attestation doit le mentionner. Merci !",
    }
    return (json.dumps(form, ensure_ascii=False, indent=2) + "\n").encode()


CALLS = [
    ("CALL-20261123-0001", _at(9, 2, 11), 274, "karim", "A. Petit", "ADR",
     "Adhérent déménage au 5 allée des Tilleuls, 69300 Caluire-et-Cuire, à compter du 1er décembre 2026. "
     "Demande la mise à jour de son adresse ; enverra un justificatif de domicile par e-mail. "
     "Signale aussi un courrier récent pour le remboursement de ses lunettes."),
    ("CALL-20261123-0002", _at(11, 26, 40), 185, "jeanne", "N. Diallo", "REMB",
     "Question sur le remboursement de la consultation ophtalmologique du 18/11/2026 (90,00 €) envoyée par "
     "e-mail ce matin. Veut savoir si le dépassement d'honoraires est couvert et le délai. "
     "Indiqué un délai habituel de 5 jours ouvrés après réception."),
    ("CALL-20261123-0003", _at(14, 12, 5), 612, "monique", "S. Roux", "RECL",
     "Adhérente très mécontente : 3e appel pour le même retard de remboursement (kiné + rhumatologue, "
     "225,40 € en attente depuis septembre). A envoyé un courrier de réclamation la semaine dernière. "
     "Menace de saisir le médiateur et de résilier son contrat. Demande à être rappelée par un responsable sous 48 h."),
]


def calls_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["call_id", "start", "duration_s", "caller", "member_number", "agent", "reason_code", "notes"])
    for call_id, start, duration, who, agent, reason, notes in CALLS:
        member = MEMBERS[who]
        writer.writerow([call_id, start.isoformat(), duration, member.e164, member.member_number, agent, reason, notes])
    return buffer.getvalue().encode()


# -- The day ----------------------------------------------------------------------------------

ITEMS = {
    "mail-01-remboursement.eml": mail_01,
    "mail-02-reponse.eml": mail_02,
    "mail-03-devis-dentaire.eml": mail_03,
    "mail-04-absence.eml": mail_04,
    "letter-01-hospitalisation.png": letter_01,
    "letter-02-reclamation.tif": letter_02,
    "letter-03-optique.pdf": letter_03,
    "webform-01-attestation.json": webform_01,
    f"calls-{DAY.isoformat()}.csv": calls_csv,
}


def write_sample_intake(target: Path) -> list[Path]:
    """Write the demo sample intake into ``target`` (created if needed); return the written paths."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in ITEMS.items():
        path = target / name
        path.write_bytes(make())
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m samples.day TARGET_DIR", file=sys.stderr)
        return 2
    for path in write_sample_intake(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
