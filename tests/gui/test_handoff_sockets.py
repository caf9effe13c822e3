"""The hand-off socket on every system: private to the user, never taken from a live app."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.store.lock import FileLock
from desktop.ui.handoff import HandoffServer, request, server_name


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "event.room"
    path.write_text("{}", encoding="utf-8")
    return path


def ask(qtbot: QtBot, path: Path, what: str) -> bool:
    """request() from another process, as a second start of the app does, while this one
    answers (a thread won't do: PySide holds the GIL while it waits on the socket)."""
    code = (
        "import sys; from desktop.ui.handoff import request; sys.exit(not request(*sys.argv[1:]))"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(path), what])
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=20_000)
    return child.returncode == 0


def test_a_second_listener_leaves_the_first_one_answering(qtbot: QtBot, event: Path) -> None:
    first, second = HandoffServer(), HandoffServer()
    try:
        assert first.listen(event)
        assert not second.listen(event)
        assert first.listening and not second.listening
        with qtbot.waitSignal(first.requested, timeout=10_000) as asked:
            assert ask(qtbot, event, "open")
        assert asked.args == ["open"]
    finally:
        first.close()
        second.close()
    assert not request(event)


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_the_socket_is_for_this_user_only(event: Path) -> None:
    server = HandoffServer()
    try:
        assert server.listen(event)
        mode = stat.S_IMODE(os.stat(server._server.fullServerName()).st_mode)
        assert mode & 0o077 == 0, oct(mode)
    finally:
        server.close()


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets leave a file behind")
def test_a_socket_file_left_by_a_crashed_app_is_taken_over(qtbot: QtBot, event: Path) -> None:
    server = HandoffServer()
    assert server.listen(event)
    where = server._server.fullServerName()
    server.close()
    crashed = socket.socket(socket.AF_UNIX)  # bound, never listening, then gone: a dead socket
    crashed.bind(where)
    crashed.close()
    assert Path(where).exists()
    try:
        assert server.listen(event)
        with qtbot.waitSignal(server.requested, timeout=10_000):
            assert ask(qtbot, event, "capture")
    finally:
        server.close()


@pytest.mark.skipif(sys.platform != "win32", reason="Windows paths ignore case")
def test_one_name_for_a_file_however_its_path_is_cased(event: Path) -> None:
    assert server_name(event) == server_name(Path(str(event).upper()))


def test_a_paused_server_answers_only_once_resumed(qtbot: QtBot, event: Path) -> None:
    """At start-up the console's server is paused until its window is painted (app.run_gui):
    it notes the file, loads no socket, and answers from `resume()` on."""
    server = HandoffServer(paused=True)
    try:
        assert server.listen(event)
        assert not server.listening and not request(event)
        assert server.resume() and server.listening
        with qtbot.waitSignal(server.requested, timeout=10_000) as asked:
            assert ask(qtbot, event, "capture")
        assert asked.args == ["capture"]
    finally:
        server.close()


def test_a_paused_server_given_no_file_resumes_to_listen_for_the_next(
    qtbot: QtBot, event: Path
) -> None:
    server = HandoffServer(paused=True)
    try:
        assert server.resume() and not server.listening  # the welcome screen: no file yet
        assert server.listen(event) and server.listening
    finally:
        server.close()


def test_a_start_made_while_the_app_with_the_file_is_starting_waits_for_its_answer(
    qtbot: QtBot, event: Path
) -> None:
    """A double double-click: the first app holds the file but answers only once its window is
    painted (app.run_gui); the second start keeps asking meanwhile, not opening it twice."""
    held = FileLock(event)
    held.acquire()
    server = HandoffServer(paused=True)
    code = (
        "import sys; from pathlib import Path; from desktop.app import _handed_over; "
        "sys.exit(not _handed_over(Path(sys.argv[1]), 'open'))"
    )
    try:
        server.listen(event)
        child = subprocess.Popen([sys.executable, "-c", code, str(event)])
        qtbot.wait(400)  # the first app's window is still being painted
        assert child.poll() is None  # still asking
        with qtbot.waitSignal(server.requested, timeout=10_000) as asked:
            server.resume()
            qtbot.waitUntil(lambda: child.poll() is not None, timeout=20_000)
        assert child.returncode == 0 and asked.args == ["open"]
    finally:
        server.close()
        held.release()
