"""The facilitator console and the room display, driven through real widgets and real keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import Status
from desktop.store.errors import SaveError, StoreError
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from desktop.ui.commands import COMMANDS
from desktop.ui.console import ConsoleWindow
from desktop.ui.console.sheet import ShortcutSheet
from desktop.ui.sound import Chimes
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, press
from tests.helpers import DAY, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def console(qtbot: QtBot, clock: FakeClock, settings: QSettings) -> Iterator[ConsoleWindow]:
    window = make_console(qtbot, clock, settings)
    yield window
    window.close()


@pytest.fixture
def running(console: ConsoleWindow, demo: Path) -> ConsoleWindow:
    assert console.open_path(demo)
    console.agenda.setFocus()
    return console


def view(console: ConsoleWindow):  # type: ignore[no-untyped-def]
    shown = console.room.view()
    assert shown is not None
    return shown


# ----------------------------------------------------------------------------- opening


def test_opens_the_demo_with_its_agenda_and_the_clock_ready(
    running: ConsoleWindow,
) -> None:
    event = demo_event()
    console = running
    assert console.title_label.text() == event.title
    assert console.agenda.rowCount() == len(event.agenda)
    titles = [console.agenda.item(r, 3).text() for r in range(console.agenda.rowCount())]
    assert titles == [s.title for s in event.agenda]
    assert console.agenda.item(0, 1).text() == event.start
    assert console.countdown_label.text() == "Ready"  # not "10:00", the first segment's length
    assert console.state_label.text() == "Starts at 10:00 · any moment now"  # the room's words
    assert console.drift_label.text() == "On time — finishing 12:00, planned 12:00"
    assert console.windowTitle() == f"{event.title} — In the Room"
    assert console.banner.isHidden()


def test_ctrl_o_opens_a_file_from_the_keyboard(
    console: ConsoleWindow, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(demo), ""))
    press(console, "Ctrl+O")
    assert console.file is not None and console.file.path == demo


def test_a_recovered_file_is_announced_in_words(console: ConsoleWindow, demo: Path) -> None:
    with EventFile.open(demo) as room:  # a save makes a backup of the demo
        room.append_run({"t": DAY, "do": "start"})
    demo.write_bytes(b"")
    assert console.open_path(demo)
    assert console.banner.isVisible()
    text = console.banner.text()
    assert text.startswith("⚠ Recovered — demo.room could not be read (the file is empty)")
    console.resize(1280, 800)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert console.grab().save(str(ARTIFACTS / "console_recovered.png"))


def test_a_file_open_elsewhere_is_refused_with_the_reason(
    console: ConsoleWindow, demo: Path
) -> None:
    with EventFile.open(demo):
        assert not console.open_path(demo)
    assert console.banner.text().startswith("✖ Problem — demo.room is already open")
    assert console.file is None


def test_closing_the_window_gives_the_file_back(running: ConsoleWindow, demo: Path) -> None:
    assert (demo.parent / "demo.room.lock").exists()
    running.close()
    assert not (demo.parent / "demo.room.lock").exists()
    EventFile.open(demo).close()


def test_every_control_has_an_accessible_name(running: ConsoleWindow) -> None:
    unnamed = [
        w
        for w in running.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
        and w.metaObject().className() not in ("QScrollBar", "QSplitterHandle", "QMenuBar")
        and not w.metaObject().className().startswith("QTableCorner")
    ]
    assert [w.metaObject().className() for w in unnamed] == []
    for widget in running.display.findChildren(QWidget):
        if widget.isVisible():
            assert widget.accessibleName(), widget


# ----------------------------------------------------------------------------- keys


def test_space_starts_pauses_and_resumes(running: ConsoleWindow, clock: FakeClock) -> None:
    press(running, "Space")
    assert view(running).status is Status.RUNNING
    assert running.buttons["start_pause"].text().startswith("Pause")
    clock.t += 61
    running.room.tick()
    assert running.countdown_label.text() == "8:59"  # the demo welcome is 10 minutes
    press(running, "Space")
    assert view(running).status is Status.PAUSED and running.state_label.text() == "‖ Paused"
    press(running, "Space")
    assert view(running).status is Status.RUNNING


@pytest.mark.parametrize("key", ["Right", "N"])
def test_next_by_either_key(running: ConsoleWindow, key: str) -> None:
    press(running, "Space")
    press(running, key)
    assert view(running).index == 1
    assert running.agenda.item(0, 0).text() == "✓" and running.agenda.item(1, 0).text() == "▶"
    assert running.agenda.item(0, 2).text() == "10:00 · 0 min"


@pytest.mark.parametrize("key", ["Left", "P"])
def test_previous_by_either_key(running: ConsoleWindow, key: str) -> None:
    press(running, "Space")
    press(running, "N")
    press(running, key)
    assert view(running).index == 0


@pytest.mark.parametrize(
    ("key", "change"),
    [("+", 60), ("=", 60), ("-", -60), ("Ctrl++", 300), ("Ctrl+=", 300), ("Ctrl+-", -300)],
)
def test_adding_and_taking_time_by_key(running: ConsoleWindow, key: str, change: int) -> None:
    press(running, "Space")
    before = view(running).remaining
    press(running, key)
    assert view(running).remaining - before == change * 1000


def test_t_sets_the_time_left_exactly(
    running: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(running, "Space")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("4:30", True))
    press(running, "T")
    assert running.countdown_label.text() == "4:30"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("soon", True))
    press(running, "T")
    assert "isn't a time" in running.statusBar().currentMessage()
    assert running.countdown_label.text() == "4:30"


def test_r_restarts_and_ctrl_e_finishes(running: ConsoleWindow, clock: FakeClock) -> None:
    press(running, "Space")
    clock.t += 120
    press(running, "R")
    assert view(running).remaining == 10 * 60_000
    press(running, "Ctrl+E")
    assert view(running).status is Status.FINISHED
    assert running.drift_label.text().startswith("1")  # "1xx min ahead — finished 10:02…"
    assert "finished 10:02" in running.drift_label.text()


def test_j_then_enter_jumps_to_a_segment(running: ConsoleWindow) -> None:
    press(running, "J")
    assert QApplication.focusWidget() is running.agenda
    QTest.keyClick(running.agenda, Qt.Key.Key_Down)
    QTest.keyClick(running.agenda, Qt.Key.Key_Down)
    QTest.keyClick(running.agenda, Qt.Key.Key_Return)
    assert view(running).index == 2 and view(running).status is Status.RUNNING


def test_c_proposes_a_catch_up_and_ctrl_z_takes_it_back(
    running: ConsoleWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(running, "C")
    assert "nothing to catch up" in running.statusBar().currentMessage()
    clock.t += 15 * 60  # started a quarter of an hour late
    press(running, "Space")
    assert running.drift_label.text().startswith("15 min behind")
    shown: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        shown.append(box.informativeText())
        return QMessageBox.StandardButton.Apply

    monkeypatch.setattr(QMessageBox, "exec", answer)
    press(running, "C")
    assert shown and "→" in shown[0]
    assert running.drift_label.text().startswith("On time")
    press(running, "Ctrl+Z")
    assert running.drift_label.text().startswith("15 min behind")


def test_keys_typed_into_the_message_box_never_move_the_clock(running: ConsoleWindow) -> None:
    press(running, "Space")
    before = view(running)
    press(running, "M")
    line = running.message_box.lineEdit()
    typing = QApplication.focusWidget()
    assert typing in (running.message_box, line)
    line.clear()
    QTest.keyClicks(typing, "Back at 11:15 - N P B F + = T R J C S D")
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right):
        QTest.keyClick(typing, key)
    after = view(running)
    assert (after.index, after.status, after.allowed, after.blank) == (
        before.index,
        before.status,
        before.allowed,
        before.blank,
    )
    assert not running.display.isVisible() and not running.chimes.muted
    assert line.text() == "Back at 11:15 - N P B F + = T R J C S D "
    QTest.keyClick(typing, Qt.Key.Key_Return)
    assert view(running).message == "Back at 11:15 - N P B F + = T R J C S D"
    assert running.display.message_label.text() == view(running).message
    assert QApplication.focusWidget() is running.clock_panel  # the keys drive the clock again
    press(running, "Shift+M")
    assert view(running).message == ""


def test_ready_made_messages_are_offered(running: ConsoleWindow) -> None:
    items = [running.message_box.itemText(i) for i in range(running.message_box.count())]
    assert "One minute to finish your conversation" in items
    assert "Please agree one thing to share from your table" in items


def test_d_b_and_f_drive_the_room_display(running: ConsoleWindow) -> None:
    press(running, "D")
    assert running.display.isVisible()
    press(running, "B")
    assert running.display.blanked and view(running).blank
    assert running.display.blank_title.text() == demo_event().title
    press(running, "B")
    assert not running.display.blanked
    running.activateWindow()
    press(running, "F")
    assert running.display.isFullScreen()
    running.activateWindow()
    press(running, "F")
    assert not running.display.isFullScreen()
    running.activateWindow()
    press(running, "D")
    assert not running.display.isVisible()


def test_s_mutes_the_chimes_and_it_is_remembered(
    running: ConsoleWindow, qtbot: QtBot, clock: FakeClock, settings: QSettings
) -> None:
    press(running, "Space")
    clock.t += 8 * 60  # two minutes left: amber
    running.room.tick()
    assert running.chimes.played == ["amber"]
    assert running.state_label.text() == "▲ 2 minutes left"
    clock.t += 2 * 60
    running.room.tick()
    assert running.chimes.played == ["amber", "up"]
    press(running, "S")
    assert running.chimes.muted and settings.value("sound/muted", type=bool)
    press(running, "N")
    clock.t += 13 * 60  # two minutes left in TracyAnne's 15
    running.room.tick()
    assert running.chimes.played == ["amber", "up"]  # muted
    again = make_console(qtbot, clock, settings)
    assert again.chimes.muted
    again.close()


@pytest.mark.parametrize("key", ["F1", "Ctrl+/"])
def test_the_shortcut_sheet_lists_every_command(running: ConsoleWindow, key: str) -> None:
    press(running, key)
    sheet = running.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    assert sheet.table.rowCount() == len(COMMANDS)
    texts = [sheet.table.item(r, 0).text() for r in range(sheet.table.rowCount())]
    assert "Space" in texts and "F1 or Ctrl+/" in texts
    sheet.resize(640, 620)
    assert sheet.grab().save(str(ARTIFACTS / "shortcut_sheet.png"))
    sheet.close()


def test_every_command_has_a_key_and_a_menu_entry(running: ConsoleWindow) -> None:
    in_menus = {a for menu in running.menuBar().actions() for a in menu.menu().actions()}
    for command in COMMANDS:
        action = running.actions_by_name[command.name]
        assert action.shortcuts(), command.name
        assert action in in_menus, command.name


def test_keys_do_nothing_without_an_event(console: ConsoleWindow) -> None:
    press(console, "Space")
    assert "Open an event first" in console.statusBar().currentMessage()


# ----------------------------------------------------------------------------- the room display


def test_the_display_follows_the_console(running: ConsoleWindow, clock: FakeClock) -> None:
    display = running.display
    assert display.clock_label.text() != "10:00"  # not the first segment's length
    assert display.state_label.text().startswith(("Starting soon", "Starts at"))
    press(running, "Space")
    clock.t += 95
    running.room.tick()
    assert display.clock_label.text() == running.countdown_label.text() == "8:25"
    assert display.title_label.text() == demo_event().agenda[0].title
    press(running, "N")  # TracyAnne's story: a talk, with its speaker
    assert display.speaker_label.isVisible() or not display.isVisible()
    assert display.speaker_label.text().startswith("TracyAnne Millar · ")
    assert display.next_label.text().startswith("Next: ")


def test_a_restart_mid_segment_loses_no_time(
    qtbot: QtBot, demo: Path, clock: FakeClock, settings: QSettings
) -> None:
    first = make_console(qtbot, clock, settings)
    first.open_path(demo)
    first.agenda.setFocus()
    press(first, "Space")
    clock.t += 4 * 60
    press(first, "N")
    clock.t += 3 * 60 + 20
    first.close()  # or a crash: every action was saved as it happened
    clock.t += 90  # the app is back a minute and a half later
    second = make_console(qtbot, clock, settings)
    second.open_path(demo)
    assert view(second).index == 1
    assert second.countdown_label.text() == "10:10"  # 15 min - 3:20 - 1:30
    second.close()


def test_the_laptop_sleeping_mid_breakout_shows_the_right_time_on_wake(
    running: ConsoleWindow, clock: FakeClock
) -> None:
    running.room.act("jump", to=3)  # table conversations, 30 minutes
    clock.t += 5 * 60
    running.room.tick()
    assert running.countdown_label.text() == "25:00"
    clock.t += 10 * 60  # asleep: no timer fired
    running.room.tick()  # the first tick on wake
    assert running.countdown_label.text() == "15:00"


def test_a_failed_save_is_said_kept_and_retried(
    running: ConsoleWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = running.file
    assert file is not None
    real = file.save
    failing: StoreError | None = SaveError("Could not save demo.room: the disk is full.")

    def save() -> None:
        if failing is not None:
            raise failing
        real()

    monkeypatch.setattr(file, "save", save)
    press(running, "Space")
    assert running.banner.text().startswith("✖ Problem — Could not save demo.room")
    assert running.saved_label.text() == "✖ Not saved — retrying"
    failing = None
    assert running.room.save()
    assert running.banner.isHidden() and running.saved_label.text() == "✓ Saved"
    # Any store error is said the same way, not only a SaveError (the file taken away, say).
    failing = StoreError("Could not save demo.room: the USB stick was removed.")
    press(running, "Space")
    assert running.banner.text().startswith("✖ Problem — Could not save demo.room: the USB")
    assert running.saved_label.text() == "✖ Not saved — retrying"


@pytest.mark.parametrize(
    ("size", "theme"), [((800, 600), "light"), ((1920, 1080), "dark"), ((3840, 2160), "light")]
)
def test_the_display_is_readable_at_any_size(
    running: ConsoleWindow, clock: FakeClock, size: tuple[int, int], theme: str
) -> None:
    display = running.display
    display.set_theme(theme)
    running.room.act("jump", to=3)  # table conversations, with the question for the tables
    clock.t += 28 * 60 + 30  # 1:30 left: amber
    running.room.act("message", text="One minute to finish your conversation")
    display.resize(*size)
    display.show()
    w, h = size
    assert display.clock_label.font().pixelSize() >= h / 4
    assert display.state_label.text() == "▲ 2 minutes left"
    assert display.prompt_label.text() == demo_event().agenda[3].prompt
    for label in (display.clock_label, display.title_label, display.prompt_label):
        assert label.geometry().right() <= w and label.geometry().bottom() <= h
    image = display.grab()
    assert image.save(str(ARTIFACTS / f"display_{w}x{h}_{theme}.png"))


def test_overtime_and_the_holding_screen_look_right(
    running: ConsoleWindow, clock: FakeClock
) -> None:
    display = running.display
    display.set_flash(True)
    running.room.act("start")
    clock.t += 11 * 60 + 20
    running.room.tick()
    assert display.state_label.text() == "■ Over time" and display.clock_label.text() == "+1:20"
    display.resize(1280, 720)
    display.show()
    assert display.grab().save(str(ARTIFACTS / "display_overtime.png"))
    running.room.act("blank", on=True)
    assert display.grab().save(str(ARTIFACTS / "display_blank.png"))
    running.resize(1280, 800)
    assert running.grab().save(str(ARTIFACTS / "console_running.png"))


def test_the_readme_lists_the_same_keys_as_the_app() -> None:
    from desktop.ui.commands import markdown_table
    from tests.conftest import ROOT

    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_whole_community_event_runs_from_the_keyboard(
    running: ConsoleWindow, clock: FakeClock
) -> None:
    """seeds/003's event, start to finish, with keys only; the room display keeps up."""
    agenda = demo_event().agenda
    running.activateWindow()
    press(running, "D")
    running.activateWindow()
    press(running, "Space")
    for i, segment in enumerate(agenda):
        assert view(running).index == i
        assert running.display.title_label.text() == segment.title
        clock.t += segment.minutes * 60 - 30
        running.room.tick()
        assert running.display.clock_label.text() == "0:30"
        assert running.display.state_label.text() == "◆ Under 1 minute"
        clock.t += 30
        press(running, "N")
    assert view(running).status is Status.FINISHED
    assert running.drift_label.text() == "On time — finished 12:00, planned 12:00"
    assert running.display.state_label.text() == "Thank you"
    marks = [running.agenda.item(r, 0).text() for r in range(running.agenda.rowCount())]
    assert marks == ["✓"] * len(agenda)


def test_the_chosen_screen_is_remembered(running: ConsoleWindow, settings: QSettings) -> None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.screens()[0]
    running._fill_screen_menu()
    entries = running.screen_menu.actions()
    assert entries and entries[0].text().startswith(screen.name())
    entries[0].trigger()
    assert settings.value("display/screen") == screen.name()
    assert running.display.isFullScreen() and running.display.screen() is screen
    running.activateWindow()
    press(running, "F")
    assert not running.display.isFullScreen()


def test_no_sound_device_is_said_once_and_the_clock_goes_on(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    chimes = Chimes()
    with caplog.at_level("WARNING", logger="desktop.ui.sound"):
        chimes.play("amber")
        chimes.play("up")
    said = [r.getMessage() for r in caplog.records if r.name == "desktop.ui.sound"]
    assert said == ["Chimes are off: there is no audio output device."]
    assert chimes.played == ["amber", "up"] and chimes.silent_reason
    chimes.muted = True
    chimes.play("up")
    assert chimes.played == ["amber", "up"]
