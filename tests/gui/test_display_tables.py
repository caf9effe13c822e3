"""The room display's "Find your table": a round's tables during a breakout and while people
arrive or move to one, paged by the clock, the names as big as the screen allows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from msgspec.structs import replace
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.model import Event, Note, NoteKind
from desktop.core.names import binds
from desktop.core.room_face import PAGE_MS
from desktop.core.seating import seating
from desktop.core.table_layout import (
    CONTINUED,
    NAME_FLOOR,
    WRAPPED,
    TextWidths,
    lay_out_tables,
    name_lines,
)
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event, load_template
from desktop.ui import display as display_module
from desktop.ui.display import RoomDisplay
from desktop.ui.room import Room
from desktop.ui.wifi import RoomWifi
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console, plan_event
from tests.helpers import FakeClock

SECOND_BREAKOUT = 5  # in the agenda below: welcome, two talks, breakout, share-back, breakout…


def make_display(
    qtbot: QtBot, tmp_path: Path, event: Event, size: tuple[int, int] = (1280, 720)
) -> tuple[Room, RoomDisplay, FakeClock]:
    clock = FakeClock()
    room = Room(clock=clock)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    display = RoomDisplay(room, settings, wifi=RoomWifi(room))
    qtbot.addWidget(display)
    room.load(event)
    display.resize(*size)
    display.show()
    qtbot.waitExposed(display)
    return room, display, clock


def settle() -> None:
    """Let the layouts give the tables their real size (the event loop does this on the day)."""
    QApplication.processEvents()


def texts(display: RoomDisplay) -> list[str]:
    """Every visible label's text on the display."""
    return [w.text() for w in display.findChildren(QLabel) if w.isVisible() and w.text()]


def names_in(label: QLabel) -> list[str]:
    """The names a list shows, a name broken over two lines read as one."""
    names: list[str] = []
    for line in label.text().split("\n"):
        if line.startswith(CONTINUED) and names:
            names[-1] += " " + line.removeprefix(CONTINUED)
        else:
            names.append(line)
    return names


def shown_names(display: RoomDisplay) -> set[str]:
    """The people whose names the visible table cards show, read from their labels."""
    return {
        name
        for card in display.tables.cards
        if card.isVisible()
        for names in card.lists
        if names.isVisible()
        for name in names_in(names)
    }


def card_names(card: QWidget) -> set[str]:
    return {
        name
        for names in card.findChildren(QLabel)
        if names.isVisible() and names.accessibleName().startswith("People at")
        for name in names_in(names)
    }


def name_px(display: RoomDisplay) -> int:
    """The pixel size of the names on the screen."""
    return next(c for c in display.tables.cards if c.isVisible()).lists[0].font().pixelSize()


def test_a_breakout_shows_who_sits_at_which_table_for_its_round(
    qtbot: QtBot, tmp_path: Path
) -> None:
    event = plan_event(24, 6)
    room, display, clock = make_display(qtbot, tmp_path, event)
    room.act("start")
    room.act("jump", to=SECOND_BREAKOUT)
    settle()
    assert display.table_plan.isVisible()
    assert display.plan_heading.text() == "Find your table — Round 2 of 3"
    shown = texts(display)
    assert "Table 1" in shown and "Table 6" in shown
    assert shown_names(display) == {p.name for p in event.participants}
    # Each person under their own table for round 2, not round 1's.
    for card in (c for c in display.tables.cards if c.isVisible()):
        seat = next(s for s in seating(event, 1) if s.label == card.header.text())
        assert card_names(card) == {p.name for p in seat.people}
    assert seating(event, 1) != seating(event, 0)
    assert display.plan_page.text() == ""  # 24 people: one page, no paging words
    # The countdown, the segment and the question stay on the screen.
    assert display.clock_label.isVisible() and display.clock_label.text() == "20:00"
    assert display.title_label.text() == "Table conversations, round 2"
    assert display.prompt_label.isVisible()
    assert display.state_label.isVisible() and display.next_label.isVisible()
    for widget in display.findChildren(QWidget):
        if widget.isVisible():
            assert widget.accessibleName(), widget
    # Names as large as the floor at least: readable from the back.
    unit = 720 / 100
    names = next(c for c in display.tables.cards if c.isVisible()).lists[0]
    assert names.font().pixelSize() >= unit * NAME_FLOOR
    assert display.clock_label.font().pixelSize() > names.font().pixelSize() * 2
    clock.t += 60
    room.act("jump", to=3)  # the first breakout uses round 1
    assert display.plan_heading.text() == "Find your table — Round 1 of 3"


