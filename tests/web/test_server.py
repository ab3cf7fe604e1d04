"""The web-form endpoint over real HTTP (uvicorn on loopback), on the real RabbitMQ."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import time
from collections.abc import Iterator

import altcha
import httpx
import pytest
from prometheus_client import REGISTRY
from served import serve

from runtime.bus import stage_queue
from web.ratelimit import RateLimiter
from web.server import create_app

pytestmark = pytest.mark.rabbitmq
KEY = "cle-portail-adherent-0123456789"
OTHER_KEY = "cle-courtier-partenaire-9876543210"
FORM = {"name": "Jeanne Martin", "email": "jeanne.martin@example.fr", "member_number": "12345678",
        "subject": "Remboursement lunettes", "message": "Bonjour, ma facture d'opticien n'est pas remboursée."}


def solved(page: str) -> str:
    """The ``altcha`` field a browser would post: the page's challenge, solved."""
    challenge = json.loads(re.search(r"var challenge = (\{.*?\});", page).group(1))
    solution = altcha.solve_challenge_v1(challenge["challenge"], challenge["salt"], challenge["algorithm"],
                                         challenge["maxnumber"])
    payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")} | {"number": solution.number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


@pytest.fixture
def web(amqp_app) -> Iterator[httpx.Client]:
    api = create_app(amqp_app, api_keys=[KEY], max_bytes=100_000, public_form=True, challenge=2000)
    with serve(api) as url, httpx.Client(base_url=url, timeout=10) as client:
        yield client


def _depth(app) -> int:
    return app.bus.queue_depth(stage_queue("capture"))


def test_a_submission_needs_a_known_api_key(web, amqp_app):
    assert web.post("/v1/submissions", json=FORM).status_code == 401
    assert web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY + "x"}).status_code == 401

    answer = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY})

    assert answer.status_code == 202
    receipt = answer.json()
    assert re.fullmatch(r"W-[A-Z0-9]{10}", receipt["tracking_id"]) and receipt["status"] == "received"
    envelope = amqp_app.records.envelope(receipt["envelope_id"])
    assert envelope.channel == "webform" and envelope.sender.email == "jeanne.martin@example.fr"
    assert "facture d'opticien" in envelope.body
    assert _depth(amqp_app) == 1


def test_a_multipart_submission_carries_its_files(web, amqp_app):
    files = [("files", ("facture été.pdf", b"%PDF-1.4 facture", "application/pdf")),
             ("files", ("ordonnance.jpg", b"\xff\xd8\xff\xe0 photo", "image/jpeg"))]
    answer = web.post("/v1/submissions", data={"form": json.dumps(FORM)}, files=files, headers={"X-API-Key": KEY})

    assert answer.status_code == 202
    envelope = amqp_app.records.envelope(answer.json()["envelope_id"])
    assert [a.filename for a in envelope.attachments] == ["facture été.pdf", "ordonnance.jpg"]
    assert amqp_app.store.get(envelope.attachments[0].ref.key) == b"%PDF-1.4 facture"


def test_a_body_over_the_limit_is_refused_with_413_declared_or_streamed(web, amqp_app):
    big = {**FORM, "message": "x" * 150_000}
    assert web.post("/v1/submissions", json=big, headers={"X-API-Key": KEY}).status_code == 413

    def chunks():  # no Content-Length: the limit is enforced while reading
        yield json.dumps(big).encode()

    streamed = web.post("/v1/submissions", content=chunks(),
                        headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert _depth(amqp_app) == 0


def test_the_same_idempotency_key_twice_gives_one_envelope_and_the_same_tracking_id(web, amqp_app):
    headers = {"X-API-Key": KEY, "Idempotency-Key": "portail-5f2c9e"}
    first = web.post("/v1/submissions", json=FORM, headers=headers)
    second = web.post("/v1/submissions", json=FORM, headers=headers)
    other = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY, "Idempotency-Key": "portail-77"})
    reused = web.post("/v1/submissions", json={**FORM, "message": "autre chose"}, headers=headers)

    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json() == second.json()
    assert other.json()["envelope_id"] != first.json()["envelope_id"]
    assert reused.status_code == 422
    assert _depth(amqp_app) == 2


def test_the_status_follows_the_item_through_the_real_pipeline(web, amqp_app):
    receipt = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY}).json()
    path = f"/v1/submissions/{receipt['tracking_id']}"
    assert web.get(path).status_code == 401
    assert web.get(path, headers={"X-API-Key": KEY}).json()["status"] == "received"

    seen = []
    for stage in ("capture", "classify", "record"):
        amqp_app.worker((stage,)).run(idle_timeout=1.0)
        seen.append(web.get(path, headers={"X-API-Key": KEY}).json())

    assert [s["status"] for s in seen] == ["captured", "routed", "recorded"]
    assert seen[1]["team"] and seen[2]["team"] == seen[1]["team"]
    assert seen[2]["case_id"] == amqp_app.records.index_get("envelope", receipt["envelope_id"])
    assert web.get("/v1/submissions/W-AAAAAAAAAA", headers={"X-API-Key": KEY}).status_code == 404


