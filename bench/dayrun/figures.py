"""The figures of a phase, and their table."""

from __future__ import annotations

import statistics
from typing import Any

from rich.table import Table

from bench.dayrun.common import SERVERS, TARGETS, console
from bench.dayrun.floor import Floor
from bench.dayrun.phases import Outcome, Phase
from runtime.bus import STAGES


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def phase_figures(phase: Phase, outcome: Outcome, floor: Floor | None, cores: int) -> dict[str, Any]:
    """The numbers of one phase, as a plain dict (printed, and saved with --json)."""
    done = [r for r in phase.records if r["ev"] == "done"]
    per_stage = {s: [r for r in done if r["stage"] == s] for s in STAGES}
    own = {s: sum(r["cpu"] for r in rs) for s, rs in per_stage.items()}
    tess = {s: sum(r["ccpu"] for r in rs) for s, rs in per_stage.items()}
    accounted = sum(own.values()) + sum(tess.values())
    last_end = {r["id"]: r["t1"] for r in per_stage[STAGES[-1]]}
    channels: dict[str, dict[str, Any]] = {}
    for channel in ("letter", "email", "webform", "phone"):
        ids = [i for i, (item, _) in phase.submitted.items() if item.channel == channel]
        if not ids:
            continue
        last = max((last_end.get(i, phase.end) for i in ids), default=phase.end)
        lat = outcome.latencies.get(channel, [])
        channels[channel] = {"items": len(ids), "done_after_s": round(last - phase.start, 1),
                             "items_per_s": round(len(ids) / max(last - phase.start, 1e-9), 2),
                             "p50_s": round(percentile(lat, 0.5), 2), "p95_s": round(percentile(lat, 0.95), 2)}
    everything = [x for lat in outcome.latencies.values() for x in lat]
    figures: dict[str, Any] = {
        "phase": phase.name, "items": len(phase.submitted), "wall_s": round(phase.wall, 1),
        "submit_s": round(phase.submit_end - phase.start, 1),
        "items_per_s": round(len(phase.submitted) / phase.wall, 2),
        "p50_s": round(percentile(everything, 0.5), 2), "p95_s": round(percentile(everything, 0.95), 2),
        "channels": channels,
        "stages": {s: {"messages": len(per_stage[s]), "cpu_s": round(own[s], 1), "tesseract_cpu_s": round(tess[s], 1),
                       "share": round((own[s] + tess[s]) / accounted, 3) if accounted else 0.0,
                       "mean_wall_ms": _mean_ms([r["t1"] - r["t0"] for r in per_stage[s]]),
                       "store_calls_per_msg": round(_mean([r["ops"] for r in per_stage[s]]), 1),
                       "store_ms_per_msg": _mean_ms([r["store_s"] for r in per_stage[s]])}
                   for s in STAGES},
        "cpu": {"accounted_in_handlers_s": round(accounted, 1), "worker_processes_s": round(phase.worker_cpu, 1),
                "bench_connector_s": round(phase.bench_cpu, 1),
                "connector_thread_s": round(phase.connector_cpu, 2),
                **{f"{k}_s": round(v, 1) for k, v in phase.server_cpu.items()},
                "machine_busy_s": round(phase.machine_busy, 1),
                "machine_capacity_s": round(phase.machine_total, 1),
                "others_s": round(phase.machine_busy - phase.worker_cpu - sum(phase.server_cpu.values())
                                  - phase.bench_cpu, 1)},
        "cpu_ms_per_item": _per_item(phase),
        "host_probe_ms": round(phase.probe_ms, 1),
        "retries": sum(r["ev"] == "retry" for r in phase.records),
        "quarantined": outcome.quarantined, "lost": outcome.lost, "duplicated": outcome.duplicated,
        "cases": outcome.cases, "linked": outcome.linked, "latency_end": dict(outcome.end_source),
        "timed_out": phase.timed_out,
    }
    if floor and floor.pages:
        ours = phase.worker_cpu + sum(phase.server_cpu.get(k, 0.0) for k in ("s3",)) + phase.bench_cpu
        figures["ocr_floor"] = {"pages": floor.pages, "tesseract_wall_sum_s": round(floor.wall, 1),
                                "tesseract_cpu_sum_s": round(floor.cpu, 1), "cores": cores,
                                "floor_s": round(floor.seconds(cores), 1),
                                "ratio": round(phase.wall / floor.seconds(cores), 3),
                                "pipeline_tesseract_cpu_s": round(sum(tess.values()), 1),
                                # what the ratio would be if the run had the cores to itself and kept them busy
                                "cpu_ratio": round(ours / floor.cpu, 3) if floor.cpu else None,
                                # the same against this run's own Tesseract CPU (both sides under the same load)
                                "cpu_over_own_ocr": round(ours / sum(tess.values()), 3) if sum(tess.values()) else None}
    return figures


