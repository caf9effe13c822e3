"""The live views' routes and streams, and the typed join link (issue 20; issue 15, item 4):
who may open what, that views can't post, that a new link closes the old one's streams, and
that streams are capped so phones always find room. aiohttp's test client on loopback."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from desktop.core.live_views import CLOCK, SPEAKER
from desktop.net.guard import ConnectionGuard
from desktop.net.inbox import CodeAttempts, Devices, Inbox, RateLimiter
from desktop.net.server import RoomServer, make_app
from desktop.net.views import TOKEN_LETTERS, ViewStreams, new_view_token
from tests.helpers import FakeClock
from tests.unit.net.helpers import CODE, SECRET, START, in_loop

FACE = {"view": CLOCK, "title": "Collaboration", "ticking": True, "ends_at": 5_000_000}


@asynccontextmanager
async def views(**caps: Any) -> AsyncIterator[tuple[TestClient[Any, Any], ViewStreams]]:
    clock = FakeClock(START)
    streams = ViewStreams(clock=lambda: 4_000.0, **caps)
    app = make_app(
        secret=SECRET,
        devices=Devices(CODE, clock=clock),
        inbox=Inbox(clock=clock),
        tables=lambda: ["Table 1"],
        attempts=CodeAttempts(per_minute=5, burst=3, clock=clock),
        join_limiter=RateLimiter(per_minute=600, burst=30, clock=clock),
        views=streams,
    )
    async with TestClient(TestServer(app)) as client:
        yield client, streams


async def frame(response: aiohttp.ClientResponse, timeout: float = 5.0) -> tuple[str, Any]:
    """The next server-sent event: (event name, data as JSON); ("", None) at the end."""
    raw = await asyncio.wait_for(response.content.readuntil(b"\n\n"), timeout)
    if not raw.strip():
        return "", None
    fields = dict(line.split(": ", 1) for line in raw.decode().strip().split("\n"))
    return fields.get("event", ""), json.loads(fields["data"]) if "data" in fields else None


@in_loop
async def test_each_view_opens_with_its_own_token_and_nothing_else() -> None:
    async with views() as (client, streams):
        clock, speaker = streams.tokens[CLOCK], streams.tokens[SPEAKER]
        assert clock != speaker and all(c in TOKEN_LETTERS for c in clock + speaker)
        page = await client.get(f"/v/{clock}/clock")
        assert page.status == 200 and page.content_type == "text/html"
        assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert '<script src="view.js"' in await page.text()
        assert (await client.get(f"/v/{speaker}/speaker")).status == 200
        for asset in ("view.js", "view.css"):
            assert (await client.get(f"/v/{clock}/{asset}")).status == 200
        for path in [
            f"/v/{clock}/speaker",  # the clock's link never opens the speaker's timer
            f"/v/{speaker}/clock",
            f"/v/{new_view_token()}/clock",
            f"/v/{new_view_token()}/events",
            f"/v/{SECRET}/clock",  # the phones' secret is not a view's token
            f"/v/{clock}/view.html",
            f"/j/{clock}/",  # nor a view's token the phones' secret
            f"/api/{clock}/tables",
        ]:
            assert (await client.get(path)).status == 404, path


@in_loop
async def test_views_cannot_post_anything() -> None:
    async with views() as (client, streams):
        token = streams.tokens[SPEAKER]
        for path in (f"/v/{token}/speaker", f"/v/{token}/events"):
            assert (await client.post(path, json={"text": "hi"})).status == 405
        for path in (f"/api/{token}/join", f"/api/{token}/notes"):
            assert (await client.post(path, json={"code": CODE})).status == 404


@in_loop
async def test_a_stream_starts_with_retry_and_the_face_then_follows_each_change() -> None:
    async with views(heartbeat=0.05) as (client, streams):
        streams.publish(CLOCK, FACE)
        response = await client.get(f"/v/{streams.tokens[CLOCK]}/events")
        assert response.status == 200 and response.content_type == "text/event-stream"
        assert response.headers["Cache-Control"] == "no-store"
        assert (await response.content.readuntil(b"\n\n")).startswith(b"retry: ")
        assert await frame(response) == ("face", {"now": 4_000_000, **FACE})
        assert streams.count(CLOCK) == 1 and streams.count(SPEAKER) == 0
        streams.publish(SPEAKER, {"view": SPEAKER})  # another view's change: not sent here
        assert await frame(response) == ("tick", {"now": 4_000_000})  # a heartbeat instead
        streams.publish(CLOCK, {**FACE, "ticking": False})
        name, data = await frame(response)
        while name == "tick":
            name, data = await frame(response)
        assert (name, data["ticking"]) == ("face", False)
        response.close()


@in_loop
async def test_a_new_link_closes_the_old_links_streams() -> None:
    async with views() as (client, streams):
        old = streams.tokens[CLOCK]
        response = await client.get(f"/v/{old}/events")
        await response.content.readuntil(b"\n\n")
        await frame(response)
        new = streams.renew(CLOCK)
        assert new != old
        assert await asyncio.wait_for(response.content.read(), 5) == b""  # the stream ended
        assert (await client.get(f"/v/{old}/clock")).status == 404
        assert (await client.get(f"/v/{old}/events")).status == 404
        assert (await client.get(f"/v/{new}/clock")).status == 200
        for _ in range(50):
            if streams.count() == 0:
                break
            await asyncio.sleep(0.01)
        assert streams.count() == 0


@in_loop
async def test_streams_are_capped_per_address_and_in_all() -> None:
    async with views(max_streams=3, per_address=2) as (client, streams):
        counted: list[int] = []
        streams.on_count = lambda: counted.append(streams.count())
        url = f"/v/{streams.tokens[CLOCK]}/events"
        first, second = await client.get(url), await client.get(url)
        assert (first.status, second.status) == (200, 200)
        third = await client.get(url)
        assert third.status == 503 and int(third.headers["Retry-After"]) > 0
        assert "Too many screens" in (await third.json())["error"]
        streams.per_address = 5
        fourth = await client.get(url)
        assert fourth.status == 200
        assert (await client.get(url)).status == 503  # three in all
        assert streams.count() == 3 and counted[:3] == [1, 2, 3]
        for response in (first, second, fourth):
            response.close()


@in_loop
async def test_streams_leave_the_guard_room_for_phones() -> None:
    """Streams hold their connections: at most three quarters of the guard's cap, so a flood of
    them can't take every connection (and descriptor) and phones still join and post."""
    server = RoomServer(
        secret=SECRET,
        join_code=CODE,
        tables=lambda: ["Table 1"],
        guard=ConnectionGuard(cap=16, per_address=16),  # every client is on 127.0.0.1 here
    )
    await server.start("127.0.0.1", 0)
    try:
        assert server.views.max_streams == 12
        base = f"http://127.0.0.1:{server.port}"
        url = f"{base}/v/{server.views.tokens[CLOCK]}/events"
        server.views.per_address = 100
        sessions = [aiohttp.ClientSession() for _ in range(14)]
        try:
            answers = await asyncio.gather(*(s.get(url) for s in sessions))
            assert sorted(a.status for a in answers) == [200] * 12 + [503] * 2
            server.guard.sweep()  # streams are being answered: the guard keeps them
            assert server.views.count() == 12
            async with aiohttp.ClientSession() as phone:
                joined = await phone.post(f"{base}/api/join", json={"code": CODE})
                assert joined.status == 200
        finally:
            for answer in answers:
                answer.close()
            for session in sessions:
                await session.close()
    finally:
        await server.stop()
    assert server.views.count() == 0


