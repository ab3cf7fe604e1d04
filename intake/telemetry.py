"""Prometheus counters and histograms, and the one-line calls that feed them.

Counted in the process where it happens: by the worker's metrics hook
(runtime/metrics.py: per-stage latency, retries, quarantines) and by the
calls below in connectors, stages and the web app (what a hook cannot see).
Scrape-time gauges and the ``/metrics`` endpoint live in runtime/metrics.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prometheus_client import Counter, Histogram

if TYPE_CHECKING:
    from intake.models import Capture, Classification, Route
RATIO_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)
STAGE_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

NEAR_DAYS = 2

ITEMS_RECEIVED = Counter("intake_items_received", "Items received, per channel", ["channel"])
STAGE_SECONDS = Histogram("intake_stage_seconds", "Time to handle one message, per stage", ["stage"],
                          buckets=STAGE_BUCKETS)
RETRIES = Counter("intake_retries", "Messages scheduled again after a failure, per stage", ["stage"])
QUARANTINED = Counter("intake_quarantined", "Items given up on, per stage and reason", ["stage", "reason"])
PAGES = Counter("intake_pages_read", "Pages read, per method (ocr, pdf-text, text)", ["method"])
OCR_CONFIDENCE = Histogram("intake_ocr_confidence", "Tesseract confidence of each OCR page (0-1)",
                           buckets=RATIO_BUCKETS)
CLASSIFY_CONFIDENCE = Histogram("intake_classification_confidence", "Classifier confidence per item (0-1)",
                                buckets=RATIO_BUCKETS)
ROUTED = Counter("intake_routed", "Items routed, per team", ["team"])
SCREENED = Counter("intake_screened", "Items screened out (auto-replies, bounces...), per reason", ["reason"])
# no per-key label: /metrics is unauthenticated and key hashes are not for the public
WEB_RATE_LIMITED = Counter("intake_web_rate_limited", "Web requests refused (429) over an API key's rate limit")
# no user or address label, for the same reason: the reason only (bad_credentials, throttled, stale_form)
LOGINS_REFUSED = Counter("intake_dashboard_logins_refused", "Dashboard sign-ins refused, per reason", ["reason"])


def item_received(channel: str) -> None:
    """Count one item stored and queued by a connector."""
    ITEMS_RECEIVED.labels(channel).inc()


def rate_limited() -> None:
    """Count one web request refused over its API key's rate limit."""
    WEB_RATE_LIMITED.inc()


def login_refused(reason: str) -> None:
    """Count one dashboard sign-in refused: ``bad_credentials``, ``throttled`` or ``stale_form``."""
    LOGINS_REFUSED.labels(reason).inc()


def captured(capture: Capture) -> None:
    """Count the pages of a capture, and the OCR confidence of each scanned page."""
    for page in (p for d in capture.documents for p in d.pages):
        PAGES.labels(page.method).inc()
        if page.method == "ocr" and page.confidence is not None:
            OCR_CONFIDENCE.observe(page.confidence)


def classified(classification: Classification, route: Route) -> None:
    """Count one decision: confidence, team, and the screening reason if any."""
    CLASSIFY_CONFIDENCE.observe(classification.confidence)
    ROUTED.labels(route.team).inc()
    if classification.screened:
        SCREENED.labels(reason_label(classification.screened)).inc()


def quarantined(stage: str, reason: str) -> None:
    """Count one item quarantined outside the worker (ingest, batch import)."""
    QUARANTINED.labels(stage, reason_label(reason)).inc()


def reason_label(reason: str) -> str:
    """A reason short and stable enough to be a label: no details, ids or numbers."""
    if re.match(r"failed \d+ times", reason):
        return "retries exhausted"
    head = re.split(r" \(|: |; ", reason, maxsplit=1)[0]
    return re.sub(r"\d+", "N", head).strip()[:60] or "unknown"


