"""Fixtures the GUI tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo event in a fresh .room file."""
    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    return path


@pytest.fixture(scope="session", autouse=True)
def _collect_on_ui_thread(qapp: object) -> Iterator[None]:
    """As in the app: cycles are collected on the UI thread, never in a build worker."""
    from desktop.ui.collector import collect_on_ui_thread

    collector = collect_on_ui_thread(qapp)  # type: ignore[arg-type]
    yield
    collector.stop()
