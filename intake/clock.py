"""The times an item carries: when intake received it, and when its sender says it was sent.

The received time drives deadlines, so it is always a time of our own machines:
the moment a connector took the item, or a time one of our servers stamped on it
(the mail server's INTERNALDATE, the scanner's file time) when that time is sane.
What a sender claims (an e-mail's ``Date``, a form's ``submitted_at``, a call's
start in an export) is kept apart as the item's claimed time
(``meta["claimed_at"]``), only when it falls within sane bounds, and never drives
a deadline.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CLAIMED_AT = "claimed_at"
CLOCK_SKEW = timedelta(minutes=15)  # how far ahead of ours another clock may run
OLDEST_STAMP = timedelta(days=366)  # a server stamp older than this is not trusted for a deadline
OLDEST_CLAIM = timedelta(days=3653)  # a claimed date older than ten years is kept as no date


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def aware(value: datetime) -> datetime:
    """``value`` with a time zone (UTC when it had none)."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def received_time(stamp: datetime | None = None, at: datetime | None = None) -> datetime:
    """When intake received an item: a server's ``stamp`` when sane, else now."""
    current = at or now()
    if stamp is None or not _within(aware(stamp), current - OLDEST_STAMP, current + CLOCK_SKEW):
        return current
    return min(aware(stamp), current)


def postmarked_time(postmark: date | None, received: datetime) -> datetime:
    """When a scanned letter counts as received: its envelope's postmark day (the post office's stamp,
    "le cachet de la poste faisant foi") at the scan's time of day, when that day is on or before the
    scan and within a year of it; else the scan's own received time."""
    if postmark is None:
        return received
    moved = datetime.combine(postmark, received.timetz())
    return moved if received - OLDEST_STAMP <= moved <= received else received


def claimed_time(value: datetime | None, at: datetime | None = None) -> datetime | None:
    """A time a sender claims, kept only when it is within ten years back and a little ahead."""
    current = at or now()
    if value is None or not _within(aware(value), current - OLDEST_CLAIM, current + CLOCK_SKEW):
        return None
    return aware(value)


def claimed_meta(value: datetime | None, at: datetime | None = None) -> dict[str, str]:
    """The ``meta`` entry of a claimed time (empty when there is none or it is not sane)."""
    claimed = claimed_time(value, at)
    return {CLAIMED_AT: claimed.isoformat()} if claimed else {}


def parse_iso(value: object) -> datetime | None:
    """An ISO 8601 time from text, or None when it is not one."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return aware(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def _within(value: datetime, low: datetime, high: datetime) -> bool:
    return low <= value <= high
