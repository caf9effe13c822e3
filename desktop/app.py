"""Composition root: builds the Qt application, every service and the windows, and runs the loop.

The services (the room, the settings, the chimes, the hand-off server, the room display, Room
Wi-Fi) are built here, in `build_console`, and handed to the windows: no window builds or looks
up its own. The tests and `intheroom snapshot` build the console through the same function.
One asyncio loop (qasync) drives the app, so the services run beside the widgets without threads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.paths import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.clock import Entry
    from desktop.core.model import Event
    from desktop.store.eventfile import EventFile
    from desktop.ui.console import ConsoleWindow

UI_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


def responsive_threads() -> None:
    """Let the UI thread win the GIL back from a busy worker (a PDF build) within 1 ms.

    With Python's default 5 ms, each of the several times a clock tick re-enters Python can
    wait that long: `make bench` measured the room display's digits changing ~30 ms late and
    the loop stalling ~60 ms under a busy worker; at 1 ms, ~15 ms for both.
    """
    sys.setswitchinterval(UI_SWITCH_INTERVAL)


def build_console(
    *,
    settings: QSettings | None = None,
    clock: Callable[[], float] | None = None,
    opener: Callable[[Path], EventFile] | None = None,
    muted: bool = False,
    after_first_paint: bool = False,
) -> ConsoleWindow:
    """The facilitator console with every service it uses, each built once here and handed in.

    `settings` defaults to the user's own; `clock` (seconds, like time.time) to the wall clock;
    `opener` to EventFile.open. `muted` chimes make no sound (a snapshot, a benchmark).
    `after_first_paint` leaves what the first frame doesn't need, the notes pane and answering
    another start of the app (the hand-off), to `ConsoleWindow.finish_start()` (see `run_gui`).
    """
    import time

    from PySide6.QtCore import QSettings

    from desktop.store.eventfile import EventFile
    from desktop.ui.console import ConsoleWindow
    from desktop.ui.display import RoomDisplay
    from desktop.ui.handoff import HandoffServer
    from desktop.ui.room import Room
    from desktop.ui.sound import Chimes
    from desktop.ui.votes import VoteKeeper
    from desktop.ui.wifi import RoomWifi

    settings = settings if settings is not None else QSettings(APP_NAME, APP_NAME)
    room = Room(clock=clock or time.time)
    votes = VoteKeeper(room)  # dot-votes and feedback forms, from phones or typed in
    wifi = RoomWifi(room, votes=votes)  # off until switched on: aiohttp loads then, not here
    return ConsoleWindow(
        room=room,
        settings=settings,
        chimes=Chimes(muted=muted),
        handoff=HandoffServer(paused=after_first_paint),
        display=RoomDisplay(room, settings, wifi=wifi, votes=votes),
        wifi=wifi,
        votes=votes,
        opener=opener or EventFile.open,
        notes_later=after_first_paint,
    )


def run_gui(path: Path | None = None, *, capture: bool = False) -> int:
    """Open the main window (on `path` if given) and run until it closes.

    With `capture`, a capture window alone. If another app already has `path` open, it is
    asked to show itself (or a capture window) instead, and this one ends at once.

    The console is on screen, its clock and agenda painted, before the notes pane is built
    and before the hand-off's sockets, asyncio and qasync load: together about a fifth of the
    wait at start-up (`make bench`, bench_first_paint). No key is read until all of it is in
    place.
    """
    if problem := _no_display():
        from desktop.store.errors import StoreError

        raise StoreError(problem)
    import gc

    collecting = gc.isenabled()
    # The UI thread's collector (ui/collector.py) takes over once the app exists. Until then,
    # start-up's imports and widgets make no garbage worth Python's automatic collections,
    # which ran some twenty times over the growing heap: ~10 ms of the first paint (make bench).
    gc.disable()
    _start_logging()  # first: a failure from here on is in the log
    _load_before_qt()
    from PySide6.QtWidgets import QApplication

    from desktop.store.eventfile import EventFile
    from desktop.ui.console import ConsoleWindow

    responsive_threads()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    from desktop.ui.collector import collect_on_ui_thread

    collect_on_ui_thread(app, was_enabled=collecting)

    if path is not None and _handed_over(path, "capture" if capture else "open"):
        what = "a capture window" if capture else "its window"
        print(f"{path.name} is open in In the Room already: it has brought up {what}.")
        return 0
    if capture and path is not None:
        from desktop.ui.capture import CaptureWindow
        from desktop.ui.room import Room
        from desktop.ui.wifi import RoomWifi

        room = Room()
        room.load_file(EventFile.open(path))
        window: QWidget = CaptureWindow(room, wifi=RoomWifi(room), owns_file=True)
    else:
        console = build_console(opener=EventFile.open, after_first_paint=True)
        if path is not None:
            console.open_path(path)
        window = console
    _save_on_crash(window)
    _quit_cleanly_on_signals(app, window)
    _show_painted(window)
    if not window.isVisible():
        return 0  # closed as it appeared (a signal, its close button): the app has quit
    if isinstance(window, ConsoleWindow):
        window.finish_start()  # all in place before any key is read
    from desktop.net.guard import raise_descriptor_limit

    raise_descriptor_limit()  # so a crowd of phones can never leave no descriptor for saving
    if isinstance(window, ConsoleWindow):
        from desktop.ui.dialogs.welcome import welcome_at_start

        welcome_at_start(window)  # no file open: the demo, a template, a file, a recent one
    return _run_loop(app)


# The Qt-free modules (core, store, net) the console's own modules import. PySide6 hooks every
# import made after it (for its `__feature__` switches it reads each new module's source), and
# loading these after Qt made the first paint ~9 ms later (`make bench`). tests/gui/
# test_startup.py fails when a Qt-free module is first imported after Qt at start-up.
QT_FREE_AT_START = (
    "desktop.core.clock",
    "desktop.core.live_views",
    "desktop.core.notes",
    "desktop.core.room_face",
    "desktop.core.table_layout",
    "desktop.core.votes",
    "desktop.net.inbox",
    "desktop.net.link",
    "desktop.store.eventfile",
    "desktop.store.vote_desk",
    "desktop.store.wifi_state",
)


def _load_before_qt() -> None:
    import importlib

    for name in QT_FREE_AT_START:
        importlib.import_module(name)


STARTING_APP_S = 3.0  # how long a start keeps asking an app here that is itself starting


def _handed_over(path: Path, what: str) -> bool:
    """Whether another app has `path` open and took the request (`what`) to show it.

    An app answers from when its window is painted (`finish_start`): while a live app on this
    computer holds the file, a start made in that moment (a double double-click) keeps asking
    for STARTING_APP_S rather than open the file a second time.
    """
    import time

    from desktop.store.lock import held_here, may_be_open

    if not may_be_open(path):
        return False  # nobody has it: QtNetwork need not load before the window
    from desktop.ui.handoff import request

    deadline = time.monotonic() + (STARTING_APP_S if held_here(path) else 0.0)
    while not request(path, what):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


FIRST_PAINT_WAIT_MS = 1000  # a window that is never exposed (minimised at start) waits no longer


def _show_painted(window: QWidget) -> None:
    """Show `window` and let Qt put it on screen before the rest of start-up runs.

    Only Qt's own events are handled meanwhile (a quit signal too): a key pressed now waits in
    the queue for the app's loop, so no command runs before it does. Returns at the window's
    first paint, or after FIRST_PAINT_WAIT_MS when the platform never exposes it.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    waiting = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, waiting.quit)  # after this paint is done
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)  # before show(): a platform may paint within it
    window.show()
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, waiting.quit)
    waiting.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    window.removeEventFilter(watcher)


