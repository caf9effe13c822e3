"""Fixtures the GUI tests share."""

from __future__ import annotations

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
