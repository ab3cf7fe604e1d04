"""Token buckets per API key, on a fake clock (no sleeping, nothing timed)."""

from __future__ import annotations

import pytest

from web.ratelimit import RateLimiter, TokenBucket


class FakeClock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _allowed(limiter: RateLimiter, identity: str, times: int) -> list[bool]:
    return [limiter.wait(identity) == 0 for _ in range(times)]


def test_a_key_may_spend_its_whole_burst_at_once_and_then_must_wait(clock):
    limiter = RateLimiter(per_minute=60, burst=5, clock=clock)

    assert _allowed(limiter, "key-a", 5) == [True] * 5
    assert limiter.wait("key-a") == pytest.approx(1.0)  # 60 a minute: one token a second


def test_the_bucket_refills_at_the_rate_and_never_beyond_the_burst(clock):
    limiter = RateLimiter(per_minute=30, burst=3, clock=clock)
    _allowed(limiter, "key-a", 3)

    clock.advance(2.0)  # 30 a minute: one token every 2 s
    assert _allowed(limiter, "key-a", 2) == [True, False]
    clock.advance(3600)
    assert _allowed(limiter, "key-a", 4) == [True, True, True, False]


def test_the_wait_announced_is_until_the_next_token(clock):
    limiter = RateLimiter(per_minute=6, burst=1, clock=clock)
    limiter.wait("key-a")

    clock.advance(4.0)
    assert limiter.wait("key-a") == pytest.approx(6.0)  # 10 s a token, 4 s already passed
    clock.advance(6.0)
    assert limiter.wait("key-a") == 0


def test_a_refused_request_spends_nothing(clock):
    limiter = RateLimiter(per_minute=60, burst=1, clock=clock)
    limiter.wait("key-a")

    refusals = [limiter.wait("key-a") for _ in range(50)]
    clock.advance(1.0)

    assert all(wait > 0 for wait in refusals)
    assert limiter.wait("key-a") == 0


def test_each_key_has_its_own_bucket(clock):
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)

    assert _allowed(limiter, "key-a", 3) == [True, True, False]
    assert _allowed(limiter, "key-b", 2) == [True, True]
    assert set(limiter.buckets) == {"key-a", "key-b"}


def test_a_limit_of_zero_lets_everything_through_and_keeps_no_bucket(clock):
    limiter = RateLimiter(per_minute=0, burst=1, clock=clock)

    assert _allowed(limiter, "key-a", 1000) == [True] * 1000
    assert not limiter.enabled and limiter.buckets == {}


def test_a_clock_stepping_back_does_not_drain_or_fill_a_bucket():
    bucket = TokenBucket(burst=2, per_second=1.0, now=100.0)
    bucket.take(100.0)

    assert bucket.take(50.0) == 0
    assert bucket.take(50.0) == pytest.approx(1.0)


@pytest.mark.parametrize(("per_minute", "burst"), [(-1, 5), (60, 0)])
def test_a_negative_rate_or_an_empty_burst_is_refused(per_minute, burst):
    with pytest.raises(ValueError, match="burst"):
        RateLimiter(per_minute=per_minute, burst=burst)