def _per_item(phase: Phase) -> dict[str, float]:
    """CPU per item, in ms, of each part of the run: comparable across runs when wall times are not."""
    n = max(len(phase.submitted), 1)
    parts = {"workers": phase.worker_cpu, **phase.server_cpu, "connector_thread": phase.connector_cpu,
             "bench_rest": phase.bench_cpu - phase.connector_cpu, "machine_busy": phase.machine_busy}
    return {k: round(1000 * v / n, 1) for k, v in parts.items()}


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _mean_ms(values: list[float]) -> float:
    return round(1000 * _mean(values), 1)


def print_figures(title: str, fig: dict[str, Any]) -> None:
    table = Table(title=title, show_lines=False)
    for column in ("measure", "value", "target"):
        table.add_column(column)
    row = table.add_row
    mix = ", ".join(f"{c} {v['items']}" for c, v in fig["channels"].items())
    row("items", f"{fig['items']} ({mix})", "")
    row(f"wall time (first submit -> last item through {STAGES[-1]})",
        f"{fig['wall_s']:.1f} s ({fig['items_per_s']:.2f}/s)", "")
    row("connector submit time (bench process, one thread)", f"{fig['submit_s']:.1f} s", "")
    for channel, v in fig["channels"].items():
        row(f"  {channel}: items/s (last one done after)", f"{v['items_per_s']:.2f}/s ({v['done_after_s']:.1f} s)", "")
    row("latency received -> recorded p50 / p95", f"{fig['p50_s']:.2f} s / {fig['p95_s']:.2f} s", "")
    for channel, v in fig["channels"].items():
        row(f"  {channel} p50 / p95", f"{v['p50_s']:.2f} s / {v['p95_s']:.2f} s", "")
    for stage, v in fig["stages"].items():
        extra = f" + tesseract {v['tesseract_cpu_s']:.1f} s" if v["tesseract_cpu_s"] else ""
        row(f"stage {stage}: CPU share", f"{v['share']:.1%} ({v['messages']} msgs, {v['cpu_s']:.1f} s python{extra}; "
            f"per msg {v['mean_wall_ms']:.0f} ms wall, {v['store_calls_per_msg']:.1f} store calls "
            f"taking {v['store_ms_per_msg']:.0f} ms)", "")
    cpu = fig["cpu"]
    row("CPU: in handlers / worker processes / connector (bench)",
        f"{cpu['accounted_in_handlers_s']:.0f} / {cpu['worker_processes_s']:.0f} / "
        f"{cpu['bench_connector_s']:.0f} s", "")
    for server in ("s3", "broker"):
        if f"{server}_s" in cpu:
            row(f"CPU: {SERVERS[server]}", f"{cpu[server + '_s']:.0f} s", "")
    per = fig["cpu_ms_per_item"]
    row("CPU per item: " + " / ".join(k.replace("_", " ") for k in per), " / ".join(f"{v:.1f}" for v in per.values())
        + " ms", "")
    row("host speed probe (fixed CPU work before the phase; lower is faster)", f"{fig['host_probe_ms']:.0f} ms", "")
    row("CPU: machine busy / capacity (others: processes outside this run)",
        f"{cpu['machine_busy_s']:.0f} / {cpu['machine_capacity_s']:.0f} s (others {cpu['others_s']:.0f} s)", "")
    row("peak RSS per worker (max / sum)", f"{fig['peak_rss_mb_max']:.0f} MB / {fig['peak_rss_mb_sum']:.0f} MB", "")
    if "ocr_floor" in fig:
        f = fig["ocr_floor"]
        ok = f["ratio"] <= TARGETS["ratio"]
        row("OCR floor: raw tesseract CPU sum / cores",
            f"{f['tesseract_cpu_sum_s']:.0f} s / {f['cores']} = {f['floor_s']:.1f} s ({f['pages']} pages; "
            f"their wall sum {f['tesseract_wall_sum_s']:.0f} s)", "")
        row("wall / OCR floor", f"{f['ratio']:.3f}", f"≤ {TARGETS['ratio']} " + ("[green]ok" if ok else "[red]missed"))
        row("CPU of workers + S3 + connector / raw tesseract CPU (the ratio on idle cores)",
            f"{f['cpu_ratio']:.3f}" if f["cpu_ratio"] else "n/a", "")
        row("  the same / this run's own Tesseract CPU", f"{f['cpu_over_own_ocr']:.3f}"
            if f["cpu_over_own_ocr"] else "n/a", "")
    if fig["phase"] == "e-mails":
        ok = fig["items_per_s"] >= TARGETS["email_per_s"]
        row("born-digital e-mails end to end", f"{fig['items_per_s']:.1f}/s",
            f"≥ {TARGETS['email_per_s']:.0f}/s " + ("[green]ok" if ok else "[red]missed"))
    row("cases / linked / retries / quarantined", f"{fig['cases']} / {fig['linked']} / {fig['retries']} / "
        f"{fig['quarantined']}", "")
    bad = fig["lost"] or fig["duplicated"] or fig["timed_out"]
    row("lost / duplicated", f"{fig['lost']} / {fig['duplicated']}", "0 / 0 " + ("[red]FAILED" if bad else "[green]ok"))
    console.print(table)