def test_the_french_page_posts_a_browser_form_that_gets_a_tracking_number(web, amqp_app):
    page = web.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'action="/v1/submissions"' in page.text and "Votre message" in page.text
    assert page.text.count("<script") == 1 and "crypto.subtle" in page.text  # the proof of work, nothing else

    fields = {**FORM, "injected": "ignored", "altcha": solved(page.text)}
    answer = web.post("/v1/submissions", data=fields, headers={"Accept": "text/html"},
                      files=[("files", ("photo.png", b"\x89PNG\r\n\x1a\n...", "image/png")), ("files", ("", b""))])

    assert answer.status_code == 202 and "numéro de suivi" in answer.text
    tracking = re.search(r"W-[A-Z0-9]{10}", answer.text).group(0)
    envelope = amqp_app.records.envelope(next(iter(amqp_app.store.list("envelopes/"))).split("/")[1][:-5])
    assert envelope.meta["tracking_id"] == tracking and "injected" not in envelope.meta
    assert [a.filename for a in envelope.attachments] == ["photo.png"]
    assert web.post("/v1/submissions", json=FORM).status_code == 401  # only the browser form is open


def test_without_the_public_form_a_browser_post_needs_a_key_and_the_spec_is_published(amqp_app):
    api = create_app(amqp_app, api_keys=[KEY])
    with serve(api) as url, httpx.Client(base_url=url) as client:
        assert client.post("/v1/submissions", data=FORM).status_code == 401
        assert "n'est pas ouvert au public" in client.get("/").text
    with serve(api.state.internal) as url:  # the spec is on the internal port (web/internal.py)
        spec = httpx.get(f"{url}/openapi.json").json()
    operation = spec["paths"]["/v1/submissions"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "202" in operation["responses"] and "/v1/submissions/{tracking_id}" in spec["paths"]


def _refused_so_far() -> float:
    return REGISTRY.get_sample_value("intake_web_rate_limited_total") or 0.0


def test_a_key_over_its_burst_gets_429_with_retry_after_while_another_key_still_gets_through(amqp_app):
    frozen = RateLimiter(per_minute=6, burst=2, clock=lambda: 0.0)  # no time passes: nothing refills
    api = create_app(amqp_app, api_keys=[KEY, OTHER_KEY], public_form=True, limiter=frozen)
    before = _refused_so_far()
    with serve(api) as url, httpx.Client(base_url=url, timeout=10) as web:
        first = [web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY}) for _ in range(2)]
        over = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY})
        status = web.get(f"/v1/submissions/{first[0].json()['tracking_id']}", headers={"X-API-Key": KEY})
        other = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": OTHER_KEY})

    assert [a.status_code for a in first] == [202, 202] and other.status_code == 202
    assert over.status_code == status.status_code == 429
    assert over.headers["Retry-After"] == "10"  # 6 a minute: the next token in 10 s
    assert over.json() == {"detail": "rate limit of this API key reached, retry in 10 s"}
    assert _refused_so_far() - before == 2
    assert _depth(amqp_app) == 3


def test_unauthenticated_requests_spend_nothing_of_a_keys_budget(amqp_app):
    frozen = RateLimiter(per_minute=60, burst=1, clock=lambda: 0.0)
    api = create_app(amqp_app, api_keys=[KEY], public_form=True, limiter=frozen, challenge=0)
    with serve(api) as url, httpx.Client(base_url=url, timeout=10) as web:
        strangers = [web.post("/v1/submissions", json=FORM, headers=h) for h in ({}, {"X-API-Key": KEY[:-1]})] * 5
        public = web.post("/v1/submissions", data=FORM)  # the open browser form
        keyed = web.post("/v1/submissions", json=FORM, headers={"X-API-Key": KEY})

    assert {a.status_code for a in strangers} == {401} and public.status_code == 202
    assert keyed.status_code == 202
    assert list(frozen.buckets) == [hashlib.sha256(KEY.encode()).hexdigest()]  # keyed by hash, never the key


