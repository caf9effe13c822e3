"""Settings: the dialog writes QSettings, they survive a restart, and they take effect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.ui.console import ConsoleWindow
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.preferences import Preferences, local_paper
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, press
from tests.helpers import FakeClock


def ini(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    window = make_console(qtbot, FakeClock(), ini(tmp_path))
    yield window
    window.close()


def open_settings(console: ConsoleWindow, qtbot: QtBot) -> SettingsDialog:
    """Ctrl+, as the user presses it."""
    press(console, "Ctrl+,")
    dialog = console.settings_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_settings_persist_after_the_app_is_closed_and_opened(qtbot: QtBot, tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    screen = "HDMI-1"  # the projector's screen, chosen last time, not plugged in now
    first = Preferences(ini(tmp_path))
    first.screen = screen
    dialog = SettingsDialog(first)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.screen_box.currentText() == "HDMI-1 (not connected now)"
    names = [dialog.screen_box.itemData(i) for i in range(dialog.screen_box.count())]
    assert names == ["", *(s.name() for s in QGuiApplication.screens()), screen]
    dialog.screen_box.setCurrentIndex(0)
    dialog.screen_box.setCurrentIndex(dialog.screen_box.findData(screen))
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    assert dialog.flash_box.isChecked() and not dialog.quiet_box.isChecked()  # the defaults
    dialog.flash_box.setChecked(False)
    dialog.quiet_box.setChecked(True)
    dialog.chimes_box.setChecked(False)
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("letter"))
    dialog.table_size_box.setValue(5)
    dialog.folder_edit.setText(str(events))
    dialog.welcome_box.setChecked(False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "settings_dialog.png"))
    dialog.buttons.accepted.emit()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    del dialog

    reopened = Preferences(ini(tmp_path))  # a new QSettings on the same file: a restart
    assert (reopened.screen, reopened.theme, reopened.flash) == (screen, "dark", False)
    assert reopened.quiet
    assert (reopened.chimes, reopened.paper, reopened.table_size) == (False, "letter", 5)
    assert (reopened.folder, reopened.show_welcome) == (str(events), False)
    assert reopened.start_folder() == events and reopened.demo_path() == events / "demo.room"
    again = SettingsDialog(reopened)
    qtbot.addWidget(again)
    assert again.screen_box.currentData() == screen
    assert again.theme_box.currentData() == "dark"
    assert again.paper_box.currentData() == "letter"
    assert again.table_size_box.value() == 5
    assert again.folder_edit.text() == str(events)
    assert not again.chimes_box.isChecked() and not again.welcome_box.isChecked()


def test_the_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    prefs = Preferences(ini(tmp_path))
    assert (prefs.screen, prefs.theme, prefs.chimes, prefs.table_size) == ("", "light", True, 6)
    assert prefs.paper == local_paper() and prefs.show_welcome
    assert prefs.start_folder() == Path.home()
    assert prefs.demo_path() == tmp_path / "home" / "demo.room"  # the data folder
    prefs.table_size = 999  # out of range in a hand-edited file: kept within bounds
    assert prefs.table_size == 50


def test_cancel_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Preferences(ini(tmp_path)))
    qtbot.addWidget(dialog)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.buttons.rejected.emit()
    assert ini(tmp_path).allKeys() == []


def test_a_folder_that_is_not_there_is_refused_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Preferences(ini(tmp_path)))
    qtbot.addWidget(dialog)
    dialog.show()
    missing = tmp_path / "nowhere"
    dialog.folder_edit.setText(str(missing))
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.problem.text() == f"There is no folder at {missing}. Choose one that exists."
    assert "files/folder" not in ini(tmp_path).allKeys()


def test_the_display_theme_and_chimes_change_at_once(console: ConsoleWindow, qtbot: QtBot) -> None:
    assert console.display.theme == "light" and not console.chimes.muted
    dialog = open_settings(console, qtbot)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.chimes_box.setChecked(False)
    dialog.buttons.accepted.emit()
    assert console.display.theme == "dark"
    assert console.display.palette_.background == "#101418"
    assert console.dark_action.isChecked()
    assert console.chimes.muted and console.actions_by_name["mute"].isChecked()
    assert console.settings.value("display/theme") == "dark"


def test_the_handout_dialog_starts_on_the_paper_setting(console: ConsoleWindow, demo: Path) -> None:
    console.open_path(demo)
    for paper in ("letter", "a4", "letter"):
        Preferences(console.settings).paper = paper
        console.open_handout()
        assert console.handout.paper.currentData() == paper


def test_the_tables_tab_starts_on_the_table_size_setting(
    console: ConsoleWindow, demo: Path, qtbot: QtBot
) -> None:
    Preferences(console.settings).table_size = 4
    console.open_path(demo)
    console.open_editor()
    assert console.editor is not None
    qtbot.addWidget(console.editor)
    assert console.editor.tables_tab.count.value() == 4


def test_file_dialogs_start_in_the_folder_for_event_files(
    console: ConsoleWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / "events"
    events.mkdir()
    asked: list[str] = []

    def fake_open(parent: object, title: str, folder: str, kinds: str) -> tuple[str, str]:
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    console.choose_file()
    Preferences(console.settings).folder = str(events)
    console.choose_file()
    assert asked == [str(Path.home()), str(events)]


def test_settings_is_on_the_file_menu(console: ConsoleWindow) -> None:
    file_menu = console.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Se&ttings…" in texts
    assert QApplication.activeWindow() is console
