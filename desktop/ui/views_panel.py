"""The console's row for the live views: who a message goes to, "wrap up", who follows.

Shown while Room Wi-Fi is on. The message box sends to the room (as before) or to the speaker
only (`send` says whether it took the message); W flashes "wrap up" on the speaker's timer;
"Links…" opens `ViewsDialog` with the clock's link and the speaker's private link as QR codes,
each with a new-link button that closes the old link's screens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.live_views import CLOCK, SPEAKER
from desktop.net.link import qr_png
from desktop.ui.live_views import LiveViews

ROOM, SPEAKER_ONLY = 0, 1


class ViewsPanel(QWidget):
    """Message to the room or the speaker only; wrap up; how many screens follow; links."""

    def __init__(self, views: LiveViews) -> None:
        super().__init__()
        self.views = views
        self.dialog: ViewsDialog | None = None
        self.setAccessibleName("Live views")
        self.to = QComboBox()
        self.to.addItems(("To the room", "To the speaker only"))
        self.to.setAccessibleName("Send the message to the room, or to the speaker only")
        self.to.setToolTip("The speaker's timer shows a speaker-only message; the room never does.")
        # W is the console's command (ui/commands.py: wrap_up), listed on the shortcut sheet.
        self.wrap = QPushButton("Wrap up  (W)")
        self.wrap.setAccessibleName("Flash wrap up on the speaker's timer")
        self.wrap.clicked.connect(self.wrap_up)
        self.following = QLabel("")
        self.following.setAccessibleName("Screens following the live views")
        self.for_speaker = QLabel("")  # what the speaker's timer shows that the room doesn't
        self.for_speaker.setAccessibleName("Message now on the speaker's timer only")
        self.for_speaker.setWordWrap(True)
        links = QPushButton("Live view &links…")
        links.setAccessibleName("Links and QR codes of the clock and the speaker's timer")
        links.clicked.connect(self.show_links)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.to)
        row.addWidget(self.wrap)
        row.addWidget(self.following, stretch=1)
        row.addWidget(links)
        column.addLayout(row)
        column.addWidget(self.for_speaker)
        views.followersChanged.connect(self.refresh)
        views.wifi.stateChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        on = self.views.running
        self.setVisible(on)
        self.wrap.setEnabled(on)
        self.following.setText(self.views.following_words() if on else "")
        if not on:
            self.to.setCurrentIndex(ROOM)
        said = self.views.feed.backstage.message if on else ""
        self.for_speaker.setText(f"Speaker's timer only: “{said}”" if said else "")
        self.for_speaker.setVisible(bool(said))

    def send(self, text: str) -> bool:
        """Send `text` ("" clears) to the speaker if that is the choice: True if it went there
        (the room's message is then left as it is)."""
        if not self.views.running or self.to.currentIndex() != SPEAKER_ONLY:
            return False
        self.views.say_to_speaker(text)
        self.refresh()
        return True

    def wrap_up(self) -> None:
        if self.views.running:
            flashing = self.views.wrap_up()
            self.wrap.setText("Stop wrap up  (W)" if flashing else "Wrap up  (W)")

    def show_links(self) -> None:
        if self.dialog is None:
            self.dialog = ViewsDialog(self.views, self.window())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()


class ViewsDialog(QDialog):
    """The views' links as QR codes: for the facilitator's eyes (the speaker's is private)."""

    def __init__(self, views: LiveViews, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views = views
        self.setWindowTitle("Live views — In the Room")
        self.setAccessibleName("Live views")
        grid = QGridLayout()
        self.links: dict[str, QLabel] = {}
        self.qrs: dict[str, QLabel] = {}
        for column, (view, heading) in enumerate(
            (
                (CLOCK, "The clock, for any screen (also on the join card)"),
                (SPEAKER, "The speaker's timer: private, scan it on the speaker's device"),
            )
        ):
            title = QLabel(heading)
            title.setWordWrap(True)
            qr = QLabel()
            qr.setAccessibleName(f"QR code of the {view} link")
            link = QLabel("")
            link.setWordWrap(True)
            link.setAccessibleName(f"The {view} link")
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            renew = QPushButton("New link (the old one stops)")
            renew.setAccessibleName(f"New {view} link; screens on the old one stop")
            renew.clicked.connect(lambda _=False, v=view: self.views.renew(v))
            grid.addWidget(title, 0, column)
            grid.addWidget(qr, 1, column, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(link, 2, column)
            grid.addWidget(renew, 3, column)
            self.links[view], self.qrs[view] = link, qr
        self.following = QLabel("")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.following)
        views.linksChanged.connect(self.refresh)
        views.followersChanged.connect(self.refresh)

    def refresh(self) -> None:
        for view, link in self.links.items():
            url = self.views.url(view)
            link.setText(url or "Room Wi-Fi is off.")
            pixmap = QPixmap()
            if url:
                pixmap.loadFromData(qr_png(url, scale=5))
            self.qrs[view].setPixmap(pixmap)
        self.following.setText(self.views.following_words() if self.views.running else "")
