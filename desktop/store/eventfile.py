"""The event file (``NAME.room``): one event's working store, on tinydb, saved crash-safely.

Tables: ``meta`` (file format and version), ``event`` (details, focus, contributors, contact),
``agenda``, ``notes``, ``participants`` and ``runlog``. The whole database lives in memory;
`save()` writes it in one atomic replace (tinydb's own JSONStorage rewrites in place, so a
crash half-way would corrupt the file). The last five good versions are kept beside it as
``NAME.room.backup-<time>``; a damaged file is moved aside and the newest good backup restored.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from desktop import __version__
from desktop.core import document
from desktop.core.model import Event, Note
from desktop.store.atomic import write_atomic
from desktop.store.errors import (
    DamagedFileError,
    LockedError,
    NewerFileError,
    StoreError,
    describe_os_error,
    save_failed,
)
from desktop.store.lock import FileLock

ROOM_FORMAT = "intheroom.room"
ROOM_VERSION = 1
# How to bring a file from version v to v + 1; each takes and returns the raw tables. Empty
# while there is only one version; the first format change adds its step here (and a test).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
SUFFIX = ".room"
BACKUPS_KEPT = 5
BACKUP_EVERY_SECONDS = 60.0
LIST_TABLES = ("agenda", "notes", "participants")
TABLES = ("meta", "event", *LIST_TABLES, "runlog")

Clock = Callable[[], float]
Raw = dict[str, dict[str, dict[str, Any]]]


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


class _Damage(Exception):
    """Internal: why a file's bytes are not a usable event file."""


def _when(stamp: float) -> str:
    return time.strftime("%H:%M:%S on %d %b %Y", time.localtime(stamp))


def _stamp(clock: Clock) -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))


def _rows(raw: Raw, table: str) -> list[dict[str, Any]]:
    docs = raw.get(table, {})
    return [docs[key] for key in sorted(docs, key=int)]


def _table(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): dict(row) for i, row in enumerate(rows, start=1)}


def raw_from_event(event: Event, saved_at: float = 0.0) -> Raw:
    """The tinydb tables for an event (a new file, an import)."""
    body = document.plain(event)
    lists = {name: body.pop(name, []) for name in LIST_TABLES}
    return {
        "meta": _table([_meta(saved_at)]),
        "event": _table([body]),
        **{name: _table(rows) for name, rows in lists.items()},
        "runlog": {},
    }


def _meta(saved_at: float) -> dict[str, Any]:
    return {"format": ROOM_FORMAT, "version": ROOM_VERSION, "app": __version__, "saved": saved_at}


def event_from_raw(raw: Raw) -> Event:
    """The Event held in the tables; DocumentError when they don't make a valid one."""
    details = _rows(raw, "event")
    doc: dict[str, Any] = {"format": document.FORMAT, "version": document.VERSION}
    doc.update(details[0] if details else {})
    for name in LIST_TABLES:
        doc[name] = _rows(raw, name)
    return document.from_builtins(doc)


def parse_room(data: bytes) -> tuple[Raw, Event]:
    """Tables and event from a file's bytes; _Damage or NewerFileError when unusable."""
    raw, event, _ = parse_room_versioned(data)
    return raw, event


def parse_room_versioned(data: bytes) -> tuple[Raw, Event, int]:
    """As parse_room, migrating an older file in memory; also the version the file was in."""
    if not data.strip():
        raise _Damage("the file is empty" if not data else "the file holds only blank space")
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise _Damage("the file is cut short or garbled") from None
    if not isinstance(raw, dict):
        raise _Damage("this is not an In the Room event file")
    if raw.get("format") == document.FORMAT:
        raise _Damage("this is an event document, not an event file — import it instead")
    meta_rows = _rows(raw, "meta") if isinstance(raw.get("meta"), dict) else []
    meta = meta_rows[0] if meta_rows else {}
    if meta.get("format") != ROOM_FORMAT:
        raise _Damage("this is not an In the Room event file")
    version = meta.get("version")
    if not isinstance(version, int) or version < 1:
        raise _Damage("its format version is unreadable")
    if version > ROOM_VERSION:
        raise NewerFileError(
            f"This event file was saved by a newer In the Room (file version {version}; this app "
            f"reads version {ROOM_VERSION}). Update In the Room to open it."
        )
    for table in TABLES:
        if not isinstance(raw.setdefault(table, {}), dict):
            raise _Damage(f"its {table} table is garbled")
    try:
        for step in range(version, ROOM_VERSION):
            raw = MIGRATIONS[step](raw)
        if version < ROOM_VERSION:
            first = next(iter(raw["meta"]))
            raw["meta"][first]["version"] = ROOM_VERSION
        return raw, event_from_raw(raw), version
    except document.DocumentError as exc:
        raise _Damage(f"its content is not valid: {exc.problems[0]}") from None
    except (ValueError, TypeError, AttributeError):
        raise _Damage("its tables are garbled") from None


def _read_bytes(path: Path) -> bytes:
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
        except (_Damage, NewerFileError, OSError):
            continue
        yield backup, raw, event


def _saved_at(raw: Raw, fallback: Path) -> float:
    meta = _rows(raw, "meta")
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
        raw, event = parse_room(_read_bytes(path))
        return event, _rows(raw, "runlog")
    except _Damage as damage:
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


