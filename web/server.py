"""Web forms over HTTP (FastAPI): ``POST /v1/submissions`` answers 202 with a
tracking id once the item is stored and queued; ``GET /v1/submissions/{id}``
tells where it is; ``GET /`` is a minimal French self-service form. The same
app serves the operations dashboard (``/dashboard``, see web/dashboard); the Prometheus
metrics (``/metrics``), the spec and its docs are on the internal port (web/internal.py).
Every answer carries the security headers (web/security.py); an unexpected error is a
500 page without personal data in the logs (web/errors.py).

Clients authenticate with ``X-API-Key`` (keys kept as SHA-256, compared with
``hmac.compare_digest``); each key may make ``web_rate_limit`` requests a minute,
``web_rate_burst`` at once (429). The body is limited to ``web_max_bytes`` (413). An
``Idempotency-Key`` makes a retried POST answer the same tracking id and
envelope; its record lives in the object store (``web/idempotency/``).
The browser form posts without a key only when ``web_public_form`` is on.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import re
import secrets
import threading
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from connectors.webform import draft_from_form
from intake import ids
from intake.drafts import BATCH, FileDraft, batch_meta
from intake.errors import NotFound, PermanentError, RetryableError
from intake.models import sha256_hex, utcnow
from intake.pipeline import STAGES
from runtime.app import App
from runtime.metrics import CONTENT_TYPE as METRICS_TYPE
from runtime.metrics import BacklogCollector, QueueDepths, exposition
from web.dashboard.auth import DashboardUser, access_from
from web.dashboard.routes import install as install_dashboard
from web.dashboard.stats import today
from web.bodies import read_submission
from web.challenge import FIELD as CHALLENGE_FIELD
from web.challenge import FormChallenge
from web.dashboard.throttle import LoginThrottle
from web.errors import add_error_boundary
from web.internal import internal_app
from web.limits import BodyLimit, BodyTimeout, BodyTooLarge, spend, too_large, too_slow, unavailable
from web.pages import CLOSED, PAGE, RECEIVED
from web.ratelimit import RateLimiter
from web.security import secure
from web.serving import serve_until
from web.settings import WebSettings
from web.spec import TRACKING_LINK, TRACKING_PATTERN, UPLOAD_DOC, Receipt, Whereabouts, check_fields, errors
from web.tracking import install as install_tracking

TRACKING = re.compile(TRACKING_PATTERN)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PUBLIC_FIELDS = ("name", "email", "phone", "member_number", "subject", "message")


class Intake:
    """What the endpoints do, on one App; one submission at a time (the bus is not thread-safe)."""

    def __init__(self, app: App, api_keys: Iterable[str], public_form: bool, limiter: RateLimiter,
                 secret: bytes, challenge: FormChallenge) -> None:
        self.app, self.public_form, self.limiter, self.challenge = app, public_form, limiter, challenge
        self.digests = [k[7:] if k.startswith("sha256:") else _sha(k) for k in api_keys]
        self.lock = threading.Lock()
        self.secret = secret  # keys the client-address digests, so replicas sharing it agree

    def peer(self, request: Request) -> str:
        """A digest of the client's network address (never the address): acknowledgements are limited per peer."""
        host = request.client.host if request.client else ""
        return hmac.new(self.secret, host.encode(), hashlib.sha256).hexdigest()[:16]

    def client(self, api_key: str | None, browser: bool) -> str:
        """Who is asking: ``key-<hash prefix>`` (within its rate limit), or ``public`` for the open browser form."""
        if api_key:
            digest = _sha(api_key)
            if any([hmac.compare_digest(digest, known) for known in self.digests]):
                spend(self.limiter, digest)  # only known keys have a budget: strangers spend none
                return f"key-{digest[:12]}"
        elif browser and self.public_form:
            return "public"
        raise HTTPException(401, "missing or unknown X-API-Key", headers={"WWW-Authenticate": "X-API-Key"})

    def submit(self, client: str, form: dict, files: list[FileDraft], idempotency_key: str | None,
               peer: str = "") -> Receipt:
        try:
            return self._submit(client, form, files, idempotency_key, peer)
        except PermanentError as exc:  # the fields cannot make an item: the sender hears why, in French
            raise HTTPException(422, exc.message) from None

    def _submit(self, client: str, form: dict, files: list[FileDraft], idempotency_key: str | None,
                peer: str) -> Receipt:
        with self.lock:
            scope = sha256_hex(f"{client}\0{idempotency_key}".encode()) if idempotency_key else None
            record = self._reserve(scope, _fingerprint(form, files))
            if record.get("envelope_id"):
                return Receipt(tracking_id=record["tracking_id"], envelope_id=record["envelope_id"], status="received")
            tracking = record["tracking_id"]
            draft = draft_from_form(form, source="web", files=files, submission_id=f"web:{scope or tracking}")
            draft.meta.update({"web_client": client, "tracking_id": tracking} | ({"web_peer": peer} if peer else {}))
            draft.meta.pop(BATCH, None)
            draft.meta.update(batch_meta(_batch(client, form, files)))
            envelope = self.app.submit(draft)
            self._put(f"web/tracking/{tracking}.json", {"envelope_id": envelope.id, "client": client,
                                                         "at": utcnow().isoformat()})
            if scope:
                self._put(f"web/idempotency/{scope}.json", record | {"envelope_id": envelope.id})
            return Receipt(tracking_id=tracking, envelope_id=envelope.id, status="received")

    def _reserve(self, scope: str | None, fingerprint: str) -> dict:
        """The idempotency record of this key (made now, with a new tracking id, if there is none)."""
        record = {"tracking_id": _tracking_id(), "fingerprint": fingerprint}
        if scope is None:
            return record
        existing = self._get(f"web/idempotency/{scope}.json")
        if existing is not None:
            if existing["fingerprint"] != fingerprint:
                raise HTTPException(422, "Idempotency-Key already used for a different submission")
            return existing
        self._put(f"web/idempotency/{scope}.json", record)
        return record

    def whereabouts(self, client: str, tracking: str) -> Whereabouts:
        record = self._get(f"web/tracking/{tracking}.json") if TRACKING.fullmatch(tracking) else None
        if record is None or record["client"] != client:
            raise HTTPException(404, "no such submission")
        eid, records = record["envelope_id"], self.app.records
        found = dict(tracking_id=tracking, envelope_id=eid)
        if case_id := records.index_get("envelope", eid):
            team = self._case_team(case_id) or self._team(eid)
            return Whereabouts(**found, status="recorded", case_id=case_id, team=team)
        if self.app.store.exists(f"decisions/{eid}.json"):
            return Whereabouts(**found, status="routed", team=self._team(eid))
        if stage := next((s for s in STAGES if records.quarantine_entries(ids.quarantine_item(s, eid))), None):
            return Whereabouts(**found, status="quarantined", stage=stage)
        status = "captured" if self.app.store.exists(f"captures/{eid}.json") else "received"
        return Whereabouts(**found, status=status)

    def _case_team(self, case_id: str) -> str | None:
        """The team the case is with now (a later item may have moved it), None while it is being written."""
        try:
            return self.app.records.case(case_id).team
        except NotFound:
            return None

    def _team(self, envelope_id: str) -> str | None:
        try:
            return self.app.records.decision(envelope_id)[1].team
        except NotFound:
            return None

    def _get(self, key: str) -> dict | None:
        try:
            return json.loads(self.app.store.get(key))
        except NotFound:
            return None

    def _put(self, key: str, body: dict) -> None:
        self.app.store.put(key, json.dumps(body).encode(), "application/json")


