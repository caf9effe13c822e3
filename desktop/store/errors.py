"""Errors the store raises: each carries a message a person can act on, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """Something about an event file went wrong; `str(error)` says what and what to do."""


class SaveError(StoreError):
    """A save failed; the data is still in memory and the next save tries again."""


class LockedError(StoreError):
    """Another running In the Room has the file open."""


class DamagedFileError(StoreError):
    """The file can't be read and could not be recovered from a backup."""


class NewerFileError(StoreError):
    """The file was written by a newer In the Room than this one."""


def describe_os_error(exc: OSError) -> str:
    """An OSError in plain words, with the likely fix."""
    reasons = {
        errno.ENOSPC: "the disk is full — free some space (or save to another drive)",
        errno.EDQUOT: "the disk quota is used up — free some space",
        errno.EROFS: "the drive is read-only — save to another folder",
        errno.EACCES: "the folder is read-only or you may not write there — save to another folder",
        errno.EPERM: "the folder is read-only or you may not write there — save to another folder",
        errno.ENOENT: "the folder is gone — was the USB stick removed? Put it back",
        errno.EIO: "the drive could not be written — was the USB stick removed? Put it back",
        errno.ENODEV: "the drive is gone — was the USB stick removed? Put it back",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def save_failed(path: Path, exc: OSError) -> SaveError:
    """The SaveError for a failed write of `path`."""
    return SaveError(
        f"Could not save {path.name}: {describe_os_error(exc)}. "
        "Nothing is lost: your work is kept in memory and saving will be tried again."
    )
