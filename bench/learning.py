"""The learning loop, measured: people's corrections of part of an evaluation set,
retraining, and accuracy on the other part before and after.

1. The independent hand-labelled set's ``dev`` items (classify/evalsets/independent;
   its ``test`` items are never read) are split in two halves, stratified by topic,
   with a fixed seed: the *corrected* half and the *untouched* half.
2. A baseline model is trained on the generated corpus (fixed seed).
3. Each item of the corrected half goes into a store as the pipeline would record it
   (classified by the baseline model and the rules, routed, recorded into a case), then a
   reviewer checks the case's decision with the item's hand labels through
   ``storage.corrections.check_decision``, the function the dashboard's review form calls
   (a confirmation when the machine was right, a correction with a reason otherwise).
4. ``storage.labelled.labelled_examples`` exports the checks (what ``intake corrections
   export`` writes); the model is trained again with them (``classify.corrections``, each
   weighing ``--weight`` generated examples), same seed and epochs.
5. Accuracy per head on the untouched half, before and after, combined (as the pipeline
   decides) and the model alone, is printed.

    .venv/bin/python bench/learning.py [--epochs 4] [--seed 0] [--weight 5] [--swap]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from classify import classify  # noqa: E402
from classify.corpus import Sample  # noqa: E402
from classify.corrections import from_examples  # noqa: E402
from classify.evaluate import evaluate  # noqa: E402
from classify.heldout import generated_cases  # noqa: E402
from classify.model import HEADS, load_model  # noqa: E402
from classify.train import train  # noqa: E402
from intake.models import Capture, DocumentCapture, Envelope, PageCapture, sha256_hex, utcnow  # noqa: E402
from routing import load_rules, route  # noqa: E402
from runtime.review import route_for  # noqa: E402
from storage.base import open_store  # noqa: E402
from storage.cases import record_item  # noqa: E402
from storage.corrections import LABELS, check_decision  # noqa: E402
from storage.labelled import labelled_examples  # noqa: E402
from storage.records import Records  # noqa: E402

SET = Path(__file__).resolve().parents[1] / "classify" / "evalsets" / "independent"


def dev_items() -> list[dict]:
    """The ``dev`` items of the independent set (the ``test`` items are skipped unread)."""
    rows = [json.loads(line) for path in sorted(SET.glob("*.jsonl")) for line in path.read_text().splitlines()
            if line.strip()]
    return [row for row in rows if row["split"] == "dev"]


def halves(items: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """(corrected, untouched): each topic's items shuffled and dealt alternately."""
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for item in sorted(items, key=lambda r: r["id"]):
        by_topic[item["topic"]].append(item)
    rng, corrected, untouched = random.Random(seed), [], []
    for topic in sorted(by_topic):
        group = by_topic[topic]
        rng.shuffle(group)
        corrected += group[0::2]
        untouched += group[1::2]
    return corrected, untouched


def sample(row: dict) -> Sample:
    return Sample(subject=row["subject"], body=row["text"], channel=row["channel"], topic=row["topic"],
                  complexity=row["complexity"], urgency=row["urgency"], intent="evalset")


def accuracy(model, rows: list[dict]) -> dict[str, dict[str, float]]:
    """Accuracy per head, combined and model alone."""
    results = evaluate(generated_cases([sample(r) for r in rows]), model).results
    return {system: {head: results[system][head].accuracy for head in HEADS} for system in ("combined", "model")}


def correct_through_storage(records: Records, rows: list[dict], model) -> tuple[int, int]:
    """Record each item as the pipeline would, then check its case's decision with the hand labels."""
    rules, corrected = load_rules(), 0
    decide, told = route_for(records, rules), []
    for row in rows:
        envelope, capture = _item(row)
        classification = classify(envelope, capture, model)
        routed = route(rules, envelope, capture, classification)
        records.put_envelope(envelope)
        records.put_capture(capture)
        records.put_decision(envelope.id, classification, routed)
        case, _ = record_item(records, envelope, capture, classification, routed)
        gold = {k: row[k] for k in LABELS}
        wrong = any(getattr(case, k) != v for k, v in gold.items())
        check_decision(records, case.id, "user:relecteur", gold, decide, rules.teams,
                       lambda q, body, p: told.append(q), "étiquette du relecteur" if wrong else "", op=row["id"])
        corrected += wrong
    return len(rows), corrected


def _item(row: dict) -> tuple[Envelope, Capture]:
    envelope = Envelope(id=f"env-{sha256_hex(row['id'].encode())[:24]}", channel=row["channel"], source="evalset",
                        source_id=row["id"], received_at=utcnow(), subject=row["subject"], body=row["text"])
    page = PageCapture(number=1, text=row["text"], method="text")
    return envelope, Capture(envelope_id=envelope.id, documents=(DocumentCapture(name="body", sha256="-",
                                                                                 mime="text/plain", pages=(page,)),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weight", type=int, default=5)
    parser.add_argument("--swap", action="store_true", help="Correct the other half and score the first one.")
    args = parser.parse_args()
    corrected_rows, untouched = halves(dev_items(), args.seed)
    if args.swap:
        corrected_rows, untouched = untouched, corrected_rows
    with tempfile.TemporaryDirectory(prefix="intake-learning-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        train(work / "before", seed=args.seed, epochs=args.epochs)
        before_model = load_model(work / "before")
        before = accuracy(before_model, untouched)
        records = Records(open_store(f"file://{work / 'store'}"))
        checked, wrong = correct_through_storage(records, corrected_rows, before_model)
        examples = list(labelled_examples(records))
        train(work / "after", seed=args.seed, epochs=args.epochs, extra=from_examples(examples, args.weight))
        after = accuracy(load_model(work / "after"), untouched)
        _print(args, len(corrected_rows), len(untouched), checked, wrong, len(examples), before, after,
               time.monotonic() - started)


def _print(args, n_corrected, n_untouched, checked, wrong, exported, before, after, seconds) -> None:
    print(f"independent set, dev split only: {n_corrected} items checked by a reviewer through "
          f"storage.corrections.check_decision ({wrong} corrected, {checked - wrong} confirmed; {exported} "
          f"exported), {n_untouched} untouched items scored")
    print(f"{'halves swapped, ' if args.swap else ''}seed {args.seed}, {args.epochs} epochs, "
          f"each correction weighing {args.weight} generated examples; "
          f"{seconds:.0f} s")
    print(f"{'accuracy on the untouched half':34} {'before':>8} {'after':>8} {'gain':>8}")
    for system in ("combined", "model"):
        for head in HEADS:
            b, a = before[system][head], after[system][head]
            print(f"{system + ' ' + head:34} {b:8.3f} {a:8.3f} {a - b:+8.3f}")


if __name__ == "__main__":
    main()
