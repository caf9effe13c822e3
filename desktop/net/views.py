"""The live views over Room Wi-Fi: `/v/<token>/clock` and `/v/<token>/speaker`, pushed by
server-sent events. Read-only: a view's token opens its page and its stream, nothing else.

Routes (a wrong or replaced token is a plain 404, as a wrong secret is):
  GET /v/<token>/clock | /v/<token>/speaker   the page (only the one its token is for)
  GET /v/<token>/view.css | view.js           its style and script (no external asset)
  GET /v/<token>/events                       text/event-stream of faces (desktop.core.live_views)

Each stream starts with `retry:` (the browser's EventSource reconnects by itself) and the view's
face now; then a face each time it changes, and a `tick` every HEARTBEAT_SECONDS. Every message
carries `now`, the laptop's clock as it leaves, so the browser ticks the digits from its offset.
A new link for a view (`ViewStreams.renew`) makes the old one a 404 and closes its streams.
Streams are capped (`max_streams` in all, `per_address` from one address): a stream holds its
connection for as long as it is open, so without a cap a flood of them could take every
connection the guard allows and leave none for phones.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from desktop.core.live_views import CLOCK, SPEAKER, VIEWS, Face
from desktop.net.inbox import RoomFull
from desktop.paths import resources_dir

if TYPE_CHECKING:
    from desktop.net.guard import ConnectionGuard

HEARTBEAT_SECONDS = 15.0
RETRY_MS = 2000  # the browser's wait before reconnecting by itself
TOKEN_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/O, 1/l/I: a link a person can type
TOKEN_LENGTH = 10  # 31**10: about 50 bits
PER_ADDRESS = 16  # streams from one address: a few TVs and laptops behind one room's router
VIEW_FILES: dict[str, str] = {
    "view.html": "text/html",
    "view.css": "text/css",
    "view.js": "text/javascript",
}


def new_view_token() -> str:
    """A view's link token: ten letters and digits that can't be mistaken for each other."""
    return "".join(secrets.choice(TOKEN_LETTERS) for _ in range(TOKEN_LENGTH))


def view_files(folder: Path | None = None) -> dict[str, bytes]:
    base = folder if folder is not None else resources_dir() / "views"
    return {name: (base / name).read_bytes() for name in VIEW_FILES}


class _Follower:
    """One open stream: woken when its view's face changes, or when it must close."""

    __slots__ = ("address", "closed", "seen", "view", "wake")

    def __init__(self, view: str, address: str) -> None:
        self.view = view
        self.address = address
        self.wake = asyncio.Event()
        self.closed = False
        self.seen = -1  # the version of the face it last sent


