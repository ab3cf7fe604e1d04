"""Webhooks: POST one case event as JSON, signed, retried with backoff.

Headers: ``X-Intake-Signature: sha256=<hex HMAC-SHA256 of the raw body>``,
``X-Intake-Event-Id`` (receivers deduplicate on it) and ``X-Intake-Timestamp``
(Unix seconds of this attempt, so a receiver can refuse stale replays).
A 2xx is success; 5xx, 408, 429 and network errors or timeouts are retried;
any other answer (a 4xx: the receiver refuses this event) gives up at once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from intake.models import sha256_hex
from outbound.config import WebhookConfig

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Intake-Signature"
EVENT_ID_HEADER = "X-Intake-Event-Id"
TIMESTAMP_HEADER = "X-Intake-Timestamp"
RETRIED_STATUSES = {408, 429}


def sign(secret: str, body: bytes) -> str:
    """The signature header value for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """Whether ``signature`` is the one ``body`` gets with ``secret`` (constant time)."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def target_id(url: str) -> str:
    """A short stable id for a URL, used in store keys (URLs may carry tokens)."""
    return sha256_hex(url.encode())[:16]


def shown_url(url: str) -> str:
    """A URL without credentials or query string, safe to store in a dead letter."""
    parts = httpx.URL(url)
    return str(parts.copy_with(userinfo=b"", query=None, fragment=None))


@dataclass(frozen=True)
class Outcome:
    """How one delivery ended: ``reason`` is None on success."""

    attempts: int
    reason: str | None = None
    exhausted: bool = False  # gave up after retrying: the receiver looks down, not just this event


    @property
    def ok(self) -> bool:
        return self.reason is None


class WebhookSender:
    """Delivers event bodies to webhook URLs with retries."""

    def __init__(self, config: WebhookConfig, sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self.sleep = sleep
        # one client for the process: it keeps connections to the receivers alive between events
        self.client = httpx.Client(timeout=config.timeout_seconds, follow_redirects=False)

    def close(self) -> None:
        """Release the connections."""
        self.client.close()

    def headers(self, event_id: str, body: bytes) -> dict[str, str]:
        """The headers of one attempt."""
        return {"Content-Type": "application/json", SIGNATURE_HEADER: sign(self.config.secret, body),
                EVENT_ID_HEADER: event_id, TIMESTAMP_HEADER: str(int(time.time())),
                "User-Agent": "intake-webhooks/1"}

    def deliver(self, url: str, event_id: str, body: bytes) -> Outcome:
        """POST ``body`` until it is accepted, refused, or the attempts run out."""
        for attempt in range(1, self.config.max_attempts + 1):
            reason, retry = self._attempt(url, event_id, body)
            if reason is None or not retry or attempt == self.config.max_attempts:
                return Outcome(attempt, reason, exhausted=retry)
            log.info("webhook %s: attempt %d for event %s failed (%s)", target_id(url), attempt, event_id, reason)
            self.sleep(self.config.backoff.delay(attempt))
        return Outcome(self.config.max_attempts, "no attempt")  # max_attempts >= 1: not reached

    def _attempt(self, url: str, event_id: str, body: bytes) -> tuple[str | None, bool]:
        """One POST: (failure reason or None, whether to try again)."""
        try:
            response = self.client.post(url, content=body, headers=self.headers(event_id, body))
        except httpx.TransportError as exc:  # connection refused, timeouts, broken connections
            return f"{type(exc).__name__}", True
        if response.is_success:
            return None, False
        retry = response.status_code >= 500 or response.status_code in RETRIED_STATUSES
        return f"HTTP {response.status_code}", retry
