"""Letters that cut values at a line end: deterministic, other draws unchanged, each value cut once where letters cut it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import phonenumbers
import pytest

from samples.letters import ground_truth_fields, make_letter, render_letter, wrapped_truth_fields
from samples.wrapping import KINDS, cut_after_dash, cut_amount, cut_date, cut_email, cut_groups


def test_wrapping_changes_no_other_draw_of_a_seed():
    for seed in range(40):
        plain, cut = make_letter(seed, wrap_share=0.0), make_letter(seed, wrap_share=1.0)
        assert replace(cut, wrapped=(), wrap_text="") == plain


def test_the_same_seed_wraps_the_same_values_at_the_same_places():
    assert make_letter(17, wrap_share=1.0) == make_letter(17, wrap_share=1.0)


def test_about_a_third_of_the_letters_wrap_some_value_by_default():
    share = sum(bool(make_letter(seed).wrapped) for seed in range(300)) / 300
    assert 0.2 < share < 0.4


def test_every_kind_is_cut_somewhere_in_a_hundred_letters():
    assert {kind for seed in range(100) for kind in make_letter(seed, wrap_share=1.0).wrapped} == set(KINDS)


@pytest.mark.parametrize("seed", range(0, 60, 5))
def test_each_cut_value_is_drawn_once_and_split_over_two_lines(seed):
    spec = make_letter(seed, wrap_share=1.0)
    _, truth = render_letter(spec, dpi=100)
    for kind, (value,) in wrapped_truth_fields(spec).items():
        assert value in ground_truth_fields(spec)[kind]
    pieces, lines = spec.wrap_text.replace("\u00a0", " ").split("\n"), truth.split("\n")
    assert len(pieces) == len(spec.wrapped) + 1
    for before, after in zip(pieces, pieces[1:]):
        tail, head = before.split(" ")[-1], after.split(" ")[0]
        assert any(a.endswith(tail) and b.startswith(head) for a, b in zip(lines, lines[1:])), (tail, head)
    if "member_number" in spec.wrapped:
        assert f"N° adhérent : {spec.member_number}" not in truth  # the references block no longer holds it
    if "iban" in spec.wrapped:
        assert "IBAN :" not in truth


def test_values_are_cut_only_where_a_line_may_end():
    rng = random.Random(3)
    for _ in range(30):
        assert cut_amount(123450, rng) in ("1\u00a0234,\n50\u00a0€", "1\u00a0234,50\n€")
        assert cut_after_dash("IN-7K3M-9QX2", rng) in ("IN-\n7K3M-9QX2", "IN-7K3M-\n9QX2")
        assert cut_email("marie.dupont@example.fr", rng) == "marie.dupont@example.\nfr"
        assert cut_date(date(2026, 3, 12), rng) in ("12\nmars\u00a02026", "12\u00a0mars\n2026")
        first, second = cut_groups("FR76 3000 6000 0112 3456 7890 189", rng).replace("\u00a0", " ").split("\n")
        assert f"{first} {second}" == "FR76 3000 6000 0112 3456 7890 189"


def test_every_generated_phone_number_is_in_service():
    phones = [make_letter(seed).phone for seed in range(400)]
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(p, "FR")) for p in phones if p)
