"""The room display's clock page: the segment now in a column (its title, the countdown at least
a quarter of the window's height, the state pill, the progress bar, the question, what's next),
and around a breakout the tables of the round beside it (table_plan.py). Its sizes are shares
of the window's (sizing.py); a warning colours the pill and the bar here, the screen in
window.py."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.clock import ClockView, Level, Status, countdown
from desktop.core.model import SEGMENT_WORDS, Event, Segment, SegmentKind
from desktop.core.room_face import (
    MESSAGE,
    PULSE,
    WARNINGS,
    StateLook,
    TurnFace,
    before_start,
    pulse_on,
    time_of_day,
    turn_face,
)
from desktop.core.table_layout import NAME_CEILING, NAME_FLOOR
from desktop.ui.display.parts import Bar, label, room_words
from desktop.ui.display.sizing import (
    CLOCK_SHARE,
    SIDE_SHARE,
    SMALLEST,
    fit_width,
    set_share,
    unit,
)
from desktop.ui.display.table_plan import TablePlan
from desktop.ui.palette import LEVELS, PAUSED, Palette
from desktop.ui.widgets.plain import plain_tooltip


def warning_look(view: ClockView, flash: bool) -> StateLook | None:
    """The warning screen for the state, None when calm (or paused, waiting, finished).
    In overtime it pulses between two reds by the room clock, two seconds a cycle."""
    if view.status not in (Status.RUNNING, Status.OVERTIME) or view.level is Level.CALM:
        return None
    look = WARNINGS[view.level]
    if view.level is Level.UP and flash and not pulse_on(view):
        return replace(look, background=PULSE)
    return look


def pill_colours(
    view: ClockView, look: StateLook | None, quiet: bool, palette: Palette
) -> tuple[str, str]:
    """The state pill's background and ink: inverted on a warning screen, the warning's own
    colours when the screen keeps its colour (`quiet`), calm blue, or as paused, waiting or
    finished."""
    if look is not None and not quiet:
        return look.ink, look.background  # the pill inverts on the coloured screen
    if look is not None:
        return look.background, look.ink
    if view.status is Status.PAUSED:
        return PAUSED[0], PAUSED[1]
    if view.status in (Status.NOT_STARTED, Status.FINISHED):
        return palette.panel, palette.text
    return LEVELS[Level.CALM][0], LEVELS[Level.CALM][1]


class ClockPage(QWidget):
    """The segment and its time left; the tables beside them when the room needs them."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.setAccessibleName("The segment now")
        # Sized from the window's size, not the page's: the page may not be laid out yet.
        self._window = window
        self.pill_radius = 12
        self.pill_pad = 16
        self._asking = False  # a breakout: its question is set large
        self._thanked = False  # the big words are "Thank you", fitted to the width
        self._side_px = 300  # the column beside the tables, set from the window

        self.event_label = label("Event")
        self.event_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long event title gives way (elided by width) rather than widening the window.
        self.event_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.kind_label = label("Kind of segment")
        self.time_label = label("Time of day")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.title_label = label("Segment", wrap=True)
        self.speaker_label = label("Speaker", wrap=True)
        self.clock_label = label("Time left", centre=True)
        self.clock_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state_label = label("State", centre=True)
        self.bar = Bar()
        self.round_label = label("Share-back round", centre=True)
        # In a round the table's own countdown is the big number: the segment's goes here.
        self.segment_clock = label("Time left in the segment", wrap=True, centre=True)
        self.prompt_label = label("Question for the tables", wrap=True)
        self.message_label = label("Message from the facilitator", wrap=True, centre=True)
        self.next_label = label("What's next", wrap=True)
        # "Find your table" around a breakout: beside the column above, never instead of it.
        self.table_plan = TablePlan()

        split = QHBoxLayout(self)
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

    # ------------------------------------------------------------------ rendering

    def show_view(
        self, view: ClockView, event: Event, look: StateLook | None, quiet: bool, palette: Palette
    ) -> str:
        """Show `view` of `event` (`look`: its warning, toned down when `quiet`); what a screen
        reader says of it."""
        assert view.segment is not None
        segment = view.segment
        asking = segment.kind is SegmentKind.BREAKOUT
        if asking != self._asking:
            self._asking = asking
            self.fit_side()
        self._render_plan(view, event)
        self._show_titles(event, segment)
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
            if self.table_plan.on:
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
        if self.table_plan.on:
            self._fit_digits()
        elif finished or self._thanked:
            self._thanked = finished
            self.fit_side()
        pill, ink = pill_colours(view, look, quiet, palette)
        if words != self.state_label.text():
            self.state_label.setText(words)
            if self.table_plan.on:  # a longer reading ("Starts at 10:00 · in 12 min") must fit
                self.fit_side()
        self.state_label.setStyleSheet(
            f"background:{pill}; color:{ink}; border-radius:{self.pill_radius}px;"
            f"padding:{self.pill_pad // 2}px {self.pill_pad}px;"
        )
        self.bar.fraction = view.progress if view.index is not None else 0.0
        if turn is not None and view.round is not None:  # the bar follows the big number
            given = max(1, view.round.seconds * 1000)
            self.bar.fraction = min(1.0, max(0.0, 1 - view.round.left(view.now) / given))
        screen_ink = look.ink if look is not None and not quiet else palette.text
        self.bar.colour = QColor(screen_ink if look is not None and not quiet else pill)
        self.bar.outline = QColor(screen_ink)
        self.bar.update()
        self._show_below(view, segment, turn)
        return f"{self.title_label.text()}: {words}" + (
            f". {self.table_plan.heading.text()}" if self.table_plan.on else ""
        )

    def _show_titles(self, event: Event, segment: Segment) -> None:
        """The event (elided), the kind of segment, its title and, for a talk, the speaker."""
        title = event.title
        metrics = QFontMetrics(self.event_label.font())
        room_for = max(40, self._window.width() // 2)
        self.event_label.setText(metrics.elidedText(title, Qt.TextElideMode.ElideRight, room_for))
        self.event_label.setToolTip(plain_tooltip(title))
        self.event_label.setVisible(not self.table_plan.on)  # no room for it beside the tables
        self.kind_label.setText(SEGMENT_WORDS[segment.kind].upper())
        # Beside the tables the title says it: the kind would only repeat it in a narrow column.
        # Nor when the title says it already ("Table conversations").
        kind = SEGMENT_WORDS[segment.kind]
        said = kind.lower() in segment.title.lower()
        self.kind_label.setVisible(bool(kind) and not said and not self.table_plan.on)
        self.title_label.setText(segment.title)
        if self.table_plan.on:
            self._fit_title()
        who = event.contributor(segment.contributor) if segment.contributor else None
        if who is not None and segment.kind is SegmentKind.TALK:
            role = ", ".join(part for part in (who.role, who.organisation) if part)
            self.speaker_label.setText(f"{who.name} · {role}" if role else who.name)
            self.speaker_label.show()
        else:
            self.speaker_label.hide()

    def _show_below(self, view: ClockView, segment: Segment, turn: TurnFace | None) -> None:
        """Under the clock: the round, the question for the tables, a message, what's next."""
        finished = view.status is Status.FINISHED
        waiting = view.status is Status.NOT_STARTED
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

    def show_footnote(self, text: str) -> None:
        """A line in place of what's next (the feedback form, at the end)."""
        self.next_label.setText(text)
        self.next_label.setVisible(True)

    def set_colours(self, palette: Palette, ink: str, muted: str) -> None:
        """The theme's colours on the page; `ink` and `muted` for text on the screen's colour."""
        for muted_label in (
            self.event_label,
            self.time_label,
            self.kind_label,
            self.next_label,
            self.table_plan.page_number,
        ):
            muted_label.setStyleSheet(f"color:{muted};")
        self.table_plan.tables.set_colours(palette.text, palette.panel, LEVELS[Level.CALM][0])
        box = (
            f"background:{palette.panel}; color:{palette.text}; border-radius:{self.pill_radius}px;"
        )
        self.prompt_label.setStyleSheet(box + f"padding:{self.pill_pad}px;")
        # A room message is purple, a colour no warning uses, outlined in the screen's ink.
        edge = max(2, self.pill_pad // 4)
        self.message_label.setStyleSheet(
            f"background:{MESSAGE[0]}; color:{MESSAGE[1]}; border:{edge}px solid {ink};"
            f"border-radius:{self.pill_radius}px; padding:{self.pill_pad}px;"
        )

    # ------------------------------------------------------------------ find your table

    def _render_plan(self, view: ClockView, event: Event) -> None:
        """Show a round's tables beside the clock when the room needs them (table_plan.py)."""
        wanted = self.table_plan.wanted(view, event)
        if self.table_plan.set_on(wanted is not None):
            self.fit_side()
        if wanted is None:
            self.table_plan.tables.set_seats([])
            return
        self.table_plan.show_round(view, event, wanted)
        self.table_plan.fit_heading(self._unit())

    # ------------------------------------------------------------------ sizes

    def _unit(self) -> float:
        return unit(self._window.width(), self._window.height())

    def set_sizes(self, one: float, margin: int) -> None:
        """Sizes for `one` pixels a unit, the page's margins `margin`."""
        self._column.setSpacing(round(one * 1.0))
        self.pill_radius = max(4, round(one * 1.5))
        self.pill_pad = max(6, round(one * 1.6))
        sizes = (
            (self.event_label, 3.0, False),
            (self.kind_label, 3.0, True),
            (self.time_label, 3.0, True),
            (self.speaker_label, 4.0, False),
            (self.round_label, 6.0, True),
            (self.segment_clock, 4.0, False),
            (self.next_label, 3.4, False),
        )
        for shown, share, bold in sizes:
            set_share(shown, one, share, bold=bold)
        self.bar.setFixedHeight(max(6, round(one * 2.2)))
        self.table_plan.set_sizes(one, self.next_label.font())
        self._split.setContentsMargins(margin, margin, margin, margin)
        self._split.setSpacing(margin)
        self.fit_side()

    def fit_side(self) -> None:
        """The sizes that change when the tables share the screen: the column narrows to the
        side, and the digits, the state and the question shrink to fit it."""
        h, w = max(self._window.height(), 200), max(self._window.width(), 200)
        one = unit(w, h)
        margin = round(one * 2.5)
        digits = QFont(self.clock_label.font())
        digits.setBold(True)
        digits.setStyleHint(QFont.StyleHint.SansSerif)
        size = round(self._window.height() * CLOCK_SHARE)
        digits.setPixelSize(size)
        state = QFont(self.state_label.font())
        state.setPixelSize(max(SMALLEST, round(one * 5.0)))
        state.setBold(True)
        # The table question is what a breakout is for: large, once the clock has the screen.
        shares = {
            self.title_label: 6.2,
            self.prompt_label: 5.6 if self._asking else 4.2,
            self.message_label: 4.4,
        }
        if self.table_plan.on:
            side = round(max(w * SIDE_SHARE, h * 0.3))
            self.side.setFixedWidth(side)
            self._side_px = side
            shares = {self.title_label: 5.0, self.prompt_label: 3.4, self.message_label: 3.4}
            self.clock_label.setFont(digits)
            self._fit_digits(side)
            # The state pill keeps to the column ("◆ 10 minutes left", or what it says now).
            reading = max("◆ 10 minutes left", self.state_label.text(), key=len)
            wide = QFontMetrics(state).horizontalAdvance(reading)
            fit_width(state, wide, side - 2 * self.pill_pad)
            self.table_plan.set_room(
                max(SMALLEST, round(one * NAME_FLOOR)),
                max(SMALLEST, round(one * NAME_CEILING)),
                w - 2 * margin - side - margin,
                h - 2 * margin,
            )
        else:
            self.side.setMinimumWidth(0)
            self.side.setMaximumWidth(16_777_215)  # QWIDGETSIZE_MAX: as wide as the window
            # Fit the widest likely reading ("+1:05:00") to the width, but never below a quarter.
            reading = "Thank you" if self._thanked else "+0:00:00"
            widest = QFontMetrics(digits).horizontalAdvance(reading)
            if widest > w * 0.94:
                floor = SMALLEST if self._thanked else round(self._window.height() / 4)
                digits.setPixelSize(max(round(size * w * 0.94 / widest), floor))
            self.clock_label.setFont(digits)
        self.state_label.setFont(state)
        for shown, share in shares.items():
            set_share(shown, one, share, bold=shown is not self.prompt_label)

    def _fit_title(self) -> None:
        """Beside the tables the title wraps in a narrow column: its longest word must fit."""
        font = QFont(self.title_label.font())
        font.setPixelSize(
            max(SMALLEST, round(unit(self._window.width(), self._window.height()) * 5.0))
        )
        words = self.title_label.text().split() or [""]
        wide = max(QFontMetrics(font).horizontalAdvance(word) for word in words)
        fit_width(font, wide, self._side_px * 0.98)
        if font.pixelSize() != self.title_label.font().pixelSize():
            self.title_label.setFont(font)

    def _fit_digits(self, side: int | None = None) -> None:
        """Beside the tables the digits fit the column: "00:00" always, longer readings too."""
        width = (side if side is not None else self._side_px) * 0.96
        reading = max("00:00", self.clock_label.text(), key=len)
        digits = QFont(self.clock_label.font())
        digits.setPixelSize(round(self._window.height() * CLOCK_SHARE))
        fit_width(digits, QFontMetrics(digits).horizontalAdvance(reading), width)
        if digits.pixelSize() != self.clock_label.font().pixelSize():
            self.clock_label.setFont(digits)
