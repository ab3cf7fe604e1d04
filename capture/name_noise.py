"""What spaCy's small French model tags as a name on case pages but is not one.

On invoices, call notes and letters it tags abbreviations ("PJ", "TTC", "REMB"),
possessives starting a sentence ("Mes"), table headers ("Désignation Montant
TTC") and the items of a table ("Couronne", "Total 1") as organisations or
persons, and a shop's name on its letterhead ("Optique de la Croix-Rousse") as
a person. A stop list of such words and two rules about the line an entity
stands on (a table line: an amount or two header words; a trade's line: it
starts with the trade) drop them; real names rarely use those words.
"""

from __future__ import annotations

import re
import unicodedata

# folded (lower case, no accents); abbreviations of case pages and call notes
ABBREVIATIONS = frozenset("pj ttc ht tva remb recl rec ref tel fax secu".split())
# words of a table's header line: two of them on a line make it one
HEADER_WORDS = frozenset("designation montant quantite qte prix unitaire total ttc ht tva taux base code "
                         "libelle acte actes date tarif rembourse".split())
# what a page is or says about itself ("Objet", "Appel", "Facture"): never part of a person's name
DOCUMENT_WORDS = frozenset("objet appel appels courrier courriel facture factures devis ordonnance".split())
# an organisation made only of these is a word of the page: possessives, items of a table, terms of the trade
STOP_WORDS = ABBREVIATIONS | HEADER_WORDS | DOCUMENT_WORDS | frozenset("""
reference sous remboursement remboursements detail tarifs mes mon ma nos vos votre notre cordialement
traitement couronne monture verres verre seance seances consultation forfait somme sommes reste charge
dossier numero adherent contrat page annexe note notes
""".split())
PERSON_STOP = ABBREVIATIONS | HEADER_WORDS | DOCUMENT_WORDS
PERSON_TITLES = frozenset("dr docteur pr professeur mme madame m monsieur me maitre mlle".split())
_REFERENCE = re.compile(r"^(?=\S*\d)[A-Z0-9][A-Z0-9/-]+[.,;:]?$")  # "IN-WTVZ-JV6B", "MS-240665": a reference, not a name
_AMOUNT = re.compile(r"\d[\d\s.]*[,.]\d{2}\s*(?:€|eur\b)", re.IGNORECASE)
# a shop's or practice's name: "Optique de la Croix-Rousse", "Pharmacie du Marché", "Audition Santé"
_TRADE = re.compile(
    r"(?i)^\W*(?:optique|opticiens?|lunetterie|audition|audioproth[ée]s\w*|pharmacie|parapharmacie|"
    r"laboratoire|labo|cabinet|magasin|boutique|centre|maison|sarl|sas|sasu|eurl|ets|[ée]tablissements?|"
    r"clinique|h[ôo]pital|polyclinique|dentaire|orthop[ée]die)\b"
)


def folded_words(text: str) -> list[str]:
    """The words of ``text``, lower case and without accents."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.findall(r"[^\W\d_]+", plain.lower())


def line_at(text: str, start: int) -> str:
    """The line of ``text`` that position ``start`` is on."""
    end = text.find("\n", start)
    return text[text.rfind("\n", 0, start) + 1:end if end >= 0 else len(text)]


def is_table_line(line: str) -> bool:
    """A row or the header of a table: it carries an amount, or two header words."""
    return bool(_AMOUNT.search(line)) or sum(w in HEADER_WORDS for w in folded_words(line)) >= 2


def is_trade_line(line: str) -> bool:
    """A shop's or practice's name: the line starts with its trade."""
    return bool(_TRADE.match(line))


def is_noise_organisation(value: str, line: str) -> bool:
    """Not an organisation: lower case, only stop words, a lone word in a table, a reference, a person."""
    words = folded_words(value)
    return (not value[:1].isupper() or all(w in STOP_WORDS for w in words)
            or (len(words) == 1 and is_table_line(line)) or bool(_REFERENCE.match(value))
            or bool(PERSON_TITLES & set(words[:2])))  # "Dr Haddad", "le Dr Haddad"


def is_noise_person(value: str, line: str) -> bool:
    """Not a person: a stop word in it (a header, a call note's code), or a shop's line."""
    return any(w in PERSON_STOP for w in folded_words(value)) or is_trade_line(line) or is_trade_line(value)


def without_role(value: str) -> str:
    """``Claire Moreau - Ophtalmologiste`` → ``Claire Moreau``: a person's name without the role after a dash."""
    return re.split(r"\s+[-–—]\s+", value, maxsplit=1)[0]
