"""One running app per event file: a lock file beside it naming the process and computer.

The lock is the operating system's: an exclusive lock on ``NAME.room.lock`` (flock on macOS and
Linux, a locked byte on Windows), held while the file is open. The system drops it the moment
the process ends, however it ends (a crash, kill -9, a zombie), so two opens at the same
instant can't both win and a dead run's lock is never mistaken for a live one. The file's
content (process, computer, time) only says who holds it. Where the system has no such lock
(some network shares), the content decides as before: a lock left by a crashed run on this
computer (its process is gone, or the computer has rebooted since) is taken over; a live one,
or one from another computer, is refused with a message saying who holds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.store.errors import LockedError, StoreError, describe_os_error

# Windows locks a byte range; one far past the content, so others can still read who holds it.
WINDOWS_LOCK_OFFSET = 1 << 30


def _boot_id() -> str:
    """Changes at every reboot (Linux), so a pid from before a reboot is never trusted."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not process:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))  # type: ignore[attr-defined]
        ctypes.windll.kernel32.CloseHandle(process)  # type: ignore[attr-defined]
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def os_lock(fd: int) -> bool | None:
    """Take the system's exclusive lock on `fd` without waiting.

    True: taken. False: another process holds it. None: this system or drive has no such lock.
    """
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (11, 13, 35, 36):  # EAGAIN, EACCES, EWOULDBLOCK (BSD), EDEADLOCK
            return False
        return None  # ENOLCK, EOPNOTSUPP: a share that can't lock
    except ImportError:  # pragma: no cover - every supported system has one of the two
        return None
    return True


@dataclass(frozen=True)
class Holder:
    """Who holds a lock."""

    pid: int
    host: str
    boot: str = ""
    since: float = 0.0

    @classmethod
    def me(cls) -> Holder:
        return cls(pid=os.getpid(), host=socket.gethostname(), boot=_boot_id(), since=time.time())

    def is_stale(self) -> bool:
        """True when the holder has certainly stopped: same computer, and gone or rebooted."""
        if self.host != socket.gethostname():
            return False
        if self.boot and self.boot != _boot_id():
            return True
        return not _pid_alive(self.pid)


class FileLock:
    """The lock for one event file: ``NAME.room.lock`` beside it."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = lock_path(target)
        self.taken_over: Holder | None = None
        self._mine: Holder | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; LockedError when someone else has it."""
        for _attempt in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StoreError(
                    f"Could not open {self.target.name}: {describe_os_error(exc)}."
                ) from None
            try:
                if self._take(fd):
                    return
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # the lock file was replaced under us: try the new one
        raise LockedError(f"{self.target.name} is being opened by another In the Room right now.")

    def _take(self, fd: int) -> bool:
        """Hold the lock through `fd`; False when that file is no longer the lock file."""
        locked = os_lock(fd)
        holder = self._read(fd)
        if locked is False:
            raise LockedError(self._refusal(holder) if holder else self._busy())
        if not _same_file(fd, self.path):
            return False  # released and removed between our open and our lock
        if holder is not None and holder != self._mine:
            ours_by_system = locked and holder.host == socket.gethostname()
            if not ours_by_system and not holder.is_stale():
                raise LockedError(self._refusal(holder))
            self.taken_over = holder  # its process is gone: the system let go of its lock
        me = Holder.me()
        data = json.dumps(me.__dict__).encode("utf-8")
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
            os.fsync(fd)
        except OSError as exc:
            raise StoreError(
                f"Could not open {self.target.name}: {describe_os_error(exc)}."
            ) from None
        self._mine, self._fd = me, fd
        return True

    def _busy(self) -> str:
        return f"{self.target.name} is being opened by another In the Room right now."

    @staticmethod
    def _read(fd: int) -> Holder | None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            return _holder_from(os.read(fd, 4096))
        except OSError:
            return None

    def holder(self) -> Holder | None:
        """Who holds the lock now; None when there is no lock or it is unreadable."""
        try:
            return _holder_from(self.path.read_bytes())
        except OSError:
            return None

    def release(self) -> None:
        """Give the lock back, if it is still ours."""
        if self._mine is None:
            return
        if self._fd is not None:
            if os.name == "nt":
                # Windows can't remove a file that is open: close (dropping the lock) first.
                # Another opener that locks it in between writes its own name, so the check
                # below leaves its file alone (and Windows refuses to remove one it has open).
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                if self.holder() == self._mine:
                    with contextlib.suppress(OSError):
                        self.path.unlink()
            else:
                # Remove the file while still holding it, so nobody locks a file about to
                # vanish (an opener that got it open before checks it is still the lock file).
                if self.holder() == self._mine:
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                with contextlib.suppress(OSError):
                    os.close(self._fd)  # the system lock goes with the descriptor
            self._fd = None
        self._mine = None

    def _refusal(self, holder: Holder) -> str:
        when = time.strftime("%H:%M on %d %b", time.localtime(holder.since)) if holder.since else ""
        if holder.host == socket.gethostname():
            who = f"another In the Room window on this computer (process {holder.pid})"
        else:
            who = f"In the Room on the computer “{holder.host}”"
        since = f" since {when}" if when else ""
        return (
            f"{self.target.name} is already open in {who}{since}. Switch to that window, or close "
            f"it there first. If that computer is no longer using it, delete {self.path.name} "
            "beside the event file and open it again."
        )


def lock_path(target: Path) -> Path:
    """`target`'s lock file: beside the file itself, links followed, so that every way of
    reaching one file (a shortcut on the desktop, the folder it is in) finds the one lock."""
    try:
        real = target.resolve()
    except (OSError, RuntimeError):  # a loop of links, a drive that is gone: as given
        real = target
    return real.with_name(real.name + ".lock")


def may_be_open(target: Path) -> bool:
    """Whether another app may have `target` open: its lock file is there (held, or left by a
    crash), or its folder can't hold one (the app opens such a file read-only, unlocked)."""
    lock = lock_path(target)
    return lock.exists() or not os.access(lock.parent, os.W_OK)


def held_here(target: Path) -> bool:
    """Whether a running app on this computer holds `target`'s lock now."""
    holder = FileLock(target).holder()
    return holder is not None and holder.host == socket.gethostname() and not holder.is_stale()


def _holder_from(data: bytes) -> Holder | None:
    try:
        raw = json.loads(data.decode("utf-8"))
        return Holder(
            pid=int(raw["pid"]),
            host=str(raw["host"]),
            boot=str(raw.get("boot", "")),
            since=float(raw.get("since", 0.0)),
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)
