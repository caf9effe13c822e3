"""The console's clock: where we are, the countdown, its state, how far through, what's next.

It renders a ClockView and nothing else. The countdown takes the console's spare height, its
digits as big as their box allows, so the clock grows with the window and no blank band is
left above the buttons. The state pill and the bar take the room display's state colours
(core/room_face.py), and the words are the room's (one wording per state).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import ClockView, Level, Status, countdown, drift_words
from desktop.core.model import Event, Segment
from desktop.core.room_face import WARNINGS, before_start, room_state, time_of_day, turn_face
from desktop.ui.palette import LEVELS, PAUSED

DIGITS_MAX_PX = 400  # the countdown stops growing here (a 4K console needs no more)
DIGITS_MIN_PX = 28
NEUTRAL = ("#e6e6e6", "#111111")  # not started, finished: no state colour


def _label(name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _scaled(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def private_words(segment: Segment) -> str:
    """The facilitator's notes and materials for a segment, as the console shows them."""
    lines = []
    if segment.facilitator_notes:
        lines.append(f"Your notes (not on the display): {segment.facilitator_notes}")
    if segment.materials:
        lines.append("Materials: " + ", ".join(segment.materials))
    return "\n".join(lines)


def state_look(view: ClockView) -> tuple[str, str]:
    """(background, ink) of the state: the room display's colours for calm, amber, red and over."""
    if view.status is Status.PAUSED:
        return PAUSED[0], PAUSED[1]
    if view.status in (Status.NOT_STARTED, Status.FINISHED) or view.segment is None:
        return NEUTRAL
    if view.level is Level.CALM:
        return LEVELS[Level.CALM][0], LEVELS[Level.CALM][1]
    look = WARNINGS[view.level]
    return look.background, look.ink


def console_words(view: ClockView, event: Event) -> str:
    """The state in the room's words and marks ("Starts at 10:00 · in 12 min", "▲ 2 minutes
    left"); "Finished" where the room reads its thank-you."""
    if view.status is Status.NOT_STARTED:
        return before_start(event, view.now)[1]
    if view.status is Status.FINISHED:
        return "✓ Finished"
    return room_state(view)


def round_words(view: ClockView) -> str:
    """The share-back round as the room display says it: who speaks, their time, who is next."""
    if view.round is None:
        return ""
    face = turn_face(view.round, view.now)
    if face is None:  # every table heard: the display says so the same way
        return view.round.words(view.now)
    return f"{face.speaking} · {face.digits} · {face.words} · {face.following}"


