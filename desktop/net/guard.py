"""Keeps room Wi-Fi standing when someone floods it with connections.

Every connection costs the app a file descriptor, and the event file needs descriptors to be
saved. So the capture server holds at most `connection_cap()` connections (half the process's
descriptor limit, at most `MAX_CONNECTIONS`), at most `per_address` from one network address, and
gives each connection `REQUEST_SECONDS` to deliver a whole request (headers and body) after it
opens or after its last answer. A connection over a cap makes room by closing the oldest one that
isn't being answered (from the same address when that address is over its cap), so a slow or
half-open flood only ever pushes out its own kind; a request being answered is never cut off.

`raise_descriptor_limit()` lifts the soft limit to the hard one at start where the system allows
(POSIX; Windows has no such limit to raise).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 512
REQUEST_SECONDS = 10.0  # a phone's request is a few hundred bytes: ten seconds is generous
SWEEP_SECONDS = 1.0
MACOS_OPEN_MAX = 10240  # macOS refuses a soft limit above OPEN_MAX even when the hard one is higher


def descriptor_limit() -> int | None:
    """This process's soft limit on open files, or None where there is none to read (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def raise_descriptor_limit() -> tuple[int, int] | None:
    """Raise the soft limit on open files to the hard one, where allowed.

    Returns (before, after), or None where the system has no such limit (Windows). A refusal
    leaves the limit as it was (before == after); nothing here raises."""
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard
    if sys.platform == "darwin":
        target = MACOS_OPEN_MAX if hard == resource.RLIM_INFINITY else min(hard, MACOS_OPEN_MAX)
    if soft == resource.RLIM_INFINITY or (target != resource.RLIM_INFINITY and target <= soft):
        return int(soft), int(soft)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return int(soft), int(soft)
    after, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return int(soft), int(after)


def connection_cap(limit: int | None = None) -> int:
    """How many connections to hold at once for a descriptor limit of `limit` (this process's by
    default): half of it, the rest kept for the event file, Qt and the log."""
    limit = descriptor_limit() if limit is None else limit
    if limit is None:
        return MAX_CONNECTIONS
    return max(16, min(MAX_CONNECTIONS, limit // 2))


@dataclass(slots=True, eq=False)
class _Connection:
    transport: asyncio.Transport
    address: str
    deadline: float
    busy: bool = False  # a whole request is in: it is being answered


class ConnectionGuard:
    """Caps and deadlines for the connections of one listening server (see the module's doc)."""

    def __init__(
        self,
        cap: int | None = None,
        per_address: int | None = None,
        request_seconds: float = REQUEST_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cap = cap if cap is not None else connection_cap()
        self.per_address = per_address if per_address is not None else max(8, self.cap // 2)
        self.request_seconds = request_seconds
        self._clock = clock
        self._open: dict[asyncio.Transport, _Connection] = {}  # oldest first
        self._per_address: dict[str, int] = {}
        self._sweeper: asyncio.TimerHandle | None = None
        self.closed_slow = 0  # closed for not sending a whole request in time
        self.closed_for_room = 0  # closed to make room under a cap
        self.refused = 0  # turned away at once: nothing could make room

    def __len__(self) -> int:
        return len(self._open)

    def protocol_factory(self, inner: Callable[[], Any]) -> Callable[[], asyncio.Protocol]:
        """What to hand `loop.create_server`: aiohttp's protocol, guarded."""
        return lambda: _Guarded(self, inner())

    # --- connections -------------------------------------------------------------------------

    def admit(self, transport: asyncio.Transport) -> bool:
        """A connection just opened: keep it (True), or close it at once (False)."""
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
        if self._per_address.get(address, 0) >= self.per_address and not self._make_room(address):
            self.refused += 1
            return False
        if len(self._open) >= self.cap and not self._make_room(None):
            self.refused += 1
            return False
        self._open[transport] = _Connection(
            transport, address, self._clock() + self.request_seconds
        )
        self._per_address[address] = self._per_address.get(address, 0) + 1
        self._start_sweeping()
        return True

    def gone(self, transport: asyncio.Transport) -> None:
        connection = self._open.pop(transport, None)
        if connection is None:
            return
        left = self._per_address.get(connection.address, 1) - 1
        if left > 0:
            self._per_address[connection.address] = left
        else:
            self._per_address.pop(connection.address, None)

    def answering(self, transport: object) -> None:
        """A whole request arrived on `transport`: no deadline while it is answered."""
        connection = self._open.get(transport)  # type: ignore[call-overload]
        if connection is not None:
            connection.busy = True

    def answered(self, transport: object) -> None:
        """The answer is out: the next request has `request_seconds` from now."""
        connection = self._open.get(transport)  # type: ignore[call-overload]
        if connection is not None:
            connection.busy = False
            connection.deadline = self._clock() + self.request_seconds

    def _make_room(self, address: str | None) -> bool:
        for connection in self._open.values():  # oldest first
            if not connection.busy and (address is None or connection.address == address):
                self.closed_for_room += 1
                self._close(connection)
                return True
        return False

    def _close(self, connection: _Connection) -> None:
        self.gone(connection.transport)
        connection.transport.abort()  # at once: the descriptor is free again now

    # --- deadlines ---------------------------------------------------------------------------

    def sweep(self) -> int:
        """Close every connection past its deadline that isn't being answered; how many."""
        now = self._clock()
        late = [c for c in self._open.values() if not c.busy and c.deadline <= now]
        for connection in late:
            self._close(connection)
        self.closed_slow += len(late)
        return len(late)

    def _start_sweeping(self) -> None:
        if self._sweeper is None:
            loop = asyncio.get_running_loop()
            self._sweeper = loop.call_later(SWEEP_SECONDS, self._sweep_and_again)

    def _sweep_and_again(self) -> None:
        self._sweeper = None
        try:
            self.sweep()
        except Exception:  # never let a sweep stop the sweeping
            log.exception("connection sweep failed")
        if self._open:
            self._start_sweeping()

    def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None


class _Guarded(asyncio.Protocol):
    """aiohttp's protocol for one connection, admitted (or not) by the guard."""

    def __init__(self, guard: ConnectionGuard, inner: Any) -> None:
        self._guard = guard
        self._inner: Any = inner
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport = cast(asyncio.Transport, transport)
        if not self._guard.admit(transport):
            self._inner = None
            transport.abort()
            return
        self._transport = transport
        self._inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._guard.gone(self._transport)
        if self._inner is not None:
            self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()