class ViewStreams:
    """The live views' tokens, their latest faces, and every open stream."""

    def __init__(
        self,
        tokens: dict[str, str] | None = None,
        *,
        max_streams: int = 384,
        per_address: int = PER_ADDRESS,
        clock: Callable[[], float] = time.time,
        heartbeat: float = HEARTBEAT_SECONDS,
    ) -> None:
        given = tokens or {}
        self.tokens = {v: str(given.get(v) or new_view_token()) for v in VIEWS}
        self.max_streams = max_streams
        self.per_address = per_address
        self.heartbeat = heartbeat
        self._clock = clock
        self._faces: dict[str, str] = {v: "{}" for v in VIEWS}  # JSON without `now`
        self._versions = dict.fromkeys(VIEWS, 0)
        self._followers: set[_Follower] = set()
        self._per_address: dict[str, int] = {}
        self._made: tuple[tuple[str, str, int, int], bytes] = (("", "", -1, -1), b"")
        self.on_count: Callable[[], None] = lambda: None  # the number of streams changed
        self.refused = 0
        self.guard: ConnectionGuard | None = None  # the server's, told a stream is being answered

    # --- what the app does ---------------------------------------------------------------

    def publish(self, view: str, face: Face) -> None:
        """`face` is the view's face now: every stream of it sends it at once."""
        self._faces[view] = json.dumps(face, ensure_ascii=False, separators=(",", ":"))
        self._versions[view] += 1
        for follower in self._followers:
            if follower.view == view:
                follower.wake.set()

    def renew(self, view: str) -> str:
        """A new link for `view`: the old one stops working and its open streams close."""
        self.tokens[view] = new_view_token()
        self.close(view)
        return self.tokens[view]

    def close(self, view: str | None = None) -> None:
        """Close the open streams (of `view`, or all)."""
        for follower in list(self._followers):
            if view is None or follower.view == view:
                follower.closed = True
                follower.wake.set()

    def restore(self, tokens: object) -> None:
        """Take up the links a previous run kept (anything malformed is left as it is)."""
        if isinstance(tokens, dict):
            for view in VIEWS:
                token = tokens.get(view)
                if isinstance(token, str) and len(token) >= TOKEN_LENGTH and token.isalnum():
                    self.tokens[view] = token

    def count(self, view: str | None = None) -> int:
        return sum(1 for f in self._followers if view is None or f.view == view)

    def view_of(self, token: str) -> str | None:
        """Which view `token` opens, if any (compared in constant time)."""
        found = None
        for view, known in self.tokens.items():
            if hmac.compare_digest(token.encode(), known.encode()):
                found = view
        return found

    # --- streams -------------------------------------------------------------------------

    def _frame(self, view: str, event: str = "face") -> bytes:
        """One message, stamped with the laptop's time now (to the millisecond: the streams
        woken by one change share the bytes made for the first of them in that millisecond)."""
        now = round(self._clock() * 1000)
        key = (view, event, self._versions[view], now)
        if self._made[0] == key:
            return self._made[1]
        face = self._faces[view]
        body = (
            f'{{"now":{now}}}' if event == "tick" or face == "{}" else f'{{"now":{now},{face[1:]}'
        )
        frame = f"event: {event}\ndata: {body}\n\n".encode()
        self._made = (key, frame)
        return frame

    def _follow(self, view: str, address: str) -> _Follower:
        if len(self._followers) >= self.max_streams:
            self.refused += 1
            raise RoomFull("Too many screens follow this room already.")
        if self._per_address.get(address, 0) >= self.per_address:
            self.refused += 1
            raise RoomFull("Too many screens from this address follow this room already.")
        follower = _Follower(view, address)
        self._followers.add(follower)
        self._per_address[address] = self._per_address.get(address, 0) + 1
        self.on_count()
        return follower

    def _unfollow(self, follower: _Follower) -> None:
        if follower in self._followers:
            self._followers.discard(follower)
            left = self._per_address.get(follower.address, 1) - 1
            if left > 0:
                self._per_address[follower.address] = left
            else:
                self._per_address.pop(follower.address, None)
            self.on_count()

    async def stream(self, request: web.Request, view: str) -> web.StreamResponse:
        follower = self._follow(view, request.remote or "?")
        try:
            response = web.StreamResponse(
                headers={
                    "Content-Type": "text/event-stream; charset=utf-8",
                    "Cache-Control": "no-store",
                    "X-Accel-Buffering": "no",
                }
            )
            await response.prepare(request)
            if self.guard is not None:  # answered headers restart its deadline: not for a stream
                self.guard.answering(request.transport)
            follower.seen = self._versions[view]
            await response.write(f"retry: {RETRY_MS}\n\n".encode() + self._frame(view))
            while not follower.closed:
                follower.wake.clear()
                if follower.seen == self._versions[view]:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self.heartbeat):
                            await follower.wake.wait()
                if follower.closed:
                    break
                if follower.seen != self._versions[view]:
                    follower.seen = self._versions[view]
                    await response.write(self._frame(view))
                else:
                    await response.write(self._frame(view, "tick"))
            with contextlib.suppress(ConnectionResetError):
                await response.write_eof()
            return response
        except ConnectionResetError:  # the browser went
            return web.Response(status=400)
        finally:
            self._unfollow(follower)


VIEW_STREAMS: web.AppKey[ViewStreams] = web.AppKey("view_streams", ViewStreams)
_VIEW_FILES: web.AppKey[dict[str, bytes]] = web.AppKey("view_files", dict)


def add_view_routes(
    app: web.Application, streams: ViewStreams, files: dict[str, bytes] | None = None
) -> None:
    """The live views' routes on the capture server's app (GET only: views can't post)."""
    app[VIEW_STREAMS] = streams
    app[_VIEW_FILES] = files if files is not None else view_files()
    app.router.add_get("/v/{token}/events", _events)
    app.router.add_get("/v/{token}/{name}", _view_page)


def _view(request: web.Request) -> str:
    view = request.app[VIEW_STREAMS].view_of(request.match_info["token"])
    if view is None:
        raise web.HTTPNotFound()
    return view


async def _view_page(request: web.Request) -> web.StreamResponse:
    view = _view(request)
    name = request.match_info["name"]
    if name == view:  # /clock with the clock's token, /speaker with the speaker's
        name = "view.html"
    elif name not in VIEW_FILES or name == "view.html":
        raise web.HTTPNotFound()
    response = web.Response(
        body=request.app[_VIEW_FILES][name], content_type=VIEW_FILES[name], charset="utf-8"
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


async def _events(request: web.Request) -> web.StreamResponse:
    return await request.app[VIEW_STREAMS].stream(request, _view(request))


__all__ = [
    "CLOCK",
    "SPEAKER",
    "VIEW_STREAMS",
    "ViewStreams",
    "add_view_routes",
    "new_view_token",
    "view_files",
]
