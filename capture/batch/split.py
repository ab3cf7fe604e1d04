"""``split_batch``: a scanned stack's pages in, its letters out, and whether a person should check the cut.

Pages are taken in feeder order. A blank page is dropped; a separator sheet
is dropped and the next page opens a letter; an envelope opens a letter and
the page after it is that letter's first; a page with a case-reference
barcode opens a letter that joins that case (unless the page before carried
the same reference). Other pages open a letter or continue one by the
batch's method: on a stack with separator sheets (``separators``), they
continue; on a stack without (``content``), the first-page detector decides,
and its confidence is that decision's. Any decision less sure than
``review_confidence``, an unreadable page, an envelope with no letter after
it, or (with separators) a page that looks very much like a first page,
sends the batch to review with the reason in French.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from capture.batch.envelope import envelope_verdict
from capture.batch.firstpage import first_page
from capture.batch.models import BatchPage, BatchSplit, Letter, Mark, PageVerdict
from capture.batch.readability import readability
from capture.batch.settings import BatchSettings

LOOKS_FIRST = 0.97  # with separators, a page this likely to open a letter suggests a forgotten separator


@dataclass
class _Open:
    """The letter being put together."""

    first: int
    confidence: float
    reasons: tuple[str, ...]
    envelope: int | None = None
    postmark: date | None = None
    pages: list[int] = field(default_factory=list)
    case_ref: str | None = None
    case_ref_page: int | None = None
    unreadable: list[int] = field(default_factory=list)
    last: int = 0

    def letter(self) -> Letter:
        return Letter(first=self.first, last=max(self.last, self.first), pages=tuple(self.pages),
                      envelope=self.envelope, postmark=self.postmark, case_ref=self.case_ref,
                      case_ref_page=self.case_ref_page,
                      confidence=self.confidence, reasons=self.reasons, unreadable=tuple(self.unreadable))


@dataclass
class _State:
    """What the walk through the pages knows so far."""

    method: str
    settings: BatchSettings
    received: date | None
    letters: list[_Open] = field(default_factory=list)
    verdicts: list[PageVerdict] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    after_separator: bool = True  # the batch's first page opens a letter as if a separator came before
    previous_text: str | None = None


def split_batch(pages: Sequence[BatchPage], settings: BatchSettings = BatchSettings(),
                received: date | None = None) -> BatchSplit:
    """The letters of a scanned stack, with per-page verdicts and whether the cut needs review."""
    state = _State(_method(pages, settings), settings, received)
    for page in pages:
        _take(page, state)
    letters = tuple(open_letter.letter() for open_letter in state.letters)
    state.review += [f"enveloppe page {letter.first} sans courrier après elle" for letter in letters if not letter.pages]
    state.review += [f"décision incertaine page {v.number} ({v.confidence:.2f})"
                     for v in state.verdicts if v.confidence < settings.review_confidence]
    return BatchSplit(method=state.method, letters=letters, pages=tuple(state.verdicts),
                      needs_review=bool(state.review), review_reasons=tuple(state.review))


def _method(pages: Sequence[BatchPage], settings: BatchSettings) -> str:
    if settings.separation != "auto":
        return settings.separation
    return "separators" if any(page.facts.separator for page in pages) else "content"


def _take(page: BatchPage, state: _State) -> None:
    facts = page.facts
    if facts.blank:
        state.verdicts.append(PageVerdict(number=facts.number, kind="blank",
                                          reasons=(f"page blanche ({facts.coverage:.3%} d'encre)",)))
    elif facts.separator:
        state.verdicts.append(PageVerdict(number=facts.number, kind="separator",
                                          reasons=(f"feuille de séparation ({_mark_name(facts.separator)})",)))
        state.after_separator, state.previous_text = True, None
    else:
        _take_content(page, state)


def _mark_name(mark: Mark) -> str:
    return f"patch {mark.value}" if mark.symbology == "patch" else f"{mark.symbology} « {mark.value} »"


def _take_content(page: BatchPage, state: _State) -> None:
    facts, text = page.facts, page.reading.text if page.reading else ""
    envelope = envelope_verdict(facts.layout, text, state.received, state.settings.postmark_max_age_days)
    if envelope.envelope:
        state.letters.append(_Open(facts.number, envelope.confidence, envelope.reasons, envelope=facts.number,
                                   postmark=envelope.postmark, last=facts.number))
        state.verdicts.append(PageVerdict(number=facts.number, kind="envelope", starts_letter=True,
                                          decided_by="envelope", confidence=envelope.confidence,
                                          reasons=envelope.reasons))
        state.after_separator, state.previous_text = False, None
        return
    unreadable = _unreadable(page, state)
    starts, by, confidence, reasons = _decide(page, state, unreadable)
    if starts:
        state.letters.append(_Open(facts.number, confidence, reasons))
    _add_page(state.letters[-1], page, unreadable)
    state.verdicts.append(PageVerdict(number=facts.number, kind="content", starts_letter=starts, decided_by=by,
                                      confidence=confidence, reasons=reasons, unreadable=unreadable))
    state.after_separator, state.previous_text = False, text


def _unreadable(page: BatchPage, state: _State) -> bool:
    settings = state.settings
    if page.reading is None:
        return False
    verdict = readability(page.reading, page.facts.coverage, settings.text_coverage,
                          settings.unreadable_confidence, settings.unreadable_known_share)
    if verdict.unreadable:
        state.review.append(f"page {page.facts.number} : {verdict.reason}")
    return verdict.unreadable


def _decide(page: BatchPage, state: _State, unreadable: bool) -> tuple[bool, str, float, tuple[str, ...]]:
    """Whether the page opens a letter, what decided it, how sure, and why."""
    facts, current = page.facts, state.letters[-1] if state.letters else None
    if current is None:
        return True, "batch_start", 1.0, ("première page du lot",)
    if state.after_separator:
        return True, "separator", 1.0, ("après une feuille de séparation",)
    if current.envelope is not None and not current.pages:
        return False, "envelope", 1.0, ("suit son enveloppe",)
    if facts.case_ref and facts.case_ref != current.case_ref:
        return True, "barcode", 0.99, (f"code-barres du dossier {facts.case_ref}",)
    guess = first_page(page.reading.text if page.reading else "", facts.layout, state.previous_text, unreadable)
    if state.method == "separators":
        if guess.probability >= LOOKS_FIRST:
            state.review.append(f"page {facts.number} ressemble à une première page : séparateur oublié ?")
        return False, "separators", 1.0, ("même document entre deux séparateurs",)
    starts = guess.probability >= state.settings.first_page_threshold
    return starts, "detector", round(max(guess.probability, 1 - guess.probability), 4), guess.reasons


def _add_page(letter: _Open, page: BatchPage, unreadable: bool) -> None:
    letter.pages.append(page.facts.number)
    letter.last = page.facts.number
    if letter.case_ref is None and page.facts.case_ref:
        letter.case_ref, letter.case_ref_page = page.facts.case_ref, page.facts.number
    if unreadable:
        letter.unreadable.append(page.facts.number)
