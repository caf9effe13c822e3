"""The room Wi-Fi capture server: serves the phone page and takes notes into the inbox.

aiohttp on whatever asyncio loop is running (qasync's in the app, plain asyncio in tests). Nothing
here touches the event or the UI: arrivals wait in the `Inbox`, and `on_arrival` tells the UI.

Routes (the per-event secret is in every path but the typed link's; anything else is a 404):
  GET  /                      the phone page for a typed link (address and port, no token)
  POST /api/join              {code}                 -> as below, plus {secret} for the rest
  GET  /j/<secret>/           the phone page (and its whitelisted assets beside it)
  POST /api/<secret>/join     {code}                 -> {device, tables, note_taker, kinds}
  GET  /api/<secret>/tables   Bearer device          -> {tables, note_taker}
  POST /api/<secret>/notes    Bearer device {key, kind, table, text} -> 202 {status, id}
  GET  /api/<secret>/notes/<key>  Bearer device      -> {status}  ("unknown" if never seen)
  GET  /v/<token>/clock|speaker, /v/<token>/events   the live views (desktop.net.views)

The six-digit code is the key of the typed link: a wrong code at /api/join counts against the
address exactly as one at /api/<secret>/join does.

Standing up to abuse: join attempts are counted per address when they start (`CodeAttempts`),
new phones per address are rate-limited, a full room is 503 (never a wrong code), status polls
are rate-limited per phone, and `RoomServer` listens through a `ConnectionGuard` (caps and
deadlines on connections, so a flood can't take the descriptors the event file needs).
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import json
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from desktop.net.guard import ConnectionGuard, raise_descriptor_limit
from desktop.net.inbox import (
    JOINS_BURST,
    JOINS_PER_MINUTE,
    KINDS,
    NOTE_TAKER,
    STATUS_BURST,
    STATUS_PER_MINUTE,
    Barred,
    CodeAttempts,
    Device,
    Devices,
    Forbidden,
    Inbox,
    Invalid,
    NotFound,
    RateLimiter,
    Refused,
    RoomFull,
    TooMany,
    WrongCode,
    parse_note,
)
from desktop.net.link import (  # re-exported: callers import them from here too
    DEFAULT_PORT,
    join_url,
    phone_url,
    view_url,
)
from desktop.net.link import local_addresses as local_addresses
from desktop.net.link import new_join_code as new_join_code
from desktop.net.link import new_secret as new_secret
from desktop.net.link import qr_png as qr_png
from desktop.net.link import qr_svg as qr_svg
from desktop.net.views import ViewStreams, add_view_routes
from desktop.paths import resources_dir

log = logging.getLogger(__name__)

MAX_BODY = 8 * 1024  # bytes: a 2,000-character note in any script fits, with room to spare
SOMETHING_WRONG = "Something went wrong in In the Room."
# The page and the files it loads: nothing else in resources/phone is ever served.
PHONE_FILES: dict[str, str] = {
    "index.html": "text/html",
    "phone.css": "text/css",
    "phone.js": "text/javascript",
    "phone-vote.js": "text/javascript",  # the vote screen and feedback form (issue 21)
}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",  # the secret is in the URL
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_MESSAGES = {
    400: "That request wasn't understood.",
    403: "Not allowed.",
    404: "Not found.",
    405: "Not allowed.",
    413: "That is too long to send (the limit is 8 KB). Shorten it or split it into two notes.",
}

Tables = Callable[[], Sequence[str]]
OnArrival = Callable[[], None]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_SECRET: web.AppKey[str] = web.AppKey("secret", str)
_DEVICES: web.AppKey[Devices] = web.AppKey("devices", Devices)
_INBOX: web.AppKey[Inbox] = web.AppKey("inbox", Inbox)
_LIMITER: web.AppKey[RateLimiter] = web.AppKey("limiter", RateLimiter)
_JOIN_LIMITER: web.AppKey[RateLimiter] = web.AppKey("join_limiter", RateLimiter)
_STATUS_LIMITER: web.AppKey[RateLimiter] = web.AppKey("status_limiter", RateLimiter)
_ATTEMPTS: web.AppKey[CodeAttempts] = web.AppKey("attempts", CodeAttempts)
_GUARD: web.AppKey[ConnectionGuard | None] = web.AppKey("guard")
_TABLES: web.AppKey[Tables] = web.AppKey("tables")
_ON_ARRIVAL: web.AppKey[OnArrival] = web.AppKey("on_arrival")
_FILES: web.AppKey[dict[str, bytes]] = web.AppKey("files", dict)


def phone_files(folder: Path | None = None) -> dict[str, bytes]:
    """The whitelisted phone files, read once: requests never touch the file system."""
    base = folder if folder is not None else resources_dir() / "phone"
    return {name: (base / name).read_bytes() for name in PHONE_FILES}


def make_app(
    *,
    secret: str,
    devices: Devices,
    inbox: Inbox,
    tables: Tables,
    on_arrival: OnArrival = lambda: None,
    limiter: RateLimiter | None = None,
    join_limiter: RateLimiter | None = None,
    attempts: CodeAttempts | None = None,
    status_limiter: RateLimiter | None = None,
    guard: ConnectionGuard | None = None,
    files: dict[str, bytes] | None = None,
    votes: Callable[[], Any] | None = None,
    views: ViewStreams | None = None,
) -> web.Application:
    """The aiohttp application for one event's capture.

    `limiter`: notes per phone; `join_limiter`: new phones per address; `attempts`: wrong codes
    per address; `status_limiter`: status polls per phone; `guard`: the connection guard the
    server listens through, told when a request is whole and when it is answered."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_errors])
    app[_SECRET] = secret
    app[_DEVICES] = devices
    app[_INBOX] = inbox
    app[_LIMITER] = limiter if limiter is not None else RateLimiter()
    app[_JOIN_LIMITER] = (
        join_limiter if join_limiter is not None else RateLimiter(JOINS_PER_MINUTE, JOINS_BURST)
    )
    app[_ATTEMPTS] = attempts if attempts is not None else CodeAttempts()
    app[_STATUS_LIMITER] = (
        status_limiter
        if status_limiter is not None
        else RateLimiter(STATUS_PER_MINUTE, STATUS_BURST)
    )
    app[_GUARD] = guard
    app[_TABLES] = tables
    app[_ON_ARRIVAL] = on_arrival
    app[_FILES] = files if files is not None else phone_files()
    app.on_response_prepare.append(_security_headers)
    app.router.add_get("/", _typed_page)
    app.router.add_get("/{asset}", _typed_asset)  # the page's files beside it, and only those
    app.router.add_post("/api/join", _typed_join)
    app.router.add_get("/j/{secret}", _page_redirect)
    app.router.add_get("/j/{secret}/", _page)
    app.router.add_get("/j/{secret}/{asset}", _asset)
    app.router.add_post("/api/{secret}/join", _join)
    app.router.add_get("/api/{secret}/tables", _tables)
    app.router.add_post("/api/{secret}/notes", _post_note)
    app.router.add_get("/api/{secret}/notes/{key}", _note_status)
    from desktop.net import votes_api  # dot-voting and the feedback form (issue 21)

    votes_api.add_routes(app, votes if votes is not None else lambda: None)
    if views is not None:
        views.guard = guard
        add_view_routes(app, views)
    return app


