"""The event file: saves, backups, recovery from damage, failures that keep data, the lock."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace as msgspec_replace

from desktop.core import document
from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store import atomic, eventfile, lock, room_format
from desktop.store.errors import (
    DamagedFileError,
    LockedError,
    NewerFileError,
    SaveError,
    StoreError,
)
from desktop.store.eventfile import BACKUPS_KEPT, EventFile, backups_of, read_event
from desktop.store.lock import FileLock
from tests.helpers import FakeClock

START = 1_700_000_000.0  # this file's clock starts here


def an_event(notes: int = 0) -> Event:
    return Event(
        title="Collaboration is messy",
        start="10:00",
        agenda=(Segment(id="s1", kind=SegmentKind.BREAKOUT, title="Tables", minutes=20),),
        notes=tuple(
            Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text=f"note {i}") for i in range(notes)
        ),
    )


def note(i: int, text: str = "") -> Note:
    return Note(id=f"x{i}", kind=NoteKind.REFLECTION, text=text or f"reflection {i}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def path(tmp_path: Path, clock: FakeClock) -> Path:
    target = tmp_path / "event.room"
    EventFile.create(target, an_event(3), clock=clock).close()
    return target


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- saving


def test_create_open_add_save_reopen(path: Path, clock: FakeClock) -> None:
    with EventFile.open(path, clock=clock) as room:
        room.add_note(note(1, "Łukasz: “trust” & <respect>\nsecond line"))
        assert room.dirty
    again = read_event(path)
    assert again.notes[-1].text == "Łukasz: “trust” & <respect>\nsecond line"
    assert len(again.notes) == 4


def test_the_event_reads_back_from_the_tables_within_a_session(tmp_path: Path) -> None:
    """After a save the cached event is rebuilt from the tables: they must be plain lists."""
    from desktop.store.templates import demo_event

    with EventFile.create(tmp_path / "demo.room", demo_event()) as room:
        room.append_run({"t": 1.0, "do": "start"})  # a write the event cache doesn't follow
        room.add_note(note(1))
        room.replace_event(room.event())
        room.append_run({"t": 2.0, "do": "next"})
        assert room.event().questions == demo_event().questions
        assert len(room.event().notes) == len(demo_event().notes) + 1


def test_the_file_holds_the_tables_the_design_names(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert set(raw) == {"meta", "event", "agenda", "notes", "participants", "runlog"}
    assert raw["meta"]["1"]["format"] == "intheroom.room"


def test_create_never_replaces_an_existing_file(path: Path) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError, match="already exists"):
        EventFile.create(path, an_event())
    assert path.read_bytes() == before


def test_run_log_is_kept_across_replace_event(path: Path) -> None:
    with EventFile.open(path) as room:
        room.append_run({"action": "start", "segment": "s1", "at": 12.5})
        room.replace_event(an_event(0))
    with EventFile.open(path) as room:
        assert room.run_log() == [{"action": "start", "segment": "s1", "at": 12.5}]
        assert room.event().notes == ()


def test_a_note_id_twice_is_refused(path: Path) -> None:
    with EventFile.open(path) as room, pytest.raises(StoreError, match="already exists"):
        room.add_note(Note(id="n0", kind=NoteKind.FINAL, text="again"))


# -------------------------------------------------------------------------- backups


def test_a_backup_at_most_once_a_minute_and_the_last_five_kept(
    path: Path, clock: FakeClock
) -> None:
    with EventFile.open(path, clock=clock) as room:
        for i in range(40):  # a save every 20 s: a backup every third save
            room.add_note(note(i))
            clock.advance(20)
            room.save()
    kept = backups_of(path)
    assert len(kept) == BACKUPS_KEPT
    # newest first, and each a good event file holding fewer notes than the one after it
    counts = [len(eventfile.parse_room(b.read_bytes())[1].notes) for b in kept]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] < len(read_event(path).notes)


def test_the_version_before_this_session_is_backed_up_at_the_first_save(
    path: Path, clock: FakeClock
) -> None:
    original = path.read_bytes()
    with EventFile.open(path, clock=clock) as room:
        room.add_note(note(1))
    assert [b.read_bytes() for b in backups_of(path)] == [original]


# ------------------------------------------------------------------------- recovery

DAMAGE = {
    "zero bytes": b"",
    "truncated": None,  # the first half of the real file
    "garbage": bytes(range(256)) * 4,
    "an event document, not a file": json.dumps(
        {"format": "intheroom.event", "version": 1, "title": "x"}
    ).encode(),
    "other JSON": b'{"_default": {"1": {"hello": "world"}}}',
    "invalid content": None,  # tables that break the event contract
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_restored(
    path: Path, clock: FakeClock, kind: str
) -> None:
    with EventFile.open(path, clock=clock) as room:  # first save: backs up the 3-note file
        room.add_note(note(1))
    good = path.read_bytes()
    damage = DAMAGE[kind]
    if kind == "truncated":
        damage = good[: len(good) // 2]
    elif kind == "invalid content":
        raw = json.loads(good)
        raw["agenda"]["1"]["minutes"] = "ten"
        damage = json.dumps(raw).encode()
    assert damage is not None
    path.write_bytes(damage)
    clock.advance(3600)

    room = EventFile.open(path, clock=clock)
    try:
        assert room.recovery is not None
        assert len(room.event().notes) == 3  # as of the backup
        message = room.recovery.message()
        assert "event.room could not be read" in message
        assert "recovered from the backup saved at" in message
        assert room.recovery.damaged_copy.read_bytes() == damage  # kept, never overwritten
        assert room.recovery.damaged_copy.name.startswith("event.room.damaged-")
    finally:
        room.close()
    assert read_event(path).title == "Collaboration is messy"


def test_the_newest_backup_that_is_good_is_used(path: Path, clock: FakeClock) -> None:
    with EventFile.open(path, clock=clock) as room:
        for i in range(3):
            room.add_note(note(i))
            clock.advance(61)
            room.save()
    newest, second = backups_of(path)[:2]
    newest.write_bytes(b"{")  # a damaged backup is skipped
    path.write_bytes(b"")
    with EventFile.open(path, clock=clock) as room:
        assert room.recovery is not None and room.recovery.backup == second


def test_damaged_without_a_backup_is_left_exactly_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "lost.room"
    path.write_bytes(b'{"meta": {"1": {"format": "intheroom.room", "vers')
    with pytest.raises(DamagedFileError, match="no good backup") as refused:
        EventFile.open(path)
    assert "left exactly as it is" in str(refused.value)
    assert path.read_bytes().startswith(b'{"meta"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lost.room"]  # lock released too


def test_read_event_never_recovers_but_says_a_backup_exists(path: Path, clock: FakeClock) -> None:
    with EventFile.open(path, clock=clock) as room:
        room.add_note(note(1))
    path.write_bytes(b"garbage")
    with pytest.raises(DamagedFileError, match=r"A good backup from .* is beside it"):
        read_event(path)
    assert path.read_bytes() == b"garbage"


def test_a_file_from_a_newer_app_is_refused_not_moved(path: Path) -> None:
    raw = json.loads(path.read_bytes())
    raw["meta"]["1"]["version"] = 2
    path.write_text(json.dumps(raw))
    with pytest.raises(NewerFileError, match="saved by a newer In the Room"):
        EventFile.open(path)
    assert json.loads(path.read_bytes())["meta"]["1"]["version"] == 2
    assert not list(path.parent.glob("*.damaged-*"))


def test_missing_file_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="There is no event file at"):
        EventFile.open(tmp_path / "nope.room")


# --------------------------------------------------------------- failing saves keep data


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "the folder is read-only or you may not write there"),
        (errno.EROFS, "the drive is read-only"),
        (errno.EIO, "was the USB stick removed?"),
    ],
)
def test_a_failed_save_keeps_the_data_and_the_next_save_tries_again(
    path: Path, monkeypatch: pytest.MonkeyPatch, failure: int, words: str
) -> None:
    before = path.read_bytes()
    room = EventFile.open(path)
    room.add_note(note(1, "said during the outage"))

    def broken_fsync(fd: int) -> None:
        raise OSError(failure, os.strerror(failure))

    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "fsync", broken_fsync)
        with pytest.raises(SaveError) as failed:
            room.save()
        assert words in str(failed.value)
        assert "Nothing is lost" in str(failed.value)
        assert room.dirty
        assert path.read_bytes() == before  # the old file is whole
        assert temp_files(path.parent) == []  # no half-written file left behind
        with pytest.raises(SaveError):
            room.close()  # refuses to close while the data is only in memory
    room.save()  # the fault has passed: the retry writes it
    room.close()
    assert read_event(path).notes[-1].text == "said during the outage"


def test_replace_failing_leaves_the_old_file_and_no_temp(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path.read_bytes()
    with EventFile.open(path) as room:
        room.add_note(note(1))

        def no_replace(src: object, dst: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        with monkeypatch.context() as patch:
            patch.setattr(atomic.os, "replace", no_replace)
            with pytest.raises(SaveError):
                room.save()
        assert path.read_bytes() == before
        assert temp_files(path.parent) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_really_read_only_folder(path: Path) -> None:
    room = EventFile.open(path)
    room.add_note(note(1))
    path.parent.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="read-only"):
            room.save()
        assert room.dirty
    finally:
        path.parent.chmod(0o755)
    room.close()
    assert len(read_event(path).notes) == 4


def test_opened_from_a_read_only_folder_it_reads_and_says_why_it_cannot_save(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_create(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock.os, "open", no_create)
    monkeypatch.setattr(eventfile.os, "access", lambda *a: False)
    room = EventFile.open(path)
    assert room.read_only == "the folder is read-only"
    assert len(room.event().notes) == 3
    room.add_note(note(1))
    with pytest.raises(SaveError, match="read-only"):
        room.save()


# ---------------------------------------------------------------------------- the lock


def test_a_second_open_is_refused_while_the_first_has_it(path: Path) -> None:
    first = EventFile.open(path)
    with pytest.raises(LockedError, match="already open in another In the Room window"):
        EventFile.open(path)
    first.close()
    EventFile.open(path).close()  # given back on close
    assert not (path.parent / "event.room.lock").exists()


def test_a_second_process_is_refused(path: Path) -> None:
    code = "import sys; from desktop.store.eventfile import EventFile; EventFile.open(sys.argv[1])"
    with EventFile.open(path):
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
        )
    assert "LockedError" in done.stderr
    assert "is already open" in done.stderr


def test_a_stale_lock_from_a_crashed_run_is_taken_over(path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path = path.parent / "event.room.lock"
    lock_path.write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename}))
    with EventFile.open(path) as room:
        assert room.event().title
    assert not lock_path.exists()


def held_by_this_process(path: Path) -> bool:
    holder = FileLock(path).holder()
    return holder is not None and (holder.pid, holder.host) == (os.getpid(), socket.gethostname())


@pytest.mark.skipif(not lock._boot_id(), reason="this system says nothing of its boots")
def test_a_lock_from_before_a_reboot_is_stale(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the system's lock (a share that can't lock) only the content decides: a pid
    # that is alive now (ours) but from before the reboot is somebody else's, long gone.
    monkeypatch.setattr(lock, "os_lock", lambda fd: None)
    lock_path = path.parent / "event.room.lock"
    lock_path.write_text(
        json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "boot": "an-old-boot"})
    )
    with EventFile.open(path) as room:
        assert room.event().title == "Collaboration is messy" and not room.read_only
        assert held_by_this_process(path)
        holder = FileLock(path).holder()
        assert holder is not None and holder.boot not in ("an-old-boot", "")
    assert not lock_path.exists()  # given back on close


def test_a_live_lock_from_this_boot_is_not_taken_without_the_system_lock(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the reboot test: the same pid on the same boot is somebody's."""
    monkeypatch.setattr(lock, "os_lock", lambda fd: None)
    (path.parent / "event.room.lock").write_text(
        json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "boot": lock._boot_id()})
    )
    with pytest.raises(LockedError, match="already open in another In the Room window"):
        EventFile.open(path)


