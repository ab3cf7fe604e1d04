"""The ``intake.events`` topic exchange: every case event published for other tools (routing key ``case.<kind>``).

Only on AMQP: kombu's embedded transports keep messages nobody is bound to forever.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kombu import Exchange, Producer

from intake.errors import RetryableError
from intake.models import CaseEvent
from outbound.webhooks import target_id
from runtime.bus import Bus

AMQP_SCHEMES = {"amqp", "amqps", "pyamqp"}


def exchange_for(bus: Bus, name: str) -> "ExchangePublisher | None":
    """The publisher of the events exchange, or None when it is off or the broker is not AMQP."""
    return ExchangePublisher(bus, name) if name and urlsplit(bus.url).scheme in AMQP_SCHEMES else None


class ExchangePublisher:
    """Publishes events on a durable topic exchange, routing key ``case.<kind>``, persistent."""

    def __init__(self, bus: Bus, name: str) -> None:
        self.exchange = Exchange(name, type="topic", durable=True)
        self.connection = bus.publish_connection  # confirmed publishing on AMQP (see Bus)
        self.target = target_id(f"exchange:{name}")
        self._producer: Producer | None = None

    def publish(self, event: CaseEvent) -> None:
        """Publish one event; returns once the broker confirmed it."""
        errors = self.connection.connection_errors + self.connection.channel_errors + (OSError,)
        try:
            if self._producer is None:
                self._producer = Producer(self.connection.default_channel, serializer="json")
            publish = self.connection.ensure(self._producer, self._producer.publish, max_retries=5)
            publish(event.model_dump(mode="json"), exchange=self.exchange, routing_key=f"case.{event.kind}",
                    declare=[self.exchange], delivery_mode=2, headers={"x-intake-event-id": event.id})
        except errors as exc:
            self._producer = None
            raise RetryableError("event publish failed", exchange=self.exchange.name, error=str(exc)) from exc
