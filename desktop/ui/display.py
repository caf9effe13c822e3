"""The room display: what the projector shows, readable from the back of the room.

It only renders `room.view()`; every size is a share of the window, so it looks the same from
800×600 to 4K. The countdown is at least a quarter of the window's height.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ClockView, Level, Status, countdown, state_words
from desktop.core.model import SEGMENT_WORDS, Event, NoteKind, SegmentKind
from desktop.core.notes import KIND_LABELS
from desktop.ui.room import Room
from desktop.ui.theme import LEVELS, PAUSED, THEMES, Palette

CLOCK_SHARE = 0.27  # of the window height, for the countdown digits


def room_words(view: ClockView) -> str:
    """The state as the room reads it: "Starting soon" where the console says "Not started"."""
    if view.status is Status.NOT_STARTED:
        return "Starting soon"
    if view.status is Status.FINISHED:
        return "Thank you"
    return state_words(view)


class Bar(QWidget):
    """How far through the segment we are: a thick bar in the level's colour."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.0
        self.colour = QColor(LEVELS[Level.CALM][0])
        self.track = QColor("#dddddd")
        self.setAccessibleName("Progress through the segment")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.track)
        painter.drawRoundedRect(rect, radius, radius)
        if self.fraction > 0:
            painter.setBrush(self.colour)
            filled = QRectF(rect.x(), rect.y(), rect.width() * self.fraction, rect.height())
            painter.drawRoundedRect(filled, radius, radius)


