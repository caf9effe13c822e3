"""The tables of one round on the room display: a card per table (its name, then who sits
there, in one or more lists) on a grid that fits the room, a page at a time. The layout itself
is Qt-free (desktop/core/table_layout.py); here the text is measured and the cards placed."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.names import name_units, split_name
from desktop.core.seating import Seat
from desktop.core.table_layout import (
    CONTINUED,
    HEADER_SCALE,
    REFERENCE_PX,
    CardGeometry,
    TableLayout,
    TextWidths,
    lay_out_tables,
    name_lines,
)
from desktop.ui.display.parts import label


def break_name(name: str, metrics: QFontMetrics, room: float) -> list[str]:
    """A name's lines in a list `room` pixels wide: one, or two when it is wider, indented
    after the first and broken before the surname where both halves fit, else as
    `name_lines` plans them."""
    words = name_units(name)
    if metrics.horizontalAdvance(name) <= room or len(words) < 2:
        return [name]
    counts = name_lines(
        [metrics.horizontalAdvance(w) for w in words],
        metrics.horizontalAdvance(" "),
        room,
        metrics.horizontalAdvance(CONTINUED),
    )
    if not counts:
        return [name]
    given, surname = split_name(name)
    indented = metrics.horizontalAdvance(CONTINUED + surname)
    if len(counts) == 2 and given and max(metrics.horizontalAdvance(given), indented) <= room:
        return [given, CONTINUED + surname]  # "Róisín" over "Nic Giolla Phádraig" if it can
    lines, start = [], 0
    for n in counts:
        lines.append((CONTINUED if start else "") + " ".join(words[start : start + n]))
        start += n
    return lines


class TableCard(QFrame):
    """One table on the screen: its name in words, then who sits there, in one or more lists."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tableCard")
        self.header = label("Table")
        self.lists: list[QLabel] = []
        self.people: list[str] = []
        layout = QVBoxLayout(self)
        self._layout = layout
        self._row = QHBoxLayout()
        layout.addWidget(self.header)
        layout.addLayout(self._row, 1)

    def show_seat(self, seat: Seat, layout: TableLayout, room: float) -> None:
        """Show `seat` as `layout` says; with one list, a name wider than `room` (pixels) goes
        on over the next line, indented."""
        self.setAccessibleName(seat.label)
        self.header.setText(seat.label)
        self.header.setAccessibleName(f"{seat.label}, {len(seat.people)} people")
        self.people = [p.name for p in seat.people]
        while len(self.lists) < layout.across:
            names = label("People at the table")
            names.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            names.setFont(self.lists[0].font() if self.lists else self.font())
            self.lists.append(names)
            self._row.addWidget(names, 1)
        metrics = QFontMetrics(self.lists[0].font())
        for i, names in enumerate(self.lists):
            if i >= layout.across:
                part = []
            elif layout.across == 1:
                part = [line for name in self.people for line in break_name(name, metrics, room)]
            else:
                part = self.people[i * layout.lines : (i + 1) * layout.lines]
            text = "\n".join(part)
            if names.text() != text:
                names.setText(text)
            names.setAccessibleName(f"People at {seat.label}")
            names.setVisible(i < layout.across)
        self.lists[0].setAccessibleDescription(", ".join(self.people))

    def set_sizes(self, geometry: CardGeometry, ink: str, panel: str, accent: str) -> None:
        pad = geometry.pad
        self._layout.setContentsMargins(pad + geometry.accent, pad, pad, pad)
        self._layout.setSpacing(geometry.spacing)
        self._row.setSpacing(geometry.between)
        names = QFont(self.font())
        names.setPixelSize(geometry.size)
        for listed in self.lists:
            listed.setFont(names)
        self.setFont(names)
        header = QFont(self.header.font())
        header.setPixelSize(round(geometry.size * HEADER_SCALE))
        header.setBold(True)
        self.header.setFont(header)
        radius = max(4, round(geometry.size * 0.35))
        self.setStyleSheet(
            f"QFrame#tableCard {{ background:{panel}; border-left:{geometry.accent}px solid"
            f" {accent}; border-top-right-radius:{radius}px;"
            f" border-bottom-right-radius:{radius}px; }}"
            f"QLabel {{ color:{ink}; background:transparent; }}"
        )


