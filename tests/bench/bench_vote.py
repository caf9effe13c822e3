"""Dot-voting under load: 300 phones place their dots at once over loopback.

The server is the app's (RoomServer with a VoteDesk on a real event file: every ballot in the
journal, fsynced, before its phone is answered), on this process's asyncio loop; the phones run
in a child process (one aiohttp session each, from 60 loopback addresses where the system allows,
five phones each, else all from 127.0.0.1), so their work doesn't count as the server's.

"Time to the projector" is, per ballot, from the moment its phone sends it to the moment the
desk tells the windows it is on disk (`on_change`, when the room display redraws), with the
projector's figures (the count and the results) worked out there. Rounds, in one run:
  baseline      300 phones ask GET /vote at once (no disk): the server's own floor
  fsync each    300 ballots, each written and fsynced on its own (without group commit)
  group commit  300 ballots as the app writes them (one write for all that arrive together)
  change        the same 300 phones change their ballots (replaced, never added)
Checks: every phone's ballot counted exactly once (300 voted, 900 dots), every ballot in the
journal (read back from disk), and a reopened file holds them all.
Also: one paint of the projector's bar chart at 1920x1080 (Qt offscreen), when Qt is there.

    python -m tests.bench.bench_vote [--phones N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.core import votes
from desktop.core.model import Event
from desktop.net.server import RoomServer, new_join_code, new_secret
from desktop.store.eventfile import EventFile
from desktop.store.journal import Journal
from desktop.store.vote_desk import VoteDesk

PHONES = 300
PER_ADDRESS = 5
OPTIONS = ["Trust", "Time", "Culture", "Power & influence", "Roles & purpose", "Relationships"]


# --- the phones (child process) -----------------------------------------------------------------


def _source(i: int) -> str:
    return f"127.0.0.{2 + i // PER_ADDRESS}"


def _loopback_aliases() -> bool:
    """Linux answers on all of 127/8; macOS and Windows only on 127.0.0.1 by default."""
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.9", 0))
        return True
    except OSError:
        return False


async def _phones(job: dict[str, Any]) -> dict[str, Any]:
    import aiohttp

    base, tokens, kind = job["base"], job["tokens"], job["kind"]
    spread = _loopback_aliases()
    timeout = aiohttp.ClientTimeout(total=30)
    sessions = [
        aiohttp.ClientSession(
            timeout=timeout,
            connector=aiohttp.TCPConnector(limit=1, local_addr=(_source(i), 0) if spread else None),
        )
        for i in range(len(tokens))
    ]
    sent: dict[str, float] = {}
    answered: dict[str, float] = {}
    statuses: dict[str, int] = {}
    retries = 0

    async def one(i: int, session: aiohttp.ClientSession, token: str) -> None:
        nonlocal retries
        headers = {"Authorization": f"Bearer {token}"}
        n = len(job["options"])
        dots = [0] * n
        for k in range(3):  # three dots, spread by the phone's number (some stacked)
            dots[(i * (k + 1) + job["shift"] * k) % n] += 1
        sent[token] = time.monotonic()
        for _attempt in range(5):
            try:
                if kind == "look":
                    async with session.get(f"{base}/vote", headers=headers) as r:
                        await r.read()
                        statuses[token] = r.status
                else:
                    body = {"vote": job["vote"], "dots": dots}
                    async with session.post(f"{base}/vote", json=body, headers=headers) as r:
                        await r.read()
                        statuses[token] = r.status
                break
            except (aiohttp.ClientError, TimeoutError):
                retries += 1  # sent again, as the phone page does: the same whole ballot
                await asyncio.sleep(0.2)
        answered[token] = time.monotonic()

    await asyncio.gather(
        *(one(i, s, t) for i, (s, t) in enumerate(zip(sessions, tokens, strict=True)))
    )
    for session in sessions:
        await session.close()
    return {
        "sent": sent,
        "answered": answered,
        "statuses": statuses,
        "retries": retries,
        "spread": spread,
    }


def _child() -> None:
    job = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(_phones(job))))


# --- the server (this process) ------------------------------------------------------------------


async def _round(
    server: RoomServer, desk: VoteDesk, tokens: dict[str, str], kind: str, shift: int
) -> dict[str, Any]:
    """One round of all phones at once; the figures per phone."""
    stamped: dict[str, float] = {}
    pending: list[str] = []
    cast = desk.cast

    def counting_cast(device: str, vote_id: object, dots: object) -> votes.Vote:
        vote = cast(device, vote_id, dots)
        pending.append(device)
        return vote

    def projector() -> None:
        now = time.monotonic()
        vote = desk.current()
        assert vote is not None
        votes.voted(vote), votes.results(vote)  # what the room display shows
        for device in pending:
            stamped.setdefault(device, now)
        pending.clear()

    desk.cast = counting_cast  # type: ignore[method-assign]
    desk.on_change = projector
    vote = desk.current()
    assert vote is not None
    job = {
        "base": f"http://127.0.0.1:{server.port}/api/{server.secret}",
        "tokens": list(tokens),
        "kind": kind,
        "vote": vote.id,
        "options": list(vote.options),
        "shift": shift,
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from tests.bench.bench_vote import _child; _child()",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    out, _ = await child.communicate(json.dumps(job).encode())
    desk.cast = cast  # type: ignore[method-assign]
    phones = json.loads(out)
    if kind == "look":
        ms = [(phones["answered"][t] - phones["sent"][t]) * 1000 for t in tokens]
    else:
        ms = [
            (stamped[tokens[t]] - phones["sent"][t]) * 1000 for t in tokens if tokens[t] in stamped
        ]
    return {
        "ms": ms,
        "ok": sum(1 for s in phones["statuses"].values() if s == 200),
        "retries": phones["retries"],
        "spread": phones["spread"],
    }


async def _run(phones: int, folder: Path, group_commit: bool) -> dict[str, Any]:
    path = folder / f"vote-{'group' if group_commit else 'each'}.room"
    file = EventFile.create(path, Event(title="Bench"))
    desk = VoteDesk(file)
    if not group_commit:
        desk._schedule = desk._write  # type: ignore[method-assign]  # one fsync per ballot
    code = new_join_code()
    server = RoomServer(secret=new_secret(), join_code=code, tables=lambda: [], votes=lambda: desk)
    server.devices.max_devices = phones + 50
    tokens = {}
    for _ in range(phones):
        device = server.devices.join(code)
        tokens[device.token] = device.id
    await server.start("127.0.0.1", 0)
    try:
        desk.open(OPTIONS, dots=3)
        figures: dict[str, Any] = {}
        if group_commit:
            figures["baseline"] = await _round(server, desk, tokens, "look", 0)
        figures["vote"] = await _round(server, desk, tokens, "vote", 0)
        vote = desk.current()
        assert vote is not None
        figures["vote"]["voted"] = votes.voted(vote)
        figures["vote"]["dots"] = votes.total_dots(vote)
        if group_commit:
            figures["change"] = await _round(server, desk, tokens, "vote", 1)
            vote = desk.current()
            assert vote is not None
            figures["change"]["voted"] = votes.voted(vote)
            figures["change"]["dots"] = votes.total_dots(vote)
            figures["change"]["ballots"] = len(vote.ballots)
    finally:
        await server.stop()
    journaled = {r["ballot"]["device"] for r in Journal(path).records() if r.get("op") == "ballot"}
    figures["journaled"] = len(journaled)
    file._journal.close()  # type: ignore[union-attr]  # as if the app died: no save, no close
    file._lock.release()  # type: ignore[union-attr]
    with EventFile.open(path) as again:
        figures["reopened"] = votes.voted(again.event().votes[-1])
    return figures


def _paint_ms(phones: int) -> float | None:
    """The projector's bar chart painted once at 1920x1080 (median of 15), Qt offscreen."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from desktop.ui.vote_view import VoteView
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    vote = votes.new_vote("v1", OPTIONS, dots=3)
    for i in range(phones):
        vote = votes.cast(vote, f"p{i}", [1, 1, 1, 0, 0, 0] if i % 2 else [0, 0, 0, 3, 0, 0])
    vote = votes.reveal(votes.close(vote))
    view = VoteView()
    view.resize(1920, 1080)
    view.show_vote(vote, "Share-back · 4:12 · On time")
    times = []
    for _ in range(15):
        began = time.perf_counter()
        view.grab()
        times.append((time.perf_counter() - began) * 1000)
    view.close()
    app.processEvents()
    return statistics.median(times)


