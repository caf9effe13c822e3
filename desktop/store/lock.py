"""One running app per event file: a lock file beside it naming the process and computer.

A lock left by a crashed run on this computer (its process is gone, or the computer has
rebooted since) is taken over; a live one is refused with a message saying who holds it.
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
        self.path = target.with_name(target.name + ".lock")
        self.taken_over: Holder | None = None
        self._mine: Holder | None = None

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; LockedError when someone else has it."""
        me = Holder.me()
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is not None and not holder.is_stale():
                    raise LockedError(self._refusal(holder)) from None
                self.taken_over = holder
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except OSError as exc:
                raise StoreError(
                    f"Could not open {self.target.name}: {describe_os_error(exc)}."
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me.__dict__, handle)
            self._mine = me
            return
        raise LockedError(f"{self.target.name} is being opened by another In the Room right now.")

    def holder(self) -> Holder | None:
        """Who holds the lock now; None when there is no lock or it is unreadable."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(
                pid=int(raw["pid"]),
                host=str(raw["host"]),
                boot=str(raw.get("boot", "")),
                since=float(raw.get("since", 0.0)),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        """Give the lock back, if it is still ours."""
        if self._mine is None:
            return
        if self.holder() == self._mine:
            with contextlib.suppress(OSError):
                self.path.unlink()
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
