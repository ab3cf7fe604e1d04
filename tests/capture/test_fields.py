"""Field extraction on real-looking French member mail and scanned invoices."""

from __future__ import annotations

import re

import pytest

from capture import checks
from capture.fields import FINDERS, FieldPatterns, extract_fields, parse_amount
from intake.refs import make_case_ref
from intake.settings import DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN

PATTERNS = FieldPatterns.from_strings(DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN)
VALID_REF = make_case_ref("3f2a9c0d1e7b")


def fields(text: str, kind: str | None = None, source: str = "body"):
    found = extract_fields(text, source, PATTERNS)
    return [f for f in found if kind is None or f.kind == kind]


def only(text: str, kind: str):
    found = fields(text, kind)
    assert len(found) == 1, found
    return found[0]


def iban_remainder_by_hand(iban: str) -> int:
    """Independent ISO 13616 computation: letter values, digit by digit mod 97."""
    remainder = 0
    for char in iban[4:] + iban[:4]:
        for digit in str(ord(char) - 55 if char.isalpha() else int(char)):
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder


def nir_key_by_hand(thirteen: str) -> int:
    corsica = {"2A": 1_000_000, "2B": 2_000_000}.get(thirteen[5:7], 0)
    return 97 - (int(thirteen.replace("2A", "20").replace("2B", "20")) - corsica) % 97


# --- the registry and the entry point ---------------------------------------

def test_every_documented_kind_has_a_finder_in_the_registry():
    assert set(FINDERS) == {"member_number", "policy_number", "case_ref", "date", "amount",
                            "iban", "nir", "phone", "email"}


def test_offsets_point_at_the_value_and_the_source_is_passed_through():
    text = "Bonjour,\nmon adresse est marie.dupont@orange.fr et mon IBAN FR7630006000011234567890189."
    for f in extract_fields(text, "attachment:facture.pdf#p2", PATTERNS):
        assert text[f.start:f.end] == f.value
        assert f.source == "attachment:facture.pdf#p2"
        assert 0.0 <= f.confidence <= 1.0


def test_fields_come_back_in_text_order():
    text = "Le 12 mars 2026, j'ai payé 45 euros ; appelez-moi au 06 12 34 56 78."
    assert [f.kind for f in fields(text)] == ["date", "amount", "phone"]


def test_a_pattern_without_capturing_group_is_refused():
    with pytest.raises(ValueError):
        FieldPatterns.from_strings(r"adhérent \d{8}", DEFAULT_POLICY_PATTERN)


def test_a_text_without_any_field_gives_an_empty_list():
    assert fields("Je vous remercie de votre réponse rapide.") == []


# --- member and policy numbers ----------------------------------------------

def test_the_member_number_is_the_capturing_group_of_the_settings_pattern():
    f = only("Je suis adhérent n° 12345678 depuis 2019.", "member_number")
    assert (f.value, f.normalized, f.valid) == ("12345678", "12345678", True)


def test_a_member_number_of_the_wrong_length_is_not_taken():
    assert fields("Adhérent n° 1234567, merci.", "member_number") == []


@pytest.mark.parametrize(("written", "kind", "number"), [
    ("Contrat n° MS-5 76974", "policy_number", "MS-576974"),
    ("Adhérent n° 1234 5678", "member_number", "12345678"),
])
def test_a_space_ocr_put_between_the_digits_of_a_number_is_read_through(written, kind, number):
    assert only(f"{written}, merci.", kind).normalized == number


def test_nine_digits_with_a_space_are_no_member_number():
    assert fields("Adhérent n° 1234567 89, merci.", "member_number") == []


def test_the_policy_number_is_upper_cased():
    f = only("Contrat numéro : mu-204518 (formule Confort)", "policy_number")
    assert f.normalized == "MU-204518"


def test_site_specific_patterns_replace_the_defaults():
    patterns = FieldPatterns.from_strings(r"matricule\s+(\d{3} \d{3})", r"police\s+(P\d{5})")
    found = extract_fields("matricule 123 456, police P12345", "body", patterns)
    assert {(f.kind, f.normalized) for f in found} == {("member_number", "123456"),
                                                       ("policy_number", "P12345")}


# --- case references --------------------------------------------------------

