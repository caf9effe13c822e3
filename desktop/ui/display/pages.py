"""The room display's pages that cover the clock: the holding screen (blank), the spotlight on a
note or a theme, and the join card (how to send from a phone). The clock and the tables are in
window.py; the dot-vote in desktop/ui/vote_view.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.clock import ClockView
from desktop.core.model import Event, NoteKind
from desktop.core.notes import KIND_LABELS
from desktop.ui.display.parts import footer_line, label
from desktop.ui.display.sizing import set_share

if TYPE_CHECKING:
    from desktop.ui.wifi import RoomWifi


class HoldingPage(QWidget):
    """The blank screen: the event's title and its theme, nothing that moves."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Holding screen")
        self.title = label("Event title", wrap=True, centre=True)
        self.words = label("Holding screen", wrap=True, centre=True)
        holding = QVBoxLayout(self)
        self._holding = holding
        holding.addStretch(1)
        holding.addWidget(self.title)
        holding.addWidget(self.words)
        holding.addStretch(1)

    def set_sizes(self, one: float, margin: int) -> None:
        """Sizes for `one` pixels a unit (see sizing.py)."""
        self._holding.setContentsMargins(margin * 3, margin, margin * 3, margin)
        set_share(self.title, one, 8.0, bold=True)
        set_share(self.words, one, 4.6, bold=False)


class SpotlightPage(QWidget):
    """A note, or a theme with its notes, large; the segment's time below."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Spotlight")
        self.heading = label("Spotlight heading", wrap=True)
        self.text = label("In the spotlight", wrap=True)
        self.footer = label("Time left, while the spotlight is on", wrap=True)
        spotlight = QVBoxLayout(self)
        self._spotlight = spotlight
        spotlight.addWidget(self.heading)
        spotlight.addStretch(1)
        spotlight.addWidget(self.text)
        spotlight.addStretch(1)
        spotlight.addWidget(self.footer)

    def set_sizes(self, one: float, margin: int) -> None:
        self._spotlight.setContentsMargins(margin * 2, margin, margin * 2, margin)
        set_share(self.heading, one, 5.0, bold=True)
        set_share(self.footer, one, 3.8, bold=False)

    def show_spotlight(self, view: ClockView, event: Event, one: float) -> str | None:
        """Show what `view` spotlights, its text sized from `one` pixels a unit; its heading, or
        None (and nothing shown) if it names nothing we have."""
        assert view.spotlight is not None
        what, key = view.spotlight
        if what == "note":
            note = next((n for n in event.notes if n.id == key), None)
            if note is None:
                return None
            who = event.contributor(note.contributor) if note.contributor else None
            heading = who.name if who else (note.group or KIND_LABELS[note.kind])
            if note.theme:
                heading += f" · {note.theme}"
            text = f"“{note.text}”" if note.kind is NoteKind.QUOTE else note.text
        else:
            notes = [n for n in event.notes if n.theme == key]
            if not notes:
                return None
            heading = key
            text = "\n".join(f"• {n.text}" + (f" ({n.group})" if n.group else "") for n in notes)
        self.heading.setText(heading)
        self.text.setText(text)
        # Long text gets smaller, never below what the back of a room can read.
        share = max(3.6, min(7.0, 7.0 * (260 / max(len(text), 1)) ** 0.5))
        font = QFont(self.text.font())
        font.setPixelSize(max(12, round(one * share)))
        self.text.setFont(font)
        self.footer.setText(footer_line(view))
        return heading


class JoinCard(QWidget):
    """How to send from a phone: the QR code, large enough to scan from the tables, the link
    and the join code; the room's clock for another screen; the segment's time below."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Join from your phone")
        self.heading = label("Join from your phone", wrap=True, centre=True)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code to join from a phone")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.link = label("Link to open on a phone", wrap=True, centre=True)
        self.code = label("Join code", centre=True)
        self.views = label("Live views to follow on another screen", wrap=True, centre=True)
        self.footer = label("Time left, while the join card is up", wrap=True, centre=True)
        joining = QVBoxLayout(self)
        self._joining = joining
        joining.addWidget(self.heading)
        joining.addWidget(self.qr, 1)
        joining.addWidget(self.link)
        joining.addWidget(self.code)
        joining.addWidget(self.views)
        joining.addWidget(self.footer)

    def set_sizes(self, one: float, margin: int) -> None:
        self._joining.setContentsMargins(margin * 2, margin, margin * 2, margin)
        set_share(self.heading, one, 5.5, bold=True)
        set_share(self.link, one, 3.6, bold=False)
        set_share(self.code, one, 7.0, bold=True)
        set_share(self.footer, one, 3.4, bold=False)
        set_share(self.views, one, 3.0, bold=False)

    def show_join(self, wifi: RoomWifi, view: ClockView | None, side: int) -> None:
        """Show how to join `wifi`, the code `side` pixels square at most."""
        self.heading.setText("Send your table's share-back from your phone")
        self.link.setText(f"On this room's Wi-Fi, open  {wifi.typed_url}")
        code = wifi.join_code
        self.code.setText(f"Join code  {code[:3]} {code[3:]}")
        # The room's clock on any screen; the speaker's timer stays private (its QR is on the
        # console, never on the projector).
        clock = wifi.views.url("clock")
        self.views.setText(f"The clock on another screen:  {clock}" if clock else "")
        self.views.setVisible(bool(clock))
        pixmap = QPixmap()
        pixmap.loadFromData(wifi.qr(border=2))
        self.qr.setPixmap(
            pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
            if not pixmap.isNull()
            else QPixmap()
        )
        self.footer.setText(footer_line(view))