class Digits(QLabel):
    """The countdown, as big as its box allows; the box takes the spare height of the column."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Time left")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The box sets the font, not the other way round: no size from the text.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumHeight(48)
        self._sample = ""

    def show_digits(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
        # Fit to a stable sample ("00:00" for "9:59" and "10:00" alike), so it never jumps;
        # words ("Finished") smaller than digits: they say a state, not a time to read.
        if not any(ch.isdigit() for ch in text):
            sample = "0" * (len(text) + 2)
        else:
            sample = re.sub(r"\d", "0", text) if len(text) > 5 else "00:00"
        if sample != self._sample:
            self._sample = sample
            self.fit()

    def fit(self) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(100)
        metrics = QFontMetrics(font)
        by_width = 100 * self.width() * 0.94 / max(1, metrics.horizontalAdvance(self._sample))
        by_height = 100 * self.height() * 0.98 / max(1, metrics.height())
        size = round(max(DIGITS_MIN_PX, min(by_width, by_height, DIGITS_MAX_PX)))
        if size != self.font().pixelSize():
            font.setPixelSize(size)
            self.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class ClockPanel(QFrame):
    """The current segment and its clock. It takes the keyboard's focus when no text box should:
    with it focused, Space, N, P and every other console key drive the clock."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("clockPanel")
        self.setAccessibleName("Clock")
        self.setAccessibleDescription("Space starts or pauses, N next, P previous, F1 every key")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._focus_style(False)

        self.now_label = _label("Current segment")
        _scaled(self.now_label, 1.5, bold=True)
        self.time_label = _label("Time of day", wrap=False)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.countdown_label = Digits()
        self.state_label = _label("Clock state", wrap=False)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _scaled(self.state_label, 1.4, bold=True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress through the segment")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(16)
        self.bar_colour = ""
        self.round_label = _label("Share-back round")
        _scaled(self.round_label, 1.4, bold=True)
        self.round_label.hide()
        self.drift_label = _label("Drift against the plan")
        _scaled(self.drift_label, 1.2, bold=True)
        self.next_label = _label("Next segment")
        self.prompt_label = _label("Prompt for the tables")
        self.prompt_label.setStyleSheet(
            "background:#eef2f6; color:#111111; padding:8px; border-radius:4px;"
        )
        # The current segment's private notes and materials: for the facilitator only, never
        # sent to the room display. Long notes scroll: they never push the clock off the screen.
        self.private_label = _label("Facilitator notes and materials (not on the room display)")
        self.private_label.setStyleSheet(
            "background:#fff8e1; color:#1b1b1b; border-left:4px solid #8a6d00; padding:8px;"
        )
        self.private_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.private_panel = QScrollArea()
        self.private_panel.setAccessibleName(self.private_label.accessibleName())
        self.private_panel.setWidget(self.private_label)
        self.private_panel.setWidgetResizable(True)
        self.private_panel.setFrameShape(QFrame.Shape.NoFrame)
        self.private_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.private_panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        line = self.private_label.fontMetrics().lineSpacing()
        self.private_panel.setMinimumHeight(line)  # not a scroll bar's height: small screens

        top = QHBoxLayout()
        top.addWidget(self.now_label, 1)
        top.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.countdown_label, 1)
        layout.addWidget(self.state_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.progress)
        layout.addWidget(self.round_label)
        layout.addWidget(self.drift_label)
        layout.addWidget(self.next_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.private_panel)

    # ------------------------------------------------------------------ focus

    def _focus_style(self, on: bool) -> None:
        edge = "palette(highlight)" if on else "transparent"
        self.setStyleSheet(f"QFrame#clockPanel {{ border:2px solid {edge}; border-radius:6px; }}")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._focus_style(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._focus_style(False)

    # ------------------------------------------------------------------ rendering

    def show_view(self, view: ClockView, event: Event) -> None:
        segment = view.segment
        finished = view.status is Status.FINISHED
        if finished:
            self.now_label.setText(event.title)
        elif segment is not None:
            number = view.index + 1 if view.index is not None else 1
            self.now_label.setText(f"{number}. {segment.title}")
        else:
            self.now_label.setText("Nothing on the agenda yet")
        self.time_label.setText(time_of_day(view.now))
        digits = countdown(view) if segment is not None else "–:––"  # nothing to count
        if view.status is Status.NOT_STARTED and segment is not None:
            # As the room sees it: the time to the start, where there is one still ahead; else
            # a word, never the first segment's length (read as a start time beside "10:00").
            digits = before_start(event, view.now)[0] or "Ready"
        self.countdown_label.show_digits("Finished" if finished else digits)
        self.countdown_label.setEnabled(segment is not None)  # greyed, as the clock's buttons
        background, ink = state_look(view)
        self.state_label.setText(console_words(view, event))
        self.state_label.setStyleSheet(
            f"background:{background}; color:{ink}; padding:4px 14px; border-radius:10px;"
        )
        self.state_label.setVisible(segment is not None and not finished)
        self.set_bar(view.progress if view.index is not None and not finished else 0.0, background)
        waiting = view.status is Status.NOT_STARTED
        self.progress.setVisible(segment is not None and not finished and not waiting)
        self.drift_label.setText(drift_words(view))
        nxt = segment if view.status is Status.NOT_STARTED else view.next_segment
        first = "First" if view.status is Status.NOT_STARTED else "Next"
        if finished:
            self.next_label.setText(
                "The agenda is over: J jumps back to a segment, Ctrl+Z takes the finish back."
            )
        elif segment is None:
            self.next_label.setText("Add a segment to the agenda to run the clock.")
        else:
            self.next_label.setText(
                f"{first}: {nxt.title} · {nxt.minutes} min" if nxt else "Next: the end"
            )
        prompt = segment.prompt if segment is not None and not finished else ""
        self.prompt_label.setText(f"For the tables: {prompt}" if prompt else "")
        self.prompt_label.setVisible(bool(prompt))
        private = private_words(segment) if segment is not None and not finished else ""
        if self.private_label.text() != private:
            self.private_label.setText(private)
        self.private_panel.setVisible(bool(private))
        self._fit_private()
        words = "" if finished else round_words(view)
        self.round_label.setText(words)
        self.round_label.setVisible(bool(words))

    def _fit_private(self) -> None:
        """The notes panel as tall as its text, up to a third of the clock: no scroll bar for
        a few lines, and long notes never take the digits' place."""
        if self.private_panel.isHidden():
            return
        width = max(100, self.private_panel.viewport().width())
        wanted = self.private_label.heightForWidth(width) + 2
        self.private_panel.setMinimumHeight(min(wanted, max(40, self.height() // 3)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_private()

    def set_bar(self, fraction: float, colour: str) -> None:
        """The bar filled to `fraction` in the state's colour, its track outlined in the ink."""
        self.progress.setValue(round(fraction * 1000))
        if colour != self.bar_colour:
            self.bar_colour = colour
            self.progress.setStyleSheet(
                "QProgressBar { border:2px solid palette(window-text); border-radius:7px;"
                " background:palette(base); }"
                f"QProgressBar::chunk {{ background:{colour}; border-radius:5px; }}"
            )
