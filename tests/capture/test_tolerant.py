"""Tolerant readings of OCR-damaged case references and e-mail addresses."""

from __future__ import annotations

import pytest

from capture.tolerant import CASE_REF, CLEAN, CORRECTED, EMAIL, REPAIRED, read_case_ref, read_email
from intake.refs import make_case_ref, normalize

REFS = [make_case_ref(f"tolerant-{n}") for n in range(400)]
REF = REFS[0]
LOOK_ALIKES = {"S": "5", "5": "S", "B": "8", "8": "B", "Z": "2", "2": "Z", "G": "6", "6": "G", "A": "4", "4": "A"}


def reading(text: str):
    """What the tolerant reader makes of the first reference-shaped token in ``text``."""
    match = CASE_REF.search(text)
    return match and read_case_ref(match)


def email(text: str):
    match = EMAIL.search(text)
    return match and read_email(match)


def swapped(ref: str, at: int) -> str:
    """``ref`` with the character at ``at`` replaced by its look-alike."""
    return ref[:at] + LOOK_ALIKES[ref[at]] + ref[at + 1:]


def other_confusions_that_pass(damaged: str, at: int) -> list[str]:
    """Independently of the reader: every other single look-alike swap of ``damaged`` that validates."""
    spots = [i for i, c in enumerate(damaged) if c in LOOK_ALIKES and i >= 3 and i != at]
    return [s for s in (normalize(swapped(damaged, i)) for i in spots) if s]


def with_extra(ref: str, at: int, extra: str) -> str:
    return ref[:at] + extra + ref[at:]


def has_digit(damaged: str) -> bool:
    """Corrections are only guessed on a token with a digit (so all-caps words are left alone)."""
    return any(c.isdigit() for c in damaged[2:])


# --- case references read as written, whatever the separators ------------------

@pytest.mark.parametrize("layout", ["IN—{}—{}", "IN–{}–{}", "IN_{}_{}", "IN.{}.{}", "IN {}  {}", "IN:{}-{}",
                                    "IN: {} - {}", "IN{}-{}"])
def test_a_reference_with_its_dashes_read_as_other_marks_or_spaces_is_read_as_written(layout):
    r = reading("Réf. dossier : " + layout.format(REF[3:7], REF[8:]))
    assert (r.normalized, r.confidence, r.note) == (REF, CLEAN, None)


@pytest.mark.parametrize("prefix", ["1N", "lN", "|N"])
def test_a_prefix_read_with_a_one_or_a_bar_is_taken_as_in_and_noted(prefix):
    r = reading(f"Réf. dossier : {prefix}{REF[2:]}")
    assert (r.normalized, r.confidence) == (REF, REPAIRED)
    assert f"prefix {prefix} taken as IN" in r.note


def test_a_u_which_no_reference_contains_is_taken_as_v():
    ref = next(r for r in REFS if "V" in r)
    r = reading(ref.replace("V", "U"))
    assert (r.normalized, r.confidence) == (ref, REPAIRED)


# --- one confusable character ----------------------------------------------------

def test_a_single_look_alike_is_corrected_exactly_when_no_other_look_alike_also_passes_the_check():
    corrected = refused = 0
    for ref, at in ((r, i) for r in REFS[:150] for i in range(3, 12) if r[i] in LOOK_ALIKES):
        damaged = swapped(ref, at)
        if not has_digit(damaged):
            continue
        r = reading(f"Réf. dossier : {damaged}")
        if other_confusions_that_pass(damaged, at):
            assert r is None, damaged
            refused += 1
        else:
            assert (r.normalized, r.confidence) == (ref, CORRECTED), damaged
            corrected += 1
    assert corrected > 3 * refused > 0  # both branches are exercised, and most damage is put right


def test_a_corrected_look_alike_is_recorded_in_the_note():
    ref, at = next((r, i) for r in REFS for i in range(3, 12)
                   if r[i] == "8" and not other_confusions_that_pass(swapped(r, i), i))
    r = reading(swapped(ref, at))
    assert r.normalized == ref
    assert "B at position" in r.note and "taken as 8" in r.note


def test_a_wrong_character_that_is_no_look_alike_of_the_right_one_is_not_guessed_back():
    ref, at = next((r, i) for r in REFS for i in range(3, 12) if r[i] == "K")
    damaged = ref[:at] + "X" + ref[at + 1:]
    r = reading(damaged)
    assert r is None or r.normalized != ref  # K and X are not a confusion pair: never restored


# --- one extra character -----------------------------------------------------------

def test_the_benchmark_reference_read_with_a_stray_parenthesis_and_an_extra_a_is_put_right():
    r = reading("Réf. dossier : IN-6(WGM-A4NY9")
    assert (r.normalized, r.confidence) == ("IN-6WGM-4NY9", CORRECTED)
    assert r.note == "read leniently: stray ( dropped; extra A at position 5 dropped"