def _run_loop(app: QApplication) -> int:
    """Run the app's one asyncio loop (qasync, on Qt's) until the app quits."""
    import asyncio

    import qasync

    async def until_quit() -> None:
        quitting = asyncio.Event()
        app.aboutToQuit.connect(quitting.set)
        await quitting.wait()

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(until_quit())
    return 0


def _start_logging() -> None:
    """The rotating log in the data folder, and every uncaught exception written to it.

    A log that can't be opened (a read-only data folder) must not stop the app.
    """
    from desktop.logs import log_uncaught_exceptions, setup_logging

    try:
        setup_logging()
    except OSError as exc:
        logging.getLogger(__name__).warning("No log file: %s", exc)
    log_uncaught_exceptions()


def _no_display() -> str:
    """Why the app can't show a window here ("" when it can), instead of Qt's abort."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "There is no screen to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Run it from a desktop session, or on a server try: xvfb-run -a intheroom demo. "
        "The sub-commands (intheroom --help) work without a screen."
    )


def _save_on_crash(window: object) -> None:
    """On an unexpected error, try to save what is open before reporting it."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        room = getattr(window, "room", None)
        if room is not None:
            with contextlib.suppress(Exception):
                room.save()
        previous(kind, value, tb)

    sys.excepthook = hook