def test_a_quoted_case_reference_is_normalized_by_its_check_character():
    quoted = VALID_REF.lower().replace("-", " ")
    f = only(f"Suite à votre courrier (réf. {quoted}), je vous joins la facture.", "case_ref")
    assert (f.normalized, f.valid, f.confidence) == (VALID_REF, True, 0.99)


def test_a_case_reference_with_a_wrong_check_character_is_reported_invalid():
    last = VALID_REF[-1]
    typo = VALID_REF[:-1] + ("Z" if last != "Z" else "Y")
    f = only(f"Dossier {typo}", "case_ref")
    assert (f.valid, f.note, f.normalized) == (False, "check character mismatch", typo)


def test_english_words_after_in_are_not_taken_for_a_case_reference():
    assert fields("The letter came in this case too.", "case_ref") == []


@pytest.mark.parametrize("misread, letter", [("}", "J"), ("]", "J"), (")", "J"), ("|", "1"), ("$", "S")])
def test_a_reference_letter_ocr_read_as_punctuation_is_repaired_when_the_check_then_holds(misread, letter):
    ref = next(r for r in (make_case_ref(f"ocr-{n}") for n in range(500)) if letter in r[3:])
    at = ref.index(letter, 3)
    f = only(f"Réf. dossier : {ref[:at]}{misread}{ref[at + 1:]}", "case_ref")
    assert (f.normalized, f.valid) == (ref, True)
    assert f.confidence < 0.99  # repaired, so a little less sure than a clean read


def test_a_reference_in_parentheses_keeps_its_closing_parenthesis_out():
    f = only(f"Suite à votre courrier (réf. {VALID_REF}), je vous écris.", "case_ref")
    assert (f.value, f.valid) == (VALID_REF, True)


def test_a_reference_put_right_by_its_check_character_is_valid_less_sure_and_says_what_was_corrected():
    f = only("Réf. dossier : IN-6(WGM-A4NY9\nObjet : réclamation", "case_ref")
    assert (f.value, f.normalized, f.valid) == ("IN-6(WGM-A4NY9", "IN-6WGM-4NY9", True)
    assert f.confidence < 0.9 and "extra A at position 5 dropped" in f.note


def test_a_mended_email_address_is_valid_less_sure_and_its_note_holds_no_part_of_the_address():
    f = only("Courriel : marie.dupont©example.fr", "email")
    assert (f.normalized, f.valid) == ("marie.dupont@example.fr", True)
    assert f.confidence < only("Courriel : marie.dupont@example.fr", "email").confidence
    assert "marie" not in f.note and "example" not in f.note


def test_a_phone_number_read_with_the_letter_o_is_a_little_less_sure():
    assert only("Tél. : 07 07 22 07 O1", "phone").confidence < only("Tél. : 07 07 22 07 01", "phone").confidence


def test_a_dot_of_a_phone_number_read_as_a_comma_is_still_the_number_a_little_less_sure():
    found = only("Tél. : 07.94,33.23.48", "phone")
    assert found.normalized == "+33794332348" and found.confidence < only("Tél. : 07.94.33.23.48", "phone").confidence


def test_amounts_with_decimal_commas_are_not_phone_numbers():
    assert fields("Montants : 01,50 € puis 12,30 € et 45,67 €, soit 89,01 €", "phone") == []


def test_a_repaired_reference_whose_check_fails_stays_invalid():
    typo = VALID_REF[:-1] + ("Z" if VALID_REF[-1] != "Z" else "Y")
    f = only(f"Réf. dossier : {typo[:4]}}}{typo[5:]}", "case_ref")
    assert f.valid is False


# --- dates ------------------------------------------------------------------

@pytest.mark.parametrize("written, iso", [
    ("12 mars 2026", "2026-03-12"),
    ("1er avril 2026", "2026-04-01"),
    ("ler avril 2026", "2026-04-01"),
    ("Ier avril 2026", "2026-04-01"),
    ("Ter octobre 2026", "2026-10-01"),
    ("|er mai 2026", "2026-05-01"),
    ("3 Février 2026", "2026-02-03"),
    ("25 decembre 2025", "2025-12-25"),
    ("12/03/2026", "2026-03-12"),
    ("12-03-2026", "2026-03-12"),
    ("12.03.26", "2026-03-12"),
    ("2026-03-12", "2026-03-12"),
    ("5/7/2026", "2026-07-05"),
])
def test_french_and_iso_dates_are_normalized_to_iso(written, iso):
    f = only(f"Soins du {written} à la clinique.", "date")
    assert (f.value, f.normalized, f.valid) == (written, iso, True)


