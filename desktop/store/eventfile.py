"""The event file (``NAME.room``): one event's working store, on tinydb, saved crash-safely.

Tables: ``meta`` (file format and version), ``event`` (details, focus, contributors, contact),
``agenda``, ``notes``, ``participants`` and ``runlog``. The whole database lives in memory;
`save()` writes it in one atomic replace (tinydb's own JSONStorage rewrites in place, so a
crash half-way would corrupt the file). Note changes are durable at once through the journal
(`journal.py`); the file's format is in `room_format.py`, backups and recovery in `recovery.py`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage

from desktop.core import document
from desktop.core.model import Event, Note
from desktop.store import room_format
from desktop.store.atomic import write_atomic
from desktop.store.drafts import Draft
from desktop.store.errors import (
    LockedError,
    StoreError,
    save_failed,
)
from desktop.store.journal import Journal, journal_seq, replay_journal
from desktop.store.lock import FileLock
from desktop.store.recovery import (
    Clock,
    Recovery,
    backups_of,
    read_bytes,
    read_event,
    read_room,
    recover,
    stamp,
)
from desktop.store.room_format import (
    LIST_TABLES,
    Damaged,
    Raw,
    event_from_raw,
    meta_row,
    parse_room,
    parse_room_versioned,
    raw_from_event,
    rows,
)
from desktop.store.vote_records import VoteRecords

# Re-exported: callers read a file without opening it, and tests look at backups, from here.
__all__ = [
    "BACKUPS_KEPT",
    "Deleted",
    "EventFile",
    "Recovery",
    "backups_of",
    "parse_room",
    "read_event",
    "read_room",
]

SUFFIX = ".room"
BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 60.0


class RoomStorage(Storage):
    """tinydb storage that keeps everything in memory; EventFile writes it out when saving."""

    def __init__(self, data: Raw, on_write: Callable[[], None]) -> None:
        self.data = data
        self._on_write = on_write

    def read(self) -> Raw:
        return self.data

    def write(self, data: Raw) -> None:
        self.data = data
        self._on_write()


class EventFile(VoteRecords):
    """An event file opened for work: locked, in memory, saved crash-safely on `save()`.

    Votes and feedback forms are changed through `VoteRecords` (vote_records.py)."""

    def __init__(
        self,
        path: Path,
        raw: Raw,
        lock: FileLock | None,
        *,
        clock: Clock = time.time,
        recovery: Recovery | None = None,
        read_only: str = "",
        event: Event | None = None,
    ) -> None:
        self.path = path
        self.recovery = recovery
        self.migrated_from: tuple[int, Path] | None = None  # (old version, copy kept)
        self.read_only = read_only  # why this file can't be saved where it is; "" if it can
        self.dirty = False
        self._clock = clock
        self._lock = lock
        self._last_backup: float | None = None
        self._event = event
        self._storage: RoomStorage | None = None
        self.db = TinyDB(raw, self._changed, storage=self._make_storage)
        # Note changes go to the journal at once; only a file we hold and may write has one.
        self._journal = Journal(path) if lock is not None and not read_only else None
        self._seq = journal_seq(raw)
        self._note_keys: dict[str, str] | None = None  # note id -> its key in the notes table
        self._next_key = 0
        self.replayed = 0  # note changes found in the journal when opening (kept since)
        self.undurable: set[str] = set()  # ids of notes changed in memory, not yet on disk
        self.durability_problem = ""  # why they are not, in words

    def _make_storage(self, raw: Raw, on_write: Callable[[], None]) -> RoomStorage:
        self._storage = RoomStorage(raw, on_write)
        return self._storage

    # -------------------------------------------------------------- opening and creating

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock = time.time) -> EventFile:
        """Open an event file for work, recovering it from a backup when it is damaged."""
        path = Path(path)
        if not path.is_file():
            read_bytes(path)  # raises the plain-words error before any lock is made
        lock, read_only = _take_lock(path)
        try:
            data = read_bytes(path)  # read under the lock: the newest saved version
            if lock is not None:
                _clear_temp_files(path)
            try:
                raw, event, version = parse_room_versioned(data)
                recovery = None
            except Damaged as damage:
                raw, event, recovery = recover(path, str(damage), clock)
                version = room_format.ROOM_VERSION
            replayed, seq = replay_journal(raw, Journal(path))
            if replayed:
                event = event_from_raw(raw)
            migrated = None
            if version < room_format.ROOM_VERSION and lock is not None:
                migrated = _keep_original(path, data, version)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        opened = cls(
            path, raw, lock, clock=clock, recovery=recovery, read_only=read_only, event=event
        )
        opened._seq = max(opened._seq, seq)
        opened.replayed = replayed
        if replayed and lock is not None:
            opened.dirty = True
            with contextlib.suppress(StoreError):  # the journal still holds them if this fails
                opened.save()
        if migrated is not None:
            opened.migrated_from = migrated
            opened.dirty = True
            with contextlib.suppress(StoreError):  # not saved now: the next save writes it
                opened.save()  # in the new format from now on; the original stays beside it
        return opened

    @classmethod
    def create(cls, path: Path | str, event: Event, *, clock: Clock = time.time) -> EventFile:
        """A new event file holding `event`, saved at once. Never replaces an existing file."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path.name} already exists. Choose another name, or open it.")
        if not path.parent.is_dir():
            raise StoreError(f"The folder {path.parent} does not exist.")
        lock, read_only = _take_lock(path)
        if read_only:
            raise StoreError(f"Could not create {path.name}: {read_only}.")
        room = cls(path, raw_from_event(event), lock, clock=clock, event=event)
        try:
            room.dirty = True
            room.save()
        except BaseException:
            room.close(save=False)
            raise
        return room

    # ------------------------------------------------------------------------- reading

    @property
    def raw(self) -> Raw:
        """The tables as they are in memory."""
        assert self._storage is not None
        return self._storage.data

    def event(self) -> Event:
        """The event as it stands now."""
        if self._event is None:
            self._event = event_from_raw(self.raw)
        return self._event

    def run_log(self) -> list[dict[str, Any]]:
        """The run log entries (clock actions, actual times), oldest first."""
        return rows(self.raw, "runlog")

    # ------------------------------------------------------------------------- changing

    def _changed(self) -> None:
        self.dirty = True
        self._event = None

    def replace_event(self, event: Event) -> None:
        """Make the file hold `event` (details, agenda, notes, participants); keeps the run log."""
        tables = raw_from_event(event)
        for name in ("event", *LIST_TABLES):
            if name not in tables and name not in self.raw:
                continue  # no votes before, none now: no empty table
            table = self.db.table(name)
            table.truncate()
            table.insert_multiple(tables.get(name, {}).values())
        self._note_keys = None
        self._event = event

    # The notes table is changed in place rather than through tinydb, whose every insert
    # copies the whole table: keeping a note costs the same at 10 or 40,000 notes.

    def _keys(self) -> dict[str, str]:
        if self._note_keys is None:
            notes = self.raw.setdefault("notes", {})
            self._note_keys = {str(row.get("id")): key for key, row in notes.items()}
            self._next_key = max((int(key) for key in notes), default=0) + 1
        return self._note_keys

    def _put(self, key: str, note: Note) -> None:
        self.raw["notes"][key] = document.plain(note)
        self._keys()[note.id] = key
        self._next_key = max(self._next_key, int(key) + 1)

    def add_note(self, note: Note) -> None:
        """Add a note at the end; on disk at once (`undurable` names it if the disk refused)."""
        event = self.event()
        keys = self._keys()
        if note.id in keys:
            raise StoreError(f"A note with the id {note.id!r} already exists.")
        key = str(self._next_key)
        self._put(key, note)
        self._event = msgspec.structs.replace(event, notes=(*event.notes, note))
        self._record("add", note, key=key)

    def update_note(self, note: Note) -> None:
        """Replace the note with the same id (an edit); StoreError if there is none."""
        event = self.event()
        at = _index_of(event.notes, note.id)
        self._put(self._keys()[note.id], note)
        notes = list(event.notes)
        notes[at] = note
        self._event = msgspec.structs.replace(event, notes=tuple(notes))
        self._record("update", note)

    def delete_note(self, note_id: str) -> Deleted:
        """Take a note out; `restore_note(deleted)` puts it back where it was."""
        event = self.event()
        at = _index_of(event.notes, note_id)
        key = self._keys().pop(note_id)
        self.raw["notes"].pop(key, None)
        self._event = msgspec.structs.replace(event, notes=event.notes[:at] + event.notes[at + 1 :])
        self._record("delete", event.notes[at], key=key)
        return Deleted(event.notes[at], int(key), at)

    def restore_note(self, deleted: Deleted) -> None:
        """Undo a delete: the note returns to its place in the order."""
        event = self.event()
        key = str(deleted.doc_id)
        if key in self.raw["notes"]:
            key = str(self._next_key)
        self._put(key, deleted.note)
        notes = list(event.notes)
        notes.insert(min(deleted.index, len(notes)), deleted.note)
        self._event = msgspec.structs.replace(event, notes=tuple(notes))
        self._record("restore", deleted.note, key=key)

    def _record(self, op: str, note: Note, *, key: str = "") -> None:
        """Journal a note change (fsynced) before anyone is told it is kept."""
        self.dirty = True
        self._seq += 1
        if self._journal is None:
            self.undurable.add(note.id)
            self.durability_problem = str(save_failed_read_only(self.path, self.read_only))
            return
        record = {"seq": self._seq, "op": op, "key": key, "note": document.plain(note)}
        try:
            self._journal.append(record)
        except OSError as exc:
            self.undurable.add(note.id)
            self.durability_problem = str(save_failed(self.path, exc))

    def notices(self) -> list[tuple[str, str]]:
        """What opening this file must tell the user: (kind, words), kind "warning" or "info"."""
        said: list[tuple[str, str]] = []
        kept = (
            f"{self.replayed} note change{'s' if self.replayed != 1 else ''} typed just before "
            "In the Room stopped"
        )
        if self.recovery is not None:
            text = self.recovery.message()
            if self.replayed:
                text += f" {kept} could be recovered after all, and are kept."
            said.append(("warning", text))
        elif self.replayed:
            said.append(("info", f"{kept} were kept: they are in the event file now."))
        if self.migrated_from is not None:
            old, copy = self.migrated_from
            said.append(
                (
                    "info",
                    f"{self.path.name} was made by an older In the Room (file version {old}) "
                    "and has been brought up to date. The original is kept beside it as "
                    f"{copy.name}.",
                )
            )
        if self.read_only:
            said.append(
                (
                    "warning",
                    f"{self.path.name} is in a read-only folder: changes can't be saved there. "
                    "Use File ▸ Save as… to keep working on a copy in another folder.",
                )
            )
        return said

    def is_durable(self, note_id: str) -> bool:
        """True when the note's last change is on disk (in the journal or the file)."""
        return note_id not in self.undurable

    def copy_to(self, path: Path | str) -> Path:
        """Save As: a new event file at `path` with this event and its run log (never over one)."""
        target = Path(path)
        with EventFile.create(target, self.event()) as copy:
            for entry in self.run_log():
                copy.append_run(entry)
        return target

    # ---------------------------------------------------------------- drafts

    def draft(self, box: str = "") -> Draft:
        """The draft of one note box ("" is the console's; a capture window has its own)."""
        return Draft(self.path, box)

    @property
    def draft_path(self) -> Path:
        return self.draft().path

    def save_draft(self, draft: Mapping[str, str]) -> None:
        self.draft().save(draft)

    def load_draft(self) -> dict[str, str]:
        return self.draft().load()

    def clear_draft(self) -> None:
        self.draft().clear()

    def append_run(self, entry: Mapping[str, Any]) -> None:
        """Add an entry to the run log."""
        self.db.table("runlog").insert(dict(entry))

    # -------------------------------------------------------------------------- saving

    def save(self) -> None:
        """Write the file if anything changed. SaveError leaves the data in memory, dirty."""
        if not self.dirty:
            return
        if self.read_only:
            raise save_failed_read_only(self.path, self.read_only)
        self.flush()  # ballots still buffered go to the journal first, in order
        meta = self.raw["meta"].setdefault("1", meta_row(0.0))
        meta.update(meta_row(self._clock()), journal=self._seq)
        data = msgspec.json.encode(self.raw)
        try:
            write_atomic(self.path, data, before_replace=self._keep_backup)
        except OSError as exc:
            raise save_failed(self.path, exc) from None
        self.dirty = False
        self.undurable.clear()
        self.durability_problem = ""
        if self._journal is not None:
            self._journal.trim()

    def _keep_backup(self) -> None:
        """Keep the version about to be replaced, at most once a minute, the last five."""
        now = self._clock()
        if self._last_backup is not None and now - self._last_backup < BACKUP_EVERY_SECONDS:
            return
        if not self.path.exists():
            return
        backup = self.path.with_name(f"{self.path.name}.backup-{stamp(self._clock)}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.backup-{stamp(self._clock)}-{n}")
        try:
            os.link(self.path, backup)  # the old inode survives the replace: no copy needed
        except OSError:
            try:
                shutil.copy2(self.path, backup)  # FAT/exFAT USB sticks have no hard links
            except OSError:
                with contextlib.suppress(OSError):
                    backup.unlink()
                return  # a missing backup must not stop the save itself
        self._last_backup = now
        for old in backups_of(self.path)[BACKUPS_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()

    def close(self, *, save: bool = True) -> None:
        """Save what is unsaved and give the file back. Raises SaveError if the save fails."""
        try:
            if save:
                self.save()
        finally:
            if self._lock is not None and not (save and self.dirty):
                if self._journal is not None:
                    self._journal.close()
                    if not self.dirty:  # the file holds every change: the journal is spent
                        with contextlib.suppress(OSError):
                            self._journal.path.unlink()
                self._lock.release()
                self._lock = None

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.close()
            return
        with contextlib.suppress(StoreError):  # don't hide the error already on its way
            self.close()
        self.close(save=False)


@dataclass(frozen=True)
class Deleted:
    """A deleted note and where it was, for undo."""

    note: Note
    doc_id: int
    index: int


def _index_of(notes: tuple[Note, ...], note_id: str) -> int:
    for i, note in enumerate(notes):
        if note.id == note_id:
            return i
    raise StoreError(f"There is no note with the id {note_id!r} (it may have been deleted).")


def save_failed_read_only(path: Path, reason: str) -> StoreError:
    """The error for saving a file opened from a folder we can't write."""
    return save_failed(path, OSError(errno.EROFS, reason))


def _take_lock(path: Path) -> tuple[FileLock | None, str]:
    """The file's lock; on a read-only folder no lock and the reason it can't be saved."""
    lock = FileLock(path)
    try:
        lock.acquire()
    except LockedError:
        raise
    except StoreError:
        if os.access(path.parent, os.W_OK):
            raise
        return None, "the folder is read-only"
    return lock, ""


def _keep_original(path: Path, data: bytes, version: int) -> tuple[int, Path]:
    """Keep the file as it was before migrating it (never over an earlier copy)."""
    copy = path.with_name(f"{path.name}.v{version}-original")
    if not copy.exists():
        try:
            write_atomic(copy, data)
        except OSError as exc:
            raise save_failed(copy, exc) from None
    return version, copy


def _clear_temp_files(path: Path) -> None:
    """Remove temp files a killed save left behind (we hold the lock: nobody else is writing)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
