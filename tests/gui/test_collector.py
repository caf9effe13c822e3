"""Cycles holding Qt objects are collected on the UI thread, never in a worker (CI segfault)."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from typing import ClassVar

from PySide6.QtCore import QObject

from desktop.ui.collector import collect_on_ui_thread


class _Cycle:
    """A reference cycle holding a QObject; notes which thread frees it."""

    freed_on: ClassVar[list[int]] = []

    def __init__(self) -> None:
        self.me = self
        self.qobject = QObject()

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.get_ident())


def test_a_worker_that_allocates_never_frees_the_ui_threads_cycles(qapp: object) -> None:
    collect_on_ui_thread(qapp)  # type: ignore[arg-type]
    assert not gc.isenabled()
    gc.collect()
    _Cycle.freed_on.clear()
    _Cycle()

    def busy() -> None:  # would pass every threshold many times over with gc on
        junk = [[i] for i in range(200_000)]
        del junk

    worker = threading.Thread(target=busy)
    worker.start()
    worker.join()
    assert _Cycle.freed_on == []
    gc.collect()  # what the collector's timer does, on this (the UI) thread
    assert _Cycle.freed_on == [threading.get_ident()]


def test_the_check_runs_a_generation_once_its_threshold_is_passed(qapp: object) -> None:
    collector = collect_on_ui_thread(qapp)  # type: ignore[arg-type]
    gc.collect()
    _Cycle.freed_on.clear()
    assert collector.check() == 0  # nothing allocated since: nothing to do
    _Cycle()
    junk = [[i] for i in range(5_000)]  # past the youngest generation's threshold
    freed = collector.check()
    del junk
    assert freed > 0
    assert _Cycle.freed_on == [threading.get_ident()]


def test_signals_can_be_emitted_many_times() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to True on every emit and aborts after
    about a thousand; the room clock emits on every tick. Run apart: an abort ends Python."""
    script = (
        "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
        "class A(QObject):\n"
        "    s = Signal()\n"
        "app = QCoreApplication([])\n"
        "a = A()\n"
        "a.s.connect(lambda: None)\n"
        "for _ in range(20_000):\n"
        "    a.s.emit()\n"
        "print('fine')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "fine", done.stderr[-500:]
