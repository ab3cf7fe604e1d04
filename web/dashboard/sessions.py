"""Sessions that were ended: signing out records the end of the session in the object
store, so a copy of its cookie opens nothing afterwards, in this process or in any other
web process sharing the store.

A session cookie names its session (a random id, signed with the rest by itsdangerous,
see auth.py). Ending it writes ``web/sessions/ended/<digest of the id>.json`` with the time
after which the cookie would have expired anyway; every request made with a session
cookie checks that no such object exists (one ``exists`` call on the store). Entries
past that time are useless and are deleted now and then by the process that ends a
session (at most once every ``prune_every`` seconds).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from intake.errors import NotFound
from intake.models import utcnow
from intake.ports import BlobStore

PREFIX = "web/sessions/ended/"


class EndedSessions:
    """The ended sessions, in the object store, with this process's own endings kept in memory too."""

    def __init__(self, store: BlobStore, prune_every: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store, self.prune_every, self.clock = store, prune_every, clock
        self.here: set[str] = set()
        self.pruned = clock()
        self.lock = threading.Lock()

    def end(self, session_id: str, lifetime: float) -> None:
        """End a session for good (its cookie lives at most ``lifetime`` more seconds)."""
        key = _key(session_id)
        until = utcnow() + timedelta(seconds=lifetime)
        self.store.put(key, json.dumps({"until": until.isoformat()}).encode(), "application/json")
        with self.lock:
            self.here.add(key)
        self._prune_now_and_then()

    def ended(self, session_id: str) -> bool:
        """Whether the session was ended (here or by another process)."""
        key = _key(session_id)
        return key in self.here or self.store.exists(key)

    def _prune_now_and_then(self) -> None:
        with self.lock:
            if self.clock() - self.pruned < self.prune_every:
                return
            self.pruned = self.clock()
        for key in list(self.store.list(PREFIX)):
            self._drop_if_expired(key)

    def _drop_if_expired(self, key: str) -> None:
        try:
            until = json.loads(self.store.get(key))["until"]
        except (NotFound, ValueError, KeyError):
            return
        if datetime.fromisoformat(until) < utcnow():
            self.store.delete(key)
            with self.lock:
                self.here.discard(key)


def _key(session_id: str) -> str:
    return PREFIX + hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()[:40] + ".json"