# SIGTERM: shutdown, kill, a service manager. SIGHUP: logout, a closed terminal. SIGINT: Ctrl+C
# in the terminal that started it. Windows sends none of these to a GUI app: a log-off or
# shutdown there reaches Qt as commitDataRequest, handled the same way.
QUIT_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")
_KEPT_ALIVE: list[object] = []  # the wake-up sockets and their notifier live as long as the app


def _quit_cleanly_on_signals(app: QApplication, window: QWidget) -> None:
    """Quit as if closed, asking nothing: drafts and the file saved, the lock given back.

    Python runs a signal handler only when the interpreter next runs; while Qt's loop waits
    in C, that could be never. The signal writes a byte to a socket Qt watches (set_wakeup_fd),
    which wakes the loop at once so the handler runs.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    def shut_down() -> None:
        stop = getattr(window, "shut_down", None)
        if callable(stop):
            stop()
        app.quit()

    def on_signal(*_args: object) -> None:
        # The handler may run in the middle of any Python code, a key press's handler included:
        # closing windows there pulls them from under it. Do it from the loop, next turn.
        QTimer.singleShot(0, shut_down)

    app.commitDataRequest.connect(lambda _manager: _save_now(window))
    reader: socket.socket | None
    writer: socket.socket | None
    try:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno())
    except (OSError, ValueError):  # not the main thread, or no socketpair: handlers alone
        reader = writer = None
    if reader is not None:
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

        def drain() -> None:
            with contextlib.suppress(OSError):
                reader.recv(64)

        notifier.activated.connect(drain)
        _KEPT_ALIVE.extend((reader, writer, notifier))
    for name in QUIT_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(number, on_signal)


def _save_now(window: QWidget) -> None:
    """The session is ending (Windows log-off, a desktop logout): put everything on disk."""
    room = getattr(window, "room", None)
    for panel in (getattr(window, "capture", None), getattr(window, "panel", None)):
        if panel is not None:
            panel.flush()
    if room is not None:
        room.save()


# ------------------------------------------------------------------ snapshots (no screen needed)


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's note about size hints, which says nothing to a user."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def snapshot_png(
    event: Event,
    log: list[Entry],
    *,
    view: str,
    size: tuple[int, int],
    now: float,
    theme: str = "light",
) -> bytes:
    """The PNG bytes of one view ("console" or "display") of the event at `now`, for
    `intheroom snapshot`: built as the app builds it, on settings of its own."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.ui.console import ConsoleWindow
    from desktop.ui.display import RoomDisplay
    from desktop.ui.room import Room
    from desktop.ui.wifi import RoomWifi

    _quiet_offscreen_warnings()
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