class RoomServer:
    """The capture service for one event, started and stopped from the console.

    Holds the inbox and devices the UI moderates and lists; `on_arrival` runs on the loop each
    time a new note is queued (never for a retry)."""

    def __init__(
        self,
        *,
        secret: str,
        join_code: str,
        tables: Tables,
        on_arrival: OnArrival = lambda: None,
        inbox: Inbox | None = None,
        devices: Devices | None = None,
        limiter: RateLimiter | None = None,
        guard: ConnectionGuard | None = None,
        votes: Callable[[], Any] | None = None,
        views: ViewStreams | None = None,
    ) -> None:
        if guard is None:
            raise_descriptor_limit()  # before the guard sizes itself from the limit
            guard = ConnectionGuard()
        self.guard = guard
        self.secret = secret
        self.inbox = inbox if inbox is not None else Inbox()
        self.devices = devices if devices is not None else Devices(join_code)
        self.devices.join_code = join_code
        # Streams hold their connections: at most three quarters of the guard's, so phones
        # always find room.
        self.views = views if views is not None else ViewStreams(max_streams=guard.cap * 3 // 4)
        self.app = make_app(
            secret=secret,
            devices=self.devices,
            inbox=self.inbox,
            tables=tables,
            on_arrival=on_arrival,
            limiter=limiter,
            guard=guard,
            votes=votes,
            views=self.views,
        )
        self._runner: web.AppRunner | None = None
        self._listening: asyncio.Server | None = None
        self.host = ""
        self.port = 0

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self, host: str = "0.0.0.0", port: int = DEFAULT_PORT) -> None:
        """Listen on `host`:`port` (port 0 picks a free one; `self.port` says which), every
        connection through the guard (by default one sized from this process's descriptor limit,
        raised to the hard limit first where allowed).

        Raises OSError (e.g. the port is in use) with nothing left running."""
        if self._runner is not None:
            return
        guard = self.guard
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        assert runner.server is not None
        try:
            loop = asyncio.get_running_loop()
            listening = await loop.create_server(
                guard.protocol_factory(runner.server), host, port, reuse_address=True
            )
        except BaseException:
            await runner.cleanup()
            raise
        self._runner, self._listening = runner, listening
        _settle_the_collector()
        self.host = host
        self.port = int(listening.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        listening, self._listening = self._listening, None
        if listening is not None:
            listening.close()
        self.views.close()  # open streams end now, not after the runner's shutdown timeout
        self.guard.stop()
        if runner is not None:
            await runner.cleanup()
        if listening is not None:
            await listening.wait_closed()

    def url(self, host: str) -> str:
        """The join link for phones reaching this laptop at `host` (one of local_addresses())."""
        return join_url(host, self.port, self.secret)

    def typed_url(self, host: str) -> str:
        """The link a person can type: address and port, no token (the code is the key)."""
        return phone_url(host, self.port)

    def view_url(self, host: str, view: str) -> str:
        """The link of a live view ("clock" or "speaker")."""
        return view_url(host, self.port, self.views.tokens[view], view)


def _settle_the_collector() -> None:
    """Everything made before phones come (Qt's wrappers, the event, the libraries) lives as
    long as the app. Left in the collector's oldest generation, each full collection walks all
    of it: 30-80 ms with the app's loop stalled, every few seconds under a busy room (issue 14,
    item 12). Frozen, a collection looks only at what was made since."""
    gc.collect()
    gc.freeze()


# --- handlers ---------------------------------------------------------------------------------


def _check_secret(request: web.Request) -> None:
    """A wrong secret looks exactly like a path that doesn't exist."""
    given = request.match_info.get("secret", "")
    if not hmac.compare_digest(given.encode(), request.app[_SECRET].encode()):
        raise web.HTTPNotFound()


def _device(request: web.Request) -> Device:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Forbidden("This phone isn't connected. Enter the code on the screen again.")
    return request.app[_DEVICES].by_token(token.strip())


async def _json_body(request: web.Request) -> Any:
    raw = await request.read()  # raises 413 past client_max_size
    guard = request.app[_GUARD]
    if guard is not None:
        guard.answering(request.transport)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # 8 KB of "[" nests deeper than the parser goes
        raise Invalid("That request wasn't understood (it isn't JSON).") from None


def _table_list(request: web.Request) -> list[str]:
    return [str(name) for name in request.app[_TABLES]()]


async def _page_redirect(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    raise web.HTTPFound(f"/j/{request.app[_SECRET]}/")


async def _page(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    return _file_response(request, "index.html")


async def _asset(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    name = request.match_info["asset"]
    if name not in PHONE_FILES or name == "index.html":
        raise web.HTTPNotFound()
    return _file_response(request, name)


def _file_response(request: web.Request, name: str) -> web.Response:
    response = web.Response(
        body=request.app[_FILES][name], content_type=PHONE_FILES[name], charset="utf-8"
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


async def _typed_page(request: web.Request) -> web.StreamResponse:
    return _file_response(request, "index.html")


async def _typed_asset(request: web.Request) -> web.StreamResponse:
    name = request.match_info["asset"]
    if name not in PHONE_FILES or name == "index.html":
        raise web.HTTPNotFound()
    return _file_response(request, name)


async def _typed_join(request: web.Request) -> web.StreamResponse:
    """Joining from the typed link: the code alone is the key; the answer carries the secret
    the phone uses for everything after, as if it had come by the QR's link."""
    return _json({**await _joined(request), "secret": request.app[_SECRET]})


async def _join(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    return _json(await _joined(request))


async def _joined(request: web.Request) -> dict[str, Any]:
    address = request.remote or "?"
    joins = request.app[_JOIN_LIMITER]
    wait = joins.wait(address)
    if wait:
        raise TooMany("Lots of phones are joining at once. This one will join in a moment.", wait)
    attempts = request.app[_ATTEMPTS]
    attempts.begin(address)  # counted now, before its body (and its code) has arrived
    wrong = True
    try:
        body = await _json_body(request)
        code = body.get("code") if isinstance(body, dict) else None
        previous = body.get("device") if isinstance(body, dict) else None
        devices = request.app[_DEVICES]
        try:
            device = devices.join(code, previous=previous, address=address)
        except WrongCode:
            raise
        except Refused:
            wrong = False  # a full room or a barred phone: no code was guessed
            raise
        wrong = False
        if device.token != previous:  # a new phone (one coming back costs nothing)
            joins.take(address)
    finally:
        attempts.end(address, wrong=wrong)
    return {
        "device": device.token,
        "label": device.label,
        "tables": _table_list(request),
        "note_taker": NOTE_TAKER,
        "kinds": list(KINDS),
    }


async def _tables(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    _device(request)
    return _json({"tables": _table_list(request), "note_taker": NOTE_TAKER})


async def _post_note(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    device = _device(request)
    body = await _json_body(request)
    inbox = request.app[_INBOX]
    key = body.get("key") if isinstance(body, dict) else None
    known = inbox.find(device.id, key) if isinstance(key, str) else None
    if known is not None:  # a retry: the same answer, nothing new queued, nothing charged
        return _json({"status": inbox.status_of(known.id), "id": known.id}, status=202)
    draft = parse_note(body, _table_list(request))
    wait = request.app[_LIMITER].take(device.id)
    if wait:
        raise TooMany("That's a lot of notes at once. This one will go in a moment.", wait)
    arrival = inbox.add(device.id, draft)
    request.app[_DEVICES].sent(device.id)
    try:
        request.app[_ON_ARRIVAL]()
    except Exception:  # the note is queued either way; the UI will see it on its next look
        log.exception("on_arrival failed")
    return _json({"status": "queued", "id": arrival.id}, status=202)


async def _note_status(request: web.Request) -> web.StreamResponse:
    _check_secret(request)
    device = _device(request)
    wait = request.app[_STATUS_LIMITER].take(device.id)
    if wait:
        raise TooMany("Checking on notes too often; this phone will ask again later.", wait)
    status = request.app[_INBOX].status(device.id, request.match_info["key"])
    return _json({"status": status or "unknown"})


# --- errors and headers -----------------------------------------------------------------------


def _json(data: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    response = web.json_response(data, status=status, headers=headers)
    response.headers["Cache-Control"] = "no-store"
    return response


def _error(status: int, message: str, **extra: object) -> web.Response:
    headers = {}
    if "retry_after" in extra:
        headers["Retry-After"] = str(extra["retry_after"])
    return _json({"error": message, **extra}, status=status, headers=headers)


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every refusal as JSON {"error": message}; nothing about our insides ever leaves."""
    guard = request.app[_GUARD]
    if guard is not None and not request.body_exists:
        guard.answering(request.transport)  # the whole request is in
    try:
        return await handler(request)
    except ConnectionResetError:  # the phone went, or the guard closed a slow request
        return web.Response(status=400)
    except TooMany as exc:
        return _error(429, exc.message, retry_after=max(1, math.ceil(exc.retry_after)))
    except Invalid as exc:
        return _error(400, exc.message)
    except Barred as exc:  # the phone stops joining again by itself
        return _error(403, exc.message, barred=True)
    except Forbidden as exc:
        return _error(403, exc.message)
    except NotFound:
        return _error(404, _MESSAGES[404])
    except RoomFull as exc:
        return _error(503, exc.message, retry_after=30)
    except Refused as exc:
        return _error(400, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _error(exc.status, _MESSAGES.get(exc.status, _MESSAGES[400]))
    except Exception:
        # The path holds the event's secret: log the route's shape, not the path.
        route = request.match_info.route.resource
        log.exception("capture server: %s %s", request.method, route.canonical if route else "?")
        return _error(500, SOMETHING_WRONG)


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    guard = request.app[_GUARD]
    if guard is not None:
        guard.answered(request.transport)  # its next request has the full time from now
    response.headers.update(SECURITY_HEADERS)
    response.headers["Server"] = "In the Room"  # not aiohttp's and Python's versions
