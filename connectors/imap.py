"""IMAP mailboxes (imaplib2): every message becomes an ``email`` envelope.

Per message: fetch the full bytes (``BODY.PEEK[]``, the \\Seen flag is left
alone) -> ``parse_email`` -> ``submit`` (bytes stored, envelope written,
publish confirmed) -> remember it (Message-ID + content, and the checkpoint
UIDVALIDITY/last UID) -> only then move it to the processed folder (UID MOVE,
or COPY + \\Deleted + EXPUNGE). A message that cannot be read is kept in the
quarantine record with the reason and moved to the quarantine folder.

A crash between the publish and the move leaves the message in the folder:
the next run finds it remembered and only moves it. A UIDVALIDITY change
resets the checkpoint; the Message-ID memory still prevents a second intake.
IDLE is used when the server offers it, polling otherwise.
"""

from __future__ import annotations

import base64
import contextlib
import email.errors
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone

import imaplib2

from connectors.base import Connector, ConnectorContext
from connectors.checkpoints import Checkpoints, submit_once
from connectors.email import parse_email
from connectors.imap_settings import ImapMailbox, ImapSettings
from intake.backoff import keep_running
from intake.drafts import Draft
from intake.errors import ConfigError, PermanentError, RetryableError

log = logging.getLogger(__name__)

IDENTIFYING_HEADERS = ("from", "date", "message-id")
PARSE_ERRORS = (PermanentError, ValueError, LookupError, TypeError, AttributeError, UnicodeError,
                email.errors.MessageError)


