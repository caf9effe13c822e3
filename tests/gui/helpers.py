"""What the GUI tests share: a console on a fake clock, keys pressed as a person would, and
events with big rosters and table plans."""

from __future__ import annotations

import itertools

from msgspec.structs import replace
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import build_console
from desktop.core.model import Event, Participant, Segment, SegmentKind, TablePlan
from desktop.store.templates import demo_event
from desktop.ui.console import ConsoleWindow
from tests.helpers import FakeClock


def make_console(qtbot: QtBot, clock: FakeClock, settings: QSettings) -> ConsoleWindow:
    """The console as the app builds it (desktop.app.build_console), on a fake clock."""
    console = build_console(settings=settings, clock=clock)
    qtbot.addWidget(console)
    qtbot.addWidget(console.display)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)
    return console


def press(console: ConsoleWindow, key: str) -> None:
    """Press a key as the facilitator would, into whatever has focus in the console."""
    target = QApplication.focusWidget() or console
    combo = QKeySequence(key)[0]
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def type_text(widget: object, text: str) -> None:
    """Type as a person would, one key at a time (non-ASCII too, which keyClicks can't)."""
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )


def dark_palette() -> QPalette:
    """A system in dark mode, as Qt gets it from Windows or macOS (offscreen has none): dark
    boxes, light text, and Qt's placeholder, the text colour at half opacity."""
    palette = QPalette(QColor("#3c3c3c"), QColor("#2b2b2b"))  # button, window; Qt derives more
    role = QPalette.ColorRole
    for name, colour in (
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.Text, "#f0f0f0"),
        (role.WindowText, "#f0f0f0"),
        (role.ButtonText, "#f0f0f0"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#3c3c3c"),
        (role.ToolTipText, "#f0f0f0"),
    ):
        palette.setColor(name, QColor(colour))
    placeholder = QColor("#f0f0f0")
    placeholder.setAlpha(128)
    palette.setColor(role.PlaceholderText, placeholder)
    return palette


FIRST = ["Mòrag", "Łukasz", "Catrìona", "Alasdair", "Siobhán", "Agnieszka", "Euan", "Niamh"]
FIRST += ["Ruairidh", "Małgorzata", "Fiona", "Dùghall", "Kirsty", "Tomasz", "Ailsa", "Gregor"]
LAST = ["MacDhòmhnaill", "Wiśniewska", "Robertson", "NicIllinnein", "Docherty", "Kowalczyk"]
LAST += ["Campbell", "Żółkiewski", "Paterson", "Stewart", "Caimbeul", "Nowak", "Grant", "Fraser"]
LAST += ["O'Neill", "Thomson", "MacLeod", "Zielińska", "Duncan"]


def roster(count: int) -> tuple[Participant, ...]:
    """`count` people with names as long and as accented as a real roster's."""
    if count <= len(demo_event().participants):
        return demo_event().participants[:count]
    names = (f"{a} {b}" for b, a in itertools.product(LAST, FIRST))
    sectors = ("health", "social care", "third sector", "housing", "police", "education")
    return tuple(
        Participant(id=f"p{i + 1}", name=name, sector=sectors[i % len(sectors)])
        for i, name in zip(range(count), names, strict=False)
    )


def plan_event(people: int, tables: int, rounds: int = 3) -> Event:
    """The demo with a roster of `people`, three breakouts and a plan of `tables` tables."""
    base = demo_event()
    roster_ = roster(people)
    ids = [p.id for p in roster_]
    plan = tuple(
        tuple(
            tuple(ids[i] for i in range(people) if (i + r * (i // tables)) % tables == t)
            for t in range(tables)
        )
        for r in range(rounds)
    )
    more = tuple(
        Segment(
            id=f"b{n}",
            kind=SegmentKind.BREAKOUT,
            title=f"Table conversations, round {n}",
            minutes=20,
            prompt="What would you try first, back at work?",
        )
        for n in (2, 3)
    )
    agenda = (*base.agenda[:5], *more, *base.agenda[5:])
    return replace(
        base, participants=roster_, agenda=agenda, tables=TablePlan(rounds=plan, tables=tables)
    )