class TableGrid(QWidget):
    """The tables of one round, laid out to fit and shown a page at a time."""

    laidOut = Signal()  # the number of pages may have changed

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Tables")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.seats: list[Seat] = []
        self.layout_: TableLayout | None = None
        self.page = 0
        self.floor_px = 20  # the smallest name size, set from the window
        self.ceiling_px = 40
        self.expected = QSize(800, 600)  # until the layouts have given us our real size
        self.colours = ("#111111", "#eef2f6", "#0072B2")
        self.cards: list[TableCard] = []
        self._key: tuple[object, ...] = ()

    @property
    def pages(self) -> int:
        return len(self.layout_.pages) if self.layout_ is not None else 0

    def set_seats(self, seats: list[Seat]) -> None:
        if seats != self.seats:
            self.seats = seats
            self.relayout()

    def set_sizes(self, floor_px: int, ceiling_px: int, expected: QSize) -> None:
        self.floor_px, self.ceiling_px, self.expected = floor_px, ceiling_px, expected
        self.relayout()

    def set_colours(self, ink: str, panel: str, accent: str) -> None:
        if (ink, panel, accent) != self.colours:
            self.colours = (ink, panel, accent)
            self._key = ()
            self.relayout()

    def show_page(self, page: int) -> None:
        page = page % self.pages if self.pages else 0
        if page != self.page:
            self.page = page
            self._place()

    def _area(self) -> QSize:
        size = self.size()
        return (
            size if self.isVisible() and size.width() > 50 and size.height() > 50 else self.expected
        )

    def relayout(self) -> None:
        area = self._area()
        key = (
            id(self.seats),
            area.width(),
            area.height(),
            self.floor_px,
            self.ceiling_px,
            self.colours,
        )
        if key == self._key:
            return
        self._key = key
        if not self.seats:
            self.layout_ = None
            self._place()
            self.laidOut.emit()
            return
        names = QFont(self.font())
        names.setPixelSize(REFERENCE_PX)
        header = QFont(names)
        header.setPixelSize(round(REFERENCE_PX * HEADER_SCALE))
        header.setBold(True)
        plain, bold = QFontMetrics(names), QFontMetrics(header)
        text = TextWidths(
            names=tuple(
                tuple(
                    tuple(float(plain.horizontalAdvance(w)) for w in name_units(p.name))
                    for p in seat.people
                )
                for seat in self.seats
            ),
            header=max(bold.horizontalAdvance(seat.label) for seat in self.seats) / HEADER_SCALE,
            line=plain.lineSpacing() / REFERENCE_PX,
            space=plain.horizontalAdvance(" "),
            indent=plain.horizontalAdvance(CONTINUED),
        )
        sizes = range(self.ceiling_px, self.floor_px - 1, -1)  # every size: the biggest wins
        self.layout_ = lay_out_tables(text, area.width(), area.height(), sizes)
        self.page = min(self.page, self.pages - 1)
        geometry = self.layout_.geometry
        per_page = max(len(p) for p in self.layout_.pages)
        while len(self.cards) < per_page:
            self.cards.append(TableCard(self))
        for card in self.cards:
            card.set_sizes(geometry, *self.colours)
        self._place()
        self.laidOut.emit()

    def _place(self) -> None:
        layout = self.layout_
        shown = layout.pages[self.page] if layout is not None and layout.pages else ()
        if layout is not None:
            geometry = layout.geometry
            area = self._area()
            width = (area.width() - (layout.columns - 1) * geometry.gap) / layout.columns
            room = geometry.inner(round(width))
            # The cards on a page are as tall as its longest list (pages are seen one at a time),
            # as the names break at their real size: the plan allowed for hinting.
            lines = layout.lines
            if layout.across == 1 and shown:
                font = QFont(self.font())
                font.setPixelSize(layout.size)
                metrics = QFontMetrics(font)
                lines = min(
                    lines,
                    max(
                        sum(len(break_name(p.name, metrics, room)) for p in self.seats[t].people)
                        for t in shown
                    ),
                )
            tall = geometry.height(lines)
            for slot, table in enumerate(shown):
                card = self.cards[slot]
                row, column = divmod(slot, layout.columns)
                x = round(column * (width + geometry.gap))
                y = row * (tall + geometry.gap)
                card.setGeometry(QRect(x, y, round(width), tall))
                card.show_seat(self.seats[table], layout, room)
                card.show()
        for card in self.cards[len(shown) :]:
            card.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()
