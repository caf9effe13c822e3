"""File menu: New, Open Recent, Save As, Import and Export of the event document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event
from desktop.ui.console import ConsoleWindow
from tests.gui.helpers import make_console
from tests.helpers import FakeClock


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> ConsoleWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    return make_console(qtbot, FakeClock(), settings)


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_new_from_a_template_and_blank(
    console: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *a, **k: (next(c for c in a[3] if "world-cafe" in c), True)
    )
    answer_save(monkeypatch, tmp_path / "cafe")
    assert console.new_event()
    assert console.file is not None and console.file.path == tmp_path / "cafe.room"
    assert console.title_label.text().startswith("World café")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Blank event", True))
    answer_save(monkeypatch, tmp_path / "leadership-lunch.room")
    assert console.new_event()
    assert read_event(tmp_path / "leadership-lunch.room").title == "leadership lunch"


def test_open_recent_and_save_as_keep_the_run_log(
    console: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "demo.room"
    EventFile.create(first, demo_event()).close()
    assert console.open_path(first)
    console.room.act("start")
    copy = tmp_path / "copy.room"
    answer_save(monkeypatch, copy)
    assert console.save_as()
    assert console.file is not None and console.file.path == copy
    assert [e["do"] for e in console.file.run_log()] == ["start"]
    assert console.recent_files()[:2] == [str(copy), str(first)]
    console._fill_recent()
    entries = console.recent_menu.actions()
    entries[1].trigger()  # the first file again, from the menu
    assert console.file.path == first


def test_export_and_import_the_event_document(
    console: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = tmp_path / "demo.room"
    EventFile.create(room, demo_event()).close()
    console.open_path(room)
    exported = tmp_path / "shared" / "event.json"
    exported.parent.mkdir()
    answer_save(monkeypatch, exported)
    assert console.export_document()
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "intheroom.event"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    assert console.import_document()
    assert console.file is not None and console.file.path == exported.with_suffix(".room")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "intheroom.event", "version": 1, "title": ""}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    assert not console.import_document()
    assert "broken.json was refused — nothing was made" in console.banner.text()
    assert "title: must not be empty" in console.banner.text()
    assert not broken.with_suffix(".room").exists()


def test_an_older_file_is_updated_and_said_so(
    console: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import room_format

    path = tmp_path / "old.room"
    EventFile.create(path, demo_event()).close()
    monkeypatch.setattr(room_format, "ROOM_VERSION", 2)
    monkeypatch.setattr(room_format, "MIGRATIONS", {1: lambda raw: raw})
    assert console.open_path(path)
    assert console.banner.text() == (
        "ℹ Updated — old.room was made by an older In the Room (file version 1) and has been "
        "brought up to date. The original is kept beside it as old.room.v1-original."
    )