def test_a_lock_held_on_another_computer_is_refused_by_name(path: Path) -> None:
    lock_path = path.parent / "event.room.lock"
    lock_path.write_text(json.dumps({"pid": 4242, "host": "venue-laptop", "since": 1e9}))
    with pytest.raises(LockedError, match="on the computer “venue-laptop”") as refused:
        EventFile.open(path)
    assert "delete event.room.lock" in str(refused.value)
    assert FileLock(path).holder() is not None  # not touched


def test_an_unreadable_lock_is_treated_as_stale(path: Path) -> None:
    (path.parent / "event.room.lock").write_text("{garbled")
    with EventFile.open(path) as room:
        assert room.event().title == "Collaboration is messy" and not room.read_only
        assert held_by_this_process(path)  # our name written over the garbled one


def test_document_import_round_trips_through_the_file(tmp_path: Path) -> None:
    doc = document.encode(an_event(2))
    target = tmp_path / "imported.room"
    EventFile.create(target, document.decode(doc)).close()
    assert document.encode(read_event(target)) == doc


def test_notes_are_edited_deleted_and_restored_in_place(path: Path) -> None:
    with EventFile.open(path) as room:
        first, second = room.event().notes[:2]
        room.update_note(msgspec_replace(second, text="edited", theme="Trust"))
        deleted = room.delete_note(first.id)
        assert [n.id for n in room.event().notes] == ["n1", "n2"]
        room.restore_note(deleted)
        assert [n.id for n in room.event().notes] == ["n0", "n1", "n2"]
        with pytest.raises(StoreError, match="no note with the id 'zz'"):
            room.delete_note("zz")
    again = read_event(path)
    assert [n.id for n in again.notes] == ["n0", "n1", "n2"]
    assert (again.notes[1].text, again.notes[1].theme) == ("edited", "Trust")


