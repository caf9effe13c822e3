"""The save's paths for Windows and macOS, and for file systems without hard links, run here.

Each test switches the store's notion of the system (atomic.WINDOWS, atomic.MACOS) or takes a
call away (os.link, fcntl's F_FULLFSYNC) and checks the save still keeps the old or new file whole.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import types
from pathlib import Path

import pytest

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store import atomic
from desktop.store.eventfile import EventFile, backups_of, parse_room


class Busy:
    """os.replace refused `times` times, as Windows does while a scanner has the file open."""

    def __init__(self, times: int) -> None:
        self.left = times
        self.real = os.replace

    def __call__(self, source: os.PathLike[str], target: os.PathLike[str]) -> None:
        if self.left:
            self.left -= 1
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        self.real(source, target)


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def old(tmp_path: Path) -> Path:
    target = tmp_path / "event.room"
    target.write_bytes(b"old")
    return target


def test_windows_tries_a_busy_replace_again_and_succeeds(
    old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(os, "replace", Busy(2))
    pauses: list[float] = []
    new = old.with_name("new")
    new.write_bytes(b"new")
    atomic.replace(new, old, sleep=pauses.append)
    assert old.read_bytes() == b"new"
    assert pauses == [atomic.REPLACE_PAUSE, atomic.REPLACE_PAUSE * 2]


def test_windows_gives_up_on_a_replace_that_stays_busy_and_keeps_the_old_file(
    old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE", 0.0)
    monkeypatch.setattr(os, "replace", Busy(atomic.REPLACE_TRIES))
    with pytest.raises(PermissionError):
        atomic.write_atomic(old, b"new")
    assert old.read_bytes() == b"old"
    assert temp_files(old.parent) == []


def test_windows_write_succeeds_once_the_file_is_free(
    old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE", 0.0)
    monkeypatch.setattr(os, "replace", Busy(atomic.REPLACE_TRIES - 1))
    atomic.write_atomic(old, b"new")
    assert old.read_bytes() == b"new"
    assert temp_files(old.parent) == []


def test_elsewhere_a_refused_replace_fails_at_once(
    old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "WINDOWS", False)
    monkeypatch.setattr(os, "replace", Busy(1))
    pauses: list[float] = []
    new = old.with_name("new")
    new.write_bytes(b"new")
    with pytest.raises(PermissionError):
        atomic.replace(new, old, sleep=pauses.append)
    assert pauses == []
    assert old.read_bytes() == b"old"


def test_windows_has_no_file_modes_to_keep(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fchmod(fd: int, mode: int) -> None:  # absent on Windows before Python 3.13
        raise AttributeError("module 'os' has no attribute 'fchmod'")

    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(os, "fchmod", no_fchmod, raising=False)
    atomic.write_atomic(old, b"new")
    assert old.read_bytes() == b"new"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_file_keeps_its_mode(old: Path) -> None:
    old.chmod(0o640)
    atomic.write_atomic(old, b"new")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    fresh = old.with_name("fresh.room")
    atomic.write_atomic(fresh, b"new")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def fake_fcntl(*, full: bool, fails: bool = False) -> tuple[types.ModuleType, list[int]]:
    """A stand-in for macOS's fcntl: F_FULLFSYNC (or not), recording the descriptors it got."""
    module = types.ModuleType("fcntl")
    called: list[int] = []
    if full:
        module.F_FULLFSYNC = 51  # type: ignore[attr-defined]

    def fcntl(fd: int, op: int) -> int:
        called.append(fd)
        if fails:
            raise OSError(errno.ENOTSUP, "Operation not supported")
        return 0

    module.fcntl = fcntl  # type: ignore[attr-defined]
    return module, called


def record_fsync(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    synced: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


def folder_syncs() -> int:
    """fsync calls for the folder in one save: none on Windows."""
    return 0 if atomic.WINDOWS else 1


def test_macos_writes_through_the_drive_cache(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module, called = fake_fcntl(full=True)
    monkeypatch.setattr(atomic, "MACOS", True)
    monkeypatch.setitem(sys.modules, "fcntl", module)
    synced = record_fsync(monkeypatch)
    atomic.write_atomic(old, b"new")
    assert old.read_bytes() == b"new"
    assert len(called) == 1
    assert len(synced) == folder_syncs()  # the file went through F_FULLFSYNC instead


@pytest.mark.parametrize("full, fails", [(True, True), (False, False)])
def test_macos_without_full_fsync_falls_back_to_fsync(
    old: Path, monkeypatch: pytest.MonkeyPatch, full: bool, fails: bool
) -> None:
    module, called = fake_fcntl(full=full, fails=fails)
    monkeypatch.setattr(atomic, "MACOS", True)
    monkeypatch.setitem(sys.modules, "fcntl", module)
    synced = record_fsync(monkeypatch)
    atomic.write_atomic(old, b"new")
    assert old.read_bytes() == b"new"
    assert len(called) == (1 if full else 0)
    assert len(synced) == 1 + folder_syncs()  # the file is still made durable


def test_windows_skips_the_folder_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_open(*args: object) -> int:  # Windows can't open a folder as a file
        raise PermissionError(errno.EACCES, "Access is denied")

    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(os, "open", no_open)
    synced = record_fsync(monkeypatch)
    atomic.fsync_folder(tmp_path)  # no PermissionError: the folder is never opened
    assert synced == []


def test_without_hard_links_the_backup_is_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and exFAT USB sticks (and some network shares) have no hard links."""

    def no_link(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    path = tmp_path / "event.room"
    event = Event(
        title="Collaboration is messy",
        agenda=(Segment(id="s1", kind=SegmentKind.BREAKOUT, title="Tables", minutes=20),),
    )
    EventFile.create(path, event).close()
    monkeypatch.setattr(os, "link", no_link)
    with EventFile.open(path) as room:
        room.add_note(Note(id="n1", kind=NoteKind.REFLECTION, text="Be more willing"))
        room.save()
    (backup,) = backups_of(path)
    assert parse_room(backup.read_bytes())[1].notes == ()
    assert len(parse_room(path.read_bytes())[1].notes) == 1
