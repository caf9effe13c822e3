"""Kill the real app while a note-taker types: a note said to be kept is never lost.

The child is the app's console (offscreen) on an event file, typing through its capture panel:
a key at a time into the note box, Enter every few words. After each Enter it prints "kept ID T"
(T: time.time() when Enter returned). The parent kills it (kill -9 at a random moment, or within
100 ms of an Enter; SIGTERM and SIGHUP as a logout or shutdown sends them), then checks the
file opens and holds every note the app said it kept, however soon before the kill.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event
from tests.conftest import ROOT

CHILD = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import build_console
console = build_console(settings=QSettings(sys.argv[2], QSettings.Format.IniFormat), muted=True)
console.show()
assert console.open_path(sys.argv[1])
from desktop.app import _quit_cleanly_on_signals
_quit_cleanly_on_signals(app, console)
entry = console.capture.entry
words = "trust takes time and relationships are key ".split()
count = [0]

def type_some():
    count[0] += 1
    for ch in words[count[0] % len(words)] + " ":
        QTest.sendKeyEvent(QTest.KeyAction.Click, entry, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
    if count[0] % 3 == 0:
        QTest.keyClick(entry, Qt.Key.Key_Return)
        note = console.room.current_event.notes[-1]
        assert console.capture.hint_label.text().startswith("Kept")
        print("kept", note.id, time.time(), flush=True)

timer = QTimer()
timer.timeout.connect(type_some)
timer.start(15)
print("ready", flush=True)
app.exec()
"""

ROUNDS = 12


def start_typing(path: Path, settings: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(settings)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", "the app didn't start"
    return child


def kept_ids(out: str) -> set[str]:
    """The notes the app said it kept (whole lines only: a kill may cut the last one short)."""
    return {line.split()[1] for line in out.split("\n")[:-1] if line.startswith("kept")}


@pytest.mark.slow
def test_kill_9_while_typing_loses_no_kept_note(tmp_path: Path) -> None:
    path = tmp_path / "typing.room"
    EventFile.create(path, demo_event()).close()
    chance = random.Random(4)
    kept_total = 0
    for round_ in range(ROUNDS):
        child = start_typing(path, tmp_path / "settings.ini")
        # Aim the kill: a random moment 0.3 to 1.8 s into the typing (this waits on real time
        # only to choose when to kill; nothing here asserts a speed).
        time.sleep(chance.uniform(0.3, 1.8))
        child.kill()  # SIGKILL (TerminateProcess on Windows)
        out, _ = child.communicate()
        must_have = kept_ids(out)
        # The lock of a killed app is stale: the next open takes it over.
        with EventFile.open(path) as room:
            ids = {n.id for n in room.event().notes}
        assert must_have <= ids, f"round {round_}: lost {sorted(must_have - ids)}"
        kept_total += len(must_have)
    assert kept_total > ROUNDS  # the typing really ran, and really was kept
    assert len(read_event(path).notes) > len(demo_event().notes)


@pytest.mark.slow
def test_kill_9_within_100_ms_of_enter_loses_nothing(tmp_path: Path) -> None:
    """The case that lost 5 notes of 5 before the journal: the full save had not run yet."""
    path = tmp_path / "typing.room"
    EventFile.create(path, demo_event()).close()
    chance = random.Random(100)
    for round_ in range(5):
        child = start_typing(path, tmp_path / "settings.ini")
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(chance.randint(1, 3))]
        time.sleep(chance.uniform(0.0, 0.1))  # aims the kill within 100 ms of that Enter
        child.kill()  # SIGKILL (TerminateProcess on Windows)
        out, _ = child.communicate()
        must_have = kept_ids("".join(lines) + out)
        assert must_have, f"round {round_}: nothing was typed"
        ids = {n.id for n in read_event(path).notes}  # read_event sees the journal too
        assert must_have <= ids, f"round {round_}: lost {sorted(must_have - ids)}"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals (Windows: commitDataRequest)")
@pytest.mark.parametrize("sent", ["SIGTERM", "SIGHUP"])
def test_a_logout_or_shutdown_is_a_clean_quit(tmp_path: Path, sent: str) -> None:
    path = tmp_path / "typing.room"
    EventFile.create(path, demo_event()).close()
    child = start_typing(path, tmp_path / "settings.ini")
    assert child.stdout is not None
    lines = [child.stdout.readline() for _ in range(2)]
    child.send_signal(getattr(signal, sent))  # right after an Enter
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 0, f"{sent}: the app did not quit by itself"
    assert not (tmp_path / "typing.room.lock").exists()  # the file was given back
    assert not (tmp_path / "typing.room.journal").exists()  # everything is in the file
    ids = {n.id for n in read_event(path).notes}
    must_have = kept_ids("".join(lines) + out)
    assert must_have and must_have <= ids
    with EventFile.open(path) as room:  # and it opens with no recovery, nothing to replay
        assert room.recovery is None and room.replayed == 0