def test_an_extra_character_is_dropped_when_exactly_one_place_in_the_longer_half_passes_the_check():
    cases = [(ref, at, extra) for ref in REFS[:60] for at in (4, 6, 9, 11) for extra in "7KX"]
    outcomes = []
    for ref, at, extra in filter(lambda case: has_digit(with_extra(*case)), cases):
        damaged = with_extra(ref, at, extra)
        half = range(3, 8) if at < 8 else range(8, 13)
        passing = {normalize(damaged[:i] + damaged[i + 1:]) for i in half} - {None}
        r = reading(damaged)
        assert (r.normalized if r else None) == (ref if passing == {ref} else None), damaged
        outcomes.append(r is not None)
    assert 0 < outcomes.count(False) < outcomes.count(True)


def test_an_extra_character_with_two_places_that_pass_the_check_is_refused_as_ambiguous():
    damaged = next(d for d in (with_extra(r, at, x) for r in REFS for at in (4, 5, 6) for x in "7KX")
                   if len({normalize(d[:i] + d[i + 1:]) for i in range(3, 8)} - {None}) > 1)
    assert reading(damaged) is None


@pytest.mark.parametrize("body", ["6WG-M4NY9", "6WGM-4NY", "6WGMM-4NYY9", "6WGM4NY9XYZ"])
def test_a_reference_two_or_more_characters_off_is_not_guessed(body):
    assert reading(f"IN-{body}") is None


@pytest.mark.parametrize("text", ["IN-(6WG-4NY9", "IN-6WG(-4NY9"])
def test_a_mark_at_either_end_of_a_half_is_punctuation_not_a_speck(text):
    assert reading(text) is None


@pytest.mark.parametrize("closing", ["'", "’", ")", "]"])
def test_a_closing_mark_right_after_a_reference_stays_out_of_it(closing):
    match = CASE_REF.search(f"(réf. {REF}{closing} merci")
    assert (match.group(0), read_case_ref(match).confidence) == (REF, CLEAN)


# --- guesses only where the token is plainly a reference ----------------------------

@pytest.mark.parametrize("text", ["in-6wgm-a4ny9", "IN 6WGM A4NY9", "IN-HOUSE TEAM", "The data IN THIS CASE hold."])
def test_no_correction_is_guessed_without_a_capital_n_a_digit_and_a_dash(text):
    assert reading(text) is None


def test_a_digit_free_token_is_not_corrected_even_in_the_shape_of_a_reference():
    ref = next(r for r in REFS if not has_digit(r))
    assert reading(ref).normalized == ref
    damaged = ref[:3] + "X" + ref[3:]
    assert reading(damaged) is None


def test_english_in_followed_by_words_is_no_reference():
    assert [w for w in ("in extremis", "in this case", "IN 2024, 2025") if reading(w)] == []


# --- e-mail addresses ----------------------------------------------------------------

@pytest.mark.parametrize("written", ["marie.dupont©example.fr", "marie.dupont(a)example.fr",
                                     "marie.dupont(at)example.fr", "marie.dupont[at]example.fr"])
def test_an_at_sign_read_as_a_look_alike_is_mended_and_noted(written):
    r = email(f"Courriel : {written}")
    assert (r.normalized, r.confidence) == ("marie.dupont@example.fr", 0.8)
    assert "taken as '@'" in r.note


@pytest.mark.parametrize("written", ["marie.dupont @ example.fr", "marie.dupont@ example.fr",
                                     "marie.dupont @example.fr"])
def test_spaces_beside_the_at_sign_are_dropped(written):
    r = email(f"Courriel : {written}")
    assert (r.normalized, r.note) == ("marie.dupont@example.fr", "read leniently: spaces beside '@' dropped")


@pytest.mark.parametrize("written, address", [("jean@orange. fr", "jean@orange.fr"),
                                              ("jean@orange .fr", "jean@orange.fr"),
                                              ("jean@orange,fr", "jean@orange.fr"),
                                              ("jean @ orange. com", "jean@orange.com")])
def test_a_space_or_comma_at_the_dot_of_a_well_known_tld_is_mended(written, address):
    r = email(f"Écrivez-moi à {written} merci")
    assert (r.normalized, r.confidence) == (address, 0.8)
    assert "TLD dot mended" in r.note


def test_a_plain_address_is_read_as_written_and_fully_sure():
    r = email("Courriel : Marie.Dupont@Example.FR")
    assert (r.normalized, r.confidence, r.note) == ("marie.dupont@example.fr", 0.95, None)


@pytest.mark.parametrize("text", [
    "jean@orange. France",  # a sentence goes on after a bare domain
    "jean@orange. xyz",  # a spaced dot before an unknown TLD
    "jean@orange,frites",  # a comma before a word that only starts like a TLD
    "Rendez-vous @ 14h",  # no domain at all
    "Tarif @ 20 % : voir conditions@",
    "Copyright © 2026 mutuelle.fr",  # no local part against the sign
])
def test_forms_that_could_mean_something_else_are_not_read_as_addresses(text):
    assert email(text) is None


def test_a_sentence_ending_after_an_address_is_not_glued_onto_it():
    assert email("Écrivez à contact@mutuelle.fr. Com et fr sont des domaines.").normalized == "contact@mutuelle.fr"


def test_a_spaced_dot_after_a_dotted_domain_is_left_as_written():
    r = email("Voir jean@mail.orange. fr")
    assert (r.normalized, r.note) == ("jean@mail.orange", None)
