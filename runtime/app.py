"""Wiring: settings in, store, records, bus, rules and workers out.

Built once per process. Everything below gets plain objects and frozen
contexts, never the App: stages their handler's arguments, channels a
:class:`ConnectorContext` whose gateway is this App (``submit``, ``refuse``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from capture.context import CaptureContext
from classify.model import model_for
from connectors.base import ConnectorContext
from intake import ids, telemetry
from intake.drafts import Draft
from intake.models import Envelope
from intake.pipeline import STAGES
from intake.settings import Settings
from outbound import OutboundHandler
from outbound import from_settings as outbound_config
from outbound.config import OutboundConfig
from outbound.settings import OutboundSettings
from routing.rules import RuleSet, load_rules
from runtime.bus import Bus, notice_queue
from runtime.events import exchange_for
from runtime.handlers import CaptureHandler, ClassifyHandler, RecordHandler
from runtime.hooks import CorrelationHook, Hooks, LoggingHook
from runtime.metrics import MetricsHook
from runtime.submit import submit
from runtime.worker import RetryPolicy, StageHandler, Worker
from storage.base import ObjectStore, open_store
from storage.index.base import CaseIndex
from storage.index.feed import IndexedRecords
from storage.index.settings import IndexSettings


@dataclass
class App:
    """One process's view of intake."""

    settings: Settings
    hooks: Hooks = field(default_factory=lambda: Hooks([CorrelationHook(), LoggingHook(), MetricsHook()]))

    @cached_property
    def store(self) -> ObjectStore:
        return open_store(self.settings.effective_store_url)

    def connect(self) -> "App":
        """Open the store and reach the broker now (start-up): ServiceUnavailable names the one that fails."""
        self.store  # noqa: B018  (opening checks the bucket)
        self.bus.connect()
        return self

    @cached_property
    def index_settings(self) -> IndexSettings:
        return IndexSettings.load(self.settings.data_dir)

    @cached_property
    def index(self) -> CaseIndex:
        """The SQL case index (lists, counts, search), opened and migrated on first use."""
        return self.index_settings.open()

    @cached_property
    def records(self) -> IndexedRecords:
        """The store's records; every event and quarantine write also updates the index."""
        return IndexedRecords(self.store, self.index)

    def start(self) -> int:
        """At a worker's or the web app's start-up: project the cases an earlier process left journalled."""
        return self.records.start()

    @cached_property
    def bus(self) -> Bus:
        return Bus(self.settings.effective_broker_url, self.settings.bus_dir, self.settings.prefetch)

    @cached_property
    def rules(self) -> RuleSet:
        return load_rules(Path(self.settings.rules_file) if self.settings.rules_file else None)

    @cached_property
    def outbound(self) -> OutboundConfig:
        """The outbound stage's configuration, read and checked on first use."""
        return outbound_config(OutboundSettings.load(), self.rules.teams)

    @property
    def max_item_bytes(self) -> int:
        return self.settings.max_item_bytes

    def capture_context(self) -> CaptureContext:
        """The frozen context capture stages run with."""
        s = self.settings
        return CaptureContext(
            ocr_languages=s.ocr_languages, dpi=s.ocr_dpi, ocr_workers=s.ocr_workers, max_pages=s.max_pages,
            max_bytes=s.max_item_bytes, pdf_text_layer=s.pdf_text_layer,
            member_pattern=s.member_number_pattern, policy_pattern=s.policy_number_pattern,
        )

    def connector_context(self) -> ConnectorContext:
        """The frozen context channel connectors run with (this App is their gateway)."""
        return ConnectorContext(gateway=self, store=self.store, broker_url=self.settings.broker_url)

    def handler(self, stage: str) -> StageHandler:
        """The handler of one stage (every stage of the pipeline table has one)."""
        return getattr(self, f"_{stage}_handler")()

    def _capture_handler(self) -> StageHandler:
        return CaptureHandler(self.records, self.capture_context(), send=self.bus.send_to_stage)

    def _classify_handler(self) -> StageHandler:
        return ClassifyHandler(self.records, self.rules, model_for(self.settings, self.store))

    def _record_handler(self) -> StageHandler:
        return RecordHandler(self.records, self, self.settings.link_window_days, rules=self.rules)

    def _outbound_handler(self) -> StageHandler:
        return OutboundHandler(self.records, self.outbound, exchange_for(self.bus, self.outbound.events_exchange))

    def worker(self, stages: tuple[str, ...] = STAGES) -> Worker:
        """A worker consuming the given stages."""
        retry = RetryPolicy(self.settings.max_attempts, self.settings.retry_base_seconds)
        return Worker(self.bus, self.records, [self.handler(s) for s in stages], retry, self.hooks,
                      chain=self.settings.chain_stages)

    def submit(self, draft: Draft) -> Envelope:
        """Store a draft and queue it for capture (the connectors' gateway)."""
        return submit(self.records, self.bus, draft)

    def refuse(self, stage: str, subject: str, reason: str, raw: bytes | None = None, **details: Any) -> str:
        """Quarantine what a channel could not take, its bytes kept for a retry when they fit;
        an item still in quarantine is not added twice (its entry's id is returned)."""
        item = ids.quarantine_item(stage, subject)
        if existing := self.records.quarantine_entries(item):
            return existing[-1]["id"]
        payload = {k: v for k, v in details.items() if v is not None}
        if raw is not None and len(raw) <= self.max_item_bytes:
            payload["raw"] = self.store.put_blob(raw).key
        telemetry.quarantined(stage, reason)
        return self.records.quarantine(item, stage, reason, payload)

    def notify(self, queue: str, body: dict[str, Any], priority: int = 0) -> None:
        """Publish a notice on a named queue (``team.<name>``...), durably."""
        self.bus.publish(notice_queue(queue), body, priority=priority)

    def close(self) -> None:
        """Release connections."""
        if "bus" in self.__dict__:
            self.bus.close()
        if "index" in self.__dict__:
            self.index.close()
