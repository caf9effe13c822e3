"""What the capture server's tests share: a room on aiohttp's test client, and a way to run an
async test on its own loop."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, ParamSpec

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from desktop.net.inbox import CodeAttempts, Devices, Inbox, RateLimiter
from desktop.net.server import make_app
from tests.helpers import FakeClock

P = ParamSpec("P")
SECRET = "Zq3x-Secret_For-Tests0"
CODE = "042917"
XSS = '<img src=x onerror="alert(1)">'
TABLES = ["Table 1", "Table 2", XSS, "</script><script>alert(2)</script>"]
START = 1_000.0  # the test rooms' clock starts here


def in_loop(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async test on a fresh asyncio loop (the app runs qasync; aiohttp doesn't care)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@dataclass
class Room:
    """A capture server on aiohttp's test client, its inbox and phones, on a fake clock."""

    client: TestClient[Any, Any]
    inbox: Inbox
    devices: Devices
    clock: FakeClock
    tables: list[str] = field(default_factory=lambda: list(TABLES))
    arrivals: list[int] = field(default_factory=list)

    @property
    def api(self) -> str:
        return f"/api/{SECRET}"

    async def join(self, **extra: object) -> str:
        response = await self.client.post(f"{self.api}/join", json={"code": CODE, **extra})
        assert response.status == 200, await response.text()
        token = (await response.json())["device"]
        assert isinstance(token, str)
        return token

    async def post(self, token: str, **note: object) -> aiohttp.ClientResponse:
        body: dict[str, object] = {
            "key": "key-0001-aaaa",
            "kind": "share_back",
            "table": "Table 2",
            "text": "Trust",
            **note,
        }
        return await self.client.post(
            f"{self.api}/notes", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    async def status(self, token: str, key: str) -> tuple[int, dict[str, Any]]:
        response = await self.client.get(
            f"{self.api}/notes/{key}", headers={"Authorization": f"Bearer {token}"}
        )
        return response.status, await response.json()


@asynccontextmanager
async def room(
    tables: Callable[[], Sequence[str]] | None = None,
    on_arrival: Callable[[], None] | None = None,
    max_devices: int = 200,
) -> AsyncIterator[Room]:
    clock = FakeClock(START)
    inbox = Inbox(clock=clock)
    devices = Devices(CODE, clock=clock, max_devices=max_devices)
    calls: list[int] = []
    app = make_app(
        secret=SECRET,
        devices=devices,
        inbox=inbox,
        tables=tables or (lambda: TABLES),
        on_arrival=on_arrival or (lambda: calls.append(1)),
        limiter=RateLimiter(per_minute=10, burst=5, clock=clock),
        join_limiter=RateLimiter(per_minute=600, burst=30, clock=clock),
        attempts=CodeAttempts(per_minute=5, burst=10, clock=clock),
        status_limiter=RateLimiter(per_minute=240, burst=40, clock=clock),
    )
    async with TestClient(TestServer(app)) as client:
        yield Room(client, inbox, devices, clock, arrivals=calls)
