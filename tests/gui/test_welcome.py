"""First run and help: the welcome screen opens the demo, a template, a file or a recent one;
the guide and Copy diagnostics from the Help menu."""

from __future__ import annotations

import platform
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QListWidget
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.logs import setup_logging, stop_logging
from desktop.paths import data_dir
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event, list_templates, load_template
from desktop.ui.console import ConsoleWindow
from desktop.ui.dialogs.welcome import WelcomeScreen, welcome_at_start
from desktop.ui.preferences import Preferences
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, press
from tests.helpers import FakeClock


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[ConsoleWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = make_console(qtbot, FakeClock(), settings)
    yield window
    window.close()


def welcome(console: ConsoleWindow, qtbot: QtBot) -> WelcomeScreen:
    screen = console.on_welcome()
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    return screen


def alt(screen: WelcomeScreen, letter: str) -> None:
    """Alt+letter, a button's mnemonic: Qt animates the press and clicks a moment later."""
    key = getattr(Qt.Key, f"Key_{letter}")
    QTest.keyClick(screen.focusWidget(), key, Qt.KeyboardModifier.AltModifier)


def event_file(path: Path) -> Path:
    EventFile.create(path, demo_event()).close()
    return path


# ----------------------------------------------------------------------------- first run


def test_first_run_shows_the_welcome_screen(console: ConsoleWindow, qtbot: QtBot) -> None:
    screen = welcome_at_start(console)
    assert screen is not None
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    assert screen.isVisible() and screen.windowTitle() == "Welcome — In the Room"
    assert screen.no_recent.isVisible() and not screen.recent.isVisible()
    assert screen.focusWidget() is screen.demo_button  # Space starts the demo at once
    names = [screen.templates.item(r).text() for r in range(screen.templates.count())]
    assert names[0] == "Blank event\nNothing but a title: build it in the editor"
    assert len(names) == 1 + len(list_templates())
    cafe = load_template("world-cafe")
    assert f"{cafe.title}\n{len(cafe.agenda)} segments · 2 h" in names
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert screen.grab().save(str(ARTIFACTS / "welcome_first_run.png"))


def test_no_welcome_when_a_file_is_open_or_it_was_turned_off(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    Preferences(console.settings).show_welcome = False
    assert welcome_at_start(console) is None
    Preferences(console.settings).show_welcome = True
    assert console.open_path(event_file(tmp_path / "open.room"))
    assert welcome_at_start(console) is None


def test_the_show_at_start_box_is_remembered(console: ConsoleWindow, qtbot: QtBot) -> None:
    screen = welcome(console, qtbot)
    assert screen.show_at_start.isChecked()
    alt(screen, "S")
    qtbot.waitUntil(lambda: not screen.show_at_start.isChecked())
    again = QSettings(console.settings.fileName(), QSettings.Format.IniFormat)
    assert not Preferences(again).show_welcome


# ----------------------------------------------------------------------------- the ways in


def test_the_demo_opens_from_the_keyboard(console: ConsoleWindow, qtbot: QtBot) -> None:
    screen = welcome(console, qtbot)
    alt(screen, "D")
    qtbot.waitUntil(lambda: console.file is not None)
    demo = data_dir() / "demo.room"
    assert console.file is not None and console.file.path == demo
    assert console.title_label.text() == demo_event().title
    assert console.room.current_event.tables.rounds  # the demo comes with a table plan
    assert not screen.isVisible()


def test_the_demo_is_made_in_the_folder_from_settings_and_kept(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    events = tmp_path / "events"
    events.mkdir()
    Preferences(console.settings).folder = str(events)
    welcome(console, qtbot).demo_button.click()
    assert console.file is not None and console.file.path == events / "demo.room"
    assert console.close_event_file()
    stamp = (events / "demo.room").stat().st_mtime_ns
    welcome(console, qtbot).demo_button.click()  # again: the same file, not a new one
    assert console.file is not None and console.file.path == events / "demo.room"
    assert (events / "demo.room").stat().st_mtime_ns == stamp


def test_a_new_event_from_a_template(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_save(parent: object, title: str, suggested: str, kinds: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "cafe"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    screen = welcome(console, qtbot)
    names = [
        screen.templates.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(screen.templates.count())
    ]
    screen.templates.setFocus()
    screen.templates.setCurrentRow(names.index("world-cafe"))
    QTest.keyClick(screen.templates, Qt.Key.Key_Return)
    assert asked == [str(Path.home() / "world-cafe.room")]
    assert console.file is not None and console.file.path == tmp_path / "cafe.room"
    assert console.title_label.text() == load_template("world-cafe").title
    assert not screen.isVisible()
    assert not (data_dir() / "demo.room").exists()  # Enter did not press another button


def test_a_blank_event(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team-away-day.room"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    screen = welcome(console, qtbot)
    screen.templates.setCurrentRow(0)
    alt(screen, "N")
    qtbot.waitUntil(lambda: console.file is not None)
    assert console.title_label.text() == "team away day"
    assert console.agenda.rowCount() == 0


def test_a_problem_is_said_on_the_welcome_screen(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = event_file(tmp_path / "taken.room")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(taken), ""))
    screen = welcome(console, qtbot)
    assert not screen.new_event()
    assert screen.isVisible() and screen.problem.isVisible()
    assert screen.problem.text() == "taken.room already exists. Choose another name, or open it."
    assert console.file is None


def test_open_a_file(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = event_file(tmp_path / "sent-to-me.room")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    screen = welcome(console, qtbot)
    alt(screen, "O")
    qtbot.waitUntil(lambda: console.file is not None)
    assert console.file is not None and console.file.path == path
    assert not screen.isVisible()


def test_recent_files_open_with_enter_and_missing_ones_are_greyed(
    console: ConsoleWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    first = event_file(tmp_path / "monday.room")
    second = event_file(tmp_path / "tuesday.room")
    for path in (first, second):  # opened before: the console remembers them
        assert console.open_path(path)
    assert console.close_event_file()
    gone = tmp_path / "gone.room"
    console.settings.setValue("files/recent", [str(gone), *console.recent_files()])
    screen = welcome(console, qtbot)
    rows = [screen.recent.item(r).text() for r in range(screen.recent.count())]
    assert rows == [
        f"gone.room — not found in {tmp_path}",
        f"tuesday.room — {tmp_path}",
        f"monday.room — {tmp_path}",
    ]
    assert not screen.recent.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert screen.recent.hasFocus() and screen.recent.currentRow() == 1
    assert screen.grab().save(str(ARTIFACTS / "welcome_recent.png"))
    QTest.keyClick(screen.recent, Qt.Key.Key_Down)
    QTest.keyClick(screen.recent, Qt.Key.Key_Return)
    assert console.file is not None and console.file.path == first
    assert not screen.isVisible()
    assert not (data_dir() / "demo.room").exists()


def test_every_control_is_named_and_reached_with_tab(console: ConsoleWindow, qtbot: QtBot) -> None:
    screen = welcome(console, qtbot)
    controls = [w for w in screen.findChildren(QAbstractButton) if w.isVisible()]
    controls += [w for w in screen.findChildren(QListWidget) if w.isVisible()]
    assert len(controls) >= 7
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    reached = set()
    for _ in range(len(controls) + 2):
        reached.add(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert set(controls) <= reached


def test_the_guide_opens_from_the_welcome_screen(console: ConsoleWindow, qtbot: QtBot) -> None:
    screen = welcome(console, qtbot)
    alt(screen, "G")
    qtbot.waitUntil(lambda: getattr(screen, "guide", None) is not None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen.guide)
    assert screen.guide.headings()[0] == "Running your first session"
    assert screen.isVisible()  # still there to start the demo after reading


def test_the_welcome_screen_is_on_the_help_menu(console: ConsoleWindow, qtbot: QtBot) -> None:
    press(console, "Ctrl+F1")
    assert console.welcome.isVisible()
    qtbot.addWidget(console.welcome)
    QTest.keyClick(console.welcome, Qt.Key.Key_Escape)
    assert not console.welcome.isVisible() and console.file is None


# ----------------------------------------------------------------------------- help


def test_the_guide_opens_with_its_headings(console: ConsoleWindow, qtbot: QtBot) -> None:
    press(console, "Shift+F1")
    guide = console.guide
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    assert guide.headings() == [
        "Running your first session",
        "1. Open an event, or the demo",
        "2. Plan",
        "3. Run",
        "4. Capture",
        "5. After",
    ]
    text = guide.browser.toPlainText()
    for words in (
        "demo event",
        "Tables",
        "room display",
        "Share-back round",
        "Room Wi-Fi",
        "Reflect & Connect pack",
        "Handout",
    ):
        assert words in text, words
    assert guide.grab().save(str(ARTIFACTS / "guide.png"))


def test_copy_diagnostics_puts_versions_on_the_clipboard_without_emails(
    console: ConsoleWindow, qtbot: QtBot
) -> None:
    import logging

    root = logging.getLogger()
    level = root.level
    setup_logging()
    try:
        logging.getLogger("desktop.test").warning("could not reach ailsa.mcrae@nhs.scot")
        press(console, "Ctrl+Shift+F1")
    finally:
        stop_logging()
        root.setLevel(level)
        logging.getLogger("aiohttp.access").setLevel(logging.NOTSET)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("In the Room diagnostics\n")
    for line in (
        f"In the Room: {__version__}",
        f"Python: {platform.python_version()}",
        f"Qt: {qVersion()}",
        f"PySide6: {PySide6.__version__}",
        f"OS: {platform.platform()}",
    ):
        assert line in copied
    assert "could not reach <e-mail>" in copied and "@" not in copied
    box = console.diagnostics_box
    qtbot.addWidget(box)
    assert box.isVisible()
    assert box.text() == "The diagnostics are on the clipboard: paste them into your e-mail."
    assert box.detailedText() == copied
    assert box.grab().save(str(ARTIFACTS / "diagnostics_copied.png"))
