"""Live views under load (issue 20): 300 screens on /clock and 60 phones posting, over loopback.

The server and the clock run as in the app: a `Room` (the session clock on the real time) on a
qasync loop, `LiveViews` publishing what changed to the server's streams on every tick and
action, `RoomServer` behind its connection guard. The facilitator acts every few seconds (pause,
resume, +1 min, next, a room message); the screens and phones run in a child process, so their
work doesn't count as the server's. A 5 ms ticker on the app's loop measures its longest stall.

Figures:
  reach     from the facilitator's action to each screen having the new face: p50, p99, max
            over every screen and every change (target p99 <= 250 ms);
  digits    each screen's clock is off by a random -10..+10 minutes; once a second each works
            out the time left as view.js does (from the laptop's `now` in its messages) and it
            is compared with the laptop's own: the largest error (target within 1 s). The
            issue asks for 10 minutes; `make bench` runs 60 s (a drift only grows with the
            time between messages, and a heartbeat comes every 15 s whatever the length);
  stall     the app loop's longest stall and its own work (target <= 50 ms);
  lost      faces a screen never got (by sequence), notes lost or duplicated (target 0).
Baseline, same run: the 60 phones alone for a third of the time, no screen following.

The guard's per-address caps are opened up here: every client is on 127.0.0.1, where in a room
each screen and phone has an address of its own.

    python -m tests.bench.bench_views [seconds]
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from typing import Any

import aiohttp

from tests.bench.bench_net import PHONES, _phones, _ticker, quantile, tally

SCREENS = 300
CHANGE_SECONDS = 2.5
ACTIONS: list[tuple[str, dict[str, Any]]] = [
    ("pause", {}),
    ("resume", {}),
    ("adjust", {"seconds": 60}),
    ("message", {"text": "Back in the main room at 11:15"}),
    ("next", {}),
    ("message", {"text": ""}),
]


# --- the screens (child process) ----------------------------------------------------------------


class Screen:
    """One /clock viewer: its faces by sequence, when each came, and its clock's offset."""

    def __init__(self, skew: float) -> None:
        self.skew = skew  # this device's clock minus the laptop's, seconds
        self.samples: list[tuple[float, float]] = []
        self.offset = 0.0
        self.face: dict[str, Any] | None = None
        self.seen: dict[int, float] = {}  # seq -> arrival (the machine's clock)
        self.errors: list[float] = []
        self.frames = 0
        self.joined = 0  # the face each (re)connection started with: changes after it count

    def heard(self, now_ms: float) -> None:
        here = time.time() + self.skew
        self.samples = [s for s in self.samples if here - s[1] <= 120][-15:]
        self.samples.append((now_ms / 1000 - here, here))
        self.offset = max(s[0] for s in self.samples)

    def check(self) -> None:
        """Time left as view.js works it out, against the laptop's (the same machine's clock)."""
        face = self.face
        if face is None or face.get("ends_at") is None:
            return
        truth = face["ends_at"] / 1000 - time.time()
        shown = face["ends_at"] / 1000 - (time.time() + self.skew + self.offset)
        self.errors.append(abs(shown - truth) * 1000)


async def _watch(session: aiohttp.ClientSession, url: str, screen: Screen, until: float) -> None:
    while time.monotonic() < until:
        try:
            async with session.get(url) as stream:
                if stream.status != 200:
                    await asyncio.sleep(1)
                    continue
                first = True  # the face a stream starts with is not a change reaching it
                async for line in stream.content:
                    if time.monotonic() > until:
                        return
                    if not line.startswith(b"data: "):
                        continue
                    data = json.loads(line[6:])
                    arrived = time.time()
                    screen.heard(float(data["now"]))
                    screen.frames += 1
                    if "seq" in data:
                        screen.face = data
                        if not first:
                            screen.seen.setdefault(int(data["seq"]), arrived)
                        else:
                            screen.joined = max(screen.joined, int(data["seq"]))
                        first = False
        except (aiohttp.ClientError, TimeoutError):
            await asyncio.sleep(0.5)


async def _screens(url: str, seconds: float, count: int) -> list[Screen]:
    rng = random.Random(20)
    screens = [Screen(rng.uniform(-600, 600)) for _ in range(count)]
    until = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        watching = [asyncio.create_task(_watch(session, url, s, until)) for s in screens]

        async def sample() -> None:
            while time.monotonic() < until:
                await asyncio.sleep(1.0)
                for screen in screens:
                    screen.check()

        await asyncio.gather(sample(), *watching)
    return screens