def test_many_people_page_by_the_clock(qtbot: QtBot, tmp_path: Path) -> None:
    event = plan_event(300, 30)
    room, display, clock = make_display(qtbot, tmp_path, event)
    room.act("start")
    room.act("jump", to=3)
    settle()
    pages = display.tables.pages
    assert 1 < pages <= 8
    assert display.plan_page.isVisible() and display.plan_page.text() == f"Page 1 of {pages}"
    first = shown_names(display)
    assert first and "Table 1" in texts(display)
    seen = set(first)
    clock.t += PAGE_MS / 1000 - 1
    room.tick()
    assert display.plan_page.text() == f"Page 1 of {pages}"  # not yet
    clock.t += 1
    room.tick()
    assert display.plan_page.text() == f"Page 2 of {pages}"
    assert shown_names(display).isdisjoint(first)
    seen |= shown_names(display)
    for _ in range(pages - 2):
        clock.t += PAGE_MS / 1000
        room.tick()
        seen |= shown_names(display)
    assert display.plan_page.text() == f"Page {pages} of {pages}"
    assert seen >= {p.name for p in event.participants}  # everyone is on some page
    clock.t += PAGE_MS / 1000
    room.act("pause")  # paused, the room still needs to find its tables: pages still turn
    assert display.plan_page.text() == f"Page 1 of {pages}"
    # Every card inside the window, whatever the page.
    for card in display.tables.cards:
        if card.isVisible():
            corner = card.mapTo(display, card.rect().bottomRight())
            assert corner.x() <= display.width() and corner.y() <= display.height()


def test_talks_share_backs_and_events_without_a_plan_show_no_tables(
    qtbot: QtBot, tmp_path: Path
) -> None:
    room, display, _ = make_display(qtbot, tmp_path, plan_event(24, 6))
    # Arriving (starting soon, then the welcome), people find their round 1 tables.
    assert display.table_plan.isVisible()
    assert display.plan_heading.text() == "Find your table — Round 1 of 3"
    room.act("start")
    assert display.table_plan.isVisible()
    room.act("next")  # a talk: the screen is the speaker's
    assert not display.table_plan.isVisible()
    assert display.clock_label.font().pixelSize() >= 720 / 4
    room.act("jump", to=3)
    assert display.table_plan.isVisible()
    room.act("next")  # share-back
    assert not display.table_plan.isVisible()
    assert display.clock_label.font().pixelSize() >= 720 / 4  # the full-size clock is back
    room.act("jump", to=SECOND_BREAKOUT)
    assert display.table_plan.isVisible()
    room.act("finish")
    assert not display.table_plan.isVisible()
    room.load(demo_event())  # no plan: a breakout looks as it always did
    room.act("jump", to=3)
    assert not display.table_plan.isVisible() and display.prompt_label.isVisible()
    assert "Find your table" not in " ".join(texts(display))


def cafe(people: int = 40, tables: int = 8) -> Event:
    """The world-café template (welcome, round 1, change tables, round 2, …) with a plan."""
    planned = plan_event(people, tables)
    return replace(
        load_template("world-cafe"), participants=planned.participants, tables=planned.tables
    )


