"""French phrase banks and formats for letters written by members to Mutuelle Santé Horizon.

Body templates may use these placeholders: ``{event_date}`` (date of care or of
the planned event), ``{total}`` (sum of the amount table), ``{doctor}``,
``{place}``, ``{procedure}``, ``{new_address}`` and ``{e}`` (the feminine
agreement suffix: "e" for a woman, "" for a man). Amount and date values only
ever enter the text through those placeholders, so ground truth stays exact.
Apostrophes are straight (as typed), French spacing before ":" and "?" kept.

The helpers at the end write and check values the French way: dates
(``1er mars 2026``), euro amounts (``1 234,56 €``), IBANs and phone numbers.
"""

from __future__ import annotations

import random
import re
from datetime import date

from intake.taxonomy import TOPICS as ALL_TOPICS

# every sample letter is about something: the topics but "other", in the taxonomy's order
TOPICS = tuple(t for t in ALL_TOPICS if t != "other")

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)

INSURER_NAME = "Mutuelle Santé Horizon"
INSURER_ADDRESS = ("27 rue des Tanneurs", "CS 40217", "69441 Lyon Cedex 03")
SERVICES = {
    "reimbursement": "Service Prestations Santé",
    "hospitalisation": "Service Hospitalisation",
    "dental": "Service Prestations Santé",
    "optical": "Service Prestations Santé",
    "complaint": "Service Réclamations",
    "membership": "Service Adhésions",
    "certificate": "Service Relation Adhérents",
    "change_of_details": "Service Gestion des Contrats",
}

FEMALE_NAMES = (
    "Jeanne", "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Camille",
    "Claire", "Hélène", "Françoise", "Yasmine", "Amélie", "Josiane", "Monique",
)
MALE_NAMES = (
    "Pierre", "Jean", "Michel", "Philippe", "Alain", "Nicolas", "François",
    "Laurent", "Thierry", "Éric", "Karim", "Sébastien", "Gérard", "Antoine",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
    "Durand", "Leroy", "Moreau", "Simon", "Lefebvre", "Garcia", "Bertrand",
    "Roux", "Vincent", "Fournier", "Morel", "Girard", "Mercier", "Bonnet",
    "Lambert", "Faure", "Rousseau", "Blanc", "Guérin", "Chevalier", "Benali",
)
STREET_TYPES = ("rue", "avenue", "boulevard", "chemin", "allée", "impasse", "place")
STREET_NAMES = (
    "des Lilas", "Victor Hugo", "de la République", "Jean Jaurès", "Pasteur",
    "du Général de Gaulle", "des Écoles", "de la Gare", "du Moulin", "Émile Zola",
    "des Tilleuls", "Saint-Exupéry", "de Verdun", "des Acacias", "Paul Bert",
)
ADDRESS_EXTRAS = ("Bâtiment B, appartement 12", "Résidence Les Pins", "Escalier C", "Lieu-dit La Combe")
CITIES = (
    ("69003", "Lyon"), ("69100", "Villeurbanne"), ("38000", "Grenoble"),
    ("42000", "Saint-Étienne"), ("01000", "Bourg-en-Bresse"), ("73000", "Chambéry"),
    ("26000", "Valence"), ("63000", "Clermont-Ferrand"), ("21000", "Dijon"),
    ("13006", "Marseille"), ("75011", "Paris"), ("31000", "Toulouse"),
    ("44000", "Nantes"), ("67000", "Strasbourg"), ("59000", "Lille"),
)
MAIL_DOMAINS = ("example.fr", "example.com", "example.org", "example.net")
BANKS = (("30004", "00819"), ("30002", "00550"), ("10278", "07311"), ("20041", "01007"), ("18206", "00060"))

DOCTORS = ("Dr Lefèvre", "Dr Nguyen", "Dr Morel", "Dr Haddad", "Dr Perrin", "Dr Caron", "Dr Roussel")
PLACES = ("la Clinique Saint-Vincent", "la Polyclinique du Val", "le Centre hospitalier des Monts", "la Clinique des Cèdres")
PROCEDURES = (
    "une prothèse de hanche", "une opération du genou", "une chirurgie de la cataracte",
    "une ablation de la vésicule biliaire", "une opération du canal carpien",
)