class EventFile:
    """An event file opened for work: locked, in memory, saved crash-safely on `save()`."""

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

    def _make_storage(self, raw: Raw, on_write: Callable[[], None]) -> RoomStorage:
        self._storage = RoomStorage(raw, on_write)
        return self._storage

    # -------------------------------------------------------------- opening and creating

    @classmethod
    def open(cls, path: Path | str, *, clock: Clock = time.time) -> EventFile:
        """Open an event file for work, recovering it from a backup when it is damaged."""
        path = Path(path)
        if not path.is_file():
            _read_bytes(path)  # raises the plain-words error before any lock is made
        lock, read_only = _take_lock(path)
        try:
            data = _read_bytes(path)  # read under the lock: the newest saved version
            if lock is not None:
                _clear_temp_files(path)
            try:
                raw, event, version = parse_room_versioned(data)
                recovery = None
            except _Damage as damage:
                raw, event, recovery = _recover(path, str(damage), clock)
                version = ROOM_VERSION
            migrated = None
            if version < ROOM_VERSION and lock is not None:
                migrated = _keep_original(path, data, version)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        opened = cls(
            path, raw, lock, clock=clock, recovery=recovery, read_only=read_only, event=event
        )
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
        return _rows(self.raw, "runlog")

    # ------------------------------------------------------------------------- changing

    def _changed(self) -> None:
        self.dirty = True
        self._event = None

    def replace_event(self, event: Event) -> None:
        """Make the file hold `event` (details, agenda, notes, participants); keeps the run log."""
        tables = raw_from_event(event)
        for name in ("event", *LIST_TABLES):
            table = self.db.table(name)
            table.truncate()
            table.insert_multiple(tables[name].values())
        self._event = event

    def add_note(self, note: Note) -> None:
        """Add a note at the end; it is on disk with the next save."""
        event = self.event()
        if any(n.id == note.id for n in event.notes):
            raise StoreError(f"A note with the id {note.id!r} already exists.")
        self.db.table("notes").insert(document.plain(note))
        self._event = msgspec.structs.replace(event, notes=(*event.notes, note))

    def update_note(self, note: Note) -> None:
        """Replace the note with the same id (an edit); StoreError if there is none."""
        event = self.event()
        at = _index_of(event.notes, note.id)
        self.db.table("notes").update(document.plain(note), lambda row: row.get("id") == note.id)
        notes = list(event.notes)
        notes[at] = note
        self._event = msgspec.structs.replace(event, notes=tuple(notes))

    def delete_note(self, note_id: str) -> Deleted:
        """Take a note out; `restore_note(deleted)` puts it back where it was."""
        event = self.event()
        at = _index_of(event.notes, note_id)
        table = self.db.table("notes")
        doc_ids = [row.doc_id for row in table.all() if row.get("id") == note_id]
        table.remove(doc_ids=doc_ids)
        self._event = msgspec.structs.replace(event, notes=event.notes[:at] + event.notes[at + 1 :])
        return Deleted(event.notes[at], doc_ids[0], at)

    def restore_note(self, deleted: Deleted) -> None:
        """Undo a delete: the note returns to its place in the order."""
        event = self.event()
        self.db.table("notes").insert(Document(document.plain(deleted.note), deleted.doc_id))
        notes = list(event.notes)
        notes.insert(min(deleted.index, len(notes)), deleted.note)
        self._event = msgspec.structs.replace(event, notes=tuple(notes))

    def copy_to(self, path: Path | str) -> Path:
        """Save As: a new event file at `path` with this event and its run log (never over one)."""
        target = Path(path)
        with EventFile.create(target, self.event()) as copy:
            for entry in self.run_log():
                copy.append_run(entry)
        return target

    # ---------------------------------------------------------------- the draft

    @property
    def draft_path(self) -> Path:
        return self.path.with_name(self.path.name + ".draft")

    def save_draft(self, draft: Mapping[str, str]) -> None:
        """Keep the note being typed beside the file, so a crash mid-sentence loses nothing."""
        try:
            write_atomic(self.draft_path, msgspec.json.encode(dict(draft)))
        except OSError as exc:
            raise save_failed(self.draft_path, exc) from None

    def load_draft(self) -> dict[str, str]:
        """The draft left by the last session ({} when none, or unreadable)."""
        try:
            data = msgspec.json.decode(self.draft_path.read_bytes())
        except (OSError, msgspec.DecodeError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str)}

    def clear_draft(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.draft_path.unlink()

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
        meta = self.raw["meta"].setdefault("1", _meta(0.0))
        meta.update(_meta(self._clock()))
        data = msgspec.json.encode(self.raw)
        try:
            write_atomic(self.path, data, before_replace=self._keep_backup)
        except OSError as exc:
            raise save_failed(self.path, exc) from None
        self.dirty = False

    def _keep_backup(self) -> None:
        """Keep the version about to be replaced, at most once a minute, the last five."""
        now = self._clock()
        if self._last_backup is not None and now - self._last_backup < BACKUP_EVERY_SECONDS:
            return
        if not self.path.exists():
            return
        backup = self.path.with_name(f"{self.path.name}.backup-{_stamp(self._clock)}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.backup-{_stamp(self._clock)}-{n}")
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


def _recover(path: Path, reason: str, clock: Clock) -> tuple[Raw, Event, Recovery]:
    """Move a damaged file aside and put the newest good backup in its place."""
    good = next(_good_backups(path), None)
    if good is None:
        raise DamagedFileError(
            f"{path.name} can't be read: {reason}. There is no good backup beside it to recover "
            "from. The file has been left exactly as it is; if you have a copy elsewhere (a USB "
            "stick, an exported event document), open or import that."
        )
    backup, raw, event = good
    damaged = path.with_name(f"{path.name}.damaged-{_stamp(clock)}")
    try:
        os.replace(path, damaged)
        write_atomic(path, backup.read_bytes())
    except OSError as exc:
        raise StoreError(
            f"{path.name} can't be read ({reason}) and could not be recovered from its backup "
            f"{backup.name}: {describe_os_error(exc)}."
        ) from None
    return raw, event, Recovery(reason, damaged, backup, _saved_at(raw, backup))