def test_a_word_like_ler_without_a_month_is_no_date():
    assert fields("Le parler 2026 du ler de mon quartier.", "date") == []


def test_ter_after_a_street_number_is_no_first_of_the_month():
    assert fields("12 ter, rue de la Paix, 75002 Paris", "date") == []


def test_a_two_digit_birth_year_in_the_last_century_stays_in_it():
    assert only("Né le 04.11.58", "date").normalized == "1958-11-04"


@pytest.mark.parametrize("written", ["31/02/2026", "30 février 2026", "2026-13-01", "29/02/2025"])
def test_an_impossible_date_is_reported_invalid(written):
    f = only(f"Date de la consultation : {written}", "date")
    assert (f.valid, f.note) == (False, "impossible date")


# --- amounts ----------------------------------------------------------------

@pytest.mark.parametrize("written, normalized", [
    ("1 234,56 €", "1234.56"),
    ("1234,56 EUR", "1234.56"),
    ("45 euros", "45.00"),
    ("€ 12.50", "12.50"),
    ("1.234,56 €", "1234.56"),
    ("1\u00a0234,56\u00a0€", "1234.56"),
    ("1\u202f234,56 €", "1234.56"),
    ("12,5€", "12.50"),
    ("EUR 89,90", "89.90"),
])
def test_amounts_with_a_currency_marker_are_normalized_to_two_decimals(written, normalized):
    f = only(f"Reste à charge : {written} après remboursement.", "amount")
    assert (f.value, f.normalized) == (written, normalized)


def test_a_number_without_currency_is_not_an_amount():
    assert fields("J'ai consulté 3 fois, pour 120 séances en tout.", "amount") == []


def test_amount_parsing_treats_three_digit_groups_as_thousands():
    assert [parse_amount(n) for n in ("1.234", "1,234.5", "0,99")] == ["1234.00", "1234.50", "0.99"]


# --- IBAN -------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "FR76 3000 6000 0112 3456 7890 189",
    "FR7630006000011234567890189",
    "DE89 3704 0044 0532 0130 00",
    "BE68 5390 0754 7034",
    "GB82 WEST 1234 5698 7654 32",
    "CH93 0076 2011 6238 5295 7",
])
def test_a_valid_iban_is_found_spaced_or_not(written):
    compact = written.replace(" ", "")
    assert iban_remainder_by_hand(compact) == 1
    f = only(f"Merci de rembourser sur le compte {written} au nom de M. Martin.", "iban")
    assert (f.value, f.normalized, f.valid, f.confidence) == (written, compact, True, 0.99)


def test_an_iban_with_a_wrong_checksum_is_reported_invalid():
    assert iban_remainder_by_hand("FR7630006000011234567890188") != 1
    f = only("IBAN : FR76 3000 6000 0112 3456 7890 188", "iban")
    assert (f.valid, f.note) == (False, "IBAN checksum (mod 97) fails")


def test_an_iban_too_short_for_its_country_is_reported_invalid():
    f = only("IBAN : FR76 3000 6000 0112 3456 7890 18", "iban")
    assert not f.valid and "expected 27" in f.note


def test_words_after_an_iban_are_not_swallowed_into_it():
    f = only("RIB FR76 3000 6000 0112 3456 7890 189 BNPA FRPP", "iban")
    assert f.normalized == "FR7630006000011234567890189"


def test_no_phone_number_is_found_inside_an_iban():
    found = fields("IBAN FR76 3000 6000 0112 3456 7890 189 et FR14 2004 1010 0505 0001 3M02 606")
    assert {f.kind for f in found} == {"iban"}


def test_the_mod_97_helper_agrees_with_a_hand_computation():
    for iban in ("FR1420041010050500013M02606", "NL91ABNA0417164300", "LU280019400644750000"):
        assert checks.iban_mod97(iban) == iban_remainder_by_hand(iban) == 1


# --- NIR --------------------------------------------------------------------

