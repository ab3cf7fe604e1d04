"""Wiring: settings in, store, records, bus, rules and workers out.

Built once per process; everything downstream gets plain objects and a frozen
capture context, never the settings themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from capture.context import CaptureContext
from classify.model import model_for
from connectors.base import Draft, submit
from connectors.outbound import OutboundHandler
from connectors.outbound import from_settings as outbound_config
from intake.bus import STAGES, Bus
from intake.hooks import CorrelationHook, Hooks, LoggingHook
from intake.metrics import MetricsHook
from intake.models import Envelope
from intake.settings import Settings
from intake.stages import CaptureHandler, ClassifyHandler, RecordHandler
from intake.worker import RetryPolicy, StageHandler, Worker
from routing.rules import RuleSet, load_rules
from storage.base import ObjectStore, open_store
from storage.records import Records


@dataclass
class App:
    """One process's view of intake."""

    settings: Settings
    hooks: Hooks = field(default_factory=lambda: Hooks([CorrelationHook(), LoggingHook(), MetricsHook()]))

    @cached_property
    def store(self) -> ObjectStore:
        return open_store(self.settings.effective_store_url)

    @cached_property
    def records(self) -> Records:
        return Records(self.store)

    @cached_property
    def bus(self) -> Bus:
        return Bus(self.settings.effective_broker_url, self.settings.bus_dir, self.settings.prefetch)

    @cached_property
    def rules(self) -> RuleSet:
        return load_rules(Path(self.settings.rules_file) if self.settings.rules_file else None)

    def capture_context(self) -> CaptureContext:
        """The frozen context capture stages run with."""
        s = self.settings
        return CaptureContext(
            ocr_languages=s.ocr_languages, dpi=s.ocr_dpi, ocr_workers=s.ocr_workers, max_pages=s.max_pages,
            max_bytes=s.max_item_bytes, pdf_text_layer=s.pdf_text_layer,
            member_pattern=s.member_number_pattern, policy_pattern=s.policy_number_pattern,
        )

    def handler(self, stage: str) -> StageHandler:
        """The handler of one stage."""
        factories = {
            "capture": lambda: CaptureHandler(self.records, self.capture_context()),
            "classify": lambda: ClassifyHandler(self.records, self.rules, model_for(self.settings)),
            "record": lambda: RecordHandler(self.records, self.bus, self.settings.link_window_days, rules=self.rules),
            "outbound": lambda: OutboundHandler(self.records, self.bus, outbound_config(self.settings, self.rules.teams)),
        }
        return factories[stage]()

    def worker(self, stages: tuple[str, ...] = STAGES) -> Worker:
        """A worker consuming the given stages."""
        retry = RetryPolicy(self.settings.max_attempts, self.settings.retry_base_seconds)
        return Worker(self.bus, self.records, [self.handler(s) for s in stages], retry, self.hooks,
                      chain=self.settings.chain_stages)

    def submit(self, draft: Draft) -> Envelope:
        """Store a draft and queue it for capture."""
        return submit(self.records, self.bus, draft)

    def close(self) -> None:
        """Release connections."""
        if "bus" in self.__dict__:
            self.bus.close()