def create_app(app: App, api_keys: Iterable[str] | None = None, max_bytes: int | None = None,
               public_form: bool | None = None, users: Iterable[DashboardUser | dict] | None = None,
               session_secret: str | bytes | None = None,
               limiter: RateLimiter | None = None, web: WebSettings | None = None,
               body_timeout: float | None = None, challenge: int | None = None) -> FastAPI:
    """The HTTP application on ``app`` (defaults from the web settings): submissions, dashboard, metrics.

    The dashboard and the gauges read the App's case index; ``challenge`` is the
    public form's proof of work (web/challenge.py, 0: none)."""
    s = web or WebSettings.load()
    secret = _secret(session_secret, s)
    work = s.web_form_challenge if challenge is None else challenge
    intake = Intake(app, s.web_api_keys if api_keys is None else api_keys,
                    s.web_public_form if public_form is None else public_form,
                    limiter or RateLimiter(s.web_rate_limit, s.web_rate_burst), secret,
                    FormChallenge(secret, work, app.store))
    api = FastAPI(title="intake: web submissions", version="1", description=__doc__, openapi_url=None)
    api.add_middleware(BodyLimit, max_bytes=max_bytes or s.web_max_bytes,
                       timeout_seconds=body_timeout or s.web_body_timeout_seconds)
    add_error_boundary(api)
    secure(api, s.web_trusted_proxies)
    api.add_exception_handler(BodyTooLarge, too_large)
    api.add_exception_handler(BodyTimeout, too_slow)
    api.add_exception_handler(RetryableError, unavailable)  # broker or store down: the client retries
    dashboard = install_dashboard(api, app, access_from(s, users, secret), intake.lock, LoginThrottle.from_settings(s))
    core = app.settings
    collector = BacklogCollector(QueueDepths(core.effective_broker_url, core.bus_dir, app.rules.teams),
                                 app.index, today, utcnow)

    def metrics() -> Response:
        """Prometheus metrics: this process's counters and the backlog gauges."""
        return Response(exposition(collector), media_type=METRICS_TYPE)

    api.state.internal = internal_app(api, metrics)  # served on the internal port (WebServer)

    @api.post("/v1/submissions", status_code=202, response_model=Receipt, openapi_extra=UPLOAD_DOC,
              operation_id="submit", responses={202: TRACKING_LINK, **errors(400, 401, 403, 408, 413, 415, 422, 429, 503)})
    async def submit(request: Request, x_api_key: str | None = Header(None),
                     idempotency_key: str | None = Header(None, max_length=200)) -> Any:
        """Submit a request (JSON, or multipart with a ``form`` JSON field and files)."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        browser = kind in {"multipart/form-data", "application/x-www-form-urlencoded"}
        client = intake.client(x_api_key, browser)
        form, files, native = await read_submission(request, kind)
        if client == "public":
            await run_in_threadpool(intake.challenge.check, form.get(CHALLENGE_FIELD))
            form = {k: v for k, v in form.items() if k in PUBLIC_FIELDS}
        check_fields(form, len(files))
        receipt = await run_in_threadpool(intake.submit, client, form, files, idempotency_key, intake.peer(request))
        if native and "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(RECEIVED.format(tracking=html.escape(receipt.tracking_id)), status_code=202)
        return receipt

    @api.get("/v1/submissions/{tracking_id}", response_model=Whereabouts, operation_id="where",
             responses=errors(401, 404, 422, 429, 503))
    async def where(tracking_id: str = Path(pattern=TRACKING_PATTERN),
                    x_api_key: str | None = Header(None)) -> Whereabouts:
        """Where a submission is: received, captured, routed (team), recorded (case id) or quarantined."""
        return await run_in_threadpool(intake.whereabouts, intake.client(x_api_key, False), tracking_id)

    install_tracking(api, app, intake.limiter, intake.peer, dashboard.zone)

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request) -> str:
        if not intake.public_form:
            return PAGE.format(notice=CLOSED)
        return PAGE.format(notice=intake.challenge.script(request.state.csp_nonce))

    return api


def _batch(client: str, form: dict, files: list[FileDraft]) -> bool:
    """Whether a keyed client's upload is a mailroom batch (field ``batch``: a stack of letters in one scan)."""
    if str(form.get(BATCH, "")).strip().lower() not in {"1", "true", "oui", "yes"} or client == "public":
        return False
    if len(files) != 1:
        raise PermanentError(f"un lot de courrier est un seul fichier PDF ou TIFF ({len(files)} reçus)")
    return True


def _fingerprint(form: dict, files: list[FileDraft]) -> str:
    parts = [json.dumps(form, sort_keys=True, default=str), *(f"{f.filename}:{sha256_hex(f.data)}" for f in files)]
    return sha256_hex("\0".join(parts).encode())


def _secret(given: str | bytes | None, settings: WebSettings) -> bytes:
    """The key of session cookies, challenges and client digests: given, configured, or this process's own."""
    if given is None and settings.dashboard_session_secret is not None:
        given = settings.dashboard_session_secret.get_secret_value()
    if not given:
        return secrets.token_bytes(32)
    return given.encode() if isinstance(given, str) else given


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _tracking_id() -> str:
    return "W-" + "".join(secrets.choice(ALPHABET) for _ in range(10))


class WebServer:
    """The web app and its internal app served by uvicorn until stopped (``intake connect web``)."""

    name = "web"

    def __init__(self, app: App, web: WebSettings) -> None:
        self.app, self.web = app, web

    def run(self, stop: threading.Event) -> None:
        self.app.start()
        api, web = create_app(self.app, web=self.web), self.web
        serve_until(stop, (api, web.web_host, web.web_port),
                    (api.state.internal, web.web_internal_host, web.web_internal_port))
