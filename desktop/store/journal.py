"""The note journal (``NAME.room.journal``): every note change on disk before "Kept" is said.

A full save rewrites the whole event file, so it is debounced; a note must be durable at once.
Each change (add, update, delete, restore) is one JSON line appended here and fsynced, so it
costs the same at 10 or 40,000 notes. Every line carries a sequence number; a full save records
the last number it holds (``meta.journal``), and opening the file replays the lines past it.
A line cut short by a crash mid-write is skipped: its change was never reported as kept.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import msgspec

from desktop.core import document
from desktop.core.model import Note
from desktop.store import vote_records

Raw = dict[str, dict[str, dict[str, Any]]]

# Past this size the journal is emptied after a successful save (the file then holds it all).
# Below it, a file recovered from a backup can still replay the changes made since the backup.
KEEP_BYTES = 1 << 20


class Journal:
    """Append-only, fsynced lines of note changes beside an event file."""

    def __init__(self, event_file: Path) -> None:
        self.path = event_file.with_name(event_file.name + ".journal")
        self._handle: IO[bytes] | None = None

    def append(self, record: dict[str, Any]) -> None:
        """Write one change and make it durable; OSError when the disk refuses."""
        self._append_raw(msgspec.json.encode(record) + b"\n")

    def append_many(self, records: list[dict[str, Any]]) -> None:
        """Several changes in one write and one fsync (a burst of ballots from phones)."""
        if records:
            self._append_raw(b"".join(msgspec.json.encode(r) + b"\n" for r in records))

    def _append_raw(self, line: bytes) -> None:
        try:
            if self._handle is None:
                self._handle = open(self.path, "ab")  # noqa: SIM115 - kept open between notes
                if self._ends_mid_line():
                    line = b"\n" + line  # a killed write's cut line: never glue onto it
            self._handle.write(line)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError:
            self._drop_handle()  # a pulled stick: reopen next time rather than reuse a dead fd
            raise

    def _ends_mid_line(self) -> bool:
        try:
            with open(self.path, "rb") as handle:
                if handle.seek(0, os.SEEK_END) == 0:
                    return False
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) != b"\n"
        except OSError:
            return False

    def records(self, after: int = 0) -> Iterator[dict[str, Any]]:
        """The changes with a sequence number past `after`, oldest first (none if unreadable)."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        for line in data.split(b"\n"):
            if not line.strip():
                continue
            try:
                record = msgspec.json.decode(line)
            except (msgspec.DecodeError, RecursionError):
                continue  # a line cut short by a crash, or garbage: never confirmed
            if not isinstance(record, dict):
                continue
            seq = record.get("seq")
            if isinstance(seq, int) and not isinstance(seq, bool) and seq > after:
                yield record

    def last_seq(self) -> int:
        """The highest sequence number written (0 when empty)."""
        return max((int(r["seq"]) for r in self.records()), default=0)

    def trim(self) -> None:
        """Empty the journal once it is large; call only after a save that holds every change."""
        try:
            size = self.path.stat().st_size
        except OSError:
            return
        if size < KEEP_BYTES:
            return
        self._drop_handle()
        with contextlib.suppress(OSError), open(self.path, "r+b") as handle:
            handle.truncate(0)
            handle.flush()
            os.fsync(handle.fileno())

    def close(self) -> None:
        self._drop_handle()

    def _drop_handle(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None


def journal_seq(raw: Raw) -> int:
    """The last journal line a saved file holds (0 for files from before the journal)."""
    table = raw.get("meta")
    first = table[min(table, key=int)] if isinstance(table, dict) and table else None
    seq = first.get("journal") if isinstance(first, dict) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq > 0 else 0


def replay_journal(raw: Raw, journal: Journal) -> tuple[int, int]:
    """Apply the journal's changes that `raw` does not hold yet, in place.

    Returns how many were applied and the last sequence number seen. A change whose note is
    not a valid note is skipped; replaying a change twice leaves the same notes.
    """
    seq = journal_seq(raw)
    notes = raw.setdefault("notes", {})
    keys = {str(row.get("id")): key for key, row in notes.items() if isinstance(row, dict)}
    applied = 0
    for record in journal.records(after=seq):
        seq = max(seq, record["seq"])
        if record.get("op") in vote_records.OPS:  # a vote, a ballot or a feedback form
            applied += vote_records.replay(raw, record)
            continue
        body = record.get("note")
        try:
            note = msgspec.convert(body, Note)
        except (msgspec.ValidationError, TypeError):
            continue
        row = document.plain(note)
        op = record.get("op")
        if op == "delete":
            if note.id in keys:
                notes.pop(keys.pop(note.id), None)
                applied += 1
            continue
        if op not in ("add", "update", "restore"):
            continue
        key = keys.get(note.id) or str(record.get("key") or "")
        if not key.isdigit() or (key in notes and notes[key].get("id") != note.id):
            key = str(max((int(k) for k in notes), default=0) + 1)
        notes[key] = row
        keys[note.id] = key
        applied += 1
    return applied, seq
