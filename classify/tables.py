"""The tables ``intake eval`` prints: summary, per label, confusion, urgent levels, accuracy against coverage."""

from __future__ import annotations

from rich.table import Table

from classify.coverage import TARGET_ACCURACY
from classify.evaluate import SYSTEMS, TARGETS, URGENT_TARGETS, Evaluation, HeadReport
from classify.model import HEADS


def summary_table(results: dict[str, dict[str, HeadReport]], title: str) -> Table:
    """Macro-F1 and accuracy per head and system, with the issue's targets."""
    table = Table("head", *(f"{s} macro-F1" for s in SYSTEMS), "combined accuracy", "target",
                  title=f"{title}: summary")
    for head in HEADS:
        target = TARGETS.get(head)
        met = "" if target is None else ("met" if results["combined"][head].macro_f1 >= target else "NOT met")
        # Four decimals: 0.8997 shown as 0.900 next to "NOT met" would read as a contradiction.
        table.add_row(head, *(f"{results[s][head].macro_f1:.4f}" for s in SYSTEMS),
                      f"{results['combined'][head].accuracy:.4f}", f"≥ {target:.2f} {met}" if target else "")
    return table


def label_table(head: str, results: dict[str, dict[str, HeadReport]]) -> Table:
    """Precision, recall and F1 per label of one head, combined next to rules alone."""
    shown = ("combined", "rules")
    columns = [f"{s} {m}" for s in shown for m in ("P", "R", "F1")]
    table = Table("label", "support", *columns, title=f"{head}: per label (combined vs rules alone)")
    for label in HEADS[head]:
        scores = [results[s][head].per_label[label] for s in shown]
        cells = [f"{v:.3f}" for sc in scores for v in (sc.precision, sc.recall, sc.f1)]
        table.add_row(label, str(scores[0].support), *cells)
    macro = [results[s][head].macro_f1 for s in shown]
    table.add_row("macro", "", "", "", f"{macro[0]:.3f}", "", "", f"{macro[1]:.3f}", style="bold")
    return table


def confusion_table(head: str, report: HeadReport, system: str) -> Table:
    """Confusion matrix of one head: gold labels in rows, predicted labels in columns."""
    labels = report.labels
    table = Table("gold \\ predicted", *(_short(label) for label in labels), title=f"{head}: confusion ({system})")
    for gold in labels:
        table.add_row(gold, *(_cell(report.confusion[(gold, p)], gold == p) for p in labels))
    return table


SHORT_LABELS = {"change_of_details": "details", "hospitalisation": "hospital", "reimbursement": "reimburse"}


def _short(label: str) -> str:
    return SHORT_LABELS.get(label, label)


def _cell(count: int, diagonal: bool) -> str:
    return f"[bold]{count}[/bold]" if diagonal else (str(count) if count else "·")


def urgent_table(evaluation: Evaluation) -> Table:
    """Recall and precision of high and critical urgency taken together, against the issue's bar."""
    score = evaluation.urgent
    table = Table("high + critical", "support", "recall", "precision", "target", title="urgent items (combined)")
    met = score.recall >= URGENT_TARGETS["recall"] and score.precision >= URGENT_TARGETS["precision"]
    table.add_row("combined", str(score.support), f"{score.recall:.3f}", f"{score.precision:.3f}",
                  f"recall ≥ {URGENT_TARGETS['recall']}, precision ≥ {URGENT_TARGETS['precision']} "
                  + ("met" if met else "NOT met"))
    return table


def coverage_table(evaluation: Evaluation) -> Table:
    """Accuracy of the items kept for automatic routing at each coverage (and the lowest confidence kept)."""
    points = evaluation.coverage["all"]
    table = Table("decisions", *(f"acc. @ {p.coverage:.0%}" for p in points), f"coverage @ acc. ≥ {TARGET_ACCURACY}",
                  title="accuracy against coverage (most confident first)")
    for key, label in (("all", "all three heads right"), *((h, h) for h in HEADS)):
        reach = evaluation.reach[key]
        table.add_row(label, *(f"{p.accuracy:.3f} (≥ {p.threshold:.2f})" for p in evaluation.coverage[key]),
                      f"{reach.coverage:.1%} (confidence ≥ {reach.threshold:.3f})")
    return table
