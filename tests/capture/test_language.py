"""Language detection on member mail, scans and OCR output."""

from __future__ import annotations

import pytest

from capture.language import detect_language


def test_a_french_complaint_is_french():
    text = ("Madame, Monsieur, je conteste le refus de prise en charge de mon hospitalisation "
            "du 12 mars. Je vous remercie de bien vouloir réexaminer mon dossier.")
    assert detect_language(text) == "fr"


def test_an_english_message_is_english():
    text = ("Dear Sir or Madam, I am writing about the refund of my dental care. "
            "Please find attached the invoice from my dentist. Kind regards.")
    assert detect_language(text) == "en"


def test_french_typed_without_accents_is_still_french():
    assert detect_language("je n'ai toujours pas ete rembourse de mes lunettes, merci de verifier") == "fr"


def test_noisy_ocr_of_a_french_letter_is_still_french():
    ocr = ("Vei11ez trouv3r ci-j0int la fact ure de l' hôpita1 p0ur mon hospita1isation "
           "du l2 mars. Je vous remerc ie par avance ; cordia1ement")
    assert detect_language(ocr) == "fr"


def test_a_french_invoice_with_few_sentences_is_french():
    assert detect_language("FACTURE N° 2026-001  Patient : DUPONT Jean  Montant : 120,00 €  "
                           "Remboursement Sécurité sociale : 84,00 €") == "fr"


def test_typographic_apostrophes_count_as_french_elisions():
    assert detect_language("J’ai reçu l’avis d’échéance qu’il m’a envoyé hier soir") == "fr"


@pytest.mark.parametrize("text", ["", "   ", "Bonjour", "12/03/2026 45,00 €", "FR76 3000 6000 0112"])
def test_too_little_text_gives_no_language(text):
    assert detect_language(text) is None


def test_a_text_with_no_stopword_of_either_language_gives_no_language():
    assert detect_language("Lorem ipsum dolor sit amet consectetur adipiscing elit") is None