# (label, minimum cents, maximum cents, step cents)
AMOUNT_ITEMS = {
    "reimbursement": (
        ("Consultation médecin généraliste", 2600, 3000, 100),
        ("Consultation ophtalmologue", 5000, 8000, 500),
        ("Consultation dermatologue", 5000, 9000, 500),
        ("Analyses de laboratoire", 1800, 9500, 10),
        ("Séance de kinésithérapie", 1600, 2200, 10),
        ("Radiographie du genou", 3500, 6000, 10),
        ("Ostéopathie", 5000, 7000, 500),
    ),
    "hospitalisation": (
        ("Forfait journalier hospitalier", 2000, 8000, 2000),
        ("Chambre particulière", 6000, 32000, 1000),
        ("Dépassement d'honoraires chirurgien", 15000, 80000, 1000),
        ("Dépassement d'honoraires anesthésiste", 8000, 30000, 1000),
        ("Frais d'accompagnant", 3000, 12000, 500),
    ),
    "dental": (
        ("Implant dentaire", 90000, 150000, 5000),
        ("Pilier implantaire", 25000, 45000, 1000),
        ("Couronne céramique", 50000, 80000, 1000),
        ("Inlay-core", 10000, 25000, 500),
    ),
    "optical": (
        ("Monture", 8000, 25000, 500),
        ("Verres progressifs", 30000, 70000, 1000),
        ("Verres unifocaux", 8000, 25000, 500),
        ("Lentilles de contact", 9000, 20000, 500),
    ),
    "complaint": (
        ("Consultation spécialiste", 5000, 9000, 500),
        ("Séances de kinésithérapie", 8000, 20000, 10),
        ("Bilan sanguin", 2000, 8000, 10),
        ("Soins dentaires", 6000, 30000, 100),
    ),
}

# Topics whose event date is ahead of the letter (planned) rather than past.
FUTURE_EVENTS = frozenset({"hospitalisation", "membership", "change_of_details"})

