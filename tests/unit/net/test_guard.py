"""The connection guard (issue 14, item 7): a flood of half-open connections can't take the
descriptors the event file needs, slow requests are closed, and phones keep working."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest

from desktop.net.guard import ConnectionGuard, connection_cap, raise_descriptor_limit
from desktop.net.server import _ATTEMPTS, RoomServer
from tests.conftest import ROOT
from tests.helpers import FakeClock
from tests.unit.net.helpers import CODE, SECRET, in_loop

posix_only = pytest.mark.skipif(os.name == "nt", reason="descriptor limits are POSIX")
HALF = b"POST /api/x/join HTTP/1.1\r\nHost: x\r\nContent-Le"  # and then nothing more


@asynccontextmanager
async def serving(guard: ConnectionGuard) -> AsyncIterator[RoomServer]:
    server = RoomServer(secret=SECRET, join_code=CODE, tables=lambda: ["Table 1"], guard=guard)
    await server.start("127.0.0.1", 0)
    try:
        yield server
    finally:
        await server.stop()


async def half_open(port: int, count: int, host: str = "127.0.0.1") -> list[asyncio.StreamWriter]:
    writers = []
    for _ in range(count):
        _, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(host, 0))
        writer.write(HALF)
        writers.append(writer)
    await asyncio.sleep(0.05)  # let the server take them all in
    return writers


async def join(server: RoomServer) -> int:
    url = f"http://127.0.0.1:{server.port}/api/{SECRET}/join"
    async with aiohttp.ClientSession() as session, session.post(url, json={"code": CODE}) as r:
        return r.status


async def close_all(writers: list[asyncio.StreamWriter]) -> None:
    for writer in writers:
        writer.close()
    for writer in writers:
        with contextlib.suppress(OSError):
            await writer.wait_closed()


def test_the_cap_is_half_the_descriptors_and_never_more_than_512() -> None:
    assert connection_cap(1024) == 512
    assert connection_cap(256) == 128
    assert connection_cap(20) == 16
    assert connection_cap(1_000_000) == 512


@in_loop
async def test_a_flood_is_held_to_the_cap_and_a_phone_still_gets_in() -> None:
    guard = ConnectionGuard(cap=20, per_address=20)
    async with serving(guard) as server:
        writers = await half_open(server.port, 60)
        assert len(guard) <= 20
        assert guard.closed_for_room >= 40
        assert await join(server) == 200  # it made room by closing the oldest idle connection
        await close_all(writers)


@in_loop
async def test_one_address_is_held_to_its_own_cap_and_others_are_left_alone() -> None:
    guard = ConnectionGuard(cap=40, per_address=10)
    async with serving(guard) as server:
        try:
            others = await half_open(server.port, 5, host="127.0.0.2")
        except OSError:
            pytest.skip("only 127.0.0.1 on this system's loopback")
        flood = await half_open(server.port, 50)
        assert len(guard) == 15  # 10 of the flood, and the other address's 5 untouched
        assert [w.is_closing() for w in others] == [False] * 5
        await close_all(others + flood)


@in_loop
async def test_a_slow_request_is_closed_at_its_deadline_an_answered_one_gets_time_again() -> None:
    clock = FakeClock()
    guard = ConnectionGuard(cap=20, request_seconds=10, clock=clock)
    async with serving(guard) as server:
        [slow] = await half_open(server.port, 1)
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        clock.now += 9
        writer.write(f"GET /api/{SECRET}/tables HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 403")  # answered; the connection stays open
        clock.now += 2
        assert guard.sweep() == 1  # the slow one: 11 s without a whole request
        assert len(guard) == 1
        clock.now += 7
        assert guard.sweep() == 0  # the kept-alive one has 10 s from its answer
        clock.now += 3
        assert guard.sweep() == 1
        assert guard.closed_slow == 2
        await close_all([slow, writer])


FLOODED = textwrap.dedent(
    """
    import asyncio, json, resource, sys, tempfile
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    from desktop.net.server import _ATTEMPTS, RoomServer
    from desktop.store.atomic import write_atomic

    async def main():
        server = RoomServer(secret="%s", join_code="%s", tables=lambda: ["Table 1"])
        await server.start("127.0.0.1", 0)
        print(server.port, flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.readline)  # the flood is in
        failed = []
        with tempfile.TemporaryDirectory() as folder:
            for i in range(20):
                try:
                    write_atomic(Path(folder) / "event.room", b"{}" * 5000)
                except OSError as exc:
                    failed.append(str(exc))
                await asyncio.sleep(0.01)
        print(json.dumps({"failed": failed, "held": len(server.guard)}), flush=True)
        await loop.run_in_executor(None, sys.stdin.readline)
        await server.stop()

    asyncio.run(main())
    """
)


@posix_only
@in_loop
async def test_saving_never_fails_for_a_flood_at_a_low_descriptor_limit() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", FLOODED % (SECRET, CODE)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            port = int(await asyncio.to_thread(child.stdout.readline))
            writers = await half_open(port, 300)  # more than the child's 256 descriptors
            child.stdin.write("go\n")
            child.stdin.flush()
            report = json.loads(await asyncio.to_thread(child.stdout.readline))
            assert report["failed"] == []
            assert report["held"] <= 128
            url = f"http://127.0.0.1:{port}/api/{SECRET}/join"
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, json={"code": CODE}) as r,
            ):
                assert r.status == 200
            await close_all(writers)
            child.stdin.write("stop\n")
            child.stdin.flush()
            assert await asyncio.to_thread(child.wait, 20) == 0
        finally:
            if child.poll() is None:
                child.kill()


@posix_only
def test_the_soft_descriptor_limit_is_raised_to_the_hard_one() -> None:
    script = (
        "import resource; resource.setrlimit(resource.RLIMIT_NOFILE, (200, 1024)); "
        "from desktop.net.guard import raise_descriptor_limit as r; print(r()); "
        "print(resource.getrlimit(resource.RLIMIT_NOFILE)[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["(200, 1024)", "1024"]


def test_raising_the_limit_never_fails_here() -> None:
    result = raise_descriptor_limit()
    assert result is None or result[1] >= result[0]


@in_loop
async def test_a_slow_body_is_closed_at_its_deadline_and_counts_as_a_try() -> None:
    clock = FakeClock()
    guard = ConnectionGuard(cap=20, request_seconds=10, clock=clock)
    async with serving(guard) as server:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(
            f"POST /api/{SECRET}/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            'Content-Length: 100\r\n\r\n{"code": "0'.encode()
        )
        await writer.drain()
        await asyncio.sleep(0.05)  # the headers are in; the body trickles
        clock.now += 10
        assert guard.sweep() == 1
        assert await reader.read() == b""  # closed, no answer
        assert server.app[_ATTEMPTS].open("127.0.0.1") == 0
        await close_all([writer])
