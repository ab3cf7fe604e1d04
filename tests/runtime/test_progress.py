"""The progress line counts what each stage handled, retried and quarantined, and is printed only when it changed."""

from __future__ import annotations

import threading

from runtime.progress import ProgressHook, report_every


def test_the_line_counts_each_stage_and_appears_only_when_something_changed():
    hook = ProgressHook()
    assert hook.line() is None and hook.line(always=True) == "nothing"
    for _ in range(3):
        hook.after_process("capture", {}, 0.1)
    hook.on_retry("classify", {}, RuntimeError("x"), 1)
    hook.after_process("classify", {}, 0.1)
    hook.on_quarantine("record", {}, "illisible")
    assert hook.line() == "capture 3, classify 1 (1 retried), record 0 (1 quarantined)"
    assert hook.line() is None
    assert hook.line(always=True) == "capture 3, classify 1 (1 retried), record 0 (1 quarantined)"


def test_the_reporter_prints_a_change_once():
    hook, said, heard = ProgressHook(), [], threading.Event()
    hook.after_process("capture", {}, 0.1)
    stop = report_every(hook, 0.05, lambda text: (said.append(text), heard.set()))
    assert heard.wait(30)
    stop.set()
    assert said == ["capture 1"]