def _pct(ms: list[float], p: float) -> float:
    if not ms:
        return float("nan")
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=PHONES)
    args = parser.parse_args(argv)
    phones = args.phones
    with tempfile.TemporaryDirectory() as folder:
        each = asyncio.run(_run(phones, Path(folder), group_commit=False))
        group = asyncio.run(_run(phones, Path(folder), group_commit=True))
    print(f"\nbench_vote: {phones} phones vote at once over loopback (3 dots each)")
    spread = group["vote"]["spread"]
    print(
        "  phones in a child process, "
        + (
            f"from {(phones + PER_ADDRESS - 1) // PER_ADDRESS} loopback addresses"
            if spread
            else "all from 127.0.0.1"
        )
        + "; server on plain asyncio; time to the projector = sent → on disk and redrawn"
    )
    print(f"  {'round':<34}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}  counted")
    rows = [
        ("baseline: GET /vote, no disk", group["baseline"], ""),
        ("ballots, one fsync each", each["vote"], "vote"),
        ("ballots, group commit (the app)", group["vote"], "vote"),
        ("everyone changes their ballot", group["change"], "change"),
    ]
    for name, figures, kind in rows:
        ms = figures["ms"]
        counted = (
            f"{figures['voted']} voted, {figures['dots']} dots"
            + (f", {figures['ballots']} ballots" if "ballots" in figures else "")
            if kind
            else f"{figures['ok']} answered"
        )
        if figures["retries"]:
            counted += f" ({figures['retries']} resent)"
        print(
            f"  {name:<34}{_pct(ms, 50):>9.1f}{_pct(ms, 99):>9.1f}{max(ms, default=0):>9.1f}"
            f"  {counted}"
        )
    print(
        f"  on disk: {group['journaled']} of {phones} phones' ballots in the journal; "
        f"reopened after a kill: {group['reopened']} voted (fsync-each run: {each['reopened']})"
    )
    ok = (
        group["vote"]["voted"] == phones
        and group["vote"]["dots"] == 3 * phones
        and group["change"]["ballots"] == phones
        and group["change"]["dots"] == 3 * phones
        and group["journaled"] == phones
        and group["reopened"] == phones
    )
    print(f"  every ballot counted once and kept: {'yes' if ok else 'NO'}")
    paint = _paint_ms(phones)
    if paint is not None:
        print(f"  projector bar chart, one paint at 1920x1080 (Qt offscreen): {paint:.1f} ms")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
