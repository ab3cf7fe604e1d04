"""Documents of a mailroom stack besides typed letters: envelope, reply form, invoice, handwriting.

Each is drawn at 300 dpi from the letter it comes with (its sender, its
dates), so that what the page shows and the batch's truth agree.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples import wording as W
from samples.batch_pages import DPI, MM, barcode_image, blank_page, signature
from samples.letters import LetterSpec, _font, format_eur, french_date

ENVELOPE_SIZES = {"DL": (220, 110), "C5": (229, 162)}


def _text(pen: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, pt: float = 11, style: str = "body",
          fill: int = 0) -> float:
    """Draw one line; the y of the next line."""
    font = _font("dejavu-sans", style, round(pt * DPI / 72))
    pen.text(xy, text, font=font, fill=fill)
    return xy[1] + font.size * 1.45


def _lines(pen: ImageDraw.ImageDraw, x: float, y: float, lines: list[str], pt: float = 11) -> float:
    for line in lines:
        y = _text(pen, (x, y), line, pt)
    return y


# -- the envelope --------------------------------------------------------------------------------


def envelope_page(rng: random.Random, spec: LetterSpec, posted: date, readable: bool) -> Image.Image:
    """The front of the envelope the letter came in: stamp, postmark dated ``posted``, the insurer's address."""
    width_mm, height_mm = ENVELOPE_SIZES[rng.choice(("DL", "DL", "C5"))]
    image = blank_page((round(width_mm * MM), round(height_mm * MM)))
    pen = ImageDraw.Draw(image)
    if rng.random() < 0.5:
        _lines(pen, 10 * MM, 8 * MM, [spec.sender_name, *spec.address], 8)
    _stamp(pen, image.width - 38 * MM, 8 * MM)
    _postmark(image, pen, rng, (image.width - 95 * MM, 10 * MM), posted, readable)
    window = (image.width * 0.48, image.height * 0.55)
    _lines(pen, *window, [W.INSURER_NAME, W.SERVICES.get(spec.topic, "Service Relation Adhérents"),
                          *W.INSURER_ADDRESS], 11)
    return image


def _stamp(pen: ImageDraw.ImageDraw, x: float, y: float) -> None:
    """A postage stamp: a dark frame, a filled picture, its value."""
    pen.rectangle([x, y, x + 28 * MM, y + 34 * MM], fill=235, outline=60, width=6)
    pen.rectangle([x + 4 * MM, y + 4 * MM, x + 24 * MM, y + 24 * MM], fill=110)
    _text(pen, (x + 4 * MM, y + 25 * MM), "LETTRE VERTE", 6, "bold", 40)


