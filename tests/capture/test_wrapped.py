"""Values a line break cuts in two: joined and checked, and never a wrong value where the lines held a right one."""

from __future__ import annotations

import random

import pytest

from capture.fields import FieldPatterns, extract_fields
from capture.wrapped import JOINED_NOTE, joints
from intake.refs import make_case_ref
from samples.letters import ground_truth_fields, make_letter, render_letter
from intake.settings import DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN

PATTERNS = FieldPatterns.from_strings(DEFAULT_MEMBER_PATTERN, DEFAULT_POLICY_PATTERN)
REF = make_case_ref("wrapped-1")


def valid(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.normalized) for f in extract_fields(text, "body", PATTERNS) if f.valid}


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("IBAN : FR76 3000 6000\n0112 3456 7890 189 pour le remboursement", "iban", "FR7630006000011234567890189"),
    ("IBAN FR76 3000 6000 01\n12 3456 7890 189", "iban", "FR7630006000011234567890189"),
    ("un reste à charge de 1 234,\n50 € après remboursement", "amount", "1234.50"),
    ("un reste à charge de 1 234,50\n€ après remboursement", "amount", "1234.50"),
    ("soit EUR\n89,90 au total", "amount", "89.90"),
    ("hospitalisation prévue le 12\nmars 2026 à la clinique", "date", "2026-03-12"),
    ("hospitalisation prévue le 12 mars\n2026 à la clinique", "date", "2026-03-12"),
    ("consultation du 1er\navril 2026", "date", "2026-04-01"),
    ("consultation du ler\n\nmai 2026", "date", "2026-05-01"),
    ("consultation du 12/03/\n2026", "date", "2026-03-12"),
    (f"suite au dossier {REF[:3]}\n{REF[3:]} déjà ouvert", "case_ref", REF),
    (f"suite au dossier {REF[:8]}\n{REF[8:]} déjà ouvert", "case_ref", REF),
    ("je vous rappelle mon n° adhérent : 1234\n5678 pour le suivi", "member_number", "12345678"),
    ("au titre de mon contrat n° MS-\n123456 souscrit en 2019", "policy_number", "MS-123456"),
    ("mon numéro de sécurité sociale est le 1 85 05 78 006\n084 91 pour info", "nir", "185057800608491"),
    ("vous pouvez me joindre au 06 12 34\n56 78 en journée", "phone", "+33612345678"),
    ("vous pouvez me joindre au +33\n6 12 34 56 78 en journée", "phone", "+33612345678"),
    ("vous pouvez me joindre au 06.12.34.\n56.78 en journée", "phone", "+33612345678"),
    ("écrivez-moi à jean-\npierre.martin@example.fr merci", "email", "jean-pierre.martin@example.fr"),
    ("écrivez-moi à marie.dupont@mutuelle-\nexemple.fr merci", "email", "marie.dupont@mutuelle-exemple.fr"),
    ("écrivez-moi à marie.dupont@example.\nfr merci", "email", "marie.dupont@example.fr"),
])
def test_a_value_cut_at_a_line_end_is_joined_and_found_once(text, kind, value):
    found = [f for f in extract_fields(text, "body", PATTERNS) if f.kind == kind]
    assert [(f.normalized, f.valid) for f in found] == [(value, True)]
    assert text[found[0].start:found[0].end] == found[0].value and "\n" in found[0].value


def test_a_value_joined_on_layout_alone_is_less_sure_and_says_so():
    joined = next(f for f in extract_fields("payé le 12\nmars 2026", "body", PATTERNS) if f.kind == "date")
    whole = next(f for f in extract_fields("payé le 12 mars 2026", "body", PATTERNS) if f.kind == "date")
    assert joined.note == JOINED_NOTE and joined.confidence < whole.confidence


def test_a_joined_iban_is_kept_only_if_its_checksum_holds():
    found = [f for f in extract_fields("IBAN : FR76 3000 6000\n0112 3456 7890 188", "body", PATTERNS)
             if f.kind == "iban" and f.valid]
    assert found == []


