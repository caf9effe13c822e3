"""Render the console or the room display to a PNG without a screen: `intheroom snapshot`.

For the README's pictures, for visual checks, and for an organiser who wants to see the room
display before the day. A file with a run log shows where it stands now; `segment` shows that
segment a third of the way through (or with `left` to go), as if the event had run to time
until then; `at` shows the room before the start or after the end.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from desktop.core.clock import Entry, anchor
from desktop.core.model import Event
from desktop.core.timetable import parse_clock

VIEWS = ("console", "display")


def staged_log(
    event: Event, segment: int, now: float, left: float | None = None
) -> tuple[list[Entry], float]:
    """A run log that reaches `segment` (0-based) on time, and the moment to show it at: a
    third of the way through, or with `left` seconds to go (negative: that much over)."""
    start_ms, _ = anchor(event, round(now * 1000))
    start = start_ms / 1000 if start_ms is not None else now
    log: list[Entry] = [{"t": start, "do": "start"}]
    began = start
    for done in event.agenda[:segment]:
        began += done.minutes * 60
        log.append({"t": began, "do": "next"})
    length = event.agenda[segment].minutes * 60
    return log, began + (length / 3 if left is None else length - left)


BEFORE_S = 12 * 60  # `--at before` shows the room this long before the start


def staged_moment(event: Event, at: str, now: float) -> tuple[list[Entry], float]:
    """`--at before`: no run yet, BEFORE_S before today's start time (or now, without one);
    `--at end`: the whole agenda run to time and finished, a minute after."""
    if at == "before":
        start = parse_clock(event.start)
        if start is None:
            return [], now
        day = dt.datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return [], (day + dt.timedelta(minutes=start)).timestamp() - BEFORE_S
    log, _ = staged_log(event, 0, now)
    finish = log[0]["t"] + sum(s.minutes * 60 for s in event.agenda)
    log.append({"t": finish, "do": "finish"})
    return log, finish + 60


def parse_left(value: str) -> float:
    """ "4:30" is four and a half minutes left; "-1:20" is 1:20 over time; "1:05:00" too."""
    text = value.strip()
    sign = -1 if text.startswith("-") else 1
    parts = text.lstrip("+-").split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or int(parts[-1]) > 59:
        raise ValueError(f"expected M:SS like 4:30 (or -1:20 for 1:20 over), got {value!r}")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return float(sign * seconds)


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

    from desktop.app import build_console
    from desktop.ui.console import ConsoleWindow
    from desktop.ui.display import RoomDisplay
    from desktop.ui.room import Room
    from desktop.ui.wifi import RoomWifi

    quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as folder:
        # The user's own settings are neither read nor changed by a snapshot.
        settings = QSettings(str(Path(folder) / "snapshot.ini"), QSettings.Format.IniFormat)
        settings.setValue("display/theme", theme)
        widget: ConsoleWindow | RoomDisplay
        if view == "console":
            widget = build_console(settings=settings, clock=lambda: now, muted=True)
            room = widget.room
        else:
            room = Room(clock=lambda: now)
            widget = RoomDisplay(room, settings, wifi=RoomWifi(room))
        room.load(event, log, read_only_copy=True)  # its notes are in the file: no ✖ marks
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
