"""Generated mailroom batches: deterministic by seed, with a truth that agrees with the pages."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from samples.batches import SEPARATORS, make_batch, render_batch


def test_the_same_seed_gives_the_same_batch_and_the_same_pages():
    assert make_batch(7, letters=5, separator="qr") == make_batch(7, letters=5, separator="qr")
    first = [np.asarray(p) for p in itertools.islice(render_batch(make_batch(7, letters=5, separator="qr")), 3)]
    again = [np.asarray(p) for p in itertools.islice(render_batch(make_batch(7, letters=5, separator="qr")), 3)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


@pytest.mark.parametrize("separator", [*SEPARATORS, None])
def test_a_duplex_batch_has_a_separator_before_each_letter_when_asked_and_a_back_for_every_sheet(separator):
    batch = make_batch(11, letters=12, separator=separator)
    kinds = [page.kind for page in batch.pages]
    assert kinds.count("separator") == (12 if separator else 0)
    assert len(batch.boundaries()) == 11
    assert kinds.count("blank") >= len(kinds) // 2 - sum(plan.both_sides for plan in batch.letters) * 2


def test_a_batch_mixes_every_kind_of_letter_over_a_few_seeds():
    plans = [plan for seed in range(1, 5) for plan in make_batch(seed, letters=12).letters]
    assert {plan.kind for plan in plans} == {"single", "multi", "invoice", "near-empty", "reply", "handwritten"}
    assert any(plan.envelope and plan.postmark for plan in plans)
    assert any(plan.envelope and plan.postmark is None for plan in plans)


def test_every_content_page_belongs_to_a_letter_and_blank_backs_and_separators_to_none():
    batch = make_batch(3, letters=12, separator="patch-T")
    for page in batch.pages:
        assert (page.letter is None) == (page.kind in ("blank", "separator"))
    assert set(batch.content_pages().values()) == set(range(12))


def test_an_unknown_separator_is_refused():
    with pytest.raises(ValueError, match="unknown separator"):
        make_batch(1, separator="patch-9")
