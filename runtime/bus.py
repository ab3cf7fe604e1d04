"""The message bus on kombu: one URL, the same code for every transport.

``filesystem://`` (the embedded default) keeps queues as files under the data
directory; ``amqp://user:pass@host:5672//`` uses RabbitMQ with publisher
confirms, so a publish that returned is in a durable queue. Messages carry
references (envelope ids), never document bytes.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kombu import Connection, Consumer, Exchange, Producer, Queue
from kombu.exceptions import OperationalError
from kombu.message import Message
from kombu.transport.virtual.base import BrokerState

from intake.errors import ConfigError, RetryableError, ServiceUnavailable
from intake.urls import redacted
from intake.pipeline import STAGES  # noqa: F401  (re-exported: the queues are the stages')

log = logging.getLogger(__name__)

EXCHANGE = Exchange("intake", type="direct", durable=True)
TEAM_EXCHANGE = Exchange("intake.teams", type="direct", durable=True)
Handler = Callable[[dict[str, Any], Message], None]


# quorum queues: replicated and written to disk before the publisher confirm; the
# dead-lettering and delivery limits are broker policies (deploy/rabbitmq/policies.json)
QUORUM = {"x-queue-type": "quorum"}


def stage_queue(stage: str) -> Queue:
    """The durable work queue of one stage."""
    return Queue(f"intake.{stage}", EXCHANGE, routing_key=stage, durable=True, queue_arguments=QUORUM)


def dead_queue(stage: str) -> Queue:
    """Where a stage's messages go after their last failed attempt."""
    return Queue(f"intake.{stage}.dead", EXCHANGE, routing_key=f"{stage}.dead", durable=True,
                 queue_arguments=QUORUM)


def team_queue(team: str) -> Queue:
    """The durable queue of one team's new cases (RabbitMQ 4 quorum queues honour priorities)."""
    return Queue(f"team.{team}", TEAM_EXCHANGE, routing_key=team, durable=True, queue_arguments=QUORUM)


def notice_queue(name: str) -> Queue:
    """A team's queue (``team.<team>``) or a person's (``person.<name>``: the changes of their cases)."""
    kind, _, who = name.partition(".")
    if kind not in {"team", "person"} or not who:
        raise ConfigError(f"no notice queue is named {name!r} (expected team.<name> or person.<name>)")
    if kind == "team":
        return team_queue(who)
    return Queue(name, TEAM_EXCHANGE, routing_key=name, durable=True, queue_arguments=QUORUM)


