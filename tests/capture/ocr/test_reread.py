"""E-mail addresses read again alone in English, on real Tesseract."""

from __future__ import annotations

import random

from PIL import Image, ImageFont

from capture.ocr.pages import ocr_image
from capture.ocr.reread import better_reading, reread_addresses, split_address
from capture.ocr.words import Word, tsv_words
from samples.letters import TOPICS, make_letter, render_letter
from tests.capture.ocr.test_tessapi import FONT, line_image

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "5\t1\t1\t1\t1\t1\t100\t50\t120\t40\t95.1\tCourriel\n"
    "5\t1\t1\t1\t1\t2\t240\t50\t400\t40\t88.6\tsylvie.blanc@exambple.fr\n"
    "4\t1\t1\t1\t1\t0\t100\t50\t540\t40\t-1\t\n"
)


def bench_page(seed: int) -> Image.Image:
    """The page ``bench/capture.py`` renders for ``seed``."""
    rng = random.Random(seed)
    spec = make_letter(seed, TOPICS[seed % len(TOPICS)])
    skew = round(rng.uniform(-5.0, 5.0), 2)
    image, _ = render_letter(spec, dpi=300, skew_degrees=skew, noise=rng.uniform(0.05, 0.15),
                             blur=rng.uniform(0.3, 0.8))
    return image


def test_the_letterhead_address_french_bends_is_read_right_on_the_page():
    # seed 20041: fra+eng reads the Vera letterhead's "@example.fr" as "@exambple.fr" at 89% confidence
    text = ocr_image(bench_page(20041), "fra+eng").text
    assert "sylvie.blanc@example.fr" in text and "exambple" not in text


def test_an_english_reading_of_one_address_replaces_the_pages():
    image = line_image("contact@example.fr")
    word = Word("contact@exambple.fr", 0.89, (0, 0, image.width, image.height))
    assert better_reading(image, word, 300) == "contact@example.fr"


def test_punctuation_caught_at_the_edge_of_the_crop_is_not_part_of_the_address():
    image = line_image("- contact@example.fr")
    word = Word("contact@exambple.fr", 0.89, (0, 0, image.width, image.height))
    assert better_reading(image, word, 300) == "contact@example.fr"


def test_a_reading_far_from_the_pages_is_not_taken():
    image = line_image("dossiers@mutuelle-sante.fr")
    assert better_reading(image, Word("contact@exambple.fr", 0.2, (0, 0, image.width, image.height)), 300) is None


def test_an_english_reading_that_only_puts_a_space_after_the_inner_dot_changes_nothing():
    image = line_image("claire. vincent@example.fr")
    word = Word("claire.vincent@example.fr", 0.5, (0, 0, image.width, image.height))
    assert better_reading(image, word, 300) is None


def test_an_english_reading_with_a_space_after_the_inner_dot_still_mends_the_domain():
    image = line_image("amelie. moreau@example.fr")
    word = Word("amelie.moreau@exambple.fr", 0.54, (0, 0, image.width, image.height))
    assert better_reading(image, word, 300) == "amelie.moreau@example.fr"


def page_words(text: str) -> tuple[Image.Image, list[Word]]:
    """A line of text and its words with their boxes, as Tesseract's TSV would give them."""
    font, image = ImageFont.truetype(FONT, 42), line_image(text)
    left = 20 - font.getbbox(text)[0]
    words, at = [], 0
    for token in text.split(" "):
        start = left + font.getlength(text[:at])
        words.append(Word(token, 0.5, (round(start), 10, round(start + font.getlength(token)), image.height - 10)))
        at += len(token) + 1
    return image, words


def test_an_address_the_page_read_as_two_words_is_joined_when_english_reads_one():
    image, words = page_words("Courriel : nicolas.faure@example.fr")
    dot = words[2].box[0] + round(ImageFont.truetype(FONT, 42).getlength("nicolas."))
    words[2:] = [Word("nicolas.", 0.02, (words[2].box[0], 10, dot, image.height - 10)),
                 Word("faure@example.fr", 0.02, (dot + 8, 10, words[2].box[2], image.height - 10))]
    text = "Courriel : nicolas. faure@example.fr"
    assert reread_addresses(image, words, text) == "Courriel : nicolas.faure@example.fr"


def test_a_word_ending_in_a_dot_before_an_address_stays_a_word_of_its_own():
    image, words = page_words("Envoyé le 12. faure@example.fr")
    assert split_address(words[2], words[3]) is not None  # it looks like a split address...
    text = "Envoyé le 12. faure@example.fr"
    assert reread_addresses(image, words, text) == text  # ...but English reads two words there


def test_words_apart_or_not_ending_in_an_address_mark_are_never_joined():
    box = (0, 0, 100, 40)
    address = Word("faure@example.fr", 0.9, (110, 0, 400, 40))
    assert split_address(Word("nicolas", 0.9, box), address) is None
    assert split_address(Word("nicolas.", 0.9, (0, 0, 50, 40)), address) is None  # 60 px away
    assert split_address(Word("nicolas.", 0.9, (0, 100, 100, 140)), address) is None  # another line


def test_the_replacement_touches_whole_words_only_and_keeps_their_punctuation():
    image = line_image("contact@example.fr")
    box = (0, 0, image.width, image.height)
    words = [Word("Courriel", 0.95, box), Word("contact@exambple.fr", 0.5, box),
             Word("(contact@exambple.fr),", 0.5, box)]
    text = "Courriel contact@exambple.fr ou xcontact@exambple.fr (contact@exambple.fr),"
    assert reread_addresses(image, words, text) == ("Courriel contact@example.fr ou xcontact@exambple.fr"
                                                    " (contact@example.fr),")


def test_only_words_with_an_at_sign_are_read_again():
    image = line_image("contact@example.fr")
    words = list(tsv_words(TSV.replace("sylvie.blanc@exambple.fr", "sylvie.blanc-exambple.fr")))
    assert reread_addresses(image, words, "sylvie.blanc-exambple.fr") == "sylvie.blanc-exambple.fr"
