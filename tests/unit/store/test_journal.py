"""The note journal: a note is on disk when add_note returns, whatever happens to the full save."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store import journal as journal_module
from desktop.store.errors import DamagedFileError
from desktop.store.eventfile import EventFile, read_event
from desktop.store.journal import Journal
from tests.conftest import ROOT


def an_event() -> Event:
    return Event(
        title="Journal test",
        agenda=(Segment(id="s1", kind=SegmentKind.SHARE_BACK, title="Tables", minutes=10),),
    )


def note(i: int, text: str = "") -> Note:
    return Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text=text or f"share-back {i}")


def crash_copy(path: Path, into: Path) -> Path:
    """What the disk holds at this instant, as a crash would leave it (no save, no close)."""
    into.mkdir()
    for item in path.parent.iterdir():
        if item.name.startswith(path.name) and not item.name.endswith(".lock"):
            shutil.copy2(item, into / item.name)
    return into / path.name


@pytest.fixture
def room(tmp_path: Path) -> EventFile:
    path = tmp_path / "ev.room"
    EventFile.create(path, an_event()).close()
    opened = EventFile.open(path)
    yield opened
    opened.close(save=False)


def test_a_note_is_on_disk_before_any_save(room: EventFile, tmp_path: Path) -> None:
    room.add_note(note(1))
    assert room.dirty and room.is_durable("n1")
    copy = crash_copy(room.path, tmp_path / "crash")
    assert [n.id for n in read_event(copy).notes] == ["n1"]  # validate/export see it too
    reopened = EventFile.open(copy)
    try:
        assert [n.text for n in reopened.event().notes] == ["share-back 1"]
        assert reopened.replayed == 1
        assert (
            "info",
            "1 note change typed just before In the Room stopped were kept: they "
            "are in the event file now.",
        ) in reopened.notices()
        assert not reopened.dirty  # the replayed note was saved into the file at once
    finally:
        reopened.close()


def test_edits_deletes_and_undo_replay_in_order(room: EventFile, tmp_path: Path) -> None:
    for i in range(1, 4):
        room.add_note(note(i))
    room.save()
    room.update_note(note(2, "edited"))
    gone = room.delete_note("n1")
    room.add_note(note(4))
    room.restore_note(gone)
    room.delete_note("n3")
    expected = [(n.id, n.text) for n in room.event().notes]
    copy = crash_copy(room.path, tmp_path / "crash")
    reopened = EventFile.open(copy)
    try:
        assert sorted((n.id, n.text) for n in reopened.event().notes) == sorted(expected)
        assert reopened.replayed == 5  # only the changes after the save
    finally:
        reopened.close()


def test_a_saved_change_is_not_applied_twice(room: EventFile, tmp_path: Path) -> None:
    room.add_note(note(1))
    room.save()
    room.add_note(note(2))
    room.save()
    assert room.path.with_name("ev.room.journal").stat().st_size > 0  # kept until large
    reopened = EventFile.open(crash_copy(room.path, tmp_path / "crash"))
    try:
        assert [n.id for n in reopened.event().notes] == ["n1", "n2"]
        assert reopened.replayed == 0
    finally:
        reopened.close()


def test_a_line_cut_short_by_a_crash_is_skipped(room: EventFile, tmp_path: Path) -> None:
    room.add_note(note(1))
    with open(room.path.with_name("ev.room.journal"), "ab") as handle:
        handle.write(b'{"seq": 2, "op": "add", "note": {"id": "n2", "ki')  # killed mid-write
    copy = crash_copy(room.path, tmp_path / "crash")
    reopened = EventFile.open(copy)
    try:
        assert [n.id for n in reopened.event().notes] == ["n1"]
        reopened.add_note(note(3))  # and the journal goes on after the cut line
    finally:
        reopened.close(save=False)
    again = EventFile.open(copy)
    try:
        assert [n.id for n in again.event().notes] == ["n1", "n3"]
    finally:
        again.close()


@pytest.mark.parametrize(
    "line",
    [
        b'{"seq": 5, "op": "add", "note": {"id": "n9", "kind": "nonsense", "text": "x"}}',
        b'{"seq": 6, "op": "explode", "note": {"id": "n9", "kind": "quote", "text": "x"}}',
        b'{"seq": true, "op": "add", "note": {"id": "n9", "kind": "quote", "text": "x"}}',
        b"[1, 2, 3]",
        b"[" * 100_000,
    ],
)
def test_a_garbled_journal_line_is_ignored(room: EventFile, tmp_path: Path, line: bytes) -> None:
    room.add_note(note(1))
    with open(room.path.with_name("ev.room.journal"), "ab") as handle:
        handle.write(line + b"\n")
    room.add_note(note(2))
    reopened = EventFile.open(crash_copy(room.path, tmp_path / "crash"))
    try:
        assert [n.id for n in reopened.event().notes] == ["n1", "n2"]
    finally:
        reopened.close()


def test_a_refused_journal_marks_the_note_unsaved_until_a_save(
    room: EventFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Journal, record: dict[str, object]) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Journal, "append", full)
    room.add_note(note(1))
    assert not room.is_durable("n1")
    assert "the disk is full" in room.durability_problem
    assert [n.id for n in room.event().notes] == ["n1"]  # kept in memory all the same
    monkeypatch.undo()
    room.save()
    assert room.is_durable("n1") and room.durability_problem == ""


def test_a_read_only_file_says_its_notes_are_not_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "ev.room"
    EventFile.create(path, an_event()).close()
    room = EventFile(path, EventFile.open(path).raw, None, read_only="the folder is read-only")
    room.add_note(note(1))
    assert not room.is_durable("n1")
    assert "read-only" in room.durability_problem


def test_a_clean_close_removes_the_spent_journal(room: EventFile) -> None:
    room.add_note(note(1))
    journal = room.path.with_name("ev.room.journal")
    assert journal.exists()
    room.close()
    assert not journal.exists()
    assert [n.id for n in read_event(room.path).notes] == ["n1"]


def test_the_journal_is_emptied_once_large(
    room: EventFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "KEEP_BYTES", 300)
    for i in range(1, 6):
        room.add_note(note(i))
    journal = room.path.with_name("ev.room.journal")
    assert journal.stat().st_size > 300
    room.save()
    assert journal.stat().st_size == 0
    room.add_note(note(6))  # appends again after emptying, numbered on from the file's count
    assert Journal(room.path).last_seq() == 6


def test_recovering_from_a_backup_keeps_the_notes_typed_since(tmp_path: Path) -> None:
    path = tmp_path / "ev.room"
    EventFile.create(path, an_event()).close()
    room = EventFile.open(path)
    room.add_note(note(1))
    room.save()  # the first save keeps the version before it as a backup
    room.add_note(note(2))
    room.add_note(note(3))
    copy = crash_copy(path, tmp_path / "crash")
    room.close(save=False)
    copy.write_bytes(copy.read_bytes()[:40])  # and the file itself is then cut short
    recovered = EventFile.open(copy)
    try:
        assert [n.id for n in recovered.event().notes] == ["n1", "n2", "n3"]
        (kind, words), *_ = recovered.notices()
        assert kind == "warning" and "could be recovered after all" in words
    finally:
        recovered.close()


DAMAGE = {
    "meta key not a number": b'{"meta": {"x": {}}}',
    "meta row not a table": b'{"meta": {"1": "x"}}',
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "meta a list": b'{"meta": [1, 2]}',
    "tables as lists": b'{"meta": {"1": {"format": "intheroom.room", "version": 1}}, "notes": []}',
    "row keys garbage": (
        b'{"meta": {"1": {"format": "intheroom.room", "version": 1}}, "notes": {"a": {}}}'
    ),
}


@pytest.mark.parametrize("data", DAMAGE.values(), ids=DAMAGE.keys())
def test_odd_damage_is_a_damaged_file_not_a_crash(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "odd.room"
    path.write_bytes(data)
    with pytest.raises(DamagedFileError, match="can't be read"):
        read_event(path)
    with pytest.raises(DamagedFileError, match="no good backup"):
        EventFile.open(path)


@pytest.mark.parametrize("data", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_cut_file_beside_a_garbage_backup_is_damage(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "cut.room"
    path.write_bytes(b'{"meta": {"1": {"format": "inther')
    (tmp_path / "cut.room.backup-20261201-100000").write_bytes(data)
    with pytest.raises(DamagedFileError, match="no good backup"):
        EventFile.open(path)


@pytest.mark.parametrize("command", ["validate", "export"])
def test_the_commands_say_damage_in_words(tmp_path: Path, command: str) -> None:
    path = tmp_path / "odd.room"
    path.write_bytes(DAMAGE["meta key not a number"])
    done = subprocess.run(
        [sys.executable, "-m", "desktop", command, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "can't be read" in done.stderr and "Traceback" not in done.stderr
