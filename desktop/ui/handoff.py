"""One app per event file: `intheroom capture FILE.room` hands over to the app that has it open.

The app that opens a file listens on a local socket named after that file (and the user).
A second `intheroom capture` (or `open`) of the same file connects, asks, and exits; the running
app raises a capture window (or itself). Nothing here crosses the network: QLocalServer is a
Unix socket (in the temp folder) or a Windows named pipe, and only this user may connect.

QtNetwork loads with the first socket, not with this module: at start-up the app asks another
app only when the file's lock says one may have it (`desktop.store.lock.may_be_open`), and
starts answering once its window is on screen (`HandoffServer(paused=True)`, `resume()`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

REQUESTS = (b"capture", b"open")
WAIT_MS = 1500
PROBE_MS = 300  # a live app's socket accepts at once, even while its window is busy


def server_name(path: Path) -> str:
    """The socket name for an event file: the same for every way of writing its path."""
    import getpass  # with the first socket, not at start-up (see the module's note)
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        user = "user"
    # normcase: on Windows C:\Events\A.room and c:\events\a.room are the same file.
    key = f"{user}\0{os.path.normcase(Path(path).resolve())}".encode()
    return "intheroom-" + hashlib.sha256(key).hexdigest()[:24]


class HandoffServer(QObject):
    """Listens for the file open in this app; says what another start of the app asked for.

    A `paused` server only notes the file `listen` is given, and starts answering for it at
    `resume()`.
    """

    requested = Signal(str)  # "capture" or "open"

    def __init__(self, parent: QObject | None = None, *, paused: bool = False) -> None:
        super().__init__(parent)
        self._server: QLocalServer | None = None
        self._paused = paused
        self.path: Path | None = None

    def listen(self, path: Path) -> bool:
        """Answer for `path` (one file at a time); False if another app already does."""
        self.close()
        if self._paused:
            self.path = path
            return True
        from PySide6.QtNetwork import QLocalServer

        if self._server is None:
            self._server = QLocalServer(self)
            # Unix: the socket file is the user's alone (0700); Windows: the pipe's ACL is theirs.
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self._server.newConnection.connect(self._accept)
        name = server_name(path)
        if _answers(name):
            # Another app listens: never take its name (on Unix that would cut it off; on
            # Windows a second pipe of the same name would take half of its callers).
            return False
        if not self._server.listen(name):
            # A socket file left by a crashed app (Unix): nobody answers it, so remove it.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                return False
        self.path = path
        return True

    def resume(self) -> bool:
        """Start answering, for the file noted while paused; False if another app does."""
        if not self._paused:
            return self.listening
        self._paused = False
        path, self.path = self.path, None
        return self.listen(path) if path is not None else True

    def close(self) -> None:
        if self._server is not None and self._server.isListening():
            self._server.close()
        self.path = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _accept(self) -> None:
        assert self._server is not None  # only its signal calls this
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)  # a probe, or a caller gone
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        line = bytes(socket.readLine().data()).strip()
        if line not in REQUESTS:
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(line.decode())


def _answers(name: str) -> bool:
    """Whether an app is listening on `name` right now."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(PROBE_MS)
    socket.abort()
    return connected


def request(path: Path, what: str = "capture") -> bool:
    """Ask the app that has `path` open to do `what`; False when no app answers."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(what.encode() + b"\n")
    socket.flush()
    if not socket.waitForReadyRead(WAIT_MS):
        socket.abort()
        return False
    answer = bytes(socket.readLine().data()).strip()
    socket.disconnectFromServer()
    return answer == b"ok"
