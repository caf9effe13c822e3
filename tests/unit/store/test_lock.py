"""The lock is exclusive: opens at the same instant, stale and zombie holders, no system lock."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import lock as lock_module
from desktop.store.errors import LockedError
from desktop.store.lock import FileLock

OPENERS = 4
TRIALS = 10


def _race(target: str, barrier: multiprocessing.synchronize.Barrier, results: object) -> None:
    lock = FileLock(Path(target))
    barrier.wait()
    try:
        lock.acquire()
    except LockedError:
        results.put("refused")  # type: ignore[attr-defined]
        barrier.wait()
        return
    results.put("held")  # type: ignore[attr-defined]
    barrier.wait()  # hold it until everyone has tried
    lock.release()


@pytest.mark.parametrize("stale_first", [False, True], ids=["no lock", "a stale lock"])
def test_opens_at_the_same_instant_give_one_holder(tmp_path: Path, stale_first: bool) -> None:
    context = multiprocessing.get_context()
    target = tmp_path / "race.room"
    target.write_text("{}")
    for trial in range(TRIALS):
        if stale_first:  # a crashed run's lock: every opener wants to take it over at once
            (tmp_path / "race.room.lock").write_text(
                json.dumps({"pid": 999_999_999, "host": socket.gethostname()})
            )
        barrier = context.Barrier(OPENERS)
        results = context.Queue()
        workers = [
            context.Process(target=_race, args=(str(target), barrier, results))
            for _ in range(OPENERS)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        assert outcomes.count("held") == 1, f"trial {trial}: {outcomes}"
        assert not (tmp_path / "race.room.lock").exists()  # and given back


@pytest.mark.skipif(os.name == "nt", reason="zombies are a POSIX thing")
def test_a_zombies_lock_is_stale(tmp_path: Path) -> None:
    target = tmp_path / "zombie.room"
    code = (
        "import sys; from pathlib import Path; from desktop.store.lock import FileLock; "
        "FileLock(Path(sys.argv[1])).acquire(); print('held', flush=True)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    deadline = time.monotonic() + 30
    while not _is_zombie(child.pid) and time.monotonic() < deadline:
        time.sleep(0.01)  # exited, not yet waited for: a zombie that kill(pid, 0) finds alive
    assert _is_zombie(child.pid)
    lock = FileLock(target)
    lock.acquire()
    assert lock.taken_over is not None and lock.taken_over.pid == child.pid
    lock.release()
    child.wait()
    child.stdout.close()


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return False


def test_a_live_holder_in_this_process_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ev.room"
    first = FileLock(target)
    first.acquire()
    with pytest.raises(LockedError, match="already open in another In the Room window"):
        FileLock(target).acquire()
    first.release()
    FileLock(target).acquire()


def test_without_a_system_lock_the_content_still_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "os_lock", lambda fd: None)  # a share that can't lock
    target = tmp_path / "share.room"
    first = FileLock(target)
    first.acquire()
    with pytest.raises(LockedError, match="already open"):
        FileLock(target).acquire()
    first.release()
    (tmp_path / "share.room.lock").write_text(json.dumps({"pid": 999_999_999, "host": "x"}))
    with pytest.raises(LockedError, match="“x”"):
        FileLock(target).acquire()  # another computer's: never taken without a system lock


def test_a_lock_file_replaced_between_open_and_lock_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ev.room"
    real = lock_module.os_lock
    swapped = []

    def lock_after_a_swap(fd: int) -> bool | None:
        if not swapped:  # the holder released and removed it, and a new one appeared
            swapped.append(True)
            os.unlink(tmp_path / "ev.room.lock")
            (tmp_path / "ev.room.lock").write_text("")
        return real(fd)

    monkeypatch.setattr(lock_module, "os_lock", lock_after_a_swap)
    lock = FileLock(target)
    lock.acquire()  # took the new file, not the removed one
    assert FileLock(target).holder() == lock._mine
    lock.release()


def test_release_on_windows_closes_before_removing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to remove an open file: the lock must be closed first, or it stays."""
    target = tmp_path / "ev.room"
    lock = FileLock(target)
    lock.acquire()
    fd = lock._fd
    real_unlink = Path.unlink
    open_fds: set[int] = {fd} if fd is not None else set()
    real_close = os.close

    def close(number: int) -> None:
        open_fds.discard(number)
        real_close(number)

    def unlink_like_windows(self: Path, missing_ok: bool = False) -> None:
        if self == lock.path and fd in open_fds:
            raise PermissionError(13, "The process cannot access the file")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(lock_module.os, "name", "nt")
    monkeypatch.setattr(lock_module.os, "close", close)
    monkeypatch.setattr(Path, "unlink", unlink_like_windows)
    lock.release()
    assert not (tmp_path / "ev.room.lock").exists()


@contextlib.contextmanager
def holding(target: Path) -> Iterator[FileLock]:
    """`target`'s lock, held by this process for the block."""
    held = FileLock(target)
    held.acquire()
    try:
        yield held
    finally:
        held.release()


def test_only_a_lock_file_or_a_folder_that_cant_hold_one_says_an_app_may_have_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start-up the app asks another app to show a file only when this says it may have it,
    so a plain start loads no sockets before its window (desktop.app._handed_over)."""
    target = tmp_path / "Team day.room"
    target.write_bytes(b"{}")
    assert not lock_module.may_be_open(target)
    with holding(target):
        assert lock_module.may_be_open(target)
    assert not lock_module.may_be_open(target)  # given back: the lock file goes with it
    FileLock(target).path.write_text("{}")  # left by a crash
    assert lock_module.may_be_open(target)
    FileLock(target).path.unlink()
    # A read-only folder (a CD, a locked share): the app opens the file there unlocked.
    # (chmod can't show this when the tests run as root, so the folder's answer is given.)
    monkeypatch.setattr(lock_module.os, "access", lambda path, mode: False)
    assert lock_module.may_be_open(target)


def test_every_way_to_one_file_finds_its_one_lock(tmp_path: Path) -> None:
    """A shortcut (a link) on the desktop and the file in its folder are one file: one lock,
    which the hand-off check at start-up finds by either way."""
    real = tmp_path / "events" / "Team day.room"
    real.parent.mkdir()
    real.write_bytes(b"{}")
    link = tmp_path / "Team day.room"
    try:
        link.symlink_to(real)
    except OSError:  # Windows without the right to make links
        pytest.skip("this system can't make a symbolic link here")
    with holding(link) as held:
        assert held.path == real.with_name("Team day.room.lock")
        assert lock_module.may_be_open(real) and lock_module.may_be_open(link)
        with pytest.raises(LockedError):
            FileLock(real).acquire()


def test_only_a_live_app_on_this_computer_counts_as_holding_a_file(tmp_path: Path) -> None:
    target = tmp_path / "Team day.room"
    target.write_bytes(b"{}")
    assert not lock_module.held_here(target)  # no lock
    with holding(target):
        assert lock_module.held_here(target)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    crashed = {"pid": int(gone.stdout), "host": socket.gethostname(), "since": time.time()}
    FileLock(target).path.write_text(json.dumps(crashed))  # left by a run that has ended
    assert lock_module.may_be_open(target) and not lock_module.held_here(target)
    elsewhere = {"pid": os.getpid(), "host": "another-laptop", "since": time.time()}
    FileLock(target).path.write_text(json.dumps(elsewhere))  # a shared folder
    assert not lock_module.held_here(target)