@pytest.mark.parametrize("written, thirteen", [
    ("1 85 05 78 006 084 91", "1850578006084"),
    ("185057800608491", "1850578006084"),
    ("2 90 02 2A 004 012 18", "290022A004012"),
    ("2 90 02 2B 004 012 45", "290022B004012"),
])
def test_a_social_security_number_with_the_right_key_is_valid(written, thirteen):
    assert nir_key_by_hand(thirteen) == int(written[-2:])
    f = only(f"N° de sécurité sociale : {written}", "nir")
    assert (f.value, f.normalized, f.valid) == (written, thirteen + written[-2:], True)


def test_a_social_security_number_with_a_wrong_key_is_reported_invalid():
    f = only("N° SS : 1 85 05 78 006 084 36", "nir")
    assert not f.valid and "expected 91" in f.note


def test_no_phone_number_is_found_inside_a_social_security_number():
    assert [f.kind for f in fields("NIR 2 06 01 75 108 123 45")] == ["nir"]


# --- phones and e-mails -----------------------------------------------------

@pytest.mark.parametrize("written, e164", [
    ("01 23 45 67 89", "+33123456789"),
    ("01.23.45.67.89", "+33123456789"),
    ("0123456789", "+33123456789"),
    ("06-12-34-56-78", "+33612345678"),
    ("+33 1 23 45 67 89", "+33123456789"),
    ("+33 (0)1 23 45 67 89", "+33123456789"),
    ("+33612345678", "+33612345678"),
    ("0033 6 12 34 56 78", "+33612345678"),
    ("07 07 22 07 O1", "+33707220701"),
    ("O6.12.34.56.78", "+33612345678"),
])
def test_french_phone_numbers_are_normalized_to_e164(written, e164):
    f = only(f"Vous pouvez me joindre au {written} le matin.", "phone")
    assert (f.value, f.normalized) == (written, e164)


@pytest.mark.parametrize("text", [
    "Numéro de facture 012345678901",
    "Code 9 01 23 45 67 89 12",
    "Téléphone : 00 12 34 56 78",
])
def test_longer_digit_runs_and_non_french_numbers_are_not_phones(text):
    assert fields(text, "phone") == []


def test_an_email_address_is_lower_cased():
    f = only("Répondez à Marie.Dupont-Lefevre@Mutuelle-Exemple.FR, merci.", "email")
    assert f.value == "Marie.Dupont-Lefevre@Mutuelle-Exemple.FR"
    assert f.normalized == "marie.dupont-lefevre@mutuelle-exemple.fr"


def test_an_at_sign_without_domain_is_not_an_email():
    assert fields("Tarif @ 20 % : voir conditions@", "email") == []


# --- a whole letter ---------------------------------------------------------

def test_a_complete_claim_letter_yields_each_field_once():
    letter = (
        "Objet : demande de remboursement – dossier " + VALID_REF + "\n"
        "Madame, Monsieur,\n"
        "Adhérent n° 40213377, contrat n° MU-204518, je vous adresse la facture du "
        "14 février 2026 (optique) d'un montant de 389,00 € dont 150 € restent à ma charge.\n"
        "Mon numéro de sécurité sociale : 1 85 05 78 006 084 91.\n"
        "Remboursement sur FR76 3000 6000 0112 3456 7890 189.\n"
        "Tél. : 06 12 34 56 78 – courriel : jean.martin@example.fr\n"
    )
    by_kind = {}
    for f in fields(letter):
        by_kind.setdefault(f.kind, []).append(f.normalized)
    assert by_kind == {
        "case_ref": [VALID_REF], "member_number": ["40213377"], "policy_number": ["MU-204518"],
        "date": ["2026-02-14"], "amount": ["389.00", "150.00"], "nir": ["185057800608491"],
        "iban": ["FR7630006000011234567890189"], "phone": ["+33612345678"],
        "email": ["jean.martin@example.fr"],
    }


def test_spans_of_kept_fields_never_overlap():
    text = "FR76 3000 6000 0112 3456 7890 189 / 01.23.45.67.89 / 1 85 05 78 006 084 91 / 12.03.26"
    spans = sorted((f.start, f.end) for f in fields(text))
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert not re.search(r"\d", "".join(c if not any(s <= i < e for s, e in spans) else " "
                                        for i, c in enumerate(text)))