@pytest.mark.parametrize("body, status, words", [
    (b'{"message": ' + b"[" * 5000 + b"]" * 5000 + b"}", 422, "imbriqué trop profondément"),
    (b'{"message": "x", "n": ' + b"9" * 5000 + b"}", 422, "plus de 40 chiffres"),
    (b'{"message": "\\ud800 bonjour"}', 422, "moitié de paire UTF-16"),
    (b'{"message": "x", "n": 1e999}', 422, "trop grand"),
    (b'{"message": "x",', 400, "pas du JSON lisible"),
], ids=["deep", "digits", "lone-surrogate", "infinite", "truncated"])
def test_hostile_json_is_refused_with_a_french_reason_and_never_a_server_error(web, amqp_app, body, status, words):
    answer = web.post("/v1/submissions", content=body, headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert answer.status_code == status and words in answer.json()["detail"]
    assert _depth(amqp_app) == 0


@pytest.mark.parametrize("form, words", [
    ('{"message": ' + "[" * 3000 + "]" * 3000 + "}", "imbriqué trop profondément"),
    ('{"message": "\\ud800"}', "moitié de paire UTF-16"),
    ('{"message": "x", "autre": {"a": [1, {"b": 2}]}}', "must be a string"),
], ids=["deep", "lone-surrogate", "nested-field"])
def test_a_hostile_form_field_of_a_multipart_body_is_refused_with_422(web, amqp_app, form, words):
    answer = web.post("/v1/submissions", data={"form": form}, files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))],
                      headers={"X-API-Key": KEY})
    assert answer.status_code == 422 and words in answer.text
    assert _depth(amqp_app) == 0


def _raw_request(url: str, head: bytes, body: bytes, trickle: float = 0.0) -> tuple[bytes, float]:
    """Send a request by hand (a lying Content-Length, or a body a byte at a time); the answer and its delay."""
    host, port = url.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=15) as sock:
        sock.sendall(head)
        try:
            for byte in body:
                sock.sendall(bytes([byte]))
                time.sleep(trickle)
        except (BrokenPipeError, ConnectionResetError):  # the server answered and closed meanwhile
            pass
        answer = sock.recv(65536)
    return answer, time.monotonic() - started


def test_a_body_shorter_than_its_content_length_gets_408_instead_of_hanging(amqp_app):
    body = json.dumps(FORM).encode()
    head = (f"POST /v1/submissions HTTP/1.1\r\nHost: t\r\nX-API-Key: {KEY}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body) + 50}\r\n\r\n").encode()
    with serve(create_app(amqp_app, api_keys=[KEY], body_timeout=1.0)) as url:
        answer, delay = _raw_request(url, head, body)
    assert answer.startswith(b"HTTP/1.1 408") and 0.9 <= delay < 5
    assert _depth(amqp_app) == 0


def test_a_body_sent_too_slowly_gets_408(amqp_app):
    body = json.dumps(FORM).encode()
    head = (f"POST /v1/submissions HTTP/1.1\r\nHost: t\r\nX-API-Key: {KEY}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    with serve(create_app(amqp_app, api_keys=[KEY], body_timeout=1.0)) as url:
        answer, _ = _raw_request(url, head, body[:40], trickle=0.05)
    assert answer.startswith(b"HTTP/1.1 408")


def test_the_public_form_needs_its_proof_of_work_once(web, amqp_app):
    assert web.post("/v1/submissions", data=FORM).status_code == 403
    assert web.post("/v1/submissions", data=FORM | {"altcha": "bm9wZQ=="}).status_code == 403
    work = solved(web.get("/").text)
    first = web.post("/v1/submissions", data=FORM | {"altcha": work})
    replayed = web.post("/v1/submissions", data=FORM | {"altcha": work})
    assert first.status_code == 202 and replayed.status_code == 403 and "déjà servi" in replayed.text
    envelope = amqp_app.records.envelope(first.json()["envelope_id"])
    assert re.fullmatch(r"[0-9a-f]{16}", envelope.meta["web_peer"]) and "127.0.0.1" not in envelope.meta.values()
    assert _depth(amqp_app) == 1


def test_an_upload_with_the_batch_field_is_a_mailroom_batch_of_one_file(web, amqp_app):
    stack = [("files", ("lot.pdf", b"%PDF-1.4 lot de courrier", "application/pdf"))]
    answer = web.post("/v1/submissions", data={"form": json.dumps(FORM | {"batch": "oui"})}, files=stack,
                      headers={"X-API-Key": KEY})
    assert answer.status_code == 202
    assert amqp_app.records.envelope(answer.json()["envelope_id"]).meta["batch"] == "1"
    two = stack + [("files", ("autre.pdf", b"%PDF-1.4 autre", "application/pdf"))]
    refused = web.post("/v1/submissions", data={"form": json.dumps(FORM | {"batch": "1"})}, files=two,
                       headers={"X-API-Key": KEY})
    assert refused.status_code == 422 and "un seul fichier" in refused.json()["detail"]
    plain = web.post("/v1/submissions", data={"form": json.dumps(FORM | {"batch": "non"})}, files=stack[:1],
                     headers={"X-API-Key": KEY, "Idempotency-Key": "autre"})
    assert "batch" not in amqp_app.records.envelope(plain.json()["envelope_id"]).meta