def test_people_find_their_table_as_they_arrive_and_before_each_move(
    qtbot: QtBot, tmp_path: Path
) -> None:
    event = cafe()
    kinds = [s.kind for s in event.agenda][:4]
    assert kinds == ["welcome", "breakout", "break", "breakout"]
    room, display, clock = make_display(qtbot, tmp_path, event)
    settle()
    # Starting soon and the welcome: the round 1 tables, beside the clock.
    for step in ("starting soon", "welcome"):
        assert display.table_plan.isVisible(), step
        assert display.plan_heading.text() == "Find your table — Round 1 of 3", step
        assert shown_names(display) == {p.name for p in event.participants}, step
        if step == "welcome":  # before it, no first segment's length read as a start time
            assert display.clock_label.isVisible() and display.clock_label.text() == "15:00"
        else:
            assert display.clock_label.text() != "15:00"
        room.act("start")
    room.act("next")  # round 1
    assert display.plan_heading.text() == "Find your table — Round 1 of 3"
    room.act("next")  # change tables: where to go for round 2, and the 5:00 to get there
    clock.t += 30
    room.tick()
    settle()
    assert display.title_label.text() == "Change tables"
    assert display.table_plan.isVisible()
    assert display.plan_heading.text() == "Find your table — Round 2 of 3"
    assert display.clock_label.isVisible() and display.clock_label.text() == "4:30"
    for card in (c for c in display.tables.cards if c.isVisible()):
        seat = next(s for s in seating(event, 1) if s.label == card.header.text())
        assert card_names(card) == {p.name for p in seat.people}
    room.act("next")  # round 2 itself
    assert display.plan_heading.text() == "Find your table — Round 2 of 3"
    room.act("next")  # change tables again
    assert display.plan_heading.text() == "Find your table — Round 3 of 3"
    assert display.grab().save(str(ARTIFACTS / "display_tables_change_tables.png"))
    room.act("jump", to=6)  # the harvest: heard from the round 3 tables, no plan on the screen
    assert not display.table_plan.isVisible()
    assert display.clock_label.font().pixelSize() >= 720 / 4


def test_fewer_names_are_shown_bigger(qtbot: QtBot, tmp_path: Path) -> None:
    """The names fill the space they have: as big as it allows, never below the floor."""
    sizes = []
    for people, tables in ((300, 30), (40, 8), (12, 3), (4, 1)):
        room, display, _ = make_display(qtbot, tmp_path, plan_event(people, tables))
        room.act("jump", to=3)
        settle()
        assert shown_names(display) <= {p.name for p in display.room.current_event.participants}
        sizes.append(name_px(display))
        display.close()
    assert all(size >= round(7.2 * NAME_FLOOR) for size in sizes)
    assert sizes == sorted(sizes) and sizes[1] < sizes[2] < sizes[3], sizes


def test_a_long_name_is_broken_over_two_lines_not_cut(qtbot: QtBot, tmp_path: Path) -> None:
    event = plan_event(24, 6)
    long = "Róisín Nic Giolla Phádraig-Uí Dhónaill"
    people = (replace(event.participants[0], name=long), *event.participants[1:])
    event = replace(event, participants=people)
    room, display, _ = make_display(qtbot, tmp_path, event, (1024, 768))
    room.act("jump", to=3)
    settle()
    assert long in shown_names(display)  # every word of it, Gaelic accents and all
    card = next(c for c in display.tables.cards if long in card_names(c))
    names = card.lists[0]
    lines = names.text().split("\n")
    at = next(i for i, line in enumerate(lines) if long.startswith(line))
    assert lines[at + 1].startswith(CONTINUED)
    assert not any(binds(line.split()[-1]) for line in lines[at : at + 2])  # not after "Nic"
    assert names.sizeHint().width() <= names.width() + 1
    assert names.sizeHint().height() <= names.height() + 1
    assert display.tables.layout_ is not None and display.tables.layout_.wrapped == 1
    assert display.grab().save(str(ARTIFACTS / "display_tables_long_name.png"))


