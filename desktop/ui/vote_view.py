"""The dot-vote on the room display: while it is open, how many have voted and what the options
are; once revealed, a bar chart readable from the back of the room, every bar with its count as
a number and its place (never colour alone).

`VoteView` paints itself from a `Vote`; sizes are shares of its height, so it reads the same at
1024x768 and 1920x1080. The room display shows it as one of its pages (`show_vote`).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop.core import votes
from desktop.core.model import Vote, VoteState

BARS = {"light": "#0072B2", "dark": "#56B4E9"}  # at least 3:1 on the screen's background
MOST_ROWS_LARGE = 8  # up to this many options, each row is as large as the screen allows


class VoteView(QWidget):
    """A vote, drawn for the projector."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Vote")
        self.vote: Vote | None = None
        self.footer = ""
        self.ink = QColor("#111111")
        self.muted = QColor("#4a4a4a")
        self.bar = QColor(BARS["light"])
        self.panel = QColor("#eef2f6")

    def set_colours(self, ink: str, muted: str, panel: str, theme: str) -> None:
        self.ink, self.muted, self.panel = QColor(ink), QColor(muted), QColor(panel)
        self.bar = QColor(BARS.get(theme, BARS["light"]))
        self.update()

    def show_vote(self, vote: Vote | None, footer: str = "") -> None:
        self.vote, self.footer = vote, footer
        self.setAccessibleDescription(describe(vote) if vote is not None else "")
        self.update()

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        vote = self.vote
        if vote is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        unit = min(h, w * 0.75) / 100
        margin = unit * 4
        top = margin
        title = _font(unit * 6.5, bold=True)
        painter.setFont(title)
        painter.setPen(self.ink)
        box = QRectF(margin, top, w - 2 * margin, unit * 18)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(box, flags, vote.title)
        painter.drawText(box, flags, vote.title)
        top += min(used.height(), box.height()) + unit * 2
        footer_h = unit * 6 if self.footer else 0.0
        bottom = h - margin - footer_h
        if vote.revealed:
            self._chart(painter, vote, QRectF(margin, top, w - 2 * margin, bottom - top), unit)
        else:
            self._count(painter, vote, QRectF(margin, top, w - 2 * margin, bottom - top), unit)
        if self.footer:
            painter.setFont(_font(unit * 3.4))
            painter.setPen(self.muted)
            painter.drawText(
                QRectF(margin, h - margin - footer_h, w - 2 * margin, footer_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.footer,
            )
        painter.end()

    def _count(self, painter: QPainter, vote: Vote, area: QRectF, unit: float) -> None:
        """Before the reveal: how many have voted (big), what to do, and the options."""
        voted = votes.voted(vote)
        open_ = vote.state is VoteState.OPEN
        painter.setPen(self.ink)
        painter.setFont(_font(unit * 16, bold=True))
        big = QRectF(area.left(), area.top(), area.width(), unit * 20)
        painter.drawText(
            big, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(voted)
        )
        number_w = QFontMetricsF(painter.font()).horizontalAdvance(str(voted))
        painter.setFont(_font(unit * 5.5))
        people = "person has" if voted == 1 else "people have"
        words = f"{people} voted" + ("" if open_ else " · voting has closed")
        rest = QRectF(area.left() + number_w + unit * 3, big.top(), area.width(), big.height())
        painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        y = big.bottom() + unit * 1.5
        if open_:
            painter.setFont(_font(unit * 4.2))
            painter.setPen(self.muted)
            how = (
                f"On your phone: {vote.dots} dot{'s' if vote.dots != 1 else ''} each, "
                "as many on one theme as you like."
            )
            painter.drawText(QRectF(area.left(), y, area.width(), unit * 7), 0, how)
            y += unit * 7.5
        rows = len(vote.options)
        row_h = min(unit * 7.5, (area.bottom() - y) / max(rows, 1))
        columns = 2 if row_h < unit * 4.5 and rows > 1 else 1
        if columns == 2:
            row_h = min(unit * 7.5, (area.bottom() - y) / ((rows + 1) // 2))
        col_w = area.width() / columns
        painter.setFont(_font(max(unit * 2.6, row_h * 0.55)))
        painter.setPen(self.ink)
        per_column = (rows + columns - 1) // columns
        for i, option in enumerate(vote.options):
            col, row = divmod(i, per_column)
            cell = QRectF(area.left() + col * col_w, y + row * row_h, col_w - unit * 2, row_h)
            text = QFontMetricsF(painter.font()).elidedText(
                f"• {option}", Qt.TextElideMode.ElideRight, cell.width()
            )
            painter.drawText(cell, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _chart(self, painter: QPainter, vote: Vote, area: QRectF, unit: float) -> None:
        """After the reveal: a bar per option, most dots first, place and count as numbers."""
        rows = votes.results(vote)
        if not rows:
            return
        most = max(r.total for r in rows) or 1
        row_h = min(unit * 11, area.height() / len(rows))
        size = max(unit * 2.4, row_h * (0.5 if len(rows) <= MOST_ROWS_LARGE else 0.62))
        font = _font(size)
        bold = _font(size, bold=True)
        metrics = QFontMetricsF(font)
        place_w = QFontMetricsF(bold).horizontalAdvance("00.")
        label_w = min(
            area.width() * 0.45,
            max(metrics.horizontalAdvance(r.option) for r in rows) + unit * 2,
        )
        count_w = QFontMetricsF(bold).horizontalAdvance(f"{most:,}") + unit * 3
        bar_left = area.left() + place_w + label_w + unit
        bar_room = max(unit, area.right() - bar_left - count_w)
        thick = row_h * 0.62
        for i, r in enumerate(rows):
            y = area.top() + i * row_h
            middle = QRectF(area.left(), y, area.width(), row_h)
            painter.setPen(self.muted)
            painter.setFont(bold)
            painter.drawText(
                QRectF(area.left(), y, place_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{r.place}.",
            )
            painter.setPen(self.ink)
            painter.setFont(font)
            name = metrics.elidedText(r.option, Qt.TextElideMode.ElideRight, label_w - unit)
            painter.drawText(
                QRectF(area.left() + place_w, y, label_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            length = bar_room * r.total / most
            bar = QRectF(bar_left, middle.center().y() - thick / 2, length, thick)
            painter.fillRect(bar, self.bar)
            painter.setFont(bold)
            painter.drawText(
                QRectF(bar.right() + unit, y, count_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{r.total:,}",
            )


def describe(vote: Vote) -> str:
    """The vote in words, for a screen reader (and the tests)."""
    if not vote.revealed:
        return f"{vote.title}: {votes.voted(vote)} voted"
    return f"{vote.title}: " + "; ".join(
        f"{r.place}. {r.option} {r.total}" for r in votes.results(vote)
    )


def _font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(10, round(pixels)))
    font.setBold(bold)
    return font


def feedback_line(url: str, code: str) -> str:
    """The end screen's line inviting the room to the feedback form on their phones."""
    code = f" · code {code[:3]} {code[3:]}" if code else ""
    # The link on a line of its own: a wrap inside it ("http://" | "192…") reads as two things.
    return f"Your feedback, from your phone, on this room's Wi-Fi:\n{url}#feedback{code}"
