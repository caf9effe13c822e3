"""The room display's window: the pages it shows (the clock, with the tables beside it around a
breakout; the holding screen; the spotlight; the join card; the dot-vote), the colours of the
theme and the warnings, and every size from the window's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLayout, QStackedLayout, QWidget

from desktop.core.clock import ClockView, Status
from desktop.core.model import Event
from desktop.core.room_face import StateLook
from desktop.ui.display.clock_page import ClockPage, warning_look
from desktop.ui.display.pages import HoldingPage, JoinCard, SpotlightPage
from desktop.ui.display.parts import footer_line
from desktop.ui.display.sizing import unit
from desktop.ui.palette import THEMES, Palette
from desktop.ui.preferences import Preferences
from desktop.ui.room import Room
from desktop.ui.vote_view import VoteView, feedback_line

if TYPE_CHECKING:
    from desktop.ui.votes import VoteKeeper
    from desktop.ui.wifi import RoomWifi


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
        # The keys are Preferences' (ui/preferences.py), which the Settings dialog edits too.
        self.prefs = Preferences(settings) if settings is not None else None
        if self.prefs is not None:
            self.theme = self.prefs.theme
            if not self.prefs.settings.contains("display/flash"):  # the pulse is on unless off
                self.prefs.flash = True
            self.flash = self.prefs.flash
            self.quiet = self.prefs.quiet
        self.palette_ = THEMES.get(self.theme, THEMES["light"])
        self._painted: tuple[object, ...] = ()

        # The clock page (clock_page.py) and its parts, by the names the console and tests read.
        self.clock_page = ClockPage(self)
        c = self.clock_page
        self.event_label, self.kind_label = c.event_label, c.kind_label
        self.time_label, self.title_label = c.time_label, c.title_label
        self.speaker_label = c.speaker_label
        self.clock_label, self.state_label, self.bar = c.clock_label, c.state_label, c.bar
        self.round_label, self.segment_clock = c.round_label, c.segment_clock
        self.prompt_label, self.message_label = c.prompt_label, c.message_label
        self.next_label, self.side, self.table_plan = c.next_label, c.side, c.table_plan
        self.tables = c.table_plan.tables
        self.plan_heading, self.plan_page = c.table_plan.heading, c.table_plan.page_number

        # The pages that cover the clock (pages.py); their labels by the names tests read.
        self.holding = HoldingPage()
        self.blank_title, self.blank_words = self.holding.title, self.holding.words
        self.spotlight = SpotlightPage()
        self.spot_heading = self.spotlight.heading
        self.spot_text, self.spot_footer = self.spotlight.text, self.spotlight.footer
        self.join_card = JoinCard()
        self.join_qr, self.join_link = self.join_card.qr, self.join_card.link
        self.join_code, self.join_views = self.join_card.code, self.join_card.views

        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.clock_page)
        self.pages.addWidget(self.holding)
        self.pages.addWidget(self.spotlight)
        self.pages.addWidget(self.join_card)
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
        if self.prefs is not None:
            self.prefs.theme = self.theme
        self.refresh()

    def set_flash(self, on: bool) -> None:
        self.flash = on
        if self.prefs is not None:
            self.prefs.flash = on
        self.refresh()

    def set_quiet(self, on: bool) -> None:
        """Tone the warnings down: the pill and bar change, the screen keeps its colour."""
        self.quiet = on
        if self.prefs is not None:
            self.prefs.quiet = on
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
        if self.prefs is not None:  # the Settings dialog may have toned the warnings down
            self.quiet = self.prefs.quiet
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
        look = warning_look(view, self.flash)
        said = self.clock_page.show_view(view, event, look, self.quiet, self.palette_)
        if view.status is Status.FINISHED and self.wifi.running:  # the feedback form (15.3)
            self.clock_page.show_footnote(feedback_line(self.wifi.typed_url, self.wifi.join_code))
        self._paint(self.palette_.background, None if self.quiet else look)
        self.setAccessibleDescription(said)

    # ------------------------------------------------------------------ the other pages

    def _show_join(self, view: ClockView | None) -> None:
        """The join card: how to send from a phone, large enough to scan from the tables."""
        self.pages.setCurrentIndex(3)
        self._paint(self.palette_.background)
        # Issue 15: the code itself (its dark modules) at least 40% of the screen's height.
        side = round(min(self.height() * 0.5, self.width() * 0.6))
        self.join_card.show_join(self.wifi, view, side)

    def _show_vote(self, view: ClockView | None) -> None:
        """The dot-vote: how many have voted, or the results as bars once revealed."""
        self.pages.setCurrentIndex(4)
        self._paint(self.palette_.background)
        p = self.palette_
        self.vote_view.set_colours(p.text, p.muted, p.panel, self.theme)
        self.vote_view.show_vote(self.votes.current(), footer_line(view))
        self.setAccessibleDescription(self.vote_view.accessibleDescription())

    def _show_spotlight(self, view: ClockView, event: Event) -> bool:
        """The spotlit note, or a theme with its notes; False if it names nothing we have."""
        one = min(self.height(), self.width() * 0.75) / 100
        heading = self.spotlight.show_spotlight(view, event, one)
        if heading is None:
            return False
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
        key = (p, background, ink, muted, self.clock_page.pill_radius, self.clock_page.pill_pad)
        if key == self._painted:
            return
        self._painted = key
        self.setStyleSheet(
            f"RoomDisplay {{ background:{background}; }}"
            f"QLabel {{ color:{ink}; background:transparent; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank_words.setStyleSheet(f"color:{muted};")
        self.spot_footer.setStyleSheet(f"color:{muted};")
        self.clock_page.set_colours(p, ink, muted)

    # ------------------------------------------------------------------ sizes

    def _apply_sizes(self) -> None:
        """Every size is a share of the window height, the digits also fitted to its width."""
        one = unit(self.width(), self.height())  # one hundredth of the usable height
        margin = round(one * 2.5)
        self.holding.set_sizes(one, margin)
        self.spotlight.set_sizes(one, margin)
        self.join_card.set_sizes(one, margin)
        self.clock_page.set_sizes(one, margin)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_sizes()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape leaves full screen (the console's F toggles it too)."""
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
