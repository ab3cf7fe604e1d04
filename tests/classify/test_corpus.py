"""The generated training corpus: deterministic, varied, and split by wording."""

from __future__ import annotations

import re

from classify import corpus_wording as wording
from classify.corpus import SPLITS, build_corpus, generate, split_of, telegraph, variants
from classify.model import HEADS

SMALL = {"train": 300, "dev": 120, "test": 120}


def banks() -> dict[str, tuple[str, ...]]:
    """Every partitioned phrase bank, by a readable name."""
    found = {f"{name} asks": spec["asks"] for name, spec in wording.INTENTS.items()}
    found |= {f"{name} notes": spec["notes"] for name, spec in wording.INTENTS.items()}
    found |= {f"phrase {name}": bank for name, bank in wording.PHRASES.items()}
    found |= {f"urgency {level}": bank for level, bank in wording.URGENCY.items()}
    for name in ("CONTEXTS", "BACKGROUND", "CLOSINGS_FORMAL", "PHONE_OPENERS", "ASIDES", "WEBFORM_LAYOUTS"):
        found[name] = getattr(wording, name)
    return found


def test_the_same_seed_gives_the_same_corpus():
    assert build_corpus(7, SMALL) == build_corpus(7, SMALL)


def test_another_seed_gives_another_corpus():
    first, second = build_corpus(1, SMALL), build_corpus(2, SMALL)
    assert {s.text for s in first["train"]} != {s.text for s in second["train"]}


def test_no_text_appears_in_two_splits_nor_twice_in_one():
    corpus = build_corpus()
    texts = {split: [s.text for s in samples] for split, samples in corpus.items()}
    assert all(len(set(t)) == len(t) for t in texts.values())
    assert not set(texts["train"]) & set(texts["test"])
    assert not set(texts["train"]) & set(texts["dev"])
    assert not set(texts["dev"]) & set(texts["test"])


def test_every_phrase_bank_holds_out_wording_for_dev_and_test():
    for name, bank in banks().items():
        owned = {split: set(variants(bank, split)) for split in SPLITS}
        assert all(owned.values()), f"{name}: a split has no wording of its own"
        assert not owned["train"] & (owned["dev"] | owned["test"]), name


def test_test_samples_are_written_with_templates_the_training_split_never_uses():
    ask = wording.INTENTS["dent_quote"]["asks"]
    held_out = [a for i, a in enumerate(ask) if split_of(i) == "test"]
    prefixes = [a.split("{")[0] for a in held_out if not a.startswith("{")]
    train_texts = [s.text for s in generate("train", 600, seed=0)]
    assert prefixes and not any(p in t for p in prefixes for t in train_texts)


def test_every_label_of_every_head_and_every_channel_appears_in_each_split():
    for samples in build_corpus(0, SMALL).values():
        for head, labels in HEADS.items():
            assert {getattr(s, head) for s in samples} == set(labels), head
        assert {s.channel for s in samples} == {"email", "letter", "webform", "phone"}


def test_the_hard_cases_are_in_the_held_out_split():
    test = build_corpus()["test"]
    intents = {s.intent for s in test}
    assert {"comp_dental", "cert_hosp", "comp_legal"} <= intents  # dental complaints, certificates for a stay
    assert any(s.mixed for s in test)
    assert all(s.topic == "complaint" for s in test if s.intent == "comp_dental")
    assert all(s.topic == "certificate" and s.complexity == "simple" for s in test if s.intent == "cert_hosp")


def test_lengths_run_from_one_line_forms_to_long_letters():
    samples = build_corpus(0, SMALL)["train"]
    lengths = {channel: [len(s.body) for s in samples if s.channel == channel] for channel in ("webform", "letter")}
    assert min(lengths["webform"]) < 120
    assert max(lengths["letter"]) > 700
    assert all(s.body.count("\n") >= 8 for s in samples if s.channel == "letter")


def test_phone_notes_are_telegraphic_and_some_letters_carry_ocr_damage():
    samples = build_corpus(0, SMALL)["train"]
    notes = [s.body for s in samples if s.channel == "phone"]
    assert not any(n.startswith(("Bonjour", "Madame")) for n in notes)
    assert any(re.search(r"\b(?:rbt|dde|PEC|adh\.)", n) for n in notes)
    letters = [s.body for s in samples if s.channel == "letter"]
    assert any(re.search(r"[a-z][01][a-z]|\w-\n\w", letter) for letter in letters)


def test_a_member_sentence_becomes_a_call_note_without_small_words():
    note = telegraph("Je vous écris pour savoir si vous avez reçu la facture de mon opticien.")
    assert note == "écris savoir si reçu facture opticien."
    assert "pas" in telegraph("Je ne suis pas d'accord avec le décompte.")  # negations survive
