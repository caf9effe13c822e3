"""The room display: what the projector shows, readable from the back of the room.

It only renders `room.view()`; every size is a share of the window, so it looks the same from
800×600 to 4K. The countdown is at least a quarter of the window's height, except while "Find
your table" shares the screen (during a breakout, and while people arrive or move to one): then
the segment and the countdown keep a side column and the tables of the round fill the rest, a
page at a time, the names as big as the room allows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ClockView, Level, Status, countdown
from desktop.core.model import SEGMENT_WORDS, Event, NoteKind, SegmentKind
from desktop.core.names import name_units, split_name
from desktop.core.notes import KIND_LABELS
from desktop.core.room_face import (
    MESSAGE,
    PAGE_MS,
    PULSE,
    WARNINGS,
    StateLook,
    before_start,
    plan_has_screen,
    pulse_on,
    room_state,
    time_of_day,
    turn_face,
)
from desktop.core.seating import Seat, round_on_screen, rounds, seating
from desktop.core.table_layout import (
    CONTINUED,
    HEADER_SCALE,
    NAME_CEILING,
    NAME_FLOOR,
    REFERENCE_PX,
    CardGeometry,
    TableLayout,
    TextWidths,
    lay_out_tables,
    name_lines,
)
from desktop.ui.palette import LEVELS, PAUSED, THEMES, Palette
from desktop.ui.room import Room
from desktop.ui.vote_view import VoteView, feedback_line
from desktop.ui.widgets.plain import plain_tooltip

if TYPE_CHECKING:
    from desktop.ui.votes import VoteKeeper
    from desktop.ui.wifi import RoomWifi

CLOCK_SHARE = 0.27  # of the window height, for the countdown digits


def room_words(view: ClockView) -> str:
    """The state as the room reads it: "Starting soon" where the console says "Not started"."""
    if view.status is Status.NOT_STARTED:
        return "Starting soon"
    return room_state(view)


class Bar(QWidget):
    """How far through the segment we are: a thick bar in the level's colour."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.0
        self.colour = QColor(LEVELS[Level.CALM][0])
        self.track = QColor("#dddddd")
        self.outline = QColor("#111111")
        self.setAccessibleName("Progress through the segment")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        # The track is outlined in the ink (at least 4.5:1 against any state's background), so
        # the bar reads as a bar in every state, not only where the track happens to contrast.
        line = max(2.0, rect.height() / 6)
        inner = rect.adjusted(line / 2, line / 2, -line / 2, -line / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.fraction > 0:
            painter.setBrush(self.colour)
            filled = QRectF(inner.x(), inner.y(), inner.width() * self.fraction, inner.height())
            painter.drawRoundedRect(filled, radius, radius)
        pen = QPen(self.outline)
        pen.setWidthF(line)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(inner, radius, radius)


def _label(name: str, *, wrap: bool = False, centre: bool = False) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # what people typed is shown as typed
    if centre:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


SIDE_SHARE = 0.22  # of the width: the segment and the clock, beside the tables


def _break_name(name: str, metrics: QFontMetrics, room: float) -> list[str]:
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
        self.header = _label("Table")
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
            names = _label("People at the table")
            names.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            names.setFont(self.lists[0].font() if self.lists else self.font())
            self.lists.append(names)
            self._row.addWidget(names, 1)
        metrics = QFontMetrics(self.lists[0].font())
        for i, names in enumerate(self.lists):
            if i >= layout.across:
                part = []
            elif layout.across == 1:
                part = [line for name in self.people for line in _break_name(name, metrics, room)]
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
        for label in self.lists:
            label.setFont(names)
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
                        sum(len(_break_name(p.name, metrics, room)) for p in self.seats[t].people)
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


class RoomDisplay(QWidget):
    """The participant view for the projector or second screen."""

    def __init__(
        self,
        room: Room,
        settings: QSettings | None = None,
        *,
        wifi: RoomWifi,
        votes: VoteKeeper | None = None,
    ) -> None:
        super().__init__()
        self.room = room
        self.settings = settings
        self.setWindowTitle("In the Room — room display")
        self.setAccessibleName("Room display")
        self.theme = "light"
        self.flash = True  # the slow pulse in overtime
        self.quiet = False  # warnings toned down: the screen keeps its colour, no pulse
        if settings is not None:
            self.theme = str(settings.value("display/theme", "light"))
            if not settings.contains("display/flash"):  # the pulse is on unless turned off
                settings.setValue("display/flash", True)
            self.flash = settings.value("display/flash", True, type=bool)
            self.quiet = settings.value("display/quiet", False, type=bool)
        self.palette_ = THEMES.get(self.theme, THEMES["light"])
        self._flash_on = False
        self._painted: tuple[object, ...] = ()
        self._asking = False  # a breakout: its question is set large
        self._thanked = False  # the big words are "Thank you", fitted to the width
        self._plan_on = False
        self._side_px = 300  # the column beside the tables, set from the window
        self._plan_since = self._plan_now = 0

        self.event_label = _label("Event")
        self.event_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long event title gives way (elided by width) rather than widening the window.
        self.event_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.kind_label = _label("Kind of segment")
        self.time_label = _label("Time of day")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.title_label = _label("Segment", wrap=True)
        self.speaker_label = _label("Speaker", wrap=True)
        self.clock_label = _label("Time left", centre=True)
        self.clock_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state_label = _label("State", centre=True)
        self.bar = Bar()
        self.round_label = _label("Share-back round", centre=True)
        # In a round the table's own countdown is the big number: the segment's goes here.
        self.segment_clock = _label("Time left in the segment", wrap=True, centre=True)
        self.prompt_label = _label("Question for the tables", wrap=True)
        self.message_label = _label("Message from the facilitator", wrap=True, centre=True)
        self.next_label = _label("What's next", wrap=True)
        # "Find your table" around a breakout: beside the column above, never instead of it.
        self.table_plan = QWidget()
        self.table_plan.setAccessibleName("Table plan")
        self.table_plan.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.plan_heading = _label("Find your table")
        self.plan_heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.plan_page = _label("Page of the table plan")
        self.plan_page.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tables = TableGrid()
        self.tables.laidOut.connect(self._show_plan_page)
        plan = QVBoxLayout(self.table_plan)
        plan.setContentsMargins(0, 0, 0, 0)
        self._plan = plan
        heading = QHBoxLayout()
        heading.addWidget(self.plan_heading, 1)
        heading.addWidget(self.plan_page)
        plan.addLayout(heading)
        plan.addWidget(self.tables, 1)
        self.table_plan.hide()

        live = QWidget()
        live.setAccessibleName("The segment now")
        split = QHBoxLayout(live)
        self._split = split
        self.side = QWidget()
        self.side.setAccessibleName("Segment and time left")
        column = QVBoxLayout(self.side)
        column.setContentsMargins(0, 0, 0, 0)
        self._column = column
        split.addWidget(self.side, 1)
        split.addWidget(self.table_plan, 1)
        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.event_label, 1)
        top.addSpacing(24)
        top.addWidget(self.time_label)
        column.addLayout(top)
        column.addWidget(self.title_label)
        column.addWidget(self.speaker_label)
        column.addStretch(1)
        column.addWidget(self.round_label)
        column.addWidget(self.clock_label)
        column.addWidget(self.state_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.bar)
        column.addWidget(self.segment_clock)
        column.addStretch(1)
        column.addWidget(self.prompt_label)
        column.addWidget(self.message_label)
        column.addWidget(self.next_label)

        self.blank_title = _label("Event title", wrap=True, centre=True)
        self.blank_words = _label("Holding screen", wrap=True, centre=True)
        blank = QWidget()
        blank.setAccessibleName("Holding screen")
        holding = QVBoxLayout(blank)
        self._holding = holding
        holding.addStretch(1)
        holding.addWidget(self.blank_title)
        holding.addWidget(self.blank_words)
        holding.addStretch(1)

        self.spot_heading = _label("Spotlight heading", wrap=True)
        self.spot_text = _label("In the spotlight", wrap=True)
        self.spot_footer = _label("Time left, while the spotlight is on", wrap=True)
        spot = QWidget()
        spot.setAccessibleName("Spotlight")
        spotlight = QVBoxLayout(spot)
        self._spotlight = spotlight
        spotlight.addWidget(self.spot_heading)
        spotlight.addStretch(1)
        spotlight.addWidget(self.spot_text)
        spotlight.addStretch(1)
        spotlight.addWidget(self.spot_footer)

        self.join_heading = _label("Join from your phone", wrap=True, centre=True)
        self.join_qr = QLabel()
        self.join_qr.setAccessibleName("QR code to join from a phone")
        self.join_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.join_link = _label("Link to open on a phone", wrap=True, centre=True)
        self.join_code = _label("Join code", centre=True)
        self.join_views = _label("Live views to follow on another screen", wrap=True, centre=True)
        self.join_footer = _label("Time left, while the join card is up", wrap=True, centre=True)
        join = QWidget()
        join.setAccessibleName("Join from your phone")
        joining = QVBoxLayout(join)
        self._joining = joining
        joining.addWidget(self.join_heading)
        joining.addWidget(self.join_qr, 1)
        joining.addWidget(self.join_link)
        joining.addWidget(self.join_code)
        joining.addWidget(self.join_views)
        joining.addWidget(self.join_footer)

        self.pages = QStackedLayout(self)
        self.pages.addWidget(live)
        self.pages.addWidget(blank)
        self.pages.addWidget(spot)
        self.pages.addWidget(join)
        self.vote_view = VoteView()  # page 4: the dot-vote (ui/vote_view.py)
        self.pages.addWidget(self.vote_view)
        self.votes = votes if votes is not None else wifi.votes  # the phones' votes, shared
        self.votes.changed.connect(self.refresh)
        self.votes.displayChanged.connect(lambda _shown: self.refresh())
        self.wifi = wifi  # handed in (app.py builds it): its join card is shown here
        self.wifi.displayChanged.connect(lambda _shown: self.refresh())
        self.wifi.stateChanged.connect(self.refresh)
        # The window's size sets the fonts, not the other way round: no minimum from the text.
        self.pages.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.resize(1024, 768)
        room.changed.connect(self.refresh)
        room.eventChanged.connect(self.refresh)
        self._apply_sizes()
        self.refresh()

    # ------------------------------------------------------------------ settings

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "light"
        self.palette_ = THEMES[self.theme]
        if self.settings is not None:
            self.settings.setValue("display/theme", self.theme)
        self.refresh()

    def set_flash(self, on: bool) -> None:
        self.flash = on
        if self.settings is not None:
            self.settings.setValue("display/flash", on)
        self.refresh()

    def set_quiet(self, on: bool) -> None:
        """Tone the warnings down: the pill and bar change, the screen keeps its colour."""
        self.quiet = on
        if self.settings is not None:
            self.settings.setValue("display/quiet", on)
        self.refresh()

    def place_on(self, screen: QScreen, full: bool) -> None:
        """Show on `screen`, full screen there or in a window."""
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.move(screen.availableGeometry().topLeft())
        if full:
            self.showFullScreen()
        else:
            self.show()

    # ------------------------------------------------------------------ rendering

    @property
    def blanked(self) -> bool:
        return self.pages.currentIndex() == 1

    def refresh(self) -> None:
        if self.settings is not None:  # the Settings dialog may have toned the warnings down
            self.quiet = bool(self.settings.value("display/quiet", False, type=bool))
        view = self.room.view()
        event = self.room.current_event
        title = event.title if event else "In the Room"
        self.blank_title.setText(title)
        if self.wifi.on_display and event is not None and not (view is not None and view.blank):
            self._show_join(view)
            return
        if self.votes.on_display and event is not None and not (view is not None and view.blank):
            self._show_vote(view)
            return
        if view is None or event is None or view.blank or view.segment is None:
            self.blank_words.setText(
                "" if event is None else (event.theme or "We'll begin shortly")
            )
            self.pages.setCurrentIndex(1)
            self._paint(self.palette_.background)
            return
        if view.spotlight is not None and self._show_spotlight(view, event):
            return
        self.pages.setCurrentIndex(0)
        segment = view.segment
        asking = segment.kind is SegmentKind.BREAKOUT
        if asking != self._asking:
            self._asking = asking
            self._fit_side()
        self._render_plan(view, event)
        metrics = QFontMetrics(self.event_label.font())
        room_for = max(40, self.width() // 2)
        self.event_label.setText(metrics.elidedText(title, Qt.TextElideMode.ElideRight, room_for))
        self.event_label.setToolTip(plain_tooltip(title))
        self.event_label.setVisible(not self._plan_on)  # no room for it beside the tables
        self.kind_label.setText(SEGMENT_WORDS[segment.kind].upper())
        # Beside the tables the title says it: the kind would only repeat it in a narrow column.
        # Nor when the title says it already ("Table conversations").
        kind = SEGMENT_WORDS[segment.kind]
        said = kind.lower() in segment.title.lower()
        self.kind_label.setVisible(bool(kind) and not said and not self._plan_on)
        self.title_label.setText(segment.title)
        if self._plan_on:
            self._fit_title()
        who = event.contributor(segment.contributor) if segment.contributor else None
        if who is not None and segment.kind is SegmentKind.TALK:
            role = ", ".join(part for part in (who.role, who.organisation) if part)
            self.speaker_label.setText(f"{who.name} · {role}" if role else who.name)
            self.speaker_label.show()
        else:
            self.speaker_label.hide()
        finished = view.status is Status.FINISHED
        waiting = view.status is Status.NOT_STARTED
        self.time_label.setText(time_of_day(view.now))
        words = room_words(view)
        digits = countdown(view)
        # A share-back round: the speaking table's own countdown is the big number.
        turn = None if finished or waiting else turn_face(view.round, view.now)
        if turn is not None:
            self.segment_clock.setText(f"{segment.title} · {digits} · {words}")
            digits, words = turn.digits, turn.words
        self.segment_clock.setVisible(turn is not None)
        if waiting:  # never the first segment's length read as a start time
            digits, words = before_start(event, view.now)
            self.title_label.setText(event.title)
            self.kind_label.hide()
            self.event_label.hide()
            if self._plan_on:
                self._fit_title()
        elif finished:  # the event's own title and a thank-you, nothing stale
            self.title_label.setText(event.title)
            self.kind_label.hide()
            self.event_label.hide()
            self.speaker_label.setText(event.theme)
            self.speaker_label.setVisible(bool(event.theme))
        self.clock_label.setVisible(bool(digits) or finished)
        self.state_label.setVisible(not finished)
        self.bar.setVisible(not finished and not waiting)
        self.clock_label.setText("Thank you" if finished else digits)
        if self._plan_on:
            self._fit_digits()
        elif finished or self._thanked:
            self._thanked = finished
            self._fit_side()
        look = self._look(view)
        if look is not None and not self.quiet:
            pill, ink = look.ink, look.background  # the pill inverts on the coloured screen
        elif look is not None:
            pill, ink = look.background, look.ink
        elif view.status is Status.PAUSED:
            pill, ink = PAUSED[0], PAUSED[1]
        elif waiting or finished:
            pill, ink = self.palette_.panel, self.palette_.text
        else:
            pill, ink = LEVELS[Level.CALM][0], LEVELS[Level.CALM][1]
        if words != self.state_label.text():
            self.state_label.setText(words)
            if self._plan_on:  # a longer reading ("Starts at 10:00 · in 12 min") must fit
                self._fit_side()
        self.state_label.setStyleSheet(
            f"background:{pill}; color:{ink}; border-radius:{self._pill_radius}px;"
            f"padding:{self._pill_pad // 2}px {self._pill_pad}px;"
        )
        self.bar.fraction = view.progress if view.index is not None else 0.0
        if turn is not None and view.round is not None:  # the bar follows the big number
            given = max(1, view.round.seconds * 1000)
            self.bar.fraction = min(1.0, max(0.0, 1 - view.round.left(view.now) / given))
        screen_ink = look.ink if look is not None and not self.quiet else self.palette_.text
        self.bar.colour = QColor(screen_ink if look is not None and not self.quiet else pill)
        self.bar.outline = QColor(screen_ink)
        self.bar.update()
        if turn is not None:
            self.round_label.setText(turn.speaking)
        else:
            self.round_label.setText(view.round.words(view.now) if view.round else "")
        self.round_label.setVisible(view.round is not None and not finished and not waiting)
        prompt = segment.prompt.strip()
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt) and not finished and not waiting)
        self.message_label.setText(view.message)
        self.message_label.setVisible(bool(view.message))
        nxt = segment if waiting else view.next_segment
        first = "First" if waiting else "Next"
        self.next_label.setText(f"{first}: {nxt.title} · {nxt.minutes} min" if nxt else "")
        self.next_label.setVisible(nxt is not None and not finished)
        if turn is not None:  # the next table to speak, not the next segment
            self.next_label.setText(turn.following)
            self.next_label.setVisible(True)
        if finished and self.wifi.running:  # the feedback form, from the phones (issue 15.3)
            self.next_label.setText(feedback_line(self.wifi.typed_url, self.wifi.join_code))
            self.next_label.setVisible(True)
        self._flash_on = self.flash and not self.quiet and view.level is Level.UP and pulse_on(view)
        self._paint(self.palette_.background, None if self.quiet else look)
        self.setAccessibleDescription(
            f"{self.title_label.text()}: {words}"
            + (f". {self.plan_heading.text()}" if self._plan_on else "")
        )

    def _look(self, view: ClockView) -> StateLook | None:
        """The warning screen for the state, None when calm (or paused, waiting, finished).
        In overtime it pulses between two reds by the room clock, two seconds a cycle."""
        if view.status not in (Status.RUNNING, Status.OVERTIME) or view.level is Level.CALM:
            return None
        look = WARNINGS[view.level]
        if view.level is Level.UP and self.flash and not pulse_on(view):
            return replace(look, background=PULSE)
        return look

    # ------------------------------------------------------------------ find your table

    def _render_plan(self, view: ClockView, event: Event) -> None:
        """Show a round's tables beside the clock when the room needs them (`round_on_screen`:
        a breakout, and the arrival or move before one; before the start is arrival too). A
        message from the facilitator comes first (as blank and spotlight do, by taking the whole
        screen)."""
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
        self._set_plan_on(on)
        if not on or index is None or round_index is None:
            self.tables.set_seats([])
            return
        total = rounds(event)
        self.plan_heading.setText(
            f"Find your table — Round {round_index + 1} of {total}"
            if total > 1
            else "Find your table"
        )
        # Pages turn from the segment's start; before it, by the wall clock.
        started = view.actuals[index].started if index < len(view.actuals) else None
        self._plan_since = started if started is not None else 0
        self._plan_now = view.now
        self.tables.set_seats(seats)
        self._show_plan_page()
        self._fit_heading()

    def _show_plan_page(self) -> None:
        """The page for now: pages turn every PAGE_MS from the start of the segment."""
        pages = self.tables.pages
        if not self._plan_on or pages == 0:
            return
        page = max(0, self._plan_now - self._plan_since) // PAGE_MS % pages
        self.tables.show_page(page)
        # Left empty rather than hidden for one page: this runs in the middle of layouts.
        self.plan_page.setText(f"Page {page + 1} of {pages}" if pages > 1 else "")

    def _set_plan_on(self, on: bool) -> None:
        if on == self._plan_on:
            return
        self._plan_on = on
        self.table_plan.setVisible(on)
        self._fit_side()

    def _show_join(self, view: ClockView | None) -> None:
        """The join card: how to send from a phone, large enough to scan from the tables."""
        self.pages.setCurrentIndex(3)
        self._paint(self.palette_.background)
        self.join_heading.setText("Send your table's share-back from your phone")
        self.join_link.setText(f"On this room's Wi-Fi, open  {self.wifi.typed_url}")
        code = self.wifi.join_code
        self.join_code.setText(f"Join code  {code[:3]} {code[3:]}")
        # The room's clock on any screen; the speaker's timer stays private (its QR is on the
        # console, never on the projector).
        clock = self.wifi.views.url("clock")
        self.join_views.setText(f"The clock on another screen:  {clock}" if clock else "")
        self.join_views.setVisible(bool(clock))
        # Issue 15: the code itself (its dark modules) at least 40% of the screen's height.
        side = round(min(self.height() * 0.5, self.width() * 0.6))
        pixmap = QPixmap()
        pixmap.loadFromData(self.wifi.qr(border=2))
        self.join_qr.setPixmap(
            pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
            if not pixmap.isNull()
            else QPixmap()
        )
        segment = view.segment if view is not None else None
        self.join_footer.setText(
            f"{segment.title} · {countdown(view)} · {room_words(view)}"
            if view is not None and segment is not None
            else ""
        )

    def _show_vote(self, view: ClockView | None) -> None:
        """The dot-vote: how many have voted, or the results as bars once revealed."""
        self.pages.setCurrentIndex(4)
        self._paint(self.palette_.background)
        p = self.palette_
        self.vote_view.set_colours(p.text, p.muted, p.panel, self.theme)
        segment = view.segment if view is not None else None
        footer = (
            f"{segment.title} · {countdown(view)} · {room_words(view)}"
            if view is not None and segment is not None
            else ""
        )
        self.vote_view.show_vote(self.votes.current(), footer)
        self.setAccessibleDescription(self.vote_view.accessibleDescription())

    def _show_spotlight(self, view: ClockView, event: Event) -> bool:
        """The spotlit note, or a theme with its notes; False if it names nothing we have."""
        assert view.spotlight is not None
        what, key = view.spotlight
        if what == "note":
            note = next((n for n in event.notes if n.id == key), None)
            if note is None:
                return False
            who = event.contributor(note.contributor) if note.contributor else None
            heading = who.name if who else (note.group or KIND_LABELS[note.kind])
            if note.theme:
                heading += f" · {note.theme}"
            text = f"“{note.text}”" if note.kind is NoteKind.QUOTE else note.text
        else:
            notes = [n for n in event.notes if n.theme == key]
            if not notes:
                return False
            heading = key
            text = "\n".join(f"• {n.text}" + (f" ({n.group})" if n.group else "") for n in notes)
        self.spot_heading.setText(heading)
        self.spot_text.setText(text)
        unit = min(self.height(), self.width() * 0.75) / 100
        # Long text gets smaller, never below what the back of a room can read.
        share = max(3.6, min(7.0, 7.0 * (260 / max(len(text), 1)) ** 0.5))
        font = QFont(self.spot_text.font())
        font.setPixelSize(max(12, round(unit * share)))
        self.spot_text.setFont(font)
        segment = view.segment
        self.spot_footer.setText(
            f"{segment.title} · {countdown(view)} · {room_words(view)}" if segment else ""
        )
        self.pages.setCurrentIndex(2)
        self._paint(self.palette_.background)
        self.setAccessibleDescription(f"In the spotlight: {heading}")
        return True

    def _paint(self, background: str, look: StateLook | None = None) -> None:
        """The screen's colours; a warning `look` colours the whole screen and its ink."""
        p: Palette = self.palette_
        ink, muted = p.text, p.muted
        if look is not None:
            background, ink, muted = look.background, look.ink, look.ink
        key = (p, background, ink, muted, self._pill_radius, self._pill_pad)
        if key == self._painted:
            return
        self._painted = key
        self.setStyleSheet(
            f"RoomDisplay {{ background:{background}; }}"
            f"QLabel {{ color:{ink}; background:transparent; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        for label in (
            self.event_label,
            self.time_label,
            self.kind_label,
            self.next_label,
            self.blank_words,
            self.spot_footer,
            self.plan_page,
        ):
            label.setStyleSheet(f"color:{muted};")
        self.tables.set_colours(p.text, p.panel, LEVELS[Level.CALM][0])
        box = f"background:{p.panel}; color:{p.text}; border-radius:{self._pill_radius}px;"
        self.prompt_label.setStyleSheet(box + f"padding:{self._pill_pad}px;")
        # A room message is purple, a colour no warning uses, outlined in the screen's ink.
        edge = max(2, self._pill_pad // 4)
        self.message_label.setStyleSheet(
            f"background:{MESSAGE[0]}; color:{MESSAGE[1]}; border:{edge}px solid {ink};"
            f"border-radius:{self._pill_radius}px; padding:{self._pill_pad}px;"
        )

    # ------------------------------------------------------------------ sizes

    _pill_radius = 12
    _pill_pad = 16

    def _apply_sizes(self) -> None:
        """Every size is a share of the window height, the digits also fitted to its width."""
        h, w = max(self.height(), 200), max(self.width(), 200)
        unit = min(h, w * 0.75) / 100  # one hundredth of the usable height
        margin = round(unit * 2.5)
        self._holding.setContentsMargins(margin * 3, margin, margin * 3, margin)
        self._spotlight.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._joining.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._column.setSpacing(round(unit * 1.0))
        self._pill_radius = max(4, round(unit * 1.5))
        self._pill_pad = max(6, round(unit * 1.6))
        sizes = (
            (self.event_label, 3.0, False),
            (self.kind_label, 3.0, True),
            (self.time_label, 3.0, True),
            (self.speaker_label, 4.0, False),
            (self.round_label, 6.0, True),
            (self.segment_clock, 4.0, False),
            (self.next_label, 3.4, False),
            (self.blank_title, 8.0, True),
            (self.blank_words, 4.6, False),
            (self.spot_heading, 5.0, True),
            (self.spot_footer, 3.8, False),
            (self.join_heading, 5.5, True),
            (self.join_link, 3.6, False),
            (self.join_code, 7.0, True),
            (self.join_footer, 3.4, False),
            (self.join_views, 3.0, False),
        )
        for label, share, bold in sizes:
            font = QFont(label.font())
            font.setPixelSize(max(10, round(unit * share)))
            font.setBold(bold)
            label.setFont(font)
        self.bar.setFixedHeight(max(6, round(unit * 2.2)))
        self.plan_page.setFont(self.next_label.font())
        heading = QFont(self.plan_heading.font())
        heading.setPixelSize(max(10, round(unit * 4.6)))
        heading.setBold(True)
        self.plan_heading.setFont(heading)
        self._plan.setSpacing(round(unit * 1.2))
        self._split.setContentsMargins(margin, margin, margin, margin)
        self._split.setSpacing(margin)
        self._fit_side()
        self.refresh()

    def _fit_side(self) -> None:
        """The sizes that change when the tables share the screen: the column narrows to the
        side, and the digits, the state and the question shrink to fit it."""
        h, w = max(self.height(), 200), max(self.width(), 200)
        unit = min(h, w * 0.75) / 100
        margin = round(unit * 2.5)
        digits = QFont(self.clock_label.font())
        digits.setBold(True)
        digits.setStyleHint(QFont.StyleHint.SansSerif)
        size = round(self.height() * CLOCK_SHARE)
        digits.setPixelSize(size)
        state = QFont(self.state_label.font())
        state.setPixelSize(max(10, round(unit * 5.0)))
        state.setBold(True)
        # The table question is what a breakout is for: large, once the clock has the screen.
        shares = {
            self.title_label: 6.2,
            self.prompt_label: 5.6 if self._asking else 4.2,
            self.message_label: 4.4,
        }
        if self._plan_on:
            side = round(max(w * SIDE_SHARE, h * 0.3))
            self.side.setFixedWidth(side)
            self._side_px = side
            shares = {self.title_label: 5.0, self.prompt_label: 3.4, self.message_label: 3.4}
            self.clock_label.setFont(digits)
            self._fit_digits(side)
            # The state pill keeps to the column ("◆ 10 minutes left", or what it says now).
            reading = max("◆ 10 minutes left", self.state_label.text(), key=len)
            wide = QFontMetrics(state).horizontalAdvance(reading)
            room = side - 2 * self._pill_pad
            if wide > room:
                state.setPixelSize(max(10, int(state.pixelSize() * room / wide)))
            tall = h - 2 * margin - QFontMetrics(self.plan_heading.font()).height()
            self.tables.set_sizes(
                max(10, round(unit * NAME_FLOOR)),
                max(10, round(unit * NAME_CEILING)),
                QSize(w - 2 * margin - side - margin, tall - self._plan.spacing()),
            )
        else:
            self.side.setMinimumWidth(0)
            self.side.setMaximumWidth(16_777_215)  # QWIDGETSIZE_MAX: as wide as the window
            # Fit the widest likely reading ("+1:05:00") to the width, but never below a quarter.
            reading = "Thank you" if self._thanked else "+0:00:00"
            widest = QFontMetrics(digits).horizontalAdvance(reading)
            if widest > w * 0.94:
                floor = 10 if self._thanked else round(self.height() / 4)
                digits.setPixelSize(max(round(size * w * 0.94 / widest), floor))
            self.clock_label.setFont(digits)
        self.state_label.setFont(state)
        for label, share in shares.items():
            font = QFont(label.font())
            font.setPixelSize(max(10, round(unit * share)))
            font.setBold(label is not self.prompt_label)
            label.setFont(font)

    def _fit_heading(self) -> None:
        """ "Find your table — Round 2 of 3" in full on one line, beside the page number."""
        unit = min(max(self.height(), 200), max(self.width(), 200) * 0.75) / 100
        font = QFont(self.plan_heading.font())
        size = max(10, round(unit * 4.6))
        font.setPixelSize(size)
        page = QFontMetrics(self.plan_page.font()).horizontalAdvance("Page 10 of 10")
        room = self.tables.expected.width() - page - round(unit * 2)
        wide = QFontMetrics(font).horizontalAdvance(self.plan_heading.text())
        if wide > room:
            font.setPixelSize(max(10, int(size * room / wide)))
        if font.pixelSize() != self.plan_heading.font().pixelSize():
            self.plan_heading.setFont(font)

    def _fit_title(self) -> None:
        """Beside the tables the title wraps in a narrow column: its longest word must fit."""
        unit = min(max(self.height(), 200), max(self.width(), 200) * 0.75) / 100
        font = QFont(self.title_label.font())
        size = max(10, round(unit * 5.0))
        font.setPixelSize(size)
        words = self.title_label.text().split() or [""]
        wide = max(QFontMetrics(font).horizontalAdvance(word) for word in words)
        room = self._side_px * 0.98
        if wide > room:
            font.setPixelSize(max(10, int(size * room / wide)))
        if font.pixelSize() != self.title_label.font().pixelSize():
            self.title_label.setFont(font)

    def _fit_digits(self, side: int | None = None) -> None:
        """Beside the tables the digits fit the column: "00:00" always, longer readings too."""
        width = (side if side is not None else self._side_px) * 0.96
        reading = max("00:00", self.clock_label.text(), key=len)
        digits = QFont(self.clock_label.font())
        size = round(self.height() * CLOCK_SHARE)
        digits.setPixelSize(size)
        wide = QFontMetrics(digits).horizontalAdvance(reading)
        if wide > width:
            digits.setPixelSize(max(10, int(size * width / wide)))
        if digits.pixelSize() != self.clock_label.font().pixelSize():
            self.clock_label.setFont(digits)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape leaves full screen (the console's F toggles it too)."""
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