def test_the_facilitator_s_message_blank_and_spotlight_come_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    room, display, _ = make_display(qtbot, tmp_path, plan_event(24, 6))
    room.act("jump", to=3)
    assert display.table_plan.isVisible()
    room.act("message", text="Please make your way back to your tables")
    assert display.message_label.isVisible() and not display.table_plan.isVisible()
    room.act("message", text="")
    assert display.table_plan.isVisible()
    room.act("blank", on=True)
    assert display.blanked and not display.table_plan.isVisible()
    room.act("blank", on=False)
    room.act("spotlight", theme="Trust")
    assert display.pages.currentIndex() == 2 and not display.table_plan.isVisible()
    room.act("spotlight")
    assert display.table_plan.isVisible()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768)])
@pytest.mark.parametrize(("people", "tables"), [(24, 6), (40, 8), (300, 30)])
def test_the_tables_look_right(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], people: int, tables: int
) -> None:
    room, display, clock = make_display(qtbot, tmp_path, plan_event(people, tables), size)
    room.act("start")
    room.act("jump", to=SECOND_BREAKOUT)
    clock.t += 90  # while people move: the tables have the screen
    room.tick()
    settle()
    w, h = size
    unit = min(h, w * 0.75) / 100
    cards = [c for c in display.tables.cards if c.isVisible()]
    assert cards
    for card in cards:
        corner = card.mapTo(display, card.rect().bottomRight())
        assert corner.x() <= w and corner.y() <= h
        for names in (n for n in card.lists if n.isVisible()):
            assert names.font().pixelSize() >= round(unit * NAME_FLOOR)
            # What the label draws fits its card: no name cut off at the edge.
            assert names.sizeHint().width() <= names.width() + 1
            assert names.sizeHint().height() <= names.height() + 1
    for label in (display.clock_label, display.state_label, display.title_label):
        corner = label.mapTo(display, label.rect().bottomRight())
        assert corner.x() <= display.side.width() + unit * 3 and corner.y() <= h
    assert display.grab().save(str(ARTIFACTS / f"display_tables_{people}_{w}x{h}.png"))


def test_dark_theme_and_a_long_reading(qtbot: QtBot, tmp_path: Path) -> None:
    room, display, _ = make_display(qtbot, tmp_path, plan_event(300, 30), (1920, 1080))
    display.set_theme("dark")
    room.act("jump", to=3)
    room.act("adjust", seconds=3600)  # "1:30:00" still fits beside the tables
    settle()
    label = display.clock_label
    assert label.text() == "1:30:00"
    assert label.fontMetrics().horizontalAdvance(label.text()) <= display.side.width()
    assert display.grab().save(str(ARTIFACTS / "display_tables_300_dark.png"))