def test_the_draft_is_kept_beside_the_file_until_cleared(path: Path) -> None:
    with EventFile.open(path) as room:
        assert room.load_draft() == {}
        room.save_draft({"text": "half a sentence — “quoted”", "group": "Table 3"})
    with EventFile.open(path) as room:
        assert room.load_draft() == {"text": "half a sentence — “quoted”", "group": "Table 3"}
        room.draft_path.write_bytes(b"{not json")
        assert room.load_draft() == {}
        room.clear_draft()
        room.clear_draft()
        assert not room.draft_path.exists()


def test_a_file_from_an_older_version_is_migrated_and_the_original_kept(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = path.read_bytes()

    def one_to_two(raw: dict[str, object]) -> dict[str, object]:
        event_rows = raw["event"]
        assert isinstance(event_rows, dict)
        for row in event_rows.values():
            row["theme"] = "Migrated"
        return raw

    monkeypatch.setattr(room_format, "ROOM_VERSION", 2)
    monkeypatch.setattr(room_format, "MIGRATIONS", {1: one_to_two})
    with EventFile.open(path) as room:
        assert room.event().theme == "Migrated"
        assert room.migrated_from == (1, path.with_name("event.room.v1-original"))
    assert path.with_name("event.room.v1-original").read_bytes() == original
    saved = json.loads(path.read_bytes())
    assert saved["meta"]["1"]["version"] == 2
    with EventFile.open(path) as again:  # already new: nothing migrated twice
        assert again.migrated_from is None
