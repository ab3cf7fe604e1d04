"""The failed-login throttle on its own, on a clock of its own: free failures, waits that
double up to the cap, success forgets a name (not an address), a table of bounded size."""

from __future__ import annotations

from intake.backoff import Backoff
from web.dashboard.throttle import CAP_SECONDS, FailureThrottle, LoginThrottle
from web.settings import WebSettings


class Clock:
    """Seconds that pass only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failures_past_the_free_ones_earn_waits_that_double_up_to_the_cap():
    clock = Clock()
    throttle = FailureThrottle(free=2, backoff=Backoff(base=1.0, cap=CAP_SECONDS), clock=clock)

    waits = [throttle.failed("k") for _ in range(14)]

    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert throttle.wait("k") == 900 and throttle.wait("other") == 0
    clock.now += 899.5
    assert throttle.wait("k") == 0.5
    clock.now += 1
    assert throttle.wait("k") == 0


def test_failures_are_forgotten_an_hour_after_the_last_one_or_at_once_on_success():
    clock = Clock()
    throttle = FailureThrottle(free=0, backoff=Backoff(base=10.0, cap=60.0), forget=3600.0, clock=clock)
    throttle.failed("k"), throttle.failed("k")
    clock.now += 3599
    assert throttle.failed("k") == 40  # the third failure in a row: remembered
    clock.now += 3601
    assert throttle.failed("k") == 10  # an hour after the last one: a fresh start
    throttle.succeeded("k")
    assert throttle.wait("k") == 0 and throttle.failed("k") == 10


def test_the_table_holds_at_most_its_size():
    throttle = FailureThrottle(free=0, backoff=Backoff(), size=100, clock=Clock())
    for i in range(1000):
        throttle.failed(f"adresse-{i}")
    assert len(throttle.table) == 100 and throttle.wait("adresse-999") > 0


def test_a_sign_in_waits_for_its_name_and_its_address_and_a_success_forgets_the_name_only():
    clock = Clock()
    settings = WebSettings.load(environ={"INTAKE_DASHBOARD_LOGIN_FREE_FAILURES": "1",
                                         "INTAKE_DASHBOARD_LOGIN_FREE_FAILURES_PER_ADDRESS": "3",
                                         "INTAKE_DASHBOARD_LOGIN_BACKOFF_SECONDS": "5"})
    throttle = LoginThrottle.from_settings(settings, clock=clock)

    assert [throttle.failed("claire", "192.0.2.1") for _ in range(2)] == [0, 5]
    assert throttle.wait("claire", "192.0.2.9") == 5 and throttle.wait("paul", "192.0.2.1") == 0
    assert throttle.failed("paul", "192.0.2.1") == 0 and throttle.failed(None, "192.0.2.1") == 5  # a key: address only
    throttle.succeeded("claire")
    assert throttle.wait("claire", "192.0.2.9") == 0 and throttle.wait("claire", "192.0.2.1") == 5
    assert "claire" not in str(list(throttle.per_name.table))  # names are kept as digests
