"""Event documents (JSON) read from and written to files, and the other files made for people.

The one place where an event document meets the disk: the command line (`validate`, `export`,
`import`, `tables`, `handout`, `snapshot`) and the windows (File ▸ Export / Import) call these.
`core/document.py` checks and encodes (no I/O); `store/atomic.py` writes crash-safely. A `.room`
file is read through `store/recovery.py` as before, so "any event" means either kind.

Errors are StoreError with a message a person can act on (no file, a folder, unreadable, can't be
written and why); a document that breaks the contract raises `document.DocumentError` listing
every problem by its place. Nothing here raises a bare OSError.
"""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path
from typing import Any

from desktop.core import document
from desktop.core.model import Event
from desktop.store.atomic import write_atomic
from desktop.store.errors import StoreError, describe_os_error
from desktop.store.recovery import read_event, read_room

ROOM_SUFFIX = ".room"
VIEWER_FOLDER = "intheroom-handouts"  # under the system's temp folder: copies for a PDF viewer


class WriteError(StoreError):
    """A file could not be written; `reason` says why in words, with the likely fix."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Could not write {path}: {reason}.")
        self.path = path
        self.reason = reason


# ----------------------------------------------------------------------------- reading


def read_document(path: Path) -> Event:
    """The event in an event document (JSON), checked against the contract.

    StoreError when the file can't be read; `document.DocumentError` (every problem by its
    place) when it is not a valid event document.
    """
    if path.is_dir():  # Windows says "permission denied" for a folder: say what it is
        raise StoreError(f"{path} is a folder, not an event document.")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no file at {path}. Check the name and folder.") from None
    except OSError as exc:
        raise StoreError(f"Could not read {path}: {_why_unreadable(exc)}.") from None
    return document.decode(data)


def _why_unreadable(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "you may not read it — ask for access, or copy it to a folder of your own"
    if exc.errno == errno.EIO:
        return "the drive could not be read — was the USB stick removed? Put it back"
    return describe_os_error(exc)


def read_any(path: Path) -> Event:
    """The event from a `.room` file (read only: no lock, no recovery) or an event document."""
    if path.suffix == ROOM_SUFFIX:
        return read_event(path)
    return read_document(path)


def read_any_with_log(path: Path) -> tuple[Event, list[dict[str, Any]]]:
    """The event and its run log (a document has none), for reports and snapshots."""
    if path.suffix == ROOM_SUFFIX:
        return read_room(path)
    return read_document(path), []


# ----------------------------------------------------------------------------- writing


def write_document(path: Path, event: Event) -> None:
    """Write `event` as an event document, crash-safely (the old file or the new, whole)."""
    write_output(path, document.encode(event))


def write_output(path: Path, data: bytes) -> None:
    """Write a file made for people (a document, a handout, a picture, an export), atomically:
    a crash leaves the old file or the new one, whole. The folder must exist."""
    if not path.parent.is_dir():
        raise WriteError(path, f"the folder {path.parent} does not exist")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise WriteError(path, describe_os_error(exc)) from None


def write_viewer_copy(name: str, data: bytes) -> Path:
    """Write `data` as `name` in a folder of the system's temp folder, for another program
    (a PDF viewer) to open; returns its path."""
    folder = Path(tempfile.gettempdir()) / VIEWER_FOLDER
    path = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        raise WriteError(path, describe_os_error(exc)) from None
    return path
