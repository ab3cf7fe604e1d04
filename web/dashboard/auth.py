"""Who may see the dashboard, and what: users, password and key hashes, signed
session cookies, and the role check.

A user has a role, ``supervisor`` (every team), ``reviewer`` (the review
queue) or ``team:<name>`` (that team's cases only): what each may do is in
web/dashboard/permissions.py. A user has a password hash, an API key hash,
or both. Hashes: argon2id
(``$argon2id$...``, argon2-cffi's defaults; made by ``python -m
web.dashboard.auth``), or ``sha256:<hex>`` for long random API keys; older
``pbkdf2_sha256$<iterations>$<salt>$<hash>`` hashes still verify. The session
cookie carries the user name and is signed and timed by itsdangerous; the role
is looked up again on every request, so removing a user or changing a role
takes effect at once. The cookie also names its session (a random id), which
signing out ends for good (``ended``, see sessions.py). The submission API keys
of the web forms do not open the dashboard.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import re
import secrets
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

ROLE = re.compile(r"supervisor|reviewer|team:[A-Za-z0-9][A-Za-z0-9_-]*")
REVIEW_TEAM = "review"  # the team whose queue reviewers work (routing/rules.yaml: case_rules.review_team)
COOKIE = "intake_session"
HASHER = PasswordHasher()  # argon2id at argon2-cffi's current defaults (RFC 9106's second recommendation)
# compared against when the user name is unknown, so a wrong name costs as long as a wrong password
_DUMMY = HASHER.hash(secrets.token_hex(16))


class DashboardUser(BaseModel):
    """One account of the dashboard."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    role: str
    password_hash: str | None = None
    api_key_hash: str | None = None

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        if not ROLE.fullmatch(value):
            raise ValueError("role must be 'supervisor', 'reviewer' or 'team:<name>'")
        return value

    @model_validator(mode="after")
    def _has_a_credential(self) -> DashboardUser:
        if not self.password_hash and not self.api_key_hash:
            raise ValueError(f"user {self.name!r} needs a password_hash or an api_key_hash")
        return self


@dataclass(frozen=True)
class Principal:
    """The signed-in user and what they may see."""

    name: str
    role: str
    by_cookie: bool = True

    @property
    def supervisor(self) -> bool:
        return self.role == "supervisor"

    @property
    def reviewer(self) -> bool:
        return self.role == "reviewer"

    @property
    def team(self) -> str | None:
        """The team whose cases this user works: their own, the review team for a reviewer, none for a supervisor."""
        if self.role.startswith("team:"):
            return self.role.removeprefix("team:")
        return REVIEW_TEAM if self.reviewer else None

    def sees(self, team: str | None) -> bool:
        """Whether this user may see a case (or item) of ``team``."""
        return self.supervisor or (team is not None and team == self.team)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``, in the stored form."""
    return HASHER.hash(password)


def hash_api_key(key: str) -> str:
    """The stored form of an API key."""
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def verify_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches a stored hash (either form), in constant time."""
    if stored.startswith("sha256:"):
        return hmac.compare_digest(hash_api_key(secret), stored)
    if stored.startswith("$argon2"):
        return _argon2(secret, stored)
    return _pbkdf2(secret, stored)


def _argon2(secret: str, stored: str) -> bool:
    try:
        return HASHER.verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False


def _pbkdf2(secret: str, stored: str) -> bool:
    """A hash made before argon2id (``pbkdf2_sha256$...``): still accepted."""
    try:
        scheme, iterations, salt, expected = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return scheme == "pbkdf2_sha256" and hmac.compare_digest(digest.hex(), expected)


class Access:
    """Checks credentials and signs or reads session cookies."""

    def __init__(self, users: Iterable[DashboardUser | dict], secret: bytes | str | None = None,
                 max_age: int = 8 * 3600) -> None:
        self.users = {u.name: u for u in (DashboardUser.model_validate(x) for x in users)}
        # no configured secret: sessions last as long as the process
        self.secret = secret.encode() if isinstance(secret, str) else secret or secrets.token_bytes(32)
        self.max_age = max_age
        self.sessions = URLSafeTimedSerializer(self.secret, salt="intake-session")
        self.forms = Signer(self.secret, salt="intake-csrf")
        self.ended: Callable[[str], bool] = lambda session_id: False  # the dashboard's ended sessions

    def login(self, name: str, password: str) -> Principal | None:
        """The user with this name and password, if they match."""
        user = self.users.get(name)
        stored = user.password_hash if user and user.password_hash else _DUMMY
        ok = verify_secret(password, stored)
        return Principal(user.name, user.role) if ok and user else None

    def by_key(self, key: str, by_cookie: bool = False) -> Principal | None:
        """The user holding this API key, if any."""
        found = [u for u in self.users.values() if u.api_key_hash and verify_secret(key, u.api_key_hash)]
        return Principal(found[0].name, found[0].role, by_cookie) if key and found else None

    def cookie(self, principal: Principal) -> str:
        """A signed, timed session value for ``principal``."""
        return self.sessions.dumps({"u": principal.name, "s": secrets.token_urlsafe(16)})

    def from_cookie(self, value: str | None) -> Principal | None:
        """The user a session value belongs to, if it is genuine, current, not ended and the user still exists."""
        body = self._session(value)
        if body is None or self.ended(body["s"]):
            return None
        user = self.users.get(body["u"])
        return Principal(user.name, user.role) if user else None

    def session_id(self, value: str | None) -> str | None:
        """The id of the session a genuine, current session value names."""
        body = self._session(value)
        return body["s"] if body else None

    def _session(self, value: str | None) -> dict | None:
        try:
            body = self.sessions.loads(value or "", max_age=self.max_age)
        except BadSignature:  # forged, altered or expired (SignatureExpired is a BadSignature)
            return None
        ok = isinstance(body, dict) and isinstance(body.get("u"), str) and isinstance(body.get("s"), str)
        return body if ok else None  # a cookie from before session ids names no session: refused

    def csrf(self, cookie: str) -> str:
        """The token a form must send back with this session (a cross-site form cannot know it)."""
        return self.forms.get_signature(cookie).decode()


def access_from(settings: Any, users: Iterable[DashboardUser | dict] | None = None,
                secret: str | bytes | None = None) -> Access:
    """Who may open the dashboard: the arguments, else the settings (when they define dashboard users)."""
    # getattr: dashboard_users and dashboard_session_secret are optional settings
    if users is None:
        users = getattr(settings, "dashboard_users", ())
    if secret is None and (configured := getattr(settings, "dashboard_session_secret", None)):
        secret = configured.get_secret_value() if hasattr(configured, "get_secret_value") else configured
    return Access(users, secret)


def read_password(stream: TextIO | None = None) -> str:
    """A password typed at a terminal without echo, or the first line of piped input (no prompt, no warning)."""
    stream = stream or sys.stdin
    if stream.isatty():
        return getpass.getpass("Mot de passe : ")
    return stream.readline().rstrip("\r\n")


if __name__ == "__main__":  # python -m web.dashboard.auth, as `intake dashboard hash-password`
    print(hash_password(read_password()))
