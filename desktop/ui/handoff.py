"""One app per event file: `intheroom capture FILE.room` hands over to the app that has it open.

The app that opens a file listens on a local socket named after that file (and the user).
A second `intheroom capture` (or `open`) of the same file connects, asks, and exits; the running
app raises a capture window (or itself). Nothing here crosses the network: QLocalServer is a
Unix socket or a Windows named pipe.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

REQUESTS = (b"capture", b"open")
WAIT_MS = 1500


def server_name(path: Path) -> str:
    """The socket name for an event file: the same for every way of writing its path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        user = "user"
    key = f"{user}\0{Path(path).resolve()}".encode()
    return "intheroom-" + hashlib.sha256(key).hexdigest()[:24]


class HandoffServer(QObject):
    """Listens for the file open in this app; says what another start of the app asked for."""

    requested = Signal(str)  # "capture" or "open"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        self.path: Path | None = None

    def listen(self, path: Path) -> bool:
        """Answer for `path` (one file at a time); False if another app already does."""
        self.close()
        name = server_name(path)
        if not self._server.listen(name):
            # A socket left by a crashed app: remove it and try once more.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                return False
        self.path = path
        return True

    def close(self) -> None:
        if self._server.isListening():
            self._server.close()
        self.path = None

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
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


def request(path: Path, what: str = "capture") -> bool:
    """Ask the app that has `path` open to do `what`; False when no app answers."""
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
