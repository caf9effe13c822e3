"""The app's log file (rotating, in the user's data folder) and diagnostics for a support e-mail.

What goes in the log is about the app, never about the event: no note text, no titles, no
names. As a second guard, e-mail addresses, the home folder and event file names are scrubbed
when a line is written and again when the diagnostics are put together. No Qt here: the
diagnostics ask for Qt's version only if Qt is already loaded.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import re
import sys
import threading
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from desktop import __version__
from desktop.paths import APP_NAME, data_dir

LOG_NAME = "intheroom.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
TAIL_LINES = 100
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# An event file's name is usually its title: NAME.room (and its backups, locks, drafts). A name
# may have spaces, so it is taken back to the nearest path separator, quote, colon or verb
# before it ("Could not save Team day.room: disk full" keeps "Could not save").
ROOM_SUFFIX = re.compile(r"\.room\b")
NAME_START = re.compile(
    r"[/\\'\"“‘(\[]|[:;,] |\b(?:save|write|read|open|create|copy|of|at|from|to|in|as) ",
    re.IGNORECASE,
)
HIDDEN = "<event>"
MAX_WORDS = 8  # a longer "name" is a sentence: only its last word is taken
MODULE = re.compile(r"\bdesktop(?:\.\w+)*$")

log = logging.getLogger(__name__)


def log_file() -> Path:
    """Where the log is written: `logs/intheroom.log` in the user's data folder."""
    return data_dir() / "logs" / LOG_NAME


def scrub(text: str) -> str:
    """The text without e-mail addresses, the home folder (it holds the user's name) or event
    file names."""
    text = EMAIL.sub("<e-mail>", text)
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    return _hide_room_names(text)


def _hide_room_names(text: str) -> str:
    parts = []
    done = after = 0  # copied up to `done`; the last name hidden ended at `after`
    for suffix in ROOM_SUFFIX.finditer(text):
        line = text.rfind("\n", 0, suffix.start()) + 1
        start = max(after, line)
        before = text[start : suffix.start()]
        if not before.strip() or before[-1].isspace() or before.endswith(HIDDEN):
            continue  # nothing named, or scrubbed before
        if MODULE.search(before):
            continue  # a module's name (desktop.ui.room)
        boundaries = [b.end() for b in NAME_START.finditer(text, start, suffix.start())]
        if not boundaries and start == line and line >= after:
            boundaries = [line]  # the line starts with the name
        if boundaries and len(text[boundaries[-1] : suffix.start()].split()) <= MAX_WORDS:
            name = boundaries[-1]
        else:  # no clear start, or a whole sentence: back to the last space
            name = start + len(before) - len(before.split()[-1])
        parts += [text[done:name], HIDDEN]
        done, after = suffix.start(), suffix.end()
    parts.append(text[done:])
    return "".join(parts)


class ScrubbingFormatter(logging.Formatter):
    """Formats a record (traceback included) and scrubs it before it reaches the file."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def setup_logging(
    path: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
    level: int = logging.INFO,
) -> Path:
    """Send the root logger to a rotating file (`max_bytes` × `backups` kept); returns its path.

    Calling it again replaces the file handler it made before, so it is safe to call twice.
    """
    path = path or log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    stop_logging()
    root = logging.getLogger()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handler.intheroom = True  # type: ignore[attr-defined]
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # One line per phone request would fill the log, and each names the room Wi-Fi's secret
    # link and a phone's address: only the access log's problems are kept.
    logging.getLogger("aiohttp.access").setLevel(max(level, logging.WARNING))
    # Not platform.platform(): it reads the Python binary for the C library's version and
    # costs ~6 ms of the wait before the window; the diagnostics report gives it in full.
    log.info(
        "%s %s starting (Python %s, %s %s %s)",
        APP_NAME,
        __version__,
        platform.python_version(),
        platform.system(),
        platform.release(),
        platform.machine(),
    )
    return path


def stop_logging() -> None:
    """Close the log file and take its handler off the root logger."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "intheroom", False)]:
        root.removeHandler(old)
        old.close()


def current_log_file() -> Path:
    """The file the log goes to now, or where it would go."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "intheroom", False) and isinstance(
            handler, logging.handlers.RotatingFileHandler
        ):
            return Path(handler.baseFilename)
    return log_file()


def log_uncaught_exceptions() -> None:
    """Write every uncaught exception (UI thread or worker thread) to the log, then carry on
    to the hook that was there before (which reports it, or saves first)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("Uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = hook
    previous_thread = threading.excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            log.critical(
                "Uncaught exception in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        previous_thread(args)

    threading.excepthook = thread_hook


def tail(path: Path, lines: int = TAIL_LINES) -> list[str]:
    """The last `lines` lines of the log, reaching into the rotated files when the current one
    is short."""
    kept: deque[str] = deque(maxlen=lines)
    files = [path.with_name(f"{path.name}.{n}") for n in range(BACKUPS, 0, -1)] + [path]
    for file in files:
        try:
            with file.open(encoding="utf-8", errors="replace") as stream:
                kept.extend(line.rstrip("\n") for line in stream)
        except OSError:
            continue
    return list(kept)


def versions() -> list[tuple[str, str]]:
    """What runs here: the app, Python, Qt and PySide6 (when loaded), the operating system."""
    found = [
        (APP_NAME, __version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
    ]
    qt_core = sys.modules.get("PySide6.QtCore")
    pyside = sys.modules.get("PySide6")
    if qt_core is not None and pyside is not None:
        found.append(("Qt", str(qt_core.qVersion())))
        found.append(("PySide6", str(getattr(pyside, "__version__", "?"))))
    else:
        found.append(("Qt", "not loaded"))
    found.append(("OS", platform.platform()))
    found.append(("Build", "installed app" if getattr(sys, "frozen", False) else "from source"))
    return found


def diagnostics(path: Path | None = None, lines: int = TAIL_LINES) -> str:
    """A report for a support e-mail: versions and the log's last lines, with no personal data."""
    path = path or current_log_file()
    rows: Iterable[str] = tail(path, lines)
    parts = [f"{APP_NAME} diagnostics", ""]
    parts += [f"{name}: {value}" for name, value in versions()]
    parts += ["", f"Last {lines} lines of the log ({scrub(str(path))}):"]
    body = [scrub(row) for row in rows]
    parts += body or ["(the log is empty)"]
    return "\n".join(parts) + "\n"
