"""Crash-safe file writing: temp file in the same folder, fsync, atomic replace, fsync the folder.

A reader (or a crash at any instant) sees either the old file or the new one, never a mix.

Each system has its own way to make that true; the differences live here and nowhere else:
- Linux: fsync the file, `os.replace`, fsync the folder so the rename itself is on the disk.
- macOS: `fsync` leaves the data in the drive's cache; `F_FULLFSYNC` is what writes it out.
- Windows: no file modes to keep and no folder to fsync (NTFS logs the rename); `os.replace`
  fails while another program (a virus scanner, a sync client, the search indexer) has the file
  open for a moment, so the replace is tried again for a few seconds before the save fails.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WINDOWS = os.name == "nt"
MACOS = sys.platform == "darwin"
# Windows: how often, and how long apart, a replace refused by another program is tried again.
REPLACE_TRIES = 8
REPLACE_PAUSE = 0.025  # seconds, doubled after each try: about 3 s in all at worst


def fsync_file(fd: int) -> None:
    """Make what was written to `fd` durable (on macOS through the drive's own cache too)."""
    if MACOS:
        import fcntl

        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            try:
                fcntl.fcntl(fd, full)
                return
            except OSError:  # some file systems (SMB shares, FAT sticks) don't have it
                pass
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Not possible (nor needed) on Windows."""
    if WINDOWS:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(source: Path, target: Path, *, sleep: Callable[[float], None] = time.sleep) -> None:
    """`os.replace`; on Windows tried again while another program holds `target` open."""
    pause = REPLACE_PAUSE
    for attempt in range(1, REPLACE_TRIES + 1):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not WINDOWS or attempt == REPLACE_TRIES:
                raise
        sleep(pause)
        pause *= 2


def write_atomic(
    path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole.

    `before_replace` runs once the new content is safely on disk, just before it takes the
    file's place (the event file uses it to keep the old version as a backup). On any error
    the temp file is removed and `path` is untouched; the OSError propagates.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        # The handle is closed whatever happens, so the temp file can go (Windows can't remove
        # a file that is still open).
        with os.fdopen(fd, "wb") as handle:
            if not WINDOWS:
                # mkstemp makes the file private (0600); keep the file's mode, else a normal one.
                # Windows has only a read-only flag, and a new file is made writable.
                try:
                    mode = path.stat().st_mode & 0o777
                except FileNotFoundError:
                    mode = 0o644
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            fsync_file(handle.fileno())
        if before_replace is not None:
            before_replace()
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(folder)
