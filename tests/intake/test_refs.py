"""Case references a member can quote, with a check character."""

from __future__ import annotations

import hashlib

from intake.refs import ALPHABET, make_case_ref, mistyped, normalize, one_substitution_away


def _refs(n: int) -> list[str]:
    return [make_case_ref(hashlib.sha256(str(i).encode()).hexdigest()) for i in range(n)]


def test_a_reference_is_deterministic_and_short():
    seed = hashlib.sha256(b"envelope").hexdigest()
    assert make_case_ref(seed) == make_case_ref(seed)
    assert len(make_case_ref(seed)) == len("IN-XXXX-XXXX")


def test_every_generated_reference_validates():
    assert all(normalize(ref) == ref for ref in _refs(500))


def test_a_reference_quoted_loosely_is_read_back():
    ref = _refs(1)[0]
    loose = ref.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize(loose) == ref


def test_any_single_mistyped_character_is_caught():
    for ref in _refs(50):
        body = ref.replace("IN-", "").replace("-", "")
        for position in range(8):
            for char in ALPHABET:
                if char == body[position]:
                    continue
                typo = body[:position] + char + body[position + 1:]
                assert normalize(f"IN-{typo[:4]}-{typo[4:]}") is None


def test_a_swap_of_two_neighbouring_characters_is_caught_in_most_cases():
    caught = total = 0
    for ref in _refs(200):
        body = ref.replace("IN-", "").replace("-", "")
        for i in range(7):
            if body[i] != body[i + 1]:
                swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
                total += 1
                caught += normalize(f"IN-{swapped[:4]}-{swapped[4:]}") is None
    assert caught / total > 0.95


def test_a_mistyped_reference_is_told_from_a_malformed_one_and_its_neighbours_found():
    known = _refs(50)
    ref = known[0]
    typo = ref[:5] + ALPHABET[(ALPHABET.index(ref[5]) + 1) % len(ALPHABET)] + ref[6:]
    assert mistyped(typo) and not mistyped(ref) and not mistyped("dossier 12")
    assert one_substitution_away(typo, known) == [ref]
    assert one_substitution_away(ref[:3] + "ZZ" + ref[5:], known) == []