def test_in_the_console_the_display_and_the_capture_picker_follow_the_plan(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The whole app: the display opened from the console, the note-taker's table picker."""
    event = replace(
        plan_event(24, 6),
        notes=(
            *demo_event().notes,
            Note(id="n99", kind=NoteKind.SHARE_BACK, text="x", group="Hosts"),
        ),
    )
    path = tmp_path / "plan.room"
    EventFile.create(path, event).close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    clock = FakeClock()
    console = make_console(qtbot, clock, settings)
    assert console.open_path(path)
    picker = console.capture.table_box
    offered = [picker.itemText(i) for i in range(picker.count())]
    assert offered[:6] == [f"Table {n}" for n in range(1, 7)]
    assert "Table 7" not in offered and offered[-1] == "Hosts"  # not Table 1…12 any more
    console.room.act("jump", to=3)
    assert not console.display.table_plan.isHidden()
    assert console.display.plan_heading.text() == "Find your table — Round 1 of 3"
    console.close()


# ----------------------------------------------------------------------------- the layout


replace_widths = dataclasses.replace


def widths(longest: float, people: tuple[int, ...]) -> TextWidths:
    """Tables of names that are all `longest` wide, one word each."""
    return TextWidths(names=tuple(((longest,),) * n for n in people), header=400.0, line=1.2)


def test_the_layout_takes_the_fewest_pages_then_the_biggest_names() -> None:
    sizes = list(range(60, 19, -1))
    six_of_four = widths(900.0, (4,) * 6)
    one = lay_out_tables(six_of_four, 1200, 800, sizes)
    assert one.pages == (tuple(range(6)),) and one.across == 1 and one.size > 20
    assert one.columns * one.rows >= 6
    thirty_of_ten = widths(900.0, (10,) * 30)
    many = lay_out_tables(thirty_of_ten, 1200, 800, sizes)
    assert len(many.pages) > 1
    bigger = lay_out_tables(thirty_of_ten, 1200, 800, [s for s in sizes if s > many.size])
    assert len(bigger.pages) > len(many.pages)  # any bigger and it would take more pages
    per_page = [len(page) for page in many.pages]
    assert max(per_page) - min(per_page) <= 1  # pages even, never one lonely table at the end
    assert sorted(t for page in many.pages for t in page) == list(range(30))
    tall_tables = widths(500.0, (24,) * 2)
    side_by_side = lay_out_tables(tall_tables, 1200, 500, sizes)
    assert side_by_side.across > 1 and side_by_side.lines * side_by_side.across >= 24
    # Fewer names, bigger names: every size is tried, so each table less shows in the size.
    grown = [lay_out_tables(widths(900.0, (5,) * n), 1200, 800, sizes).size for n in (9, 4, 2)]
    assert grown == sorted(grown) and grown[0] < grown[-1]


def test_a_long_name_goes_on_over_a_second_line_rather_than_shrink_every_name() -> None:
    sizes = list(range(60, 19, -1))
    short = ((300.0, 500.0),)  # "Iain Grant"
    long = ((520.0, 400.0, 700.0, 900.0),)  # "Róisín Mac Giolla Phádraig"
    text = TextWidths(names=(short * 4 + long,), header=400.0, line=1.2, space=30.0, indent=100.0)
    broken = lay_out_tables(text, 600, 400, sizes)
    assert broken.wrapped == 1 and broken.lines == 6  # its table takes a line more
    # Had the name not been broken, every name on the screen would be much smaller.
    whole = ((520.0 + 400.0 + 700.0 + 900.0 + 3 * 30.0,),)
    unbroken = lay_out_tables(
        TextWidths(names=(short * 4 + whole,), header=400.0, line=1.2), 600, 400, sizes
    )
    assert unbroken.wrapped == 0 and broken.size * WRAPPED > unbroken.size
    # Only a few names are broken: a list of broken names scans badly.
    all_long = replace_widths(text, names=(short + long * 4,))
    assert lay_out_tables(all_long, 600, 400, sizes).wrapped == 0


def test_a_name_breaks_between_words_the_rest_indented() -> None:
    assert name_lines([300, 500], 30, 900, 100) == [2]  # fits: one line
    assert name_lines([300, 500], 30, 700, 100) == [1, 1]
    assert name_lines([300, 200, 300, 300], 30, 800, 100) == [2, 2]
    assert name_lines([300, 200, 300, 400], 30, 800, 100) == [2, 1, 1]
    assert name_lines([300, 650], 30, 700, 100) == []  # 650 + the indent fit no line
    assert name_lines([800], 30, 700, 100) == []
    assert name_lines([], 30, 700, 100) == [0]


def test_a_name_never_breaks_just_after_a_particle(qtbot: QtBot) -> None:
    font = QFont()
    font.setPixelSize(40)
    metrics = QFontMetrics(font)
    name = "Siobhán Mac Giolla Phádraig Uí Dhónaill"
    pieces = ("Siobhán", "Mac Giolla", "Phádraig", "Uí Dhónaill")
    room = max(metrics.horizontalAdvance(CONTINUED + piece) for piece in pieces) + 4
    lines = display_module.break_name(name, metrics, room)
    assert len(lines) > 2 and " ".join(line.strip() for line in lines) == name
    assert not any(binds(line.split()[-1]) for line in lines)  # "Mac" and "Uí" keep company
