"""Capture when things go wrong: a refused disk is loud, Save as… is the way out, drafts per box."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.store import atomic
from desktop.store.eventfile import EventFile, read_event
from desktop.store.journal import Journal
from desktop.store.templates import demo_event
from desktop.ui import capture as capture_module
from desktop.ui.capture import UNSAVED, CaptureWindow
from desktop.ui.room import Room
from desktop.ui.wifi import RoomWifi
from tests.gui.helpers import make_console, type_text
from tests.helpers import FakeClock


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to the drive fails as a full disk does (the journal and the full save)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Journal, "append", refuse)
    monkeypatch.setattr(atomic.os, "replace", refuse)


def standalone(qtbot: QtBot, path: Path) -> CaptureWindow:
    """`intheroom capture FILE`: a capture window that owns its file."""
    room = Room()
    room.load_file(EventFile.open(path))
    window = CaptureWindow(room, wifi=RoomWifi(room), owns_file=True)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_full_disk_is_loud_and_save_as_keeps_everything(
    qtbot: QtBot, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = standalone(qtbot, demo)
    disk_full(monkeypatch)
    entry = window.panel.entry
    for text in ("Trust takes time", "Listen first"):
        type_text(entry, text)
        QTest.keyClick(entry, Qt.Key.Key_Return)
    panel = window.panel
    assert panel.hint_label.text().startswith("✖ Not on disk")  # never "Kept"
    assert panel.saved_label.text() == "✖ Not saved"
    assert window.banner.isVisible() and "the disk is full" in window.banner.text()
    assert window.banner.button.isVisible() and "Save" in window.banner.button.text()
    marks = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert all(m.startswith(UNSAVED) for m in marks[-2:])
    assert not any(m.startswith(UNSAVED) for m in marks[:-2])

    # The way out: Save as… to another drive (the stick); the notes go with it.
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.undo()
    target = stick / "rescued.room"
    monkeypatch.setattr(
        capture_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.banner.button.click()
    assert window.room.file is not None and window.room.file.path == target
    assert [n.text for n in read_event(target).notes][-2:] == ["Trust takes time", "Listen first"]
    assert not window.banner.isVisible() or "Now saving to" in window.banner.text()
    marks = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert not any(m.startswith(UNSAVED) for m in marks)
    assert not (tmp_path / "demo.room.lock").exists()  # the old file was given back
    window.close()


def test_quit_without_saving_gives_the_file_back(
    qtbot: QtBot, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = standalone(qtbot, demo)
    type_text(window.panel.entry, "A note")
    QTest.keyClick(window.panel.entry, Qt.Key.Key_Return)
    disk_full(monkeypatch)
    first = QCloseEvent()
    window.closeEvent(first)
    assert not first.isAccepted() and "close again" in window.banner.text().lower()
    second = QCloseEvent()
    window.closeEvent(second)
    assert second.isAccepted()
    assert not (demo.parent / "demo.room.lock").exists()
    monkeypatch.undo()
    with EventFile.open(demo) as again:  # opens at once; the note was in the journal
        assert again.event().notes[-1].text == "A note"


def test_the_console_quits_without_saving_on_the_second_close(
    qtbot: QtBot, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.open_path(demo)
    console.room.act("start")
    disk_full(monkeypatch)
    console.room.act("next")  # a clock action the full save can't write
    first = QCloseEvent()
    console.closeEvent(first)
    assert not first.isAccepted()
    assert "close again" in console.banner.text() and console.banner.button.isVisible()
    second = QCloseEvent()
    console.closeEvent(second)
    assert second.isAccepted() and not (demo.parent / "demo.room.lock").exists()


def test_a_recovered_file_is_said_in_the_capture_window(
    qtbot: QtBot, demo: Path, tmp_path: Path
) -> None:
    with EventFile.open(demo) as room:  # a save: the first version is kept as a backup
        room.add_note(demo_event().notes[0].__class__(id="z1", kind="reflection", text="x"))
    demo.write_bytes(demo.read_bytes()[:50])  # then the file is cut short
    window = standalone(qtbot, demo)
    assert window.banner.isVisible()
    assert "recovered from the backup saved at" in window.banner.text()
    window.close()


def test_each_note_box_has_its_own_draft_and_resumes_at_its_end(
    qtbot: QtBot, demo: Path, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.open_path(demo)
    console.on_capture_window()
    window = console.capture_window
    assert window is not None
    qtbot.addWidget(window)
    type_text(console.capture.entry, "console words")
    type_text(window.panel.entry, "window words")
    console.capture.save_draft()
    window.panel.save_draft()
    QTest.keyClick(window.panel.entry, Qt.Key.Key_Return)  # Enter in one box…
    assert console.capture.entry.toPlainText() == "console words"  # …keeps the other's draft
    file = console.room.file
    assert file is not None and file.draft().load()["text"] == "console words"
    assert file.draft("window").load() == {}
    console.capture.flush()
    window.close()
    console.close()

    again = make_console(qtbot, FakeClock(), settings)
    assert again.open_path(demo)
    entry = again.capture.entry
    assert entry.toPlainText() == "console words"
    assert entry.textCursor().position() == len("console words")  # next words go after it
    type_text(entry, " and more")
    assert entry.toPlainText() == "console words and more"
