"""Reading an event file without opening it for work, its backups, and recovering from them.

The last five good versions are kept beside a file as ``NAME.room.backup-<time>``; a damaged
file is moved aside (``NAME.room.damaged-<time>``), never overwritten, and the newest good backup
put in its place, with the notes the journal kept since.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.model import Event
from desktop.store.atomic import write_atomic
from desktop.store.errors import DamagedFileError, NewerFileError, StoreError, describe_os_error
from desktop.store.journal import Journal, replay_journal
from desktop.store.room_format import Damaged, Raw, event_from_raw, parse_room, rows

Clock = Callable[[], float]


@dataclass(frozen=True)
class Recovery:
    """What happened when a damaged event file was opened."""

    reason: str
    damaged_copy: Path
    backup: Path
    saved_at: float

    def message(self) -> str:
        """What to tell the user, in plain words."""
        return (
            f"{self.damaged_copy.name.split('.damaged-')[0]} could not be read ({self.reason}). "
            f"It has been recovered from the backup saved at {_when(self.saved_at)}; anything "
            f"added after that could not be recovered. The damaged file was kept as "
            f"{self.damaged_copy.name}."
        )


def _when(stamp: float) -> str:
    return time.strftime("%H:%M:%S on %d %b %Y", time.localtime(stamp))


def stamp(clock: Clock) -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no event file at {path}. Check the name and folder.") from None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not an event file.") from None
    except OSError as exc:
        raise StoreError(f"Could not read {path.name}: {describe_os_error(exc)}.") from None


def backups_of(path: Path) -> list[Path]:
    """The backups beside an event file, newest first."""
    prefix = f"{path.name}.backup-"
    try:
        found = [p for p in path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def _good_backups(path: Path) -> Iterator[tuple[Path, Raw, Event]]:
    for backup in backups_of(path):
        try:
            raw, event = parse_room(backup.read_bytes())
        except (Damaged, NewerFileError, OSError):
            continue
        yield backup, raw, event


def _saved_at(raw: Raw, fallback: Path) -> float:
    meta = rows(raw, "meta")
    saved = meta[0].get("saved") if meta else None
    if isinstance(saved, int | float) and saved > 0:
        return float(saved)
    return fallback.stat().st_mtime


def read_event(path: Path) -> Event:
    """Read an event file without opening it for work: no lock, no recovery, writes nothing.

    Used by `validate` and `export`. A damaged file raises DamagedFileError saying whether a
    backup can be recovered by opening it.
    """
    return read_room(path)[0]


def read_room(path: Path) -> tuple[Event, list[dict[str, Any]]]:
    """The event and its run log, read as `read_event` does (for snapshots and reports)."""
    try:
        raw, event = parse_room(read_bytes(path))
        if replay_journal(raw, Journal(path))[0]:
            event = event_from_raw(raw)  # notes kept just before a crash count too
        return event, rows(raw, "runlog")
    except Damaged as damage:
        good = next(_good_backups(path), None)
        if good is None:
            raise DamagedFileError(
                f"{path.name} can't be read: {damage}. There is no good backup beside it."
            ) from None
        backup, raw, _event = good
        raise DamagedFileError(
            f"{path.name} can't be read: {damage}. A good backup from "
            f"{_when(_saved_at(raw, backup))} is beside it: open the file in In the Room to "
            "recover it (the damaged file is kept)."
        ) from None


def recover(path: Path, reason: str, clock: Clock) -> tuple[Raw, Event, Recovery]:
    """Move a damaged file aside and put the newest good backup in its place."""
    good = next(_good_backups(path), None)
    if good is None:
        raise DamagedFileError(
            f"{path.name} can't be read: {reason}. There is no good backup beside it to recover "
            "from. The file has been left exactly as it is; if you have a copy elsewhere (a USB "
            "stick, an exported event document), open or import that."
        )
    backup, raw, event = good
    damaged = path.with_name(f"{path.name}.damaged-{stamp(clock)}")
    try:
        os.replace(path, damaged)
        write_atomic(path, backup.read_bytes())
    except OSError as exc:
        raise StoreError(
            f"{path.name} can't be read ({reason}) and could not be recovered from its backup "
            f"{backup.name}: {describe_os_error(exc)}."
        ) from None
    return raw, event, Recovery(reason, damaged, backup, _saved_at(raw, backup))
