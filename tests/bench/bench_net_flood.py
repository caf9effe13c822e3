"""Room Wi-Fi under a connection flood at a desktop's 1,024-descriptor limit (issue 14, item 7).

Three processes, all on loopback: the server (its descriptor limit set to 1,024:1,024 with
`resource.setrlimit`, as `prlimit` would, so it can't be raised), saving a 200 KB event file
every 250 ms the way the store does (`write_atomic`); a slow client holding 1,100 half-open
connections (headers trickled a line every few seconds, from 127.0.0.2 where the system has it,
so it is a different address from the phones'; dropped ones are opened again); and 60 phones
posting notes as in the room phase. Run twice: the server listening as before this change
(aiohttp's own site, no guard: the baseline) and as the app now does (RoomServer and its guard).

    python -m tests.bench.bench_net_flood [seconds]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from desktop.net.inbox import Devices, Inbox, room_size
from desktop.net.server import RoomServer, make_app, new_join_code, new_secret
from desktop.store.atomic import write_atomic
from tests.bench.bench_net import PHONES, TABLES, joins_line, quantile, tally

LIMIT = 1024
SLOW = 1100
SAVE_EVERY = 0.25
EVENT_BYTES = 200_000


# --- the server (a child process at a 1,024 limit) --------------------------------------------


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def _serve(guarded: bool) -> dict[str, Any]:
    secret, code = new_secret(), new_join_code()
    inbox = Inbox()
    devices = Devices(code, max_devices=room_size(PHONES))
    complaints = _Count()  # asyncio's "socket.accept() out of system resource" and the like
    logging.getLogger("asyncio").addHandler(complaints)
    server: RoomServer | None = None
    runner: web.AppRunner | None = None
    if guarded:
        server = RoomServer(
            secret=secret, join_code=code, tables=lambda: TABLES, inbox=inbox, devices=devices
        )
        await server.start("127.0.0.1", 0)
        port = server.port
    else:  # as the server listened before: aiohttp's site, nothing between
        app = make_app(secret=secret, devices=devices, inbox=inbox, tables=lambda: TABLES)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        port = runner.addresses[0][1]
    print(json.dumps({"port": port, "secret": secret, "code": code}), flush=True)
    loop = asyncio.get_running_loop()
    stop = loop.run_in_executor(None, sys.stdin.readline)
    saves, failures, stalls = 0, [], []
    held = 0
    with tempfile.TemporaryDirectory() as folder:
        event = Path(folder) / "event.room"
        last = time.perf_counter()
        while not stop.done():
            await asyncio.sleep(SAVE_EVERY)
            now = time.perf_counter()
            stalls.append((now - last - SAVE_EVERY) * 1000)
            try:
                write_atomic(event, os.urandom(EVENT_BYTES))
                saves += 1
            except OSError as exc:
                failures.append(exc.strerror or str(exc))
            if server is not None:
                held = max(held, len(server.guard))
            last = time.perf_counter()
    guard = server.guard if server is not None else None
    report = {
        "arrivals": [(a.key, a.text, a.id) for a in inbox.pending()],
        "saves": saves,
        "failed": len(failures),
        "why": sorted(set(failures)),
        "complaints": complaints.count,
        "stall": max(stalls[2:] or [0.0]),
        "held": held,
        "closed_slow": guard.closed_slow if guard is not None else 0,
        "closed_for_room": guard.closed_for_room if guard is not None else 0,
        "refused": guard.refused if guard is not None else 0,
    }
    if server is not None:
        await server.stop()
    if runner is not None:
        await runner.cleanup()
    return report


def _server_child(guarded: bool) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))
    report = asyncio.run(_serve(guarded))
    print(json.dumps(report), flush=True)


# --- the slow client ------------------------------------------------------------------------


async def _slow_one(port: int, source: str, until: float, counts: dict[str, int]) -> None:
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, local_addr=(source, 0)
            )
        except OSError:
            await asyncio.sleep(0.5)
            continue
        counts["opened"] += 1
        try:
            writer.write(b"POST /api/x/join HTTP/1.1\r\nHost: x\r\n")
            while time.monotonic() < until:
                with contextlib.suppress(TimeoutError):
                    if not await asyncio.wait_for(reader.read(1024), 3.0):
                        break  # the server closed it
                writer.write(b"X-Slow: 1\r\n")  # one more header line, never the end
                await writer.drain()
        except OSError:
            pass
        finally:
            counts["dropped"] += 1
            writer.close()
        await asyncio.sleep(0.2)


async def _slow_client(port: int, seconds: float) -> dict[str, int]:
    source = "127.0.0.2"
    try:  # another address where loopback has it (Linux); the phones' own elsewhere
        with socket.create_connection(("127.0.0.1", port), source_address=(source, 0)):
            pass
    except OSError:
        source = "127.0.0.1"
    counts = {"opened": 0, "dropped": 0}
    until = time.monotonic() + seconds
    await asyncio.gather(*(_slow_one(port, source, until, counts) for _ in range(SLOW)))
    return counts


def _slow_child(port: str, seconds: str) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    print(json.dumps(asyncio.run(_slow_client(int(port), float(seconds)))), flush=True)


# --- the run ----------------------------------------------------------------------------------


async def _once(guarded: bool, seconds: float) -> dict[str, Any]:
    here = [sys.executable, "-m", "tests.bench.bench_net_flood"]
    pipe = asyncio.subprocess.PIPE
    server = await asyncio.create_subprocess_exec(
        *here, "--server", "1" if guarded else "0", stdin=pipe, stdout=pipe
    )
    assert server.stdout is not None and server.stdin is not None
    hello = json.loads(await server.stdout.readline())
    port = hello["port"]
    slow = await asyncio.create_subprocess_exec(
        *here, "--slow", str(port), str(seconds + 8), stdout=pipe
    )
    await asyncio.sleep(3.0)  # the flood is in before the phones come
    base = f"http://127.0.0.1:{port}/api/{hello['secret']}"
    phones = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "tests.bench.bench_net", "--phones"],
        *[base, hello["code"], str(seconds), "1.0", "7.0", str(PHONES)],
        stdout=pipe,
    )
    phone_log = json.loads((await phones.communicate())[0])
    slow_counts = json.loads((await slow.communicate())[0] or b"{}")
    server.stdin.write(b"stop\n")
    await server.stdin.drain()
    report = json.loads(await server.stdout.readline())
    await server.wait()
    return {"phones": phone_log, "server": report, "slow": slow_counts}


def _say(label: str, run: dict[str, Any]) -> bool:
    phones, server = run["phones"], run["server"]
    got = tally(phones["notes"], [tuple(a) for a in server["arrivals"]])
    to_queue = [n["ms"] for n in phones["notes"].values() if n["ms"] is not None]
    print(f"    {label}:")
    print(f"      phones {joins_line(phones, PHONES)}")
    print(
        f"      notes sent {got.sent}  lost {got.lost}  duplicated {got.duplicated}  never "
        f"acknowledged {got.unacked}  phone errors {phones['errors']}  time to queue p99 "
        f"{quantile(to_queue, 0.99):.1f} ms"
    )
    why = f" ({', '.join(server['why'])})" if server["why"] else ""
    print(
        f"      event file saves {server['saves']} ok, {server['failed']} failed{why}  loop "
        f"complaints {server['complaints']}  longest stall {server['stall']:.1f} ms"
    )
    print(
        f"      slow client opened {run['slow'].get('opened', 0)}, dropped "
        f"{run['slow'].get('dropped', 0)}  server held at most {server['held']}  closed as "
        f"slow {server['closed_slow']}  closed to make room {server['closed_for_room']}  "
        f"refused {server['refused']}"
    )
    return got.intact and not server["failed"] and phones["joined"] == PHONES


def main(seconds: float = 30.0) -> bool:
    """Both runs; True if the guarded one kept every note and every save."""
    if os.name == "nt":
        print("  descriptor flood: skipped (no descriptor limit to set on Windows)")
        return True
    print(
        f"  descriptor flood: {SLOW:,} slow half-open connections at a {LIMIT:,}-descriptor limit "
        f"while {PHONES} phones post for {seconds:g} s, a save every {SAVE_EVERY * 1000:.0f} ms"
    )
    before = asyncio.run(_once(False, seconds))
    _say("as before (aiohttp's site, no guard)", before)
    after = asyncio.run(_once(True, seconds))
    return _say("now (RoomServer through its guard)", after)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--server":
        _server_child(sys.argv[2] == "1")
    elif len(sys.argv) > 3 and sys.argv[1] == "--slow":
        _slow_child(sys.argv[2], sys.argv[3])
    else:
        main(float(sys.argv[1]) if len(sys.argv) > 1 else 30.0)