def _postmark(image: Image.Image, pen: ImageDraw.ImageDraw, rng: random.Random, at: tuple[float, float],
              posted: date, readable: bool) -> None:
    """A machine postmark: wavy lines, LA POSTE and the date (turned and faded when not ``readable``)."""
    x, y = at
    for row in range(5):
        wave = [(x + t * MM, y + (14 + row * 5) * MM + 1.5 * MM * np.sin(t / 4)) for t in range(0, 85)]
        pen.line(wave, fill=90, width=4)
    stamp_date = posted.strftime(rng.choice(("%d-%m-%y", "%d.%m.%Y", "%d-%m-%Y")))
    mark = Image.new("L", (round(60 * MM), round(14 * MM)), 255)
    mark_pen = ImageDraw.Draw(mark)
    _text(mark_pen, (2 * MM, 1 * MM), "LA POSTE", 9, "bold", 50)
    _text(mark_pen, (2 * MM, 6.5 * MM), stamp_date, 12, "bold", 50)
    if not readable:  # a smudged round cancel: turned, faint and blurred
        mark = mark.rotate(rng.choice((-35, 35, 150)), expand=True, fillcolor=255).filter(ImageFilter.GaussianBlur(5))
        mark = Image.eval(mark, lambda v: 255 - (255 - v) // 2)
    image.paste(mark, (round(x + 10 * MM), round(y)), Image.eval(mark, lambda v: 255 - v))


# -- reply form with a case barcode --------------------------------------------------------------


def reply_form(rng: random.Random, spec: LetterSpec, case_ref: str, symbology: str) -> Image.Image:
    """The insurer's reply form, returned filled in, with the case reference as a barcode."""
    image = blank_page()
    pen = ImageDraw.Draw(image)
    code = barcode_image(case_ref, symbology, module_mm=0.4 if symbology == "Code128" else 1.0)
    image.paste(code, (image.width - code.width - round(20 * MM), round(15 * MM)))
    y = _lines(pen, 22 * MM, 18 * MM, [W.INSURER_NAME, *W.INSURER_ADDRESS], 10)
    _text(pen, (22 * MM, y + 12 * MM), "COUPON-RÉPONSE", 16, "bold")
    y = _lines(pen, 22 * MM, y + 28 * MM, [f"Dossier n° {case_ref}", f"Adhérent : {spec.sender_name}",
                                            f"N° adhérent : {spec.member_number}"])
    y = _text(pen, (22 * MM, y + 8 * MM), "Merci de cocher la réponse qui vous convient et de nous retourner ce coupon.")
    for box, label in enumerate(("J'accepte la proposition de prise en charge.", "Je refuse la proposition.",
                                 "Je souhaite être rappelé(e) par un conseiller.")):
        top = y + (6 + box * 10) * MM
        pen.rectangle([24 * MM, top, 28 * MM, top + 4 * MM], outline=0, width=3)
        if box == rng.randrange(3):
            pen.line([(24 * MM, top), (28 * MM, top + 4 * MM)], fill=0, width=4)
        _text(pen, (32 * MM, top - 1 * MM), label)
    _text(pen, (22 * MM, y + 45 * MM), f"Fait à {spec.city}, le {french_date(spec.letter_date)}")
    signature(pen, rng, (image.width * 0.55, y + 70 * MM))
    return image


# -- invoice sent with a letter ------------------------------------------------------------------


def invoice_page(rng: random.Random, spec: LetterSpec) -> Image.Image:
    """A practitioner's invoice the member encloses with the letter."""
    image = blank_page()
    pen = ImageDraw.Draw(image)
    practice = rng.choice(("Optique du Centre", "Cabinet dentaire des Tilleuls", "Centre de kinésithérapie Pasteur"))
    y = _lines(pen, 22 * MM, 18 * MM, [practice, "14 avenue Jean Jaurès", "69007 Lyon", "Tél. : 04 78 00 00 00"])
    issued = spec.letter_date - timedelta(days=rng.randint(3, 20))
    y = _lines(pen, image.width * 0.55, y + 10 * MM, [f"Patient : {spec.sender_name}", *spec.address])
    _text(pen, (22 * MM, y + 10 * MM), f"FACTURE N° {issued.year}-{rng.randint(100, 9999):04d}", 14, "bold")
    y = _text(pen, (22 * MM, y + 22 * MM), f"Date : {issued.strftime('%d/%m/%Y')}")
    items = rng.sample(W.AMOUNT_ITEMS["reimbursement"], 2)
    total = 0
    for label, low, high, step in items:
        cents = rng.randrange(low, high + 1, step)
        total += cents
        _text(pen, (22 * MM, y + 6 * MM), label)
        y = _text(pen, (image.width * 0.7, y + 6 * MM), format_eur(cents))
    _text(pen, (22 * MM, y + 8 * MM), "Total acquitté", 11, "bold")
    _text(pen, (image.width * 0.7, y + 8 * MM), format_eur(total), 11, "bold")
    return image


# -- a handwritten-looking letter ----------------------------------------------------------------


def handwritten_page(rng: random.Random, spec: LetterSpec, note: bool = False) -> Image.Image:
    """The letter written by hand (or, as a ``note`` enclosed with it, its body alone): wobbly letters, warped."""
    image = blank_page()
    pen = ImageDraw.Draw(image)
    y = 20 * MM
    if not note:
        y = _scrawl_lines(pen, rng, 22 * MM, y, [spec.sender_name, *spec.address])
        y = _scrawl_lines(pen, rng, image.width * 0.5, y + 12 * MM, [f"{spec.city}, le {french_date(spec.letter_date)}"])
    body = [*spec.paragraphs[1:], spec.sender_name] if note else [spec.salutation, *spec.paragraphs, spec.closing]
    _scrawl_lines(pen, rng, 22 * MM, y + 15 * MM, _wrap_words(" ".join(body), 48))
    return _warp(image, rng)


def _scrawl_lines(pen: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, lines: list[str]) -> float:
    for line in lines:
        cursor = x + rng.uniform(-2, 2) * MM
        for word in line.split():
            cursor = _scrawl_word(pen, rng, word, cursor, y + rng.uniform(-1.5, 1.5) * MM) + rng.uniform(2, 4) * MM
        y += rng.uniform(10, 12) * MM
    return y


def _scrawl_word(pen: ImageDraw.ImageDraw, rng: random.Random, word: str, x: float, y: float) -> float:
    """One word letter by letter: each letter its own size and height, joined to the next at the baseline."""
    ink, size = rng.randint(20, 70), rng.uniform(13, 17)
    for char in word:
        font = _font("dejavu-serif", "italic", round(size * rng.uniform(0.85, 1.2) * DPI / 72))
        top = y + rng.uniform(-0.8, 0.8) * MM
        pen.text((x, top), char, font=font, fill=ink)
        advance = font.getlength(char) * rng.uniform(0.75, 0.95)
        base = top + font.size * 0.95
        pen.line([(x + advance * 0.6, base), (x + advance * 1.1, base - rng.uniform(0.5, 2.5) * MM)], fill=ink, width=4)
        x += advance
    return x


def _wrap_words(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) > width:
            lines.append(current)
            current = ""
        current = f"{current} {word}".strip()
    return lines + [current]


def _warp(image: Image.Image, rng: random.Random) -> Image.Image:
    """A smooth random displacement of every pixel (a few pixels), as a hand's strokes wander."""
    pixels = np.asarray(image)
    height, width = pixels.shape
    ys, xs = np.mgrid[0:height, 0:width]
    phase = rng.uniform(0, 6.28)
    dx = 8 * np.sin(ys / 23.0 + phase) + 5 * np.sin(xs / 31.0)
    dy = 7 * np.sin(xs / 19.0 + phase) + 4 * np.cos(ys / 41.0)
    sx = np.clip(np.rint(xs + dx), 0, width - 1).astype(np.intp)
    sy = np.clip(np.rint(ys + dy), 0, height - 1).astype(np.intp)
    return Image.fromarray(pixels[sy, sx]).filter(ImageFilter.MinFilter(3)).filter(ImageFilter.GaussianBlur(1.2))
