"""Python's cycle collector, run on the UI thread only.

CPython collects reference cycles in whichever thread happens to allocate at the time. When
that is a worker thread (the PDF build, the table planner) and a cycle holds a widget, the
widget's C++ destructor runs on the wrong thread and the app dies with a segmentation fault;
CI saw exactly this while a handout was being built. So automatic collection is switched off
and the UI thread collects instead, from a timer, using the same thresholds Python would.
Plain reference counting, which frees nearly everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class MainThreadCollector(QObject):
    """Collect cycles on the thread this lives on, never on a worker."""

    def __init__(self, parent: QObject | None = None, *, was_enabled: bool | None = None) -> None:
        """`was_enabled`: whether Python collected before whoever switched it off early
        (start-up does, ahead of this); by default, whether it collects now."""
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled() if was_enabled is None else was_enabled
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Run the generations that Python would have run by now; returns how many were freed."""
        counts = gc.get_count()
        freed = 0
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                freed = gc.collect(generation)
                break
        return freed

    def stop(self) -> None:
        """Hand collection back to Python (tests, shutdown)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


_installed: MainThreadCollector | None = None


def collect_on_ui_thread(app: QObject, *, was_enabled: bool | None = None) -> MainThreadCollector:
    """Install the collector once for this application (call from the UI thread)."""
    global _installed
    if _installed is None:
        _installed = MainThreadCollector(app, was_enabled=was_enabled)
    return _installed
