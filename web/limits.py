"""What the web app refuses for its size or pace: bodies over ``web_max_bytes`` (413,
as ASGI middleware), bodies that do not arrive whole within ``web_body_timeout_seconds``
(408: a slow client, or a body shorter than its ``Content-Length``, never holds a worker
until the client gives up) and requests over an API key's rate limit (429, see ratelimit.py)."""

from __future__ import annotations

import asyncio
import math
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse

from intake import telemetry
from web.ratelimit import RateLimiter


class BodyTooLarge(Exception):
    """The request body went past the limit."""


class BodyTimeout(Exception):
    """The request body did not arrive whole in time."""


class BodyLimit:
    """ASGI middleware: refuse a declared or actual body larger than ``max_bytes`` with 413,
    and one that does not arrive whole within ``timeout_seconds`` with 408."""

    def __init__(self, app: Any, max_bytes: int, timeout_seconds: float = 30.0) -> None:
        self.app, self.max_bytes, self.timeout_seconds = app, max_bytes, timeout_seconds

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            return await too_large()(scope, receive, send)
        seen, whole = 0, False
        deadline = asyncio.get_running_loop().time() + self.timeout_seconds

        async def limited() -> dict:
            nonlocal seen, whole
            if whole:  # the body is in: what comes next (a disconnect) may take its time
                return await receive()
            message = await _within(receive(), deadline)
            seen += len(message.get("body", b""))
            whole = message.get("type") != "http.request" or not message.get("more_body", False)
            if seen > self.max_bytes:
                raise BodyTooLarge()
            return message

        await self.app(scope, limited, send)


async def _within(waiting: Any, deadline: float) -> dict:
    """The next message, or BodyTimeout when the body's deadline passes first."""
    try:
        return await asyncio.wait_for(waiting, max(deadline - asyncio.get_running_loop().time(), 0.001))
    except asyncio.TimeoutError:
        raise BodyTimeout() from None


def too_large(*_: Any) -> JSONResponse:
    """The 413 answer (also the exception handler of :class:`BodyTooLarge`)."""
    return JSONResponse({"detail": "request body too large"}, status_code=413)


def too_slow(*_: Any) -> JSONResponse:
    """The 408 answer (the exception handler of :class:`BodyTimeout`); the connection is closed."""
    return JSONResponse({"detail": "Le corps de la requête n'est pas arrivé entier à temps."}, status_code=408,
                        headers={"Connection": "close"})


def unavailable(*_: Any) -> JSONResponse:
    """The 503 answer when the broker or the store is down: the client retries."""
    return JSONResponse({"detail": "temporarily unavailable, retry later"}, status_code=503,
                        headers={"Retry-After": "30"})


def spend(limiter: RateLimiter, identity: str) -> None:
    """Spend one request of ``identity``'s budget, or refuse it with 429 and ``Retry-After``."""
    wait = limiter.wait(identity)
    if wait > 0:
        telemetry.rate_limited()
        seconds = max(1, math.ceil(wait))
        raise HTTPException(429, f"rate limit of this API key reached, retry in {seconds} s",
                            headers={"Retry-After": str(seconds)})