BODY = {
    "reimbursement": {
        "opening": (
            "Je vous adresse ci-joint les justificatifs des soins que j'ai reçus le {event_date}.",
            "Suite à ma consultation chez le {doctor} le {event_date}, je vous transmets la facture correspondante.",
            "Je me permets de vous écrire au sujet de frais médicaux engagés le {event_date}, pour lesquels je n'ai encore reçu aucun remboursement.",
            "Je vous envoie les factures de mes derniers soins.",
        ),
        "detail": (
            "Le praticien n'étant pas conventionné, la Sécurité sociale ne m'a remboursé qu'une partie des frais. Le détail des sommes réglées figure ci-dessous :",
            "Les montants que j'ai avancés sont les suivants :",
            "Ces soins ne sont pas passés en tiers payant et j'ai réglé la totalité de la somme, soit {total} :",
        ),
        "formal": (
            "Je vous saurais gré de bien vouloir procéder au remboursement de la part complémentaire qui me revient.",
            "Je vous remercie de bien vouloir examiner ma demande et de me rembourser selon les garanties de mon contrat.",
        ),
        "plain": (
            "Pouvez-vous me rembourser la part prise en charge par la mutuelle ?",
            "Merci de m'indiquer le montant et le délai de remboursement.",
        ),
    },
    "hospitalisation": {
        "opening": (
            "Je dois être hospitalisé{e} le {event_date} à {place} pour {procedure}.",
            "Une intervention est programmée le {event_date} à {place} : il s'agit de {procedure}.",
            "Le {doctor} doit pratiquer {procedure} le {event_date} à {place}.",
        ),
        "detail": (
            "Le devis remis par l'établissement prévoit une chambre particulière et des dépassements d'honoraires, pour un total de {total} :",
            "Le séjour devrait durer trois à cinq jours. Voici le détail du devis que l'on m'a remis :",
            "L'établissement me demande une prise en charge de la mutuelle avant mon admission. Les frais prévus sont les suivants :",
        ),
        "formal": (
            "Je vous serais reconnaissant{e} de bien vouloir établir une prise en charge au nom de l'établissement et de me confirmer le montant qui restera à ma charge.",
            "Je vous prie de bien vouloir m'adresser l'accord de prise en charge avant la date de mon entrée.",
        ),
        "plain": (
            "Pouvez-vous envoyer la prise en charge directement à la clinique ?",
            "Merci de me dire ce qui sera remboursé et ce qui restera à ma charge.",
        ),
    },
    "dental": {
        "opening": (
            "Mon chirurgien-dentiste, le {doctor}, m'a remis un devis pour la pose d'un implant.",
            "Je vous transmets le devis de soins dentaires établi le {event_date} par le {doctor}.",
            "Suite à la perte d'une dent, mon dentiste me propose un implant suivi d'une couronne.",
        ),
        "detail": (
            "Le devis comprend les actes suivants, pour un montant total de {total} :",
            "Voici le détail des actes prévus :",
            "La Sécurité sociale ne rembourse pas l'implant, c'est pourquoi je me tourne vers vous. Le devis détaille :",
        ),
        "formal": (
            "Je vous saurais gré de bien vouloir m'indiquer le montant de votre prise en charge avant le début des soins.",
            "Pourriez-vous me faire savoir si ces soins relèvent de mes garanties et dans quelle limite ?",
        ),
        "plain": (
            "Pouvez-vous me dire combien la mutuelle rembourse sur ce devis ?",
            "Merci de me dire rapidement ce qui restera à ma charge, les soins doivent commencer bientôt.",
        ),
    },
    "optical": {
        "opening": (
            "Je viens de renouveler mes lunettes chez mon opticien le {event_date}.",
            "Suite à une nouvelle ordonnance du {doctor}, ophtalmologue, j'ai dû changer de lunettes.",
            "Je vous adresse la facture de mon équipement optique acheté le {event_date}.",
        ),
        "detail": (
            "L'opticien ne pratique pas le tiers payant avec votre mutuelle et j'ai donc réglé {total} :",
            "Le détail de la facture est le suivant :",
            "Ma vue a beaucoup baissé et des verres progressifs m'ont été prescrits. La facture se décompose ainsi :",
        ),
        "formal": (
            "Je vous remercie de bien vouloir procéder au remboursement selon le forfait optique prévu par mon contrat.",
            "Je vous serais obligé{e} de m'indiquer si ce renouvellement est bien pris en charge, mon précédent équipement datant de plus de deux ans.",
        ),
        "plain": (
            "Pouvez-vous me rembourser le plus vite possible ?",
            "Merci de me dire si j'ai droit au forfait lunettes cette année.",
        ),
    },
    "complaint": {
        "opening": (
            "Je me vois contraint{e} de vous adresser une réclamation.",
            "Je vous écris pour la troisième fois au sujet de soins du {event_date} qui ne m'ont toujours pas été remboursés.",
            "Par la présente, je souhaite former une réclamation concernant le traitement de mon dossier.",
        ),
        "detail": (
            "Malgré l'envoi de toutes les pièces demandées, je n'ai reçu aucun remboursement pour les soins suivants :",
            "Voilà plus de deux mois que j'attends le remboursement de {total}, détaillé ci-dessous :",
            "Mes appels au service client sont restés sans suite et personne ne semble savoir où en est mon dossier. Les sommes concernées sont :",
        ),
        "formal": (
            "Je vous demande de régulariser ma situation dans les meilleurs délais. À défaut, je me réserve la possibilité de saisir le médiateur de la mutualité.",
            "Je vous prie de bien vouloir traiter ma réclamation en priorité et de m'informer par écrit des suites qui y seront données.",
        ),
        "plain": (
            "J'attends une réponse rapide, je ne peux pas continuer à avancer ces frais.",
            "Merci de faire le nécessaire au plus vite, je suis vraiment mécontent{e}.",
        ),
    },
    "membership": {
        "opening": (
            "Je souhaite adhérer à la Mutuelle Santé Horizon à compter du {event_date}.",
            "Je souhaite ajouter mon conjoint comme ayant droit sur mon contrat santé.",
            "Ma fille vient de naître et je souhaite l'inscrire comme bénéficiaire de mon contrat à compter du {event_date}.",
        ),
        "detail": (
            "Vous trouverez ci-joint le bulletin d'adhésion complété et signé, ainsi qu'une copie de l'attestation de carte Vitale.",
            "Je joins à ce courrier le livret de famille et l'attestation de droits à l'Assurance Maladie.",
            "Je souhaiterais également connaître les différentes formules de garanties et leurs tarifs.",
        ),
        "formal": (
            "Je vous remercie de bien vouloir enregistrer cette demande et de m'adresser une nouvelle carte de tiers payant.",
            "Je vous saurais gré de me confirmer la date d'effet de cette modification.",
        ),
        "plain": (
            "Pouvez-vous m'envoyer la nouvelle carte de mutuelle ?",
            "Merci de me confirmer que c'est bien pris en compte.",
        ),
    },
    "certificate": {
        "opening": (
            "J'ai besoin d'une attestation de droits à jour.",
            "Mon employeur me demande une attestation d'adhésion à une complémentaire santé.",
            "J'ai besoin d'une attestation de tiers payant pour l'année en cours, ma carte ayant été perdue lors d'un déménagement.",
        ),
        "detail": (
            "Ce document m'est demandé pour un dossier administratif que je dois déposer avant la fin du mois.",
            "Cette attestation doit mentionner la période de couverture et les bénéficiaires du contrat.",
            "Il me faut ce justificatif pour être dispensé{e} de la mutuelle obligatoire de mon nouvel employeur.",
        ),
        "formal": (
            "Je vous remercie de bien vouloir me l'adresser par courrier ou par courriel.",
            "Je vous saurais gré de me la faire parvenir dans les meilleurs délais.",
        ),
        "plain": (
            "Pouvez-vous me l'envoyer par mail ?",
            "Merci de me l'envoyer rapidement.",
        ),
    },
    "change_of_details": {
        "opening": (
            "Je vous informe de mon changement d'adresse à compter du {event_date}. Ma nouvelle adresse est : {new_address}.",
            "Suite à mon déménagement le {event_date}, je vous prie de noter ma nouvelle adresse : {new_address}.",
            "Je vous informe que mes coordonnées ont changé.",
        ),
        "detail": (
            "J'ai également changé de banque. Merci de verser désormais mes remboursements sur le compte suivant :",
            "Vous trouverez ci-dessous mes nouvelles coordonnées bancaires :",
            "Je vous joins un RIB. Les références de mon nouveau compte sont les suivantes :",
        ),
        "formal": (
            "Je vous remercie de bien vouloir mettre à jour mon dossier et de me confirmer la prise en compte de ces modifications.",
        ),
        "plain": (
            "Merci de mettre à jour mon dossier.",
            "Pouvez-vous mettre à jour mes informations ?",
        ),
    },
}

