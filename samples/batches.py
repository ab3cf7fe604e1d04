"""Mailroom batches: stacks of members' letters scanned as one file, with the truth of where each starts.

``make_batch(seed, letters, separator, duplex)`` draws a :class:`BatchSpec`
deterministically: which letters (one page, several pages numbered "2/3" or
not, with an enclosed invoice or handwritten note, with a last page that holds only a signature
or a stamp, a reply form carrying its case reference as a barcode, a
handwritten letter), which come with their envelope, which are printed on
both sides, and the separator sheet put before each letter (``patch-T``,
``patch-2``, ``code128``, ``qr``, or None for a stack without separators).
``render_batch(spec)`` draws the pages as a scanner gives them, one after
the other (duplex backs included), each with a little skew, grain and blur.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PIL import Image

from intake.refs import make_case_ref
from samples import batch_documents as documents
from samples import batch_pages as sheets
from samples.letters import LetterSpec, make_letter
from samples.multipage import letter_pages, scanned

SEPARATORS = ("patch-T", "patch-2", "code128", "qr")
SEPARATOR_TEXT = "PATCHT"  # a barcode separator's content, as BarcodeSettings expects by default
KINDS = (("single", 0.50), ("multi", 0.15), ("invoice", 0.08), ("near-empty", 0.07), ("reply", 0.10),
         ("handwritten", 0.10))


@dataclass(frozen=True)
class PageSpec:
    """One scanned image: what it shows, whose letter it belongs to, and whether it opens that letter."""

    kind: str  # letter, continuation, invoice, note, signature, stamp, reply, handwritten, envelope, blank, separator
    letter: int | None  # index of its letter; None for blank backs and separator sheets
    starts: bool = False  # the letter's first page (its envelope, when it has one)
    part: int = 0  # which page of a several-page letter


@dataclass(frozen=True)
class LetterPlan:
    """One letter of the batch and how it is put together."""

    index: int
    spec: LetterSpec
    kind: str
    pages: int  # content pages
    numbered: bool = False
    both_sides: bool = False
    envelope: bool = False
    postmark: date | None = None  # the postmark date a reader can read (None: no envelope, or smudged)
    posted: date | None = None
    case_ref: str | None = None  # the case reference its barcode carries
    enclosure: str = "invoice"  # what an "invoice" letter encloses: an invoice, or a handwritten note

    @property
    def typed_pages(self) -> int:
        """Pages of typed letter (the rest is an enclosure, a signature or a stamp)."""
        return self.pages if self.kind == "multi" else 1


@dataclass(frozen=True)
class BatchSpec:
    """A whole stack: its letters, its scanned pages in order, and how it was scanned."""

    seed: int
    separator: str | None
    duplex: bool
    letters: tuple[LetterPlan, ...]
    pages: tuple[PageSpec, ...]

    def boundaries(self) -> set[int]:
        """1-based page numbers where the second and later letters start (the first one always does)."""
        return {n for n, page in enumerate(self.pages, start=1) if page.starts and page.letter}

    def content_pages(self) -> dict[int, int]:
        """Every page that must end in a letter (no blank back, no separator): page number -> letter."""
        return {n: page.letter for n, page in enumerate(self.pages, start=1)
                if page.letter is not None and page.kind != "envelope"}


def make_batch(seed: int, letters: int = 12, separator: str | None = None, duplex: bool = True,
               typed: bool = False) -> BatchSpec:
    """A deterministic stack of ``letters`` letters (``typed``: no handwritten letter or note, which a
    reviewer must read, so the stack goes through without review)."""
    if separator not in (None, *SEPARATORS):
        raise ValueError(f"unknown separator {separator!r}; expected one of {SEPARATORS} or None")
    rng = random.Random(f"batch-{seed}")
    plans = tuple(_plan(rng, seed, index) for index in range(letters))
    if typed:
        plans = tuple(_typed(plan) for plan in plans)
    pages = [page for plan in plans for page in _pages(plan, separator, duplex)]
    return BatchSpec(seed, separator, duplex, plans, tuple(pages))


def _plan(rng: random.Random, seed: int, index: int) -> LetterPlan:
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    spec = make_letter(seed * 1000 + index)
    pages = {"multi": rng.randint(2, 3), "invoice": 2, "near-empty": 2}.get(kind, 1)
    plan = LetterPlan(index, spec, kind, pages, numbered=rng.random() < 0.5, both_sides=rng.random() < 0.3)
    if kind == "invoice" and rng.random() < 0.3:
        plan = replace(plan, enclosure="note")
    if kind == "reply":
        plan = replace(plan, case_ref=make_case_ref(f"batch-{seed}-reply-{index}"))
    if rng.random() < 0.2:
        posted = spec.letter_date + timedelta(days=rng.randint(0, 3))
        plan = replace(plan, envelope=True, posted=posted, postmark=posted if rng.random() < 0.75 else None)
    return plan


def _typed(plan: LetterPlan) -> LetterPlan:
    if plan.kind == "handwritten":
        return replace(plan, kind="single")
    return replace(plan, enclosure="invoice") if plan.enclosure == "note" else plan


def _pages(plan: LetterPlan, separator: str | None, duplex: bool) -> list[PageSpec]:
    """The letter's scanned images in feeder order, separator sheet and duplex backs included."""
    out = []
    if separator:
        out += _sheet(PageSpec("separator", None), duplex)
    if plan.envelope:
        out += _sheet(PageSpec("envelope", plan.index, starts=True), duplex)
    kinds = _content_kinds(plan)
    sides = [PageSpec(k, plan.index, starts=(i == 0 and not plan.envelope), part=i) for i, k in enumerate(kinds)]
    if duplex and plan.both_sides and plan.kind == "multi":
        pairs = [sides[i : i + 2] for i in range(0, len(sides), 2)]
        return out + [p for pair in pairs for p in (pair if len(pair) == 2 else _sheet(pair[0], True))]
    return out + [p for side in sides for p in _sheet(side, duplex)]