def test_the_ocr_tolerant_readings_still_hold_across_a_line_break():
    (email,) = [f for f in extract_fields("Courriel : marie.dupont©example.\nfr", "body", PATTERNS)]
    assert (email.normalized, email.valid) == ("marie.dupont@example.fr", True)
    assert JOINED_NOTE in email.note and "'©' taken as '@'" in email.note
    ref = next(r for r in (make_case_ref(f"wrapped-{n}") for n in range(500)) if "J" in r[8:])
    damaged = ref[:8] + ref[8:].replace("J", "}", 1)
    assert ("case_ref", ref) in valid(f"Réf. {damaged[:8]}\n{damaged[8:]}")


@pytest.mark.parametrize(("text", "expected"), [
    # a year and its comma before an amount on the next line: the amount stands alone
    ("Depuis 2025,\n50 € me restent à charge chaque mois.", {("amount", "50.00")}),
    # a count before an amount: no thousands group is made across a line
    ("J'ai réglé les 3\n100,00 € restants.", {("amount", "100.00")}),
    # a sentence's full stop is no dot of an address
    ("Merci d'écrire à l'adresse suivante.\ncontact@mutuelle.fr", {("email", "contact@mutuelle.fr")}),
    # a whole address ending a sentence keeps its place
    ("Écrivez à marie@orange.fr.\nFrance Mutuelle vous répondra.", {("email", "marie@orange.fr")}),
    # a whole IBAN, then a line of digits
    ("IBAN FR76 3000 6000 0112 3456 7890 189\n1234 5678 9012", {("iban", "FR7630006000011234567890189")}),
    # a whole phone number, then a date
    ("Tél. 06 12 34 56 78\n12 mars 2026", {("phone", "+33612345678"), ("date", "2026-03-12")}),
    # a whole member number, then a street number
    ("N° adhérent : 12345678\n9 rue de la Paix", {("member_number", "12345678")}),
    # a whole NIR, then a street number
    ("NIR 1 85 05 78 006 084 91\n12 rue Pasteur", {("nir", "185057800608491")}),
    # a whole reference, then a year
    (f"Réf. dossier : {REF}\n2026 a été difficile", {("case_ref", REF)}),
    # an amount, then a date
    ("Total : 45,00 €\n12 mars 2026", {("amount", "45.00"), ("date", "2026-03-12")}),
])
def test_a_joined_value_never_replaces_a_right_value_the_lines_held(text, expected):
    assert valid(text) == expected


@pytest.mark.parametrize("seed", range(30))
def test_line_breaks_between_the_values_of_a_letter_change_no_value(seed):
    spec = make_letter(seed, wrap_share=0.0)
    _, text = render_letter(spec, dpi=72)
    before = valid(text)
    assert before == {(k, v) for k, vs in ground_truth_fields(spec).items() if k != "person" for v in vs}
    spans = [(f.start, f.end) for f in extract_fields(text, "body", PATTERNS)]
    spaces = [i for i, c in enumerate(text) if c == " " and not any(s <= i < e for s, e in spans)]
    rng = random.Random(seed)
    for _ in range(5):
        broken = list(text)
        for i in rng.sample(spaces, len(spaces) // 4):
            broken[i] = rng.choice(("\n", "\n\n"))
        assert valid("".join(broken)) == before


@pytest.mark.parametrize("seed", range(30))
def test_every_value_a_sample_letter_cuts_is_read_whole_from_its_text(seed):
    spec = make_letter(seed, wrap_share=1.0)
    _, text = render_letter(spec, dpi=72)
    assert valid(text) == {(k, v) for k, vs in ground_truth_fields(spec).items() if k != "person" for v in vs}


def test_only_line_breaks_with_a_digit_or_an_at_sign_beside_them_are_looked_at():
    text = "Madame,\nje vous écris le 12\n\n\nmars.\n\nIBAN FR76\n3000 6000"
    assert [text[j.start:j.end] for j in joints(text)] == ["IBAN FR76\n3000 6000"]


def test_a_value_ocr_parted_by_a_blank_line_is_joined_too():
    assert valid("mon n° adhérent : 5428\n\n1328. Ma demande") == {("member_number", "54281328")}
