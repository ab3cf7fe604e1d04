"""What the web app refuses for its size or pace: bodies over ``web_max_bytes`` (413,
as ASGI middleware) and requests over an API key's rate limit (429, see ratelimit.py)."""

from __future__ import annotations

import math
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse

from intake import telemetry
from web.ratelimit import RateLimiter


class BodyTooLarge(Exception):
    """The request body went past the limit."""


class BodyLimit:
    """ASGI middleware: refuse a declared or actual body larger than ``max_bytes`` with 413."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            return await too_large()(scope, receive, send)
        seen = 0

        async def limited() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge()
            return message

        await self.app(scope, limited, send)


def too_large(*_: Any) -> JSONResponse:
    """The 413 answer (also the exception handler of :class:`BodyTooLarge`)."""
    return JSONResponse({"detail": "request body too large"}, status_code=413)


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
