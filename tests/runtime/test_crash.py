"""Short form of the crash test (bench/crash.py): kill -9 workers at random
moments and restart the broker once; every item ends in exactly one case."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("crash", Path(__file__).resolve().parents[2] / "bench" / "crash.py")
crash = importlib.util.module_from_spec(_spec)
sys.modules["crash"] = crash  # dataclasses look their module up while the class is built
_spec.loader.exec_module(crash)


def test_killing_workers_and_restarting_the_broker_loses_and_duplicates_nothing(tmp_path, amqp_url, s3_url):
    figures = crash.run(items=60, workers=3, kills=8, amqp_url=amqp_url, s3_url=s3_url, data_dir=tmp_path,
                        restart=True, timeout=240)
    print(figures)
    assert figures["lost"] == 0 and figures["duplicated"] == 0, figures
    assert figures["quarantined"] == 0, figures