class ImapConnector(Connector):
    """One mailbox, read by UID, acknowledged by moving messages out of the folder."""

    kind = "imap"
    Settings = ImapSettings

    def __init__(self, context: ConnectorContext, mailbox: ImapMailbox,
                 on_submitted: Callable[[int, str], None] | None = None) -> None:
        self.gateway, self.mailbox = context.gateway, mailbox
        self.name = f"imap:{mailbox.name}"
        self.memory = Checkpoints(context.store, f"imap/{mailbox.name}")
        self.on_submitted = on_submitted  # after submit and checkpoint, before the move
        self.client: imaplib2.IMAP4 | None = None
        self.capabilities: set[str] = set()

    @classmethod
    def problem(cls, settings: ImapSettings, target: str = "") -> str | None:
        names = [m.name for m in settings.imap_mailboxes]
        if not names or (target and target not in names):
            return "needs INTAKE_IMAP_MAILBOXES entries" + (f" (one named {target!r}; have {names})" if target else "")
        return None

    @classmethod
    def configured(cls, context: ConnectorContext, settings: ImapSettings, target: str = "") -> list[Connector]:
        return [cls(context, m) for m in settings.imap_mailboxes if not target or m.name == target]

    # -- running ---------------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        keep_running(self.name, stop, lambda connected: self._session(stop, connected),
                     (imaplib2.IMAP4.abort, OSError, RetryableError))

    def _session(self, stop: threading.Event, connected: Callable[[], None]) -> None:
        """Connect, then take what comes until stopped; always log out."""
        try:
            self.connect()
            connected()
            while not stop.is_set():
                self.poll()
                self._wait(stop)
        finally:
            self.close()

    def run_once(self) -> int:
        """Connect, take what is waiting, disconnect; return how many were submitted."""
        try:
            self.connect()
            return self.poll()
        finally:
            self.close()

    def _wait(self, stop: threading.Event) -> None:
        """Until the server tells of a change (IDLE) or the poll interval passed; returns at once on stop."""
        if not (self.mailbox.idle and "IDLE" in self.capabilities):
            stop.wait(self.mailbox.poll_seconds)
            return
        ended: list[tuple] = []
        self.client.idle(timeout=max(1, int(self.mailbox.poll_seconds)), callback=ended.append)
        while not ended and not stop.wait(0.2):
            pass
        if not ended:
            self._ok(self.client.noop(), "NOOP")  # any command ends the IDLE
        elif ended[0][2] is not None:
            raise RetryableError("IDLE failed", mailbox=self.mailbox.name, error=str(ended[0][2][1]))

    # -- connection ------------------------------------------------------------------------------

    def connect(self) -> None:
        """Open, log in, learn capabilities, create the folders."""
        self._open()
        self._login()
        typ, data = self.client.capability()
        self.capabilities = set((data[-1] or b"").decode().upper().split()) if typ == "OK" else set()
        for folder in (self.mailbox.processed_folder, self.mailbox.quarantine_folder):
            self._ensure_folder(folder)

    def _open(self) -> None:
        m = self.mailbox
        base = imaplib2.IMAP4_SSL if m.security == "ssl" else imaplib2.IMAP4
        try:
            self.client = _client_class(base, m)(m.host, m.effective_port, timeout=m.timeout_seconds)
            if m.security == "starttls":
                self.client.starttls()
        except (OSError, imaplib2.IMAP4.error) as exc:
            raise RetryableError("cannot connect to IMAP server", mailbox=m.name, error=str(exc)) from exc

    def _login(self) -> None:
        try:
            typ, data = self.client.login(self.mailbox.user, self.mailbox.password.get_secret_value())
        except imaplib2.IMAP4.abort:
            raise
        except imaplib2.IMAP4.error as exc:
            raise ConfigError("IMAP login refused", mailbox=self.mailbox.name, error=str(exc)) from None
        if typ != "OK":
            raise ConfigError("IMAP login refused", mailbox=self.mailbox.name, error=str(data))

    def _ensure_folder(self, folder: str) -> None:
        typ, data = self.client.create(_mailbox_arg(folder))
        if typ != "OK" and b"ALREADYEXISTS" not in b" ".join(d for d in data if isinstance(d, bytes)):
            self._ok(self.client.list('""', _mailbox_arg(folder)), f"LIST {folder}")

    def close(self) -> None:
        """Log out (and stop imaplib2's threads)."""
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.logout()

    # -- one poll --------------------------------------------------------------------------------

    def poll(self) -> int:
        """Take every message waiting in the folder; return how many were submitted."""
        state = self._checkpoint(self._select())
        return sum(self._take(uid, state) for uid in self._waiting_uids())

    def _select(self) -> int:
        self._ok(self.client.select(_mailbox_arg(self.mailbox.folder)), f"SELECT {self.mailbox.folder}")
        _, data = self.client.response("UIDVALIDITY")
        return int(data[0])

    def _checkpoint(self, uidvalidity: int) -> dict:
        state = self.memory.load("checkpoint") or {}
        if state.get("uidvalidity") != uidvalidity:
            if state:
                log.warning("%s: UIDVALIDITY changed (%s -> %s): checkpoint reset, Message-IDs still remembered",
                            self.name, state.get("uidvalidity"), uidvalidity)
            state = {"uidvalidity": uidvalidity, "last_uid": 0}
            self.memory.save("checkpoint", state)
        return state

    def _waiting_uids(self) -> list[int]:
        _, data = self._ok(self.client.uid("SEARCH", "ALL"), "UID SEARCH")
        return sorted(int(uid) for uid in (data[0] or b"").split())

    def _take(self, uid: int, state: dict) -> bool:
        """Take one message; return whether it was submitted now (not remembered, not quarantined)."""
        if uid <= state["last_uid"]:
            log.info("%s: finishing UID %s left by an interrupted run", self.name, uid)
        fetched = self._fetch(uid)
        if fetched is None:  # expunged meanwhile by another client
            return False
        raw, internal_date = fetched
        try:
            draft = self._parse(raw, internal_date, state["uidvalidity"], uid)
        except PARSE_ERRORS as exc:
            self._quarantine(uid, raw, str(exc), state)
            return False
        envelope_id, fresh = submit_once(self.gateway, self.memory, _dedup_key(draft), draft)
        self._advance(state, uid)
        if self.on_submitted is not None:
            self.on_submitted(uid, envelope_id)
        self._move(uid, self.mailbox.processed_folder)
        return fresh

    def _fetch(self, uid: int) -> tuple[bytes, datetime | None] | None:
        _, data = self._ok(self.client.uid("FETCH", str(uid), "(INTERNALDATE BODY.PEEK[])"), "UID FETCH")
        part = next((d for d in data if isinstance(d, tuple)), None)
        if part is None:
            return None
        stamp = imaplib2.Internaldate2Time(part[0])
        return part[1], datetime.fromtimestamp(time.mktime(stamp), tz=timezone.utc) if stamp else None

    def _parse(self, raw: bytes, internal_date: datetime | None, uidvalidity: int, uid: int) -> Draft:
        if len(raw) > self.gateway.max_item_bytes:
            raise PermanentError("message larger than max_item_bytes", size=len(raw))
        draft = parse_email(raw, source=self.name, fallback_time=internal_date)
        if not any(draft.headers.get(h) for h in IDENTIFYING_HEADERS):
            raise PermanentError("not an e-mail: no From, Date or Message-ID header")
        draft.meta.update({"imap_folder": self.mailbox.folder, "imap_uidvalidity": str(uidvalidity),
                           "imap_uid": str(uid)})
        return draft

    def _quarantine(self, uid: int, raw: bytes, reason: str, state: dict) -> None:
        subject = f"{self.mailbox.name}-{state['uidvalidity']}-{uid}"
        self.gateway.refuse("imap", subject, reason, raw=raw, mailbox=self.mailbox.name, uid=uid, file=f"{subject}.eml")
        log.warning("%s: UID %s quarantined: %s", self.name, uid, reason)
        self._advance(state, uid)
        self._move(uid, self.mailbox.quarantine_folder)

    def _advance(self, state: dict, uid: int) -> None:
        if uid > state["last_uid"]:
            state["last_uid"] = uid
            self.memory.save("checkpoint", state)

    def _move(self, uid: int, folder: str) -> None:
        target = _mailbox_arg(folder)
        if "MOVE" in self.capabilities:
            self._ok(self.client.uid("MOVE", str(uid), target), "UID MOVE")
            return
        self._ok(self.client.uid("COPY", str(uid), target), "UID COPY")
        self._ok(self.client.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Deleted)"), "UID STORE")
        expunge = self.client.uid("EXPUNGE", str(uid)) if "UIDPLUS" in self.capabilities else self.client.expunge()
        self._ok(expunge, "EXPUNGE")

    def _ok(self, response: tuple, what: str) -> tuple:
        typ, data = response
        if typ != "OK":
            raise RetryableError("IMAP command failed", mailbox=self.mailbox.name, command=what, answer=str(data))
        return typ, data