def _label(name: str, *, wrap: bool = False, centre: bool = False) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # what people typed is shown as typed
    if centre:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class RoomDisplay(QWidget):
    """The participant view for the projector or second screen."""

    def __init__(self, room: Room, settings: QSettings | None = None) -> None:
        super().__init__()
        self.room = room
        self.settings = settings
        self.setWindowTitle("In the Room — room display")
        self.setAccessibleName("Room display")
        self.theme = "light"
        self.flash = False
        if settings is not None:
            self.theme = str(settings.value("display/theme", "light"))
            self.flash = settings.value("display/flash", False, type=bool)
        self.palette_ = THEMES.get(self.theme, THEMES["light"])
        self._flash_on = False

        self.event_label = _label("Event")
        self.event_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long event title gives way (elided by width) rather than widening the window.
        self.event_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.kind_label = _label("Kind of segment")
        self.title_label = _label("Segment", wrap=True)
        self.speaker_label = _label("Speaker", wrap=True)
        self.clock_label = _label("Time left", centre=True)
        self.clock_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state_label = _label("State", centre=True)
        self.bar = Bar()
        self.round_label = _label("Share-back round", centre=True)
        self.prompt_label = _label("Question for the tables", wrap=True)
        self.message_label = _label("Message from the facilitator", wrap=True, centre=True)
        self.table_plan = QWidget()  # the table planner issue fills this during breakouts
        self.table_plan.setAccessibleName("Table plan")
        self.table_plan.hide()
        self.next_label = _label("What's next", wrap=True)

        live = QWidget()
        column = QVBoxLayout(live)
        self._column = column
        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.event_label, 1)
        column.addLayout(top)
        column.addWidget(self.title_label)
        column.addWidget(self.speaker_label)
        column.addStretch(1)
        column.addWidget(self.clock_label)
        column.addWidget(self.state_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.bar)
        column.addWidget(self.round_label)
        column.addStretch(1)
        column.addWidget(self.prompt_label)
        column.addWidget(self.message_label)
        column.addWidget(self.table_plan)
        column.addWidget(self.next_label)

        self.blank_title = _label("Event title", wrap=True, centre=True)
        self.blank_words = _label("Holding screen", wrap=True, centre=True)
        blank = QWidget()
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
        spotlight = QVBoxLayout(spot)
        self._spotlight = spotlight
        spotlight.addWidget(self.spot_heading)
        spotlight.addStretch(1)
        spotlight.addWidget(self.spot_text)
        spotlight.addStretch(1)
        spotlight.addWidget(self.spot_footer)

        self.pages = QStackedLayout(self)
        self.pages.addWidget(live)
        self.pages.addWidget(blank)
        self.pages.addWidget(spot)
        # The window's size sets the fonts, not the other way round: no minimum from the text.
        self.pages.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.resize(1024, 768)
        room.changed.connect(self.render)
        room.eventChanged.connect(self.render)
        self._apply_sizes()
        self.render()

    # ------------------------------------------------------------------ settings

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "light"
        self.palette_ = THEMES[self.theme]
        if self.settings is not None:
            self.settings.setValue("display/theme", self.theme)
        self.render()

    def set_flash(self, on: bool) -> None:
        self.flash = on
        if self.settings is not None:
            self.settings.setValue("display/flash", on)
        self.render()

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

    def render(self) -> None:
        view = self.room.view()
        event = self.room.current_event
        title = event.title if event else "In the Room"
        self.blank_title.setText(title)
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
        metrics = QFontMetrics(self.event_label.font())
        room_for = max(40, self.width() // 2)
        self.event_label.setText(metrics.elidedText(title, Qt.TextElideMode.ElideRight, room_for))
        self.event_label.setToolTip(title)
        self.kind_label.setText(SEGMENT_WORDS[segment.kind].upper())
        self.kind_label.setVisible(bool(SEGMENT_WORDS[segment.kind]))
        self.title_label.setText(segment.title)
        who = event.contributor(segment.contributor) if segment.contributor else None
        if who is not None and segment.kind is SegmentKind.TALK:
            role = ", ".join(part for part in (who.role, who.organisation) if part)
            self.speaker_label.setText(f"{who.name} · {role}" if role else who.name)
            self.speaker_label.show()
        else:
            self.speaker_label.hide()
        finished = view.status is Status.FINISHED
        self.clock_label.setVisible(not finished)
        self.bar.setVisible(not finished)
        self.clock_label.setText(countdown(view))
        words = room_words(view)
        background, ink, mark = PAUSED if view.status is Status.PAUSED else LEVELS[view.level]
        if view.status is Status.NOT_STARTED or finished:
            background, ink, mark = self.palette_.panel, self.palette_.text, ""
        self.state_label.setText(mark + words)
        self.state_label.setStyleSheet(
            f"background:{background}; color:{ink}; border-radius:{self._pill_radius}px;"
            f"padding:{self._pill_pad // 2}px {self._pill_pad}px;"
        )
        self.bar.fraction = view.progress if view.index is not None else 0.0
        self.bar.colour = QColor(LEVELS[view.level][0])
        self.bar.track = QColor(self.palette_.panel)
        self.bar.update()
        self.round_label.setText(view.round.words(view.now) if view.round else "")
        self.round_label.setVisible(view.round is not None and not finished)
        prompt = segment.prompt.strip()
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt) and not finished)
        self.message_label.setText(view.message)
        self.message_label.setVisible(bool(view.message))
        nxt = view.next_segment
        self.next_label.setText(f"Next: {nxt.title} · {nxt.minutes} min" if nxt else "")
        self.next_label.setVisible(nxt is not None)
        self._flash_on = (
            self.flash
            and view.level is Level.UP
            and view.status is Status.OVERTIME
            and (view.now // 1000) % 2 == 0
        )
        self._paint(self.palette_.flash if self._flash_on else self.palette_.background)
        self.setAccessibleDescription(f"{segment.title}: {words}")

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

    def _paint(self, background: str) -> None:
        p: Palette = self.palette_
        self.setStyleSheet(
            f"RoomDisplay {{ background:{background}; }}"
            f"QLabel {{ color:{p.text}; background:transparent; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        for label in (
            self.event_label,
            self.kind_label,
            self.next_label,
            self.blank_words,
            self.spot_footer,
        ):
            label.setStyleSheet(f"color:{p.muted};")
        box = f"background:{p.panel}; color:{p.text}; border-radius:{self._pill_radius}px;"
        self.prompt_label.setStyleSheet(box + f"padding:{self._pill_pad}px;")
        self.message_label.setStyleSheet(
            f"background:{LEVELS[Level.AMBER][0]}; color:#000000; "
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
        self._column.setContentsMargins(margin, margin, margin, margin)
        self._holding.setContentsMargins(margin * 3, margin, margin * 3, margin)
        self._spotlight.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._column.setSpacing(round(unit * 1.0))
        self._pill_radius = max(4, round(unit * 1.5))
        self._pill_pad = max(6, round(unit * 1.6))
        sizes = (
            (self.event_label, 3.0, False),
            (self.kind_label, 3.0, True),
            (self.title_label, 6.2, True),
            (self.speaker_label, 4.0, False),
            (self.state_label, 5.0, True),
            (self.round_label, 6.0, True),
            (self.prompt_label, 4.2, False),
            (self.message_label, 4.4, True),
            (self.next_label, 3.4, False),
            (self.blank_title, 8.0, True),
            (self.blank_words, 4.6, False),
            (self.spot_heading, 5.0, True),
            (self.spot_footer, 3.8, False),
        )
        for label, share, bold in sizes:
            font = QFont(label.font())
            font.setPixelSize(max(10, round(unit * share)))
            font.setBold(bold)
            label.setFont(font)
        self.bar.setFixedHeight(max(6, round(unit * 2.2)))
        digits = QFont(self.clock_label.font())
        digits.setBold(True)
        digits.setStyleHint(QFont.StyleHint.SansSerif)
        size = round(self.height() * CLOCK_SHARE)
        digits.setPixelSize(size)
        # Fit the widest likely reading ("+1:05:00") to the width, but never below a quarter.
        widest = QFontMetrics(digits).horizontalAdvance("+0:00:00")
        if widest > w * 0.94:
            digits.setPixelSize(max(round(size * w * 0.94 / widest), round(self.height() / 4)))
        self.clock_label.setFont(digits)
        self.render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape leaves full screen (the console's F toggles it too)."""
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
