"""The seed-mix day: its items, the rendered letters, and each item's connector draft."""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench.dayrun.common import CORES, GENERATOR_VERSION, LETTER_FORMATS, SHARES, _bar


@dataclass(frozen=True)
class Item:
    """One item of the day: what it is, and its seed (the same seed, the same bytes)."""

    kind: str  # letter-pdf | letter-tiff | letter-png | email | email-pdf | email-auto | webform | phone
    seed: int  # what is written (a call about a letter has the letter's seed)
    n: int = 0  # its place in the day: makes its source id unique

    @property
    def channel(self) -> str:
        return {"letter": "letter", "email": "email", "webform": "webform", "phone": "phone"}[self.kind.split("-")[0]]

    @property
    def born_digital(self) -> bool:
        return not self.kind.startswith("letter")


def plan_day(count: int, seed: int) -> list[Item]:
    """The reference mix, shuffled into one arrival order."""
    rng = random.Random(seed)
    letters = round(count * SHARES["letter"])
    mail_web = round(count * SHARES["email+webform"])
    phone = count - letters - mail_web
    webforms = round(mail_web * 0.3)
    emails = mail_web - webforms
    with_pdf, auto = round(emails * 0.45), round(emails * 0.05)
    kinds = ([f"letter-{LETTER_FORMATS[i % len(LETTER_FORMATS)]}" for i in range(letters)]
             + ["email-pdf"] * with_pdf + ["email-auto"] * auto + ["email"] * (emails - with_pdf - auto)
             + ["webform"] * webforms + ["phone"] * phone)
    rng.shuffle(kinds)
    base = seed * 1_000_000
    items = [Item(kind, base + n, n) for n, kind in enumerate(kinds)]
    # one call in five is about a letter of the same day (same member, same topic): cases get linked
    letter_seeds = [i.seed for i in items if i.channel == "letter"]
    return [replace(i, seed=rng.choice(letter_seeds)) if i.kind == "phone" and letter_seeds and rng.random() < 0.2
            else i for i in items]


def email_burst(count: int, seed: int) -> list[Item]:
    """Born-digital e-mails with a PDF attachment, for the e-mails-alone measurement."""
    return [Item("email-pdf", (seed + 500) * 1_000_000 + n, n) for n in range(count)]


def letter_paths(item: Item, cache: Path) -> tuple[Path, Path]:
    """Where the letter's file (as scanned) and its page PNG (for the OCR floor) are cached."""
    fmt = item.kind.split("-")[1]
    folder = cache / f"letters-v{GENERATOR_VERSION}"
    return folder / f"letter-{item.seed}.{fmt}", folder / f"page-{item.seed}.png"


def render_scan(item: Item, cache: Path) -> None:
    """Render one letter as a 300-dpi scan (light skew, noise, blur) in its format; cached."""
    out, page = letter_paths(item, cache)
    if out.exists() and page.exists():
        return
    from samples.letters import make_letter, render_letter

    rng = random.Random(item.seed)
    image, _ = render_letter(make_letter(item.seed), dpi=300, skew_degrees=round(rng.uniform(-2.0, 2.0), 2),
                             noise=rng.uniform(0.04, 0.12), blur=rng.uniform(0.3, 0.7))
    out.parent.mkdir(parents=True, exist_ok=True)
    _save(image, page, "PNG", dpi=(300, 300))
    if out.suffix == ".tiff":
        _save(image, out, "TIFF", compression="tiff_lzw", dpi=(300, 300))
    elif out.suffix == ".pdf":
        _save(image, out, "PDF", resolution=300, title="Numérisation", producer="Scanner")
    elif out != page:
        _save(image, out, "PNG", dpi=(300, 300))


def _save(image: Any, path: Path, fmt: str, **params: Any) -> None:
    partial = path.with_name(path.name + ".part")
    image.save(partial, fmt, **params)
    partial.replace(path)


def render_scans(items: list[Item], cache: Path) -> None:
    """Render the letters not in the cache yet, in parallel processes."""
    todo = [i for i in items if i.channel == "letter" and not all(p.exists() for p in letter_paths(i, cache))]
    if not todo:
        return
    import multiprocessing

    with ProcessPoolExecutor(CORES, mp_context=multiprocessing.get_context("spawn")) as pool, _bar() as bar:
        task = bar.add_task(f"rendering {len(todo)} scanned letters (cached afterwards)", total=len(todo))
        for _ in pool.map(render_scan, todo, [cache] * len(todo), chunksize=4):
            bar.advance(task)