EXTRAS = {
    "formal": (
        "Je reste à votre disposition pour tout renseignement complémentaire.",
        "Je vous précise que je suis adhérent{e} depuis plus de dix ans.",
        "Je vous remercie par avance de l'attention que vous porterez à ma demande.",
    ),
    "plain": (
        "Vous pouvez m'appeler si besoin.",
        "Je suis adhérent{e} depuis longtemps et c'est la première fois que je vous écris.",
        "Merci d'avance pour votre aide.",
    ),
}
IBAN_REQUEST = "Le remboursement peut être versé sur le compte indiqué ci-dessus."

SALUTATIONS = {"formal": ("Madame, Monsieur,",), "plain": ("Bonjour,", "Bonjour Madame, Monsieur,")}
CLOSINGS = {
    "formal": (
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
        "Dans l'attente de votre réponse, je vous prie de croire, Madame, Monsieur, à l'assurance de ma considération distinguée.",
        "Veuillez agréer, Madame, Monsieur, mes salutations respectueuses.",
    ),
    "plain": ("Cordialement,", "Bien cordialement,", "Merci et bonne journée."),
}

SUBJECTS = {
    "reimbursement": ("Demande de remboursement", "Remboursement de frais médicaux", "Envoi de justificatifs pour remboursement"),
    "hospitalisation": ("Demande de prise en charge hospitalière", "Hospitalisation programmée", "Prise en charge d'une hospitalisation"),
    "dental": ("Devis dentaire - demande de prise en charge", "Demande de prise en charge de soins dentaires", "Devis pour implant dentaire"),
    "optical": ("Remboursement de lunettes", "Demande de remboursement optique", "Facture d'opticien"),
    "complaint": ("Réclamation - retard de remboursement", "Réclamation", "Réclamation concernant mon dossier"),
    "membership": ("Demande d'adhésion", "Ajout d'un ayant droit", "Modification de mon contrat"),
    "certificate": ("Demande d'attestation", "Attestation de droits", "Demande d'attestation de tiers payant"),
    "change_of_details": ("Changement de coordonnées", "Changement d'adresse et de banque", "Modification de mes coordonnées"),
}

