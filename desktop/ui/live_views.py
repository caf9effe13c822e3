"""The live views in the app: feeds the clock's faces to Room Wi-Fi's streams.

`LiveViews` asks the Qt-free `ViewsFeed` (desktop.core.live_views) what changed on every clock
tick and action, and publishes only that to the server's `ViewStreams`. It also carries the
facilitator's backstage messages and "wrap up" for the speaker, the views' links (and new ones,
which close the old links' streams), and how many screens follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.live_views import CLOCK, SPEAKER, ViewsFeed
from desktop.ui.room import Room

if TYPE_CHECKING:
    from desktop.net.views import ViewStreams
    from desktop.ui.wifi import RoomWifi

NAMES = {CLOCK: "clock", SPEAKER: "speaker's timer"}


class LiveViews(QObject):
    """The /clock and /speaker views of the Room's clock, over its Room Wi-Fi."""

    followersChanged = Signal()  # a screen started or stopped following
    linksChanged = Signal()  # a view got a new link

    def __init__(self, room: Room, wifi: RoomWifi) -> None:
        super().__init__(wifi)
        self.room = room
        self.wifi = wifi
        self.feed = ViewsFeed()
        room.changed.connect(self.push)
        wifi.stateChanged.connect(self._wifi_changed)

    def _streams(self) -> ViewStreams | None:
        server = self.wifi.server
        return server.views if server is not None and server.running else None

    def _wifi_changed(self) -> None:
        streams = self._streams()
        if streams is not None:
            streams.on_count = self.followersChanged.emit
            for name, face in self.feed.faces(self.room.view(), self.room.current_event).items():
                streams.publish(name, face)  # a server just started: every face, changed or not
        self.followersChanged.emit()
        self.linksChanged.emit()

    def push(self) -> None:
        """Publish the faces that changed since the last push (nothing while the clock runs
        quietly: the browsers tick the digits themselves)."""
        streams = self._streams()
        changed = self.feed.update(self.room.view(), self.room.current_event)
        if streams is not None:
            for name, face in changed.items():
                streams.publish(name, face)

    # --- what the facilitator does -------------------------------------------------------

    def say_to_speaker(self, text: str) -> None:
        self.feed.say_to_speaker(text)
        self.push()

    def wrap_up(self) -> bool:
        """Flash "wrap up" on the speaker's screen (again: stop it). True when it flashes."""
        view = self.room.view()
        now = view.now if view is not None else 0
        self.feed.wrap_up(now)
        self.push()
        return self.feed.backstage.wrap_up_until > now

    def renew(self, view: str) -> None:
        """A new link for `view`: screens on the old one stop and say the link was replaced."""
        streams = self._streams()
        if streams is not None:
            streams.renew(view)
            self.wifi.keep_now()
            self.linksChanged.emit()

    # --- what the console shows ----------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._streams() is not None

    def url(self, view: str) -> str:
        server = self.wifi.server
        return server.view_url(self.wifi.host, view) if self.running and server else ""

    def followers(self, view: str | None = None) -> int:
        streams = self._streams()
        return streams.count(view) if streams is not None else 0

    def following_words(self) -> str:
        """ "3 screens follow: 2 clocks, 1 speaker's timer"."""
        total = self.followers()
        if not total:
            return "No screen follows the live views yet"
        clocks, speakers = self.followers(CLOCK), self.followers(SPEAKER)
        parts = []
        if clocks:
            parts.append(f"{clocks} clock{'s' if clocks != 1 else ''}")
        if speakers:
            parts.append(f"{speakers} speaker's timer{'s' if speakers != 1 else ''}")
        return f"{total} screen{'s' if total != 1 else ''} follow{'s' if total == 1 else ''}: " + (
            ", ".join(parts)
        )
