""" "Find your table" on the room display: around a breakout (and while people arrive or move
to one) the tables of the round share the screen with the clock, a page at a time, under a
heading with the round and the page number."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.clock import ClockView, Status
from desktop.core.model import Event, SegmentKind
from desktop.core.room_face import PAGE_MS, plan_has_screen
from desktop.core.seating import Seat, round_on_screen, rounds, seating
from desktop.ui.display.parts import label
from desktop.ui.display.sizing import SMALLEST, fit_width, set_share
from desktop.ui.display.table_grid import TableGrid

# What the room needs on screen: the segment's index, the round's, and its tables with people.
Wanted = tuple[int, int, list[Seat]]


class TablePlan(QWidget):
    """The heading ("Find your table — Round 2 of 3"), the page number and the tables."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Table plan")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.heading = label("Find your table")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.page_number = label("Page of the table plan")
        self.page_number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tables = TableGrid()
        self.tables.laidOut.connect(self.show_plan_page)
        plan = QVBoxLayout(self)
        plan.setContentsMargins(0, 0, 0, 0)
        self._plan = plan
        heading = QHBoxLayout()
        heading.addWidget(self.heading, 1)
        heading.addWidget(self.page_number)
        plan.addLayout(heading)
        plan.addWidget(self.tables, 1)
        self.hide()
        self.on = False  # the tables share the screen
        self._since = self._now = 0

    def wanted(self, view: ClockView, event: Event) -> Wanted | None:
        """The round the room needs now (`round_on_screen`: a breakout, and the arrival or move
        before one; before the start is arrival too), or None. A message from the facilitator
        comes first (as blank and spotlight do, by taking the whole screen)."""
        index = 0 if view.index is None and view.status is Status.NOT_STARTED else view.index
        round_index = None if index is None else round_on_screen(event, index)
        seats = (
            [seat for seat in seating(event, round_index) if seat.people]
            if round_index is not None
            else []
        )
        on = bool(seats) and view.status is not Status.FINISHED and not view.message
        if on and index is not None:
            # In the breakout itself the tables have the screen while people move, then the
            # clock takes it back: the room reads the time and the question for 30 minutes.
            began = view.actuals[index].started if index < len(view.actuals) else None
            breakout = event.agenda[index].kind is SegmentKind.BREAKOUT
            self.tables.set_seats(seats)  # how many pages it takes, for how long it stays
            on = plan_has_screen(view, began, breakout, self.tables.pages)
        if not on or index is None or round_index is None:
            return None
        return index, round_index, seats

    def set_on(self, on: bool) -> bool:
        """Show the plan or hide it; True if that changed."""
        if on == self.on:
            return False
        self.on = on
        self.setVisible(on)
        return True

    def show_round(self, view: ClockView, event: Event, wanted: Wanted) -> None:
        index, round_index, seats = wanted
        total = rounds(event)
        self.heading.setText(
            f"Find your table — Round {round_index + 1} of {total}"
            if total > 1
            else "Find your table"
        )
        # Pages turn from the segment's start; before it, by the wall clock.
        started = view.actuals[index].started if index < len(view.actuals) else None
        self._since = started if started is not None else 0
        self._now = view.now
        self.tables.set_seats(seats)
        self.show_plan_page()

    def show_plan_page(self) -> None:
        """The page for now: pages turn every PAGE_MS from the start of the segment."""
        pages = self.tables.pages
        if not self.on or pages == 0:
            return
        page = max(0, self._now - self._since) // PAGE_MS % pages
        self.tables.show_page(page)
        # Left empty rather than hidden for one page: this runs in the middle of layouts.
        self.page_number.setText(f"Page {page + 1} of {pages}" if pages > 1 else "")

    # ------------------------------------------------------------------ sizes

    def set_sizes(self, one: float, small: QFont) -> None:
        """Sizes for `one` pixels a unit; the page number in the `small` font."""
        self.page_number.setFont(small)
        set_share(self.heading, one, 4.6, bold=True)
        self._plan.setSpacing(round(one * 1.2))

    def set_room(self, floor_px: int, ceiling_px: int, width: int, height: int) -> None:
        """The names between `floor_px` and `ceiling_px`, the plan `width` by `height`."""
        tall = height - QFontMetrics(self.heading.font()).height()
        self.tables.set_sizes(floor_px, ceiling_px, QSize(width, tall - self._plan.spacing()))

    def fit_heading(self, one: float) -> None:
        """ "Find your table — Round 2 of 3" in full on one line, beside the page number."""
        font = QFont(self.heading.font())
        font.setPixelSize(max(SMALLEST, round(one * 4.6)))
        page = QFontMetrics(self.page_number.font()).horizontalAdvance("Page 10 of 10")
        room = self.tables.expected.width() - page - round(one * 2)
        fit_width(font, QFontMetrics(font).horizontalAdvance(self.heading.text()), room)
        if font.pixelSize() != self.heading.font().pixelSize():
            self.heading.setFont(font)