class Bus:
    """A connection to the broker, with confirmed publishing and consuming."""

    def __init__(self, url: str, data_dir: Path | None = None, prefetch: int = 4) -> None:
        self.url = url
        self.prefetch = prefetch
        options = _transport_options(url, data_dir)
        try:
            self.connection = Connection(url, transport_options=options)
            # publishing on its own connection: a publish that waits for the broker inside a consumer
            # callback would otherwise drain (and re-enter on) the deliveries of the consuming connection
            self.publish_connection = Connection(url, transport_options=options)
            self.connection.transport  # noqa: B018  (resolves the transport: an unknown scheme fails here)
        except KeyError as exc:
            raise ConfigError(f"invalid settings:\n  INTAKE_BROKER_URL: {exc.args[0]} (got {redacted(url)!r})") from None
        if urlsplit(url).scheme == "filesystem":
            # kombu keeps virtual-transport bindings in a class-wide cache; a bus on another
            # data directory in the same process would skip writing its own binding files
            state = BrokerState()
            self.connection.transport.state = state
            self.publish_connection.transport.state = state
        self._producer: Producer | None = None

    @property
    def redelivers(self) -> bool:
        """Whether a message a dead process was handling comes back (RabbitMQ: yes; the filesystem bus: no)."""
        return urlsplit(self.url).scheme in {"amqp", "pyamqp", "amqps"}

    def __enter__(self) -> "Bus":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections."""
        self.publish_connection.release()
        self.connection.release()

    def connect(self, attempts: int = 3) -> None:
        """Reach the broker now, a few tries over some seconds (at start-up, so that a command stops
        with one clear message instead of waiting forever); ServiceUnavailable when it does not answer."""
        errors = (OperationalError, *self.connection.connection_errors, *self.connection.channel_errors)
        try:
            self.connection.ensure_connection(max_retries=attempts, interval_start=0.5, interval_step=1,
                                              interval_max=2)
        except errors as exc:
            raise broker_unavailable(self.url, exc) from exc

    def _get_producer(self) -> Producer:
        if self._producer is None:
            self._producer = Producer(self.publish_connection.default_channel, serializer="json")
        return self._producer

    def publish(self, queue: Queue, body: dict[str, Any], headers: dict | None = None, priority: int = 0) -> None:
        """Publish durably: returns only once the broker has the message."""
        try:
            producer = self._get_producer()
            publish = self.publish_connection.ensure(producer, producer.publish, max_retries=5)
            publish(
                body, exchange=queue.exchange, routing_key=queue.routing_key, declare=[queue],
                delivery_mode=2, headers=headers or {}, priority=priority,
            )
        except (self.publish_connection.connection_errors + self.publish_connection.channel_errors + (OSError,)) as exc:
            self._producer = None
            raise RetryableError("publish failed", queue=queue.name, error=str(exc)) from exc

    def send_to_stage(self, stage: str, body: dict[str, Any], attempt: int = 0) -> None:
        """Publish a message for ``stage``."""
        self.publish(stage_queue(stage), body, headers={"x-intake-attempt": attempt})

    def declare(self, queues: list[Queue]) -> None:
        """Declare queues (and their bindings) on the broker."""
        channel = self.connection.default_channel
        for queue in queues:
            queue(channel).declare()

    def consume(self, handlers: dict[Queue, Handler], idle_timeout: float | None = None,
                should_stop: Callable[[], bool] = lambda: False) -> None:
        """Deliver messages to handlers until stopped, or idle for ``idle_timeout`` s.

        A lost broker connection is re-established with backoff; unacked messages are
        redelivered by the broker, and processing is idempotent, so nothing is lost."""
        idle = _IdleClock(idle_timeout)
        while not should_stop() and not idle.expired():
            try:
                self._consume_session(handlers, idle, should_stop)
            except self.connection.connection_errors + self.connection.recoverable_connection_errors as exc:
                log.warning("broker connection lost (%s); reconnecting", type(exc).__name__)
                self._reconnect()

    def _consume_session(self, handlers: dict[Queue, Handler], idle: "_IdleClock",
                         should_stop: Callable[[], bool]) -> None:
        channel = self.connection.channel()
        channel.basic_qos(0, self.prefetch, False)
        # deliveries can already arrive while the next consumer is being set up (py-amqp reads
        # frames while it waits for consume-ok), so idleness is measured from the callbacks
        consumers = [Consumer(channel, queues=[q], callbacks=[idle.touching(h)], accept=["json"])
                     for q, h in handlers.items()]
        for consumer in consumers:
            consumer.consume()
        while not should_stop() and not idle.expired():
            try:
                self.connection.drain_events(timeout=0.5)
            except (socket.timeout, TimeoutError):
                continue
        with contextlib.suppress(*self.connection.recoverable_connection_errors):
            channel.close()

    def _reconnect(self) -> None:
        """Drop both connections and wait until the broker answers again."""
        for connection in (self.connection, self.publish_connection):
            with contextlib.suppress(Exception):
                connection.close()
        self._producer = None
        self.connection.ensure_connection(max_retries=None, interval_start=0.5, interval_step=1, interval_max=5)

    def queue_depth(self, queue: Queue) -> int:
        """How many messages wait in ``queue`` (declares it if needed)."""
        _, count, _ = queue(self.connection.default_channel).queue_declare()
        return count


def broker_unavailable(url: str, exc: BaseException) -> ServiceUnavailable:
    """The error for a broker that does not answer, or refuses the login."""
    if "ACCESS_REFUSED" in str(exc) or type(exc).__name__ == "AccessRefused":
        reason, hint = ("the broker refused the login", "check the user, password and vhost in INTAKE_BROKER_URL "
                        "(RabbitMQ: rabbitmqctl list_users, list_permissions -p VHOST)")
    else:
        reason = f"no answer ({_cause(exc)})"
        hint = ("start RabbitMQ (sudo systemctl start rabbitmq-server) or fix INTAKE_BROKER_URL; "
                "unset it to use the embedded default")
    return ServiceUnavailable("message broker", "INTAKE_BROKER_URL", redacted(url), reason, hint)


def _cause(exc: BaseException) -> str:
    """The deepest cause's message, one line (kombu wraps the socket error)."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class _IdleClock:
    """Tells when no message arrived for ``timeout`` seconds (never, if None)."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.reset()

    def reset(self) -> None:
        self.last = time.monotonic()

    def touching(self, handler: Handler) -> Handler:
        """``handler``, resetting the clock before and after each message."""
        def wrapped(body: dict[str, Any], message: Message) -> None:
            self.reset()
            try:
                handler(body, message)
            finally:
                self.reset()
        return wrapped

    def expired(self) -> bool:
        return self.timeout is not None and time.monotonic() - self.last > self.timeout


def _transport_options(url: str, data_dir: Path | None) -> dict[str, Any]:
    scheme = urlsplit(url).scheme
    if scheme == "filesystem":
        root = (data_dir or Path(".intake/bus")).resolve()
        folders = {name: root / name for name in ("queue", "control", "processed")}
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        return {
            "data_folder_in": str(folders["queue"]), "data_folder_out": str(folders["queue"]),
            "control_folder": str(folders["control"]), "processed_folder": str(folders["processed"]),
            "polling_interval": 0.05,
        }
    if scheme in {"amqp", "pyamqp", "amqps"}:
        return {"confirm_publish": True}
    return {}