@dataclass(frozen=True)
class Arrival:
    """What a connector is handed for one item (a mail's bytes, a form, a call record, a scanned
    file), made before the clock starts: generating it is the benchmark's work, not the pipeline's."""

    item: Item
    payload: Any


def prepare(item: Item, cache: Path) -> Arrival:
    """The item as its channel delivers it."""
    from samples.letters import make_letter

    if item.channel == "letter":
        return Arrival(item, letter_paths(item, cache)[0])
    spec = make_letter(item.seed)
    text = _text(spec)
    if item.channel == "email":
        return Arrival(item, _email(item, spec, text))
    if item.channel == "webform":
        return Arrival(item, {"id": f"form-{item.seed}", "name": spec.sender_name, "email": spec.email or "",
                              "phone": spec.phone or "", "member_number": spec.member_number,
                              "subject": spec.subject, "message": text})
    notes = (f"Appel de l'adhérent au sujet de : {spec.subject.lower()}. {spec.paragraphs[0]} "
             f"Souhaite être rappelé{'e' if spec.sender_name.split()[0].endswith('e') else ''}.")
    return Arrival(item, {"call_id": f"CALL-{item.n:06d}-{item.seed}", "duration_s": "240",
                          "caller": spec.phone or "", "member_number": spec.member_number, "agent": "A. Petit",
                          "reason_code": "INFO", "notes": notes})


def receive(arrival: Arrival, received_at: datetime):
    """The connector's own work on an arrival: read or parse it into a draft, received now."""
    from connectors.calllog import draft_from_call
    from connectors.email import parse_email
    from connectors.webform import draft_from_form
    from intake.drafts import Draft, FileDraft

    channel, payload = arrival.item.channel, arrival.payload
    if channel == "letter":
        return Draft("letter", "bench:scanner", f"scan-{arrival.item.seed}", received_at,
                     files=[FileDraft(payload.name, payload.read_bytes())])
    if channel == "email":
        return replace(parse_email(payload, "bench:imap"), received_at=received_at)
    if channel == "webform":
        return replace(draft_from_form(payload, "bench:web"), received_at=received_at)
    return draft_from_call(payload | {"start": received_at.isoformat()}, "bench:calls")


def draft_for(item: Item, cache: Path, received_at: datetime):
    """The connector's draft for one item, received now (the same parsing as the real connectors)."""
    return receive(prepare(item, cache), received_at)


def _text(spec: Any) -> str:
    from samples.letters import format_eur

    amounts = [f"- {a.label} : {format_eur(a.cents)}" for a in spec.amounts]
    lines = [spec.salutation, "", spec.paragraphs[0], *spec.paragraphs[1:2], *amounts, *spec.paragraphs[2:], "",
             spec.closing, spec.sender_name, f"N° adhérent : {spec.member_number}"]
    if spec.policy_number:
        lines.append(f"Contrat n° {spec.policy_number}")
    if spec.case_ref:
        lines.append(f"Référence du dossier : {spec.case_ref}")
    return "\n".join(lines)


def _email(item: Item, spec: Any, text: str) -> bytes:
    from email.utils import formataddr

    from samples import day

    sender = formataddr((spec.sender_name, spec.email or f"adherent{item.seed}@example.fr"))
    message_id = f"<bench-{item.seed}@example.fr>"
    sent = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    if item.kind == "email-auto":
        return day._email(sender, "Réponse automatique : absence", sent, message_id,
                          f"Bonjour,\n\nJe suis absent{'e' if spec.sender_name[-1] == 'e' else ''} jusqu'au "
                          "1er décembre 2026, sans accès à ma messagerie.\n\n" + spec.sender_name,
                          headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"})
    attachments = []
    if item.kind == "email-pdf":
        rows = [(a.label, a.cents) for a in spec.amounts] or [("Consultation", 2500 + item.seed % 5000)]
        attachments = [(f"justificatif-{item.seed}.pdf", day._pdf(
            [f"Dr {spec.sender_name.split()[-1]}-Martin - Cabinet médical", "12 rue de la République, 69002 Lyon"],
            [f"FACTURE N° {item.seed % 100000}", f"Patient : {spec.sender_name}",
             f"N° adhérent mutuelle : {spec.member_number}"],
            rows, ["Facture acquittée."]))]
    return day._email(sender, spec.subject, sent, message_id, text, attachments=attachments)


