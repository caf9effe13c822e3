"""The room display from the back of the room: big digits in every state, warnings the whole
room sees (more than a change of hue), a slow overtime pulse, and every state in words."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.clock import Level
from desktop.core.room_face import MESSAGE, MOVE_MS, WARNINGS, contrast
from desktop.store.templates import demo_event
from desktop.ui.display import RoomDisplay
from desktop.ui.palette import THEMES
from desktop.ui.room import Room
from desktop.ui.wifi import RoomWifi
from tests.conftest import ARTIFACTS
from tests.gui.helpers import plan_event
from tests.helpers import FakeClock

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
BREAKOUT = 3  # the demo's table conversations, 30 minutes, with a question
# Moments in the breakout: (name, seconds after its start).
MOMENTS = [
    ("calm", 10 * 60),
    ("amber", 30 * 60 - 100),
    ("red", 30 * 60 - 20),
    ("over", 30 * 60 + 80),
]


def make(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], *, theme: str = "light", **prefs: bool
) -> tuple[Room, RoomDisplay, FakeClock]:
    clock = FakeClock()
    room = Room(clock=clock)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", theme)
    for key, on in prefs.items():
        settings.setValue(f"display/{key}", on)
    display = RoomDisplay(room, settings, wifi=RoomWifi(room))
    qtbot.addWidget(display)
    room.load(demo_event())
    display.resize(*size)
    display.show()
    qtbot.waitExposed(display)
    return room, display, clock


def run_to(room: Room, clock: FakeClock, seconds: float) -> None:
    """Start, go to the breakout and let `seconds` of it pass."""
    room.act("start")
    room.act("jump", to=BREAKOUT)
    clock.t += seconds
    room.tick()
    QApplication.processEvents()


def glyph_height(display: RoomDisplay, label: QLabel | None = None) -> int:
    """How tall the countdown's glyphs (or `label`'s) are on the screen, in pixels, from the
    picture."""
    label = label or display.clock_label
    image = display.grab().toImage()
    box = label.rect().translated(label.mapTo(display, label.rect().topLeft()))
    background = image.pixel(box.left() + 1, box.top() + 1)
    rows = [
        y
        for y in range(box.top(), box.bottom())
        if any(image.pixel(x, y) != background for x in range(box.left(), box.right(), 2))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


def screen_colour(display: RoomDisplay) -> str:
    """The colour most of the screen is: sampled in the right-hand margin."""
    image: QImage = display.grab().toImage()
    return QColor(image.pixel(display.width() - 3, display.height() // 2)).name()


@pytest.mark.parametrize("size", SIZES)
def test_the_digits_are_big_in_every_state(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]):
    w, h = size
    readings = {}
    for name, seconds in MOMENTS:
        room, display, clock = make(qtbot, tmp_path, size)
        run_to(room, clock, seconds)
        tall = glyph_height(display)
        readings[name] = tall
        print(name, size, tall, round(tall / h, 3))
        assert tall >= 0.18 * h, (name, tall, h)
        corner = display.clock_label.mapTo(display, display.clock_label.rect().bottomRight())
        assert corner.y() <= h and display.prompt_label.isVisible()
        assert display.grab().save(str(ARTIFACTS / f"display_{name}_{w}x{h}.png"))
    room, display, clock = make(qtbot, tmp_path, size)
    clock.t -= 12 * 60  # before the start: the time to go, as big
    room.tick()
    QApplication.processEvents()
    assert glyph_height(display) >= 0.18 * h


def test_a_breakout_with_a_table_plan_gives_the_clock_back(qtbot: QtBot, tmp_path: Path) -> None:
    for w, h in SIZES:
        clock = FakeClock()
        room = Room(clock=clock)
        display = RoomDisplay(
            room,
            QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
            wifi=RoomWifi(room),
        )
        qtbot.addWidget(display)
        room.load(plan_event(24, 6))
        display.resize(w, h)
        display.show()
        room.act("start")
        room.act("jump", to=3)
        QApplication.processEvents()
        assert display.table_plan.isVisible()  # people move: Find your table has the screen
        clock.t += MOVE_MS / 1000 + 1
        room.tick()
        QApplication.processEvents()
        assert not display.table_plan.isVisible()
        assert glyph_height(display) >= 0.18 * h
        # The table question stays large: bigger than the words under the clock.
        assert display.prompt_label.isVisible()
        assert display.prompt_label.font().pixelSize() >= 0.05 * min(h, w * 0.75)
        # "TABLE CONVERSATIONS" over "Table conversations, round 1" would say it twice.
        assert display.title_label.text().lower().startswith("table conversations")
        assert not display.kind_label.isVisible()
        assert display.grab().save(str(ARTIFACTS / f"display_breakout_after_move_{w}x{h}.png"))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_warning_changes_the_screen_words_and_digits(
    qtbot: QtBot, tmp_path: Path, theme: str
) -> None:
    screens, words, inks = {}, {}, {}
    for name, seconds in MOMENTS:
        room, display, clock = make(qtbot, tmp_path, (1280, 720), theme=theme, flash=False)
        run_to(room, clock, seconds)
        screens[name] = screen_colour(display)
        words[name] = display.state_label.text()
        inks[name] = QColor(display.clock_label.palette().windowText().color()).name()
    assert screens["calm"] == THEMES[theme].background
    assert screens["amber"] == WARNINGS[Level.AMBER].background.lower()
    assert screens["red"] == WARNINGS[Level.RED].background.lower()
    assert screens["over"] == WARNINGS[Level.UP].background.lower()
    order = ["calm", "amber", "red", "over"]
    for before, after in itertools.pairwise(order):
        assert contrast(screens[before], screens[after]) >= 3, (before, after)
        assert words[before] != words[after]
    assert len(set(words.values())) == 4
    assert [w.split(" ")[0] for w in (words["amber"], words["red"], words["over"])] == [
        "▲",
        "◆",
        "■",
    ]
    assert words["over"].count("1:20") == 0  # the digits say +1:20; the words don't repeat it
    for name in order:  # the digits on each screen, readable
        assert contrast(inks[name], screens[name]) >= 4.5, name


def test_overtime_pulses_slowly_by_the_room_clock(qtbot: QtBot, tmp_path: Path) -> None:
    room, display, clock = make(qtbot, tmp_path, (1024, 768))
    run_to(room, clock, 30 * 60 + 5)
    seen = []
    for _ in range(24):  # six seconds, in quarters
        clock.t += 0.25
        room.tick()
        seen.append(screen_colour(display))
    assert len(set(seen)) == 2  # it pulses, between two colours
    changes = [i for i in range(1, len(seen)) if seen[i] != seen[i - 1]]
    # Each half at least a second (four quarters): 0.5 Hz, under WCAG 2.3.1's limits.
    assert all(b - a >= 4 for a, b in itertools.pairwise(changes))
    assert contrast(seen[0], WARNINGS[Level.RED].background) >= 3
    assert contrast(seen[changes[0]], WARNINGS[Level.RED].background) >= 3


def test_a_setting_tones_the_warnings_down(qtbot: QtBot, tmp_path: Path) -> None:
    room, display, clock = make(qtbot, tmp_path, (1280, 720), quiet=True)
    run_to(room, clock, 30 * 60 + 80)
    assert screen_colour(display) == THEMES["light"].background  # no coloured screen
    first = screen_colour(display)
    clock.t += 1
    room.tick()
    assert screen_colour(display) == first  # no pulse
    assert display.state_label.text() == "■ Over time"  # the words and mark stay
    display.set_quiet(False)
    assert screen_colour(display) != THEMES["light"].background
    assert display.settings is not None  # the Settings dialog writes the key: seen at once
    display.settings.setValue("display/quiet", True)
    room.tick()
    assert screen_colour(display) == THEMES["light"].background


def test_a_message_is_in_a_colour_no_warning_uses(qtbot: QtBot, tmp_path: Path) -> None:
    room, display, clock = make(qtbot, tmp_path, (1280, 720))
    run_to(room, clock, 30 * 60 - 20)
    room.act("message", text="Coffee is in the hall")
    QApplication.processEvents()
    label = display.message_label
    image = display.grab().toImage()
    middle = label.mapTo(display, label.rect().center())
    # Inside the box but clear of the words: its left padding.
    inside = QColor(image.pixel(label.mapTo(display, label.rect().topLeft()).x() + 8, middle.y()))
    assert inside.name() == MESSAGE[0].lower()
    warnings = {look.background.lower() for look in WARNINGS.values()}
    assert inside.name() not in warnings
    assert "border" in label.styleSheet() and WARNINGS[Level.RED].ink in label.styleSheet()


def test_before_the_start_and_at_the_end(qtbot: QtBot, tmp_path: Path) -> None:
    room, display, clock = make(qtbot, tmp_path, (1280, 720))
    clock.t -= 12 * 60
    room.tick()
    assert display.state_label.text() == "Starts at 10:00 · in 12 min"
    assert display.clock_label.text() == "12:00"  # to the start, not the first segment's 10:00
    assert display.time_label.text() == "9:48" and display.time_label.isVisible()
    assert display.title_label.text() == demo_event().title
    assert display.next_label.text().startswith("First: ")
    clock.t += 12 * 60
    room.act("start")
    room.act("finish")
    QApplication.processEvents()
    assert display.title_label.text() == demo_event().title
    assert display.clock_label.text() == "Thank you" and display.clock_label.isVisible()
    assert not display.next_label.isVisible() and not display.kind_label.isVisible()
    assert display.time_label.isVisible()
    label = display.clock_label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= display.width()


def test_the_progress_bar_shows_on_every_screen(qtbot: QtBot, tmp_path: Path) -> None:
    for name, seconds in MOMENTS:
        room, display, clock = make(qtbot, tmp_path, (1280, 720))
        run_to(room, clock, seconds)
        screen = screen_colour(display)
        assert contrast(display.bar.outline.name(), screen) >= 3, name
        assert contrast(display.bar.colour.name(), screen) >= 3, name


def test_on_a_first_run_the_menu_and_the_room_agree_the_pulse_is_on(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.gui.helpers import make_console

    settings = QSettings(str(tmp_path / "first-run.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    assert console.display.flash  # the room pulses in overtime…
    assert console.flash_action.isChecked()  # …and the menu says so (it said off)


@pytest.mark.parametrize("size", SIZES)
def test_in_a_share_back_round_the_speaking_tables_clock_is_the_big_one(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    w, h = size
    room, display, clock = make(qtbot, tmp_path, size)
    room.act("start")
    room.act("jump", to=4)  # the demo's share-back, 20 minutes
    room.act("round", tables=[f"Table {n}" for n in range(1, 8)], seconds=90)
    clock.t += 30
    room.tick()
    QApplication.processEvents()
    # The big digits are the table's own 1:30, with 1:00 left; the segment's 19:30 is small.
    assert display.clock_label.text() == "1:00"
    assert display.round_label.text() == "Now: Table 1 of 7" and display.round_label.isVisible()
    assert display.segment_clock.isVisible() and "19:30" in display.segment_clock.text()
    assert display.next_label.text() == "Next: Table 2" and display.next_label.isVisible()
    big = glyph_height(display)
    small = glyph_height(display, display.segment_clock)
    print("share-back", size, big, small, round(big / h, 3))
    assert big >= 0.18 * h
    assert 0 < small * 3 < big  # the segment clock is a line, not a rival number
    # The speaking table is above the digits, the segment clock below them.
    y = {
        name: getattr(display, name).mapTo(display, getattr(display, name).rect().center()).y()
        for name in ("round_label", "clock_label", "segment_clock")
    }
    assert y["round_label"] < y["clock_label"] < y["segment_clock"]
    assert display.grab().save(str(ARTIFACTS / f"display_share_back_{w}x{h}.png"))
    room.act("turn", step="next")  # Table 2 has its own 1:30
    assert display.clock_label.text() == "1:30"
    assert display.round_label.text() == "Now: Table 2 of 7"
    assert display.next_label.text() == "Next: Table 3"
    room.act("round", tables=[], seconds=60)  # the round is over: the segment's clock again
    assert display.clock_label.text() == "19:30"
    assert not display.segment_clock.isVisible()