async def _clients(view_url: str, base: str, code: str, seconds: float, screens: int) -> Any:
    views, phones = await asyncio.gather(
        _screens(view_url, seconds + 2, screens) if screens else asyncio.sleep(0, []),
        _phones(base, code, seconds, (1.0, 7.0), PHONES),
    )
    return {
        "screens": [
            {"seen": s.seen, "errors": s.errors, "frames": s.frames, "joined": s.joined}
            for s in views or []
        ],
        "phones": phones.__dict__,
    }


def _child(argv: list[str]) -> None:
    view_url, base, code, seconds, screens = argv
    print(json.dumps(asyncio.run(_clients(view_url, base, code, float(seconds), int(screens)))))


# --- the laptop (this process) -----------------------------------------------------------------


def _run(seconds: float, screens: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication

    from desktop.core.live_views import CLOCK
    from desktop.net.guard import ConnectionGuard
    from desktop.net.inbox import Devices, Inbox, room_size
    from desktop.net.server import RoomServer, new_join_code, new_secret
    from desktop.net.views import ViewStreams
    from desktop.store.templates import demo_event
    from desktop.ui.live_views import LiveViews
    from desktop.ui.room import Room

    app = QApplication.instance() or QApplication([sys.argv[0]])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    code = new_join_code()
    server = RoomServer(
        secret=new_secret(),
        join_code=code,
        tables=lambda: [f"Table {i}" for i in range(1, 13)],
        inbox=Inbox(),
        devices=Devices(code, max_devices=room_size(PHONES)),
        guard=ConnectionGuard(cap=512, per_address=512),  # all on 127.0.0.1 (see the doc)
        views=ViewStreams(max_streams=384, per_address=384),
    )
    published: dict[int, float] = {}
    publish = server.views.publish

    def stamped(view: str, face: dict[str, Any]) -> None:  # numbered, to tell each change apart
        seq = len(published)
        published[seq] = acting[0] or time.time()
        publish(view, {**face, "seq": seq})

    acting = [0.0]
    server.views.publish = stamped  # type: ignore[method-assign]

    class Wifi(QObject):  # what LiveViews needs of RoomWifi
        stateChanged = Signal()
        host = "127.0.0.1"

        def __init__(self) -> None:
            super().__init__()
            self.server = server

    room = Room(clock=time.time)
    wifi = Wifi()
    views = LiveViews(room, wifi)  # type: ignore[arg-type]
    views.feed.faces = _clock_only(views.feed.faces)  # type: ignore[method-assign]
    room.load(demo_event())

    async def run() -> dict[str, Any]:
        await server.start("127.0.0.1", 0)
        wifi.stateChanged.emit()
        room.act("start")
        stalls: list[float] = []
        busy: list[float] = []
        stop = asyncio.Event()
        ticking = asyncio.create_task(_ticker(stalls, busy, stop))
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.bench.bench_views",
            "--clients",
            server.view_url("127.0.0.1", CLOCK).replace("/clock", "/events"),
            f"http://127.0.0.1:{server.port}/api/{server.secret}",
            code,
            str(seconds),
            str(screens),
            stdout=asyncio.subprocess.PIPE,
        )
        await asyncio.sleep(3.0)  # every screen connected, every phone joined
        began = time.monotonic()
        steady = len(busy)  # from here on every screen follows: the connecting burst is over
        turn = 0
        changes = 0
        most = 0
        while time.monotonic() - began < seconds - CHANGE_SECONDS:
            await asyncio.sleep(CHANGE_SECONDS)
            most = max(most, server.views.count())
            action, fields = ACTIONS[turn % len(ACTIONS)]
            turn += 1
            acting[0] = time.time()
            room.act(action, **fields)
            acting[0] = 0.0
            changes += 1
        out, _ = await child.communicate()
        stop.set()
        await ticking
        await server.stop()
        return {
            "clients": json.loads(out),
            "published": published,
            "arrivals": server.inbox.pending(),
            "stalls": stalls,
            "busy": busy,
            "steady": steady,
            "changes": changes,
            "most": most,
            "refused": server.views.refused + server.guard.refused,
        }

    try:
        return loop.run_until_complete(run())
    finally:
        room.unload()
        asyncio.set_event_loop(None)
        loop.close()


