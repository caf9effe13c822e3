"""The main window, for now: open an event file and see its agenda (the console comes later)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Event
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.store.errors import StoreError
from desktop.store.eventfile import EventFile

Opener = Callable[[Path], EventFile]
AGENDA_COLUMNS = ("Time", "Kind", "Segment", "Minutes", "Speaker")


class Banner(QLabel):
    """A message across the top of the window: worded so it never relies on its colour."""

    STYLES: ClassVar[dict[str, str]] = {
        "warning": "background:#fff4ce; color:#3b2f00; border:1px solid #8a6d00;",
        "error": "background:#fde7e9; color:#5c0011; border:1px solid #a4262c;",
    }
    PREFIX: ClassVar[dict[str, str]] = {"warning": "⚠ Recovered — ", "error": "✖ Problem — "}

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Message")
        self.hide()

    def say(self, kind: str, text: str) -> None:
        self.setStyleSheet(f"QLabel {{ {self.STYLES[kind]} padding:8px; border-radius:4px; }}")
        self.setText(self.PREFIX[kind] + text)
        self.setAccessibleDescription(self.text())
        self.show()


class EventWindow(QMainWindow):
    """Shows one event file: its details and agenda with clock times."""

    def __init__(self, opener: Opener = EventFile.open) -> None:
        super().__init__()
        self._opener = opener
        self.room: EventFile | None = None
        self._close_refused = False
        self.setWindowTitle("In the Room")
        self.resize(960, 640)

        self.banner = Banner()
        self.title_label = QLabel("No event open")
        self.title_label.setAccessibleName("Event title")
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title_label.setFont(font)
        self.details_label = QLabel(
            "Open an event file (File ▸ Open, Ctrl+O), or try the demo: intheroom demo"
        )
        self.details_label.setAccessibleName("Event details")
        self.details_label.setWordWrap(True)
        self.open_button = QPushButton("&Open an event…")
        self.open_button.setAccessibleName("Open an event file")
        self.open_button.clicked.connect(self.choose_file)

        self.agenda = QTableWidget(0, len(AGENDA_COLUMNS))
        self.agenda.setHorizontalHeaderLabels(AGENDA_COLUMNS)
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.verticalHeader().hide()
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.agenda.hide()

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout()
        for widget in (self.banner, self.title_label, self.details_label, line):
            layout.addWidget(widget)
        layout.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.agenda, stretch=1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self._build_menu()
        self.statusBar().showMessage("Ready")

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        actions = (
            ("&Open…", QKeySequence.StandardKey.Open, self.choose_file),
            ("&Close event", QKeySequence.StandardKey.Close, self.close_event_file),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        )
        for text, keys, slot in actions:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            menu.addAction(action)

    # ------------------------------------------------------------------------ opening

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open an event", str(Path.home()), "Event files (*.room)"
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open an event file in this window; a problem is shown, never raised."""
        try:
            room = self._opener(path)
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        if not self.close_event_file():
            room.close(save=False)
            return False
        self.room = room
        if room.recovery is not None:
            self.banner.say("warning", room.recovery.message())
        elif room.read_only:
            self.banner.say(
                "warning", f"{path.name} is in a read-only folder: changes can't be saved there."
            )
        else:
            self.banner.hide()
        self.show_event(room.event())
        self.setWindowTitle(f"{room.event().title} — In the Room")
        self.statusBar().showMessage(f"Opened {path}")
        return True

    def close_event_file(self) -> bool:
        """Save and give back the open file; False (and the reason shown) if it can't be saved."""
        if self.room is None:
            return True
        try:
            self.room.close()
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        self.room = None
        self.title_label.setText("No event open")
        self.details_label.setText("Open an event file (File ▸ Open, Ctrl+O).")
        self.agenda.hide()
        self.open_button.show()
        self.setWindowTitle("In the Room")
        return True

    # ---------------------------------------------------------------------- rendering

    def show_event(self, event: Event) -> None:
        self.title_label.setText(event.title)
        slots = timetable(event)
        facts = [event.theme, event.date, event.venue]
        if slots and slots[0].start is not None and slots[-1].end is not None:
            facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
        facts.append(f"{len(event.participants)} participants · {len(event.notes)} notes")
        details = " · ".join(f for f in facts if f)
        if words := fit(event):
            details += f"\nAgenda: {format_duration(event.planned_minutes)}, {words}"
        self.details_label.setText(details)
        self.agenda.setRowCount(len(slots))
        for row, slot in enumerate(slots):
            seg = slot.segment
            who = event.contributor(seg.contributor) if seg.contributor else None
            cells = (
                format_clock(slot.start) if slot.start is not None else "",
                seg.kind.value.replace("_", " "),
                seg.title,
                str(seg.minutes),
                who.name if who else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.agenda.setItem(row, column, item)
        self.open_button.hide()
        self.agenda.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_event_file() or self._close_refused:
            event.accept()
            return
        # The save failed: say so and stay open once, so the user can free space or move it.
        self._close_refused = True
        event.ignore()
