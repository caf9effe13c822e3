"""Room Wi-Fi's state beside the event file (``NAME.room.wifi``): the join link's secret, the
join code, the phones that joined, and every note they sent with what became of it.

Written whole and atomically on every change, so a crash or a restart of the app loses no note
a phone was told had arrived, and the phones carry on with the same link. A damaged file is
moved aside (never overwritten) and Wi-Fi starts afresh, with a message saying so.

It holds secrets (the link's secret, the join code, every phone's token), so only its owner may
read it: it is made owner-only before anything is written into it, and kept so.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.store.atomic import write_atomic

FORMAT = "intheroom.wifi"
VERSION = 1


def state_path(room: Path) -> Path:
    return room.with_name(room.name + ".wifi")


@dataclass(frozen=True)
class Loaded:
    state: dict[str, Any] | None  # None: nothing kept (or it was damaged)
    message: str = ""  # what the user should know, in words ("" when all is well)


def read_state(room: Path) -> Loaded:
    path = state_path(room)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded(None)
    except OSError as exc:
        return Loaded(None, f"Room Wi-Fi's saved state could not be read ({exc.strerror}).")
    try:
        state = json.loads(data)
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError("not room Wi-Fi state")
        if state.get("version") != VERSION:
            raise ValueError("a different version")
    except ValueError:
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.rename(aside)
        except OSError:
            aside = path
        return Loaded(
            None,
            f"Room Wi-Fi's saved state was damaged; it is kept as {aside.name}. Phones need the "
            "new join code, and notes that were waiting in it are in that file.",
        )
    return Loaded(state)


def write_state(room: Path, state: dict[str, Any]) -> None:
    """Keep `state` beside the event file, whole or not at all. Raises OSError."""
    body = {"format": FORMAT, "version": VERSION, **state}
    path = state_path(room)
    made = _owner_only(path)  # write_atomic keeps the mode the file has
    try:
        write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        if made:  # never leave an empty file that would read as damaged
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _owner_only(path: Path) -> bool:
    """Make `path` exist with mode 0600 (on Windows the user's own folder keeps it private);
    True if it was made here, empty."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return False
    os.close(fd)
    return True