def _dedup_key(draft: Draft) -> str:
    """Message-ID plus what the message says: a copy delivered twice is taken once,
    a different message that reuses a Message-ID is still taken."""
    return f"{draft.source_id}\0{replace(draft, raw=None).content_hash()}"


def _mailbox_arg(name: str) -> str:
    """A folder name as an IMAP argument: modified UTF-7 (RFC 3501), quoted."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode().rstrip("=")
            out.append("&" + encoded.replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return '"' + "".join(out).replace("\\", "\\\\").replace('"', '\\"') + '"'


class _VerifiedTls:
    """imaplib2's own TLS set-up checks no host name: wrap with a verifying context instead."""

    tls_context: ssl.SSLContext

    def ssl_wrap_socket(self) -> None:
        self.sock = self.tls_context.wrap_socket(self.sock, server_hostname=self.host)
        self.read_fd = self.sock.fileno()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)


def _client_class(base: type[imaplib2.IMAP4], mailbox: ImapMailbox) -> type[imaplib2.IMAP4]:
    """``base`` with certificate and host-name verification (system CAs, or the mailbox's ``ca_file``)."""
    context = ssl.create_default_context(cafile=str(mailbox.ca_file) if mailbox.ca_file else None)
    if mailbox.security == "starttls":
        # imaplib2 restarts its reader thread right after the handshake; with TLS 1.3 the server's
        # session tickets arriving then sometimes corrupt the stream (seen with Dovecot): stay on 1.2
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    return type(base.__name__, (_VerifiedTls, base), {"tls_context": context})
