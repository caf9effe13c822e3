"""kill -9 in the middle of saves, 50 times: the file always opens and loses no completed save."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store.eventfile import EventFile, read_event
from tests.conftest import ROOT

# The child appends a note and saves, over and over. It prints "saving N" as a save starts and
# "saved N" once it has returned: whatever it said "saved" last is on disk for good. The parent
# kills it at a random moment inside a save: after a "saving" line, waiting a random part of
# how long the saves it watched took (the one place a test here waits on real time: it aims
# the kill, it asserts nothing about speed).
CHILD = """
import sys
from desktop.core.model import Note, NoteKind
from desktop.store.eventfile import EventFile
room = EventFile.open(sys.argv[1])
n = len(room.event().notes)
while True:
    n += 1
    room.add_note(Note(id=f"k{n}", kind=NoteKind.SHARE_BACK, text=f"share-back {n} " + "x" * 300))
    print("saving", n, flush=True)
    room.save()
    print("saved", n, flush=True)
"""


@pytest.mark.slow
def test_kill_9_mid_save_fifty_times(tmp_path: Path) -> None:
    path = tmp_path / "killed.room"
    seed_notes = tuple(
        Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text="x" * 300) for i in range(1500)
    )
    event = Event(
        title="Kill test",
        agenda=(Segment(id="s1", kind=SegmentKind.SHARE_BACK, title="Tables", minutes=10),),
        notes=seed_notes,
    )
    EventFile.create(path, event).close()
    chance = random.Random(20261123)
    completed = len(seed_notes)
    save_seconds = 0.0
    mid_write = 0  # kills that left a half-written temp file: the case this test is for
    for _round in range(50):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        for _ in range(chance.randint(1, 4)):
            assert child.stdout.readline().startswith("saving")
            began = time.perf_counter()
            word, number = child.stdout.readline().split()
            save_seconds = max(save_seconds, time.perf_counter() - began)
            assert word == "saved"
            completed = int(number)
        assert child.stdout.readline().startswith("saving")
        time.sleep(chance.uniform(0, save_seconds))
        child.kill()  # SIGKILL; TerminateProcess on Windows: inside the save that just began
        child.wait()
        mid_write += any(p.suffix == ".tmp" for p in tmp_path.iterdir())
        child.stdout.close()
        saved = read_event(path)  # opens cleanly: no recovery needed, ever
        assert len(saved.notes) >= completed
        assert [n.id for n in saved.notes[len(seed_notes) :]] == [
            f"k{i}" for i in range(len(seed_notes) + 1, len(saved.notes) + 1)
        ]
        completed = len(saved.notes)
    assert mid_write >= 10, f"only {mid_write} of 50 kills landed inside a write"
    leftovers = [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert len(leftovers) <= 1  # a killed write's temp file is cleared at the next open
    with EventFile.open(path) as room:  # and the lock left by the last kill is taken over
        assert room.recovery is None
