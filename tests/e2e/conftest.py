"""The phone page's world: a RoomServer on its own asyncio loop in a thread, and headless chromium.

The server runs exactly as in the app (aiohttp on a running loop), only on a plain asyncio loop in
a background thread instead of qasync's. Everything that touches the server's state (starting,
stopping, reading or deciding the inbox) runs *on that loop* through `Room.call`, so the test
thread never races the handlers.

Chromium is Debian's (`chromium`, `chromium-driver`), driven by Selenium with Debian's
chromedriver: nothing is downloaded (Selenium Manager is kept offline). Missing either package,
the browser tests skip and say what to install.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from aiohttp import web

from desktop.net.inbox import Inbox
from desktop.net.server import RoomServer, new_join_code, new_secret

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

T = TypeVar("T")

TABLES = ["Table 1", "Table 2", "Table 3", '<img src=x onerror="alert(2)">']
PHONE = {"width": 390, "height": 844}  # CSS pixels: a common phone
# The flags this closed network needs: without them chromium keeps trying to phone home.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",  # the page is on 127.0.0.1; never route it through a proxy
    f"--window-size={PHONE['width']},{PHONE['height']}",
]
INSTALL_HINT = (
    "install Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver"
)


def pytest_configure(config: pytest.Config) -> None:
    # Also belongs in pyproject's [tool.pytest.ini_options] markers; registering it here too keeps
    # `--strict-markers` happy whichever is present.
    config.addinivalue_line("markers", "browser: drives the phone page in headless chromium")


def _find(name: str, debian_path: str) -> str | None:
    return debian_path if os.access(debian_path, os.X_OK) else shutil.which(name)


class Room:
    """A RoomServer on an asyncio loop of its own, in a daemon thread."""

    def __init__(self, tables: list[str]) -> None:
        self.join_code = new_join_code()
        self.server = RoomServer(
            secret=new_secret(), join_code=self.join_code, tables=lambda: list(tables)
        )
        self.note_posts = 0  # POST /notes requests that reached a handler, retries included
        self.drop_next_note_reply = False  # queue the next note, then hang up without answering
        self.server.app.middlewares.append(self._flaky_wifi)  # innermost, before the app freezes
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    @web.middleware
    async def _flaky_wifi(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        """Counts note posts; when asked, lets one be queued and then drops the connection, as if
        the Wi-Fi went just as the laptop answered: the phone never hears back and must retry."""
        is_note = request.method == "POST" and request.path.endswith("/notes")
        if is_note:
            self.note_posts += 1
        response: web.StreamResponse = await handler(request)
        if is_note and self.drop_next_note_reply and request.transport is not None:
            self.drop_next_note_reply = False
            request.transport.abort()
        return response

    def call(self, job: Callable[[], T], timeout: float = 10.0) -> T:
        """Run `job()` on the server's loop and return what it returns (thread-safe)."""

        async def run() -> T:
            return job()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(timeout)

    def start(self, port: int = 0) -> None:
        asyncio.run_coroutine_threadsafe(self.server.start("127.0.0.1", port), self.loop).result(10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)

    @property
    def inbox(self) -> Inbox:
        return self.server.inbox

    @property
    def url(self) -> str:
        return self.server.url("127.0.0.1")

    def close(self) -> None:
        try:
            self.stop()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            self.loop.close()


@pytest.fixture
def room() -> Iterator[Room]:
    """A running capture server on 127.0.0.1 (a free port) with three tables and a nasty one."""
    room = Room(TABLES)
    try:
        room.start()
        yield room
    finally:
        room.close()


@contextlib.contextmanager
def chromium(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    size: tuple[int, int] | None = None,
    script_timeout: float = 10,
    configure: Callable[[Any], None] | None = None,
) -> Iterator[WebDriver]:
    """Headless chromium on this closed network, with a fresh profile in `tmp_path`; the test is
    skipped (saying what to install) when chromium or its driver is missing. `size` replaces
    the phone's window size; `configure` adds options (a phone's emulation)."""
    pytest.importorskip(
        "selenium", reason="needs selenium (pip install -e '.[test]') to drive chromium"
    )
    browser = _find("chromium", "/usr/bin/chromium")
    driver_path = _find("chromedriver", "/usr/bin/chromedriver")
    missing = [
        name
        for name, found in (("chromium", browser), ("chromium-driver", driver_path))
        if not found
    ]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found; {INSTALL_HINT}")
    assert browser is not None and driver_path is not None

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download anything
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        if size is None or not flag.startswith("--window-size"):
            options.add_argument(flag)
    if size is not None:
        options.add_argument(f"--window-size={size[0]},{size[1]}")
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    if configure is not None:
        configure(options)
    service = Service(driver_path, log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(20)
        driver.set_script_timeout(script_timeout)
        if size is not None:
            driver.set_window_size(*size)
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def phone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDriver]:
    """Headless chromium the size of a phone (390x844, touch, 2x pixels), with a fresh profile."""

    def as_phone(options: Any) -> None:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {**PHONE, "pixelRatio": 2, "touch": True}}
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})

    with chromium(tmp_path, monkeypatch, configure=as_phone) as driver:
        yield driver