@in_loop
async def test_streams_are_not_cut_off_by_the_request_deadline() -> None:
    """The guard gives each request ten seconds; a stream is an answer still going, never
    late. (A guard clock moved past the deadline, then a sweep.)"""
    moment = [0.0]
    guard = ConnectionGuard(cap=16, clock=lambda: moment[0])
    server = RoomServer(secret=SECRET, join_code=CODE, tables=lambda: [], guard=guard)
    await server.start("127.0.0.1", 0)
    try:
        url = f"http://127.0.0.1:{server.port}/v/{server.views.tokens[SPEAKER]}/events"
        async with aiohttp.ClientSession() as session:
            response = await session.get(url)
            await response.content.readuntil(b"\n\n")
            moment[0] += 60
            assert guard.sweep() == 0 and server.views.count() == 1
            response.close()
    finally:
        await server.stop()


@in_loop
async def test_the_typed_link_joins_with_the_code_alone() -> None:
    async with views() as (client, _):
        page = await client.get("/")
        assert page.status == 200 and "<title>In the Room" in await page.text()
        assert page.headers["Referrer-Policy"] == "no-referrer"
        for name in ("phone.js", "phone.css"):
            assert (await client.get(f"/{name}")).status == 200
        for name in ("index.html", "pyproject.toml", "..%2fpyproject.toml", "view.js"):
            assert (await client.get(f"/{name}")).status == 404, name
        joined = await client.post("/api/join", json={"code": CODE})
        body = await joined.json()
        assert joined.status == 200 and body["secret"] == SECRET and body["device"]
        tables = await client.get(
            f"/api/{body['secret']}/tables", headers={"Authorization": f"Bearer {body['device']}"}
        )
        assert tables.status == 200


@in_loop
async def test_wrong_codes_at_the_typed_link_count_as_anywhere_else() -> None:
    async with views() as (client, _):
        for _ in range(3):  # the burst of wrong codes, at the typed link
            wrong = await client.post("/api/join", json={"code": "000000"})
            assert wrong.status == 403 and "secret" not in await wrong.json()
        for path in ("/api/join", f"/api/{SECRET}/join"):  # and then neither way takes a code
            limited = await client.post(path, json={"code": CODE})
            assert limited.status == 429
            assert "Too many wrong codes" in (await limited.json())["error"]


def test_view_tokens_are_typeable_and_kept_tokens_are_checked() -> None:
    token = new_view_token()
    assert len(token) == 10 and not set(token) & set("0O1lI")
    streams = ViewStreams()
    streams.restore({CLOCK: "abcdefghjk", SPEAKER: "../../etc"})
    assert streams.tokens[CLOCK] == "abcdefghjk" and streams.tokens[SPEAKER] != "../../etc"
    streams.restore("nonsense")
    assert streams.view_of("abcdefghjk") == CLOCK and streams.view_of("") is None