ATTACHMENTS = {
    "reimbursement": "P.J. : facture acquittée, décompte de l'Assurance Maladie",
    "hospitalisation": "P.J. : devis de l'établissement",
    "dental": "P.J. : devis du chirurgien-dentiste",
    "optical": "P.J. : facture de l'opticien, ordonnance",
    "complaint": "P.J. : copies de mes précédents envois",
    "membership": "P.J. : bulletin d'adhésion",
    "change_of_details": "P.J. : relevé d'identité bancaire",
}


# -- French formats and checks -------------------------------------------------------------


def french_date(day: date) -> str:
    """``12 mars 2026`` (``1er`` for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def format_eur(cents: int) -> str:
    """``1 234,56 €``: French digit grouping and decimal comma."""
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", " ") + f",{rest:02d} €"


def _mod97(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text)) % 97


def iban_is_valid(iban: str) -> bool:
    """True when ``iban`` (spaces allowed) passes the ISO 13616 mod-97 check."""
    compact = re.sub(r"\s", "", iban).upper()
    return bool(re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact)) and _mod97(compact[4:] + compact[:4]) == 1


def make_iban(rng: random.Random) -> str:
    """A valid French IBAN (RIB key and mod-97 check digits), without spaces."""
    bank, branch = rng.choice(BANKS)
    account = "".join(rng.choice("0123456789") for _ in range(11))
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = f"{bank}{branch}{account}{key:02d}"
    return f"FR{98 - _mod97(bban + 'FR00'):02d}{bban}"


def make_nir(rng: random.Random, gender: str) -> str:
    """A valid French social security number (NIR) with its key, 15 characters without spaces."""
    year, month = rng.randint(40, 99), rng.randint(1, 12)
    mainland = f"{rng.choice([*range(1, 20), *range(21, 96)]):02d}"  # 20 became 2A and 2B (Corsica)
    department = rng.choice(("2A", "2B")) if rng.random() < 0.05 else mainland
    commune, order = rng.randint(1, 999), rng.randint(1, 999)
    body = f"{1 if gender == 'm' else 2}{year:02d}{month:02d}{department}{commune:03d}{order:03d}"
    digits = body[:5] + {"2A": "19", "2B": "18"}.get(department, department) + body[7:]
    return f"{body}{97 - int(digits) % 97:02d}"


def group_nir(nir: str) -> str:
    """``1 85 05 78 006 084 36``: the NIR in the groups a carte Vitale prints."""
    return " ".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]))


def group_iban(iban: str) -> str:
    """``FR76 3000 6000 ...``: the IBAN in groups of four, as printed."""
    compact = re.sub(r"\s", "", iban).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def phone_e164(phone: str) -> str:
    """``06 12 34 56 78`` or ``+33 6 12 34 56 78`` as ``+33612345678``."""
    digits = re.sub(r"\D", "", phone)
    return "+" + digits if phone.strip().startswith("+") else "+33" + digits[1:]
