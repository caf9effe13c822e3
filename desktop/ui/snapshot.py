"""Render the console or the room display to a PNG without a screen: `intheroom snapshot`.

For the README's pictures, for visual checks, and for an organiser who wants to see the room
display before the day. A file with a run log shows where it stands now; `segment` shows that
segment a third of the way through, as if the event had run to time until then.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from desktop.core.clock import Entry, anchor
from desktop.core.model import Event

VIEWS = ("console", "display")


def staged_log(event: Event, segment: int, now: float) -> tuple[list[Entry], float]:
    """A run log that reaches `segment` (0-based) on time, and the moment to show it at."""
    start_ms, _ = anchor(event, round(now * 1000))
    start = start_ms / 1000 if start_ms is not None else now
    log: list[Entry] = [{"t": start, "do": "start"}]
    began = start
    for done in event.agenda[:segment]:
        began += done.minutes * 60
        log.append({"t": began, "do": "next"})
    return log, began + event.agenda[segment].minutes * 60 / 3


def quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's note about size hints, which says nothing to a user."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def render(
    event: Event,
    log: list[Entry],
    *,
    view: str,
    size: tuple[int, int],
    now: float,
    theme: str = "light",
) -> bytes:
    """The PNG bytes of one view of the event at `now`."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.ui.console import ConsoleWindow
    from desktop.ui.display import RoomDisplay
    from desktop.ui.room import Room
    from desktop.ui.sound import Chimes

    quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as folder:
        # The user's own settings are neither read nor changed by a snapshot.
        settings = QSettings(str(Path(folder) / "snapshot.ini"), QSettings.Format.IniFormat)
        settings.setValue("display/theme", theme)
        room = Room(clock=lambda: now)
        room.load(event, log)
        widget = (
            ConsoleWindow(room=room, settings=settings, chimes=Chimes(muted=True))
            if view == "console"
            else RoomDisplay(room, settings)
        )
        widget.resize(*size)
        widget.show()
        widget.resize(*size)
        app.processEvents()
        image = widget.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        widget.close()
        if isinstance(widget, ConsoleWindow):
            widget.display.close()
        room.unload()
        return bytes(data.data())