def _clock_only(faces: Any) -> Any:
    """Only /clock is followed here: the speaker's face is worked out and dropped."""

    def clock(view: Any, event: Any) -> dict[str, Any]:
        return {k: v for k, v in faces(view, event).items() if k == "clock"}

    return clock


def _report(run: dict[str, Any], base: dict[str, Any], seconds: float, screens: int) -> bool:
    published: dict[int, float] = run["published"]
    shown = run["clients"]["screens"]
    reach: list[float] = []
    by_change: dict[int, list[float]] = {}
    missed = 0
    for screen in shown:
        seen = {int(k): v for k, v in screen["seen"].items()}
        for seq, at in published.items():
            if seq <= screen["joined"]:
                continue  # a face from before the screen (re)connected
            if seq in seen:
                reach.append((seen[seq] - at) * 1000)
                by_change.setdefault(seq, []).append(reach[-1])
            else:
                missed += 1
    errors = [e for s in shown for e in s["errors"]]
    drift = max(errors or [float("nan")])
    stall, own = max(run["stalls"][3:] or [0.0]), max(run["busy"][3:] or [0.0])
    following = max(run["busy"][run["steady"] :] or [0.0])
    base_stall, base_own = max(base["stalls"][3:] or [0.0]), max(base["busy"][3:] or [0.0])
    phones = run["clients"]["phones"]
    got = tally(phones["notes"], [(a.key, a.text, a.id) for a in run["arrivals"]])
    base_got = tally(
        base["clients"]["phones"]["notes"], [(a.key, a.text, a.id) for a in base["arrivals"]]
    )
    per_request = phones["requests_ms"]
    base_request = base["clients"]["phones"]["requests_ms"]
    print(
        f"  {screens} screens on /clock (most at once {run['most']}, refused {run['refused']}) "
        f"and {PHONES} phones for {seconds:g} s; {run['changes']} changes (pause, resume, +1 min,"
        f" message, next), {len(published) - 1} faces sent"
    )
    print(
        f"    reach every screen: p50 {quantile(reach, 0.5):6.1f} ms  p99 "
        f"{quantile(reach, 0.99):6.1f} ms  max {max(reach or [float('nan')]):6.1f} ms  "
        f"({len(reach)} deliveries; missed {missed})"
    )
    slowest = sorted(max(times) for times in by_change.values())
    print(
        f"    the last screen reached, per change: median {quantile(slowest, 0.5):6.1f} ms, "
        f"worst {max(slowest or [float('nan')]):6.1f} ms, over 250 ms in "
        f"{sum(t > 250 for t in slowest)} of {len(slowest)} changes"
    )
    print(
        f"    digits vs the laptop (clocks off by up to 10 min): largest error {drift:6.1f} ms"
        f" over {len(errors)} samples"
    )
    print(
        f"    app loop stall max {stall:5.1f} ms (its own work {own:5.1f} ms; once every screen"
        f" followed {following:5.1f} ms); phones alone "
        f"(baseline, {base['seconds']:g} s): {base_stall:5.1f} ms ({base_own:5.1f} ms)"
    )
    print(
        f"    notes: sent {got.sent} queued {len(run['arrivals'])} lost {got.lost} duplicated "
        f"{got.duplicated} never acknowledged {got.unacked}; one request p99 "
        f"{quantile(per_request, 0.99):5.1f} ms (baseline p99 {quantile(base_request, 0.99):5.1f}"
        f" ms, lost {base_got.lost})"
    )
    ok = (
        quantile(reach, 0.99) <= 250
        and drift <= 1000
        and own <= 50
        and missed == 0
        and got.intact
        and run["refused"] == 0
    )
    print(
        "  targets: reach p99 <= 250 ms, digits within 1 s, the loop's own work <= 50 ms, "
        f"nothing missed or lost: {'ok' if ok else 'MISSED'}"
    )
    return ok


def main(seconds: float = 60.0) -> bool:
    print("live views: 300 screens on /clock and 60 phones posting, over loopback")
    base = _run(max(10.0, seconds / 3), 0)
    base["seconds"] = max(10.0, seconds / 3)
    run = _run(seconds, SCREENS)
    ok = _report(run, base, seconds, SCREENS)
    print(f"  machine load average (1 min) at the end: {os.getloadavg()[0]:.2f}")
    return ok


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--clients":
        _child(sys.argv[2:])
    else:
        main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
