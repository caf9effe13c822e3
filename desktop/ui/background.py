"""Long work (a PDF, a table plan) on a worker thread, its results back on the UI thread.

One pattern for every such job: a QThread runs `work(report)`; `report` and the result come
back as queued signals; a failure comes back as words, never as a crash. `wait()` processes
events while it waits, since the results it waits for arrive as queued signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal


class _Worker(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[Any], None]], Any], what: str) -> None:
        super().__init__()
        self._work, self._what = work, what

    def run(self) -> None:
        try:
            self.done.emit(self._work(self.progress.emit))
        except Exception as exc:  # a fault in the job: said, never a crash of the app
            self.failed.emit(self.describe(exc))

    def describe(self, exc: Exception) -> str:
        if isinstance(exc, ValueError) and getattr(exc, "for_people", False):
            return str(exc)
        return f"{self._what} ({type(exc).__name__}: {exc})."


class Job(QObject):
    """One background job. Connect to `progress`, `done`, `failed`; `finished` comes last."""

    progress = Signal(object)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        parent: QObject,
        work: Callable[[Callable[[Any], None]], Any],
        *,
        failure: str,
        said: tuple[type[Exception], ...] = (),
    ) -> None:
        """`failure` starts the message for an unexpected fault ("The plan could not be made");
        exceptions of the `said` types are shown in their own words."""
        super().__init__(parent)
        self._thread: QThread | None = QThread(self)
        self._worker = _Worker(self._words(work, said), failure)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.done.connect(self.done)
        self._worker.failed.connect(self.failed)
        self._worker.done.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.finished.connect(self._ended)

    @staticmethod
    def _words(
        work: Callable[[Callable[[Any], None]], Any], said: tuple[type[Exception], ...]
    ) -> Callable[[Callable[[Any], None]], Any]:
        def run(report: Callable[[Any], None]) -> Any:
            try:
                return work(report)
            except said as exc:
                marked = ValueError(str(exc))
                marked.for_people = True  # type: ignore[attr-defined]
                raise marked from None

        return run

    def start(self) -> None:
        if self._thread is not None:
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _ended(self) -> None:
        self._thread = None
        self.finished.emit()

    def wait(self) -> None:
        """Until the job has finished and its results have been delivered."""
        while self._thread is not None:
            QCoreApplication.processEvents()
            thread = self._thread
            if thread is not None:
                thread.wait(20)