def _content_kinds(plan: LetterPlan) -> list[str]:
    first = {"reply": "reply", "handwritten": "handwritten"}.get(plan.kind, "letter")
    rest = {"invoice": [plan.enclosure], "near-empty": [("signature", "stamp")[plan.index % 2]]}.get(plan.kind)
    return [first] + (rest or ["continuation"] * (plan.pages - 1))


def _sheet(front: PageSpec, duplex: bool) -> list[PageSpec]:
    return [front, PageSpec("blank", None)] if duplex else [front]


# -- rendering -----------------------------------------------------------------------------------


def render_batch(batch: BatchSpec) -> Iterator[Image.Image]:
    """The stack's pages as a scanner gives them, in order, each with its scan noise."""
    letter_images: dict[int, list[Image.Image]] = {}
    front = None
    for number, page in enumerate(batch.pages, start=1):
        rng = random.Random(f"page-{batch.seed}-{number}")
        image = _draw(page, batch, rng, front, letter_images)
        front = image if page.kind != "blank" else None
        yield scanned(image, rng, seed=batch.seed * 10_000 + number)


def _draw(page: PageSpec, batch: BatchSpec, rng: random.Random, front: Image.Image | None,
          letter_images: dict[int, list[Image.Image]]) -> Image.Image:
    if page.kind == "blank":
        return sheets.duplex_back(rng, front)
    if page.kind == "separator":
        return _separator(batch.separator)
    plan = batch.letters[page.letter]
    if page.kind in ("letter", "continuation"):
        if page.letter not in letter_images:
            letter_images[page.letter] = letter_pages(plan.spec, plan.typed_pages, plan.numbered, rng)
        return letter_images[page.letter][page.part]
    return _document(page.kind, plan, rng)


def _separator(kind: str | None) -> Image.Image:
    if kind and kind.startswith("patch-"):
        return sheets.patch_sheet(kind.removeprefix("patch-"))
    return sheets.barcode_sheet(SEPARATOR_TEXT, "Code128" if kind == "code128" else "QRCode")


def _document(kind: str, plan: LetterPlan, rng: random.Random) -> Image.Image:
    spec = plan.spec
    draw = {
        "envelope": lambda: documents.envelope_page(rng, spec, plan.posted, plan.postmark is not None),
        "invoice": lambda: documents.invoice_page(rng, spec),
        "signature": lambda: sheets.signature_page(rng),
        "stamp": lambda: sheets.stamp_page(rng, "Dr Morel"),
        "reply": lambda: documents.reply_form(rng, spec, plan.case_ref, ("QRCode", "Code128")[plan.index % 2]),
        "handwritten": lambda: documents.handwritten_page(rng, spec),
        "note": lambda: documents.handwritten_page(rng, spec, note=True),
    }
    return draw[kind]()
