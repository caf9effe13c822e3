"""The live views end to end in headless chromium (issue 20): /clock on a TV-sized screen and
/speaker, following a session clock on the server's loop exactly as the app feeds them (the
Qt-free `ViewsFeed` published to the server's `ViewStreams`): pause, next, +1 min, a room
message, a speaker-only message and "wrap up", and the laptop's Wi-Fi blipping (the server
stops, the clock moves on meanwhile, the server comes back on the same port).

Waits are explicit (WebDriverWait polling every 50 ms); the page redraws every 200 ms and
EventSource reconnects 2 s after a drop, which bound every wait.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")

from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from desktop.core.clock import Session
from desktop.core.live_views import CLOCK, SPEAKER, ViewsFeed, digits_at
from desktop.store.templates import demo_event
from tests.conftest import ARTIFACTS
from tests.e2e.conftest import TABLES, Room, chromium

pytestmark = pytest.mark.browser

PICTURES = Path(os.environ.get("INTHEROOM_PICTURES", str(ARTIFACTS)))
WAIT = 15.0


class ClockRoom(Room):
    """The e2e server with a session clock (the laptop's real time) feeding the live views."""

    def __init__(self) -> None:
        super().__init__(TABLES)
        self.session = Session(demo_event(), clock=time.time)
        self.feed = ViewsFeed()

    def act(self, action: str = "", **fields: Any) -> None:
        """Do a clock action on the server's loop and publish what changed, as the app does."""

        def job() -> None:
            if action:
                self.session.do(action, **fields)
            for name, face in self.feed.update(self.session.view(), self.session.event).items():
                self.server.views.publish(name, face)

        self.call(job)

    def backstage(self, text: str | None = None, wrap_up: bool = False) -> None:
        def job() -> None:
            if text is not None:
                self.feed.say_to_speaker(text)
            if wrap_up:
                self.feed.wrap_up(self.session.view().now)

        self.call(job)
        self.act()

    def view_url(self, view: str) -> str:
        return self.server.view_url("127.0.0.1", view)


@pytest.fixture
def clock_room() -> Iterator[ClockRoom]:
    room = ClockRoom()
    try:
        room.start()
        room.act()
        yield room
    finally:
        room.close()


@pytest.fixture
def screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDriver]:
    """Headless chromium the size of a TV's browser (1280x720), with a fresh profile."""
    with chromium(tmp_path, monkeypatch, size=(1280, 720)) as driver:
        yield driver


def size_to(driver: WebDriver, width: int, height: int) -> None:
    """The page's own size (a TV's browser with nothing around it), for the pictures."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    until(driver, "the resize", lambda d: d.execute_script("return innerHeight") == height)
    time.sleep(0.3)  # the next redraw (every 200 ms)


def text(driver: WebDriver, element: str) -> str:
    node = driver.find_element(By.ID, element)
    return node.text if node.is_displayed() else ""


def until(driver: WebDriver, what: str, check: Any, timeout: float = WAIT) -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(check, what)


def shows(driver: WebDriver, element: str, wanted: str) -> Any:
    return until(driver, f"#{element} to show {wanted!r}", lambda d: text(d, element) == wanted)


def digits_match_the_laptop(driver: WebDriver, room: ClockRoom) -> None:
    """The digits the browser shows are the laptop's, within a second either way."""

    def close(d: WebDriver) -> bool:
        live = d.execute_script("return window.__live || null")
        if not live:
            return False
        now = room.call(lambda: room.session.view().now)
        truth = {digits_at(live["face"], now - 1000), digits_at(live["face"], now + 1000)}
        truth.add(digits_at(live["face"], now))
        return bool(live["digits"] in truth)

    until(driver, "the digits to match the laptop's", close)


def test_the_clock_follows_pause_next_a_minute_more_and_a_message(
    clock_room: ClockRoom, screen: WebDriver
) -> None:
    room = clock_room
    room.act("start")
    screen.get(room.view_url(CLOCK))
    shows(screen, "live", "● Live")
    shows(screen, "segment", "Welcome and introductions · Welcome")
    until(screen, "the clock to tick", lambda d: text(d, "digits") in ("10:00", "9:59", "9:58"))
    digits_match_the_laptop(screen, room)
    assert "calm" in (screen.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
    room.act("pause")
    shows(screen, "words", "‖ Paused")
    frozen = text(screen, "digits")
    time.sleep(1.2)  # paused: the digits stand still in the browser too
    assert text(screen, "digits") == frozen
    room.act("resume")
    room.act("adjust", seconds=60)
    until(screen, "a minute more", lambda d: text(d, "digits").startswith(("10:", "11:")))
    digits_match_the_laptop(screen, room)
    room.act("next")
    shows(screen, "segment", "TracyAnne's story · Talk")
    shows(screen, "next", "Next: Jillian's story")
    room.act("message", text="Coffee is in the hall <b>now</b>")
    shows(screen, "message", "Coffee is in the hall <b>now</b>")  # as text, never as HTML
    PICTURES.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 720), (1920, 1080)):
        size_to(screen, width, height)
        screen.save_screenshot(str(PICTURES / f"clock_{width}x{height}.png"))
    room.act("set", seconds=20)  # red: the whole screen changes colour
    until(
        screen,
        "the red screen",
        lambda d: "red" in (d.find_element(By.TAG_NAME, "body").get_attribute("class") or ""),
    )
    assert text(screen, "words") == "◆ Under 1 minute"
    screen.save_screenshot(str(PICTURES / "clock_red_1920x1080.png"))


def test_the_speakers_timer_gets_its_own_messages_and_wrap_up(
    clock_room: ClockRoom, screen: WebDriver
) -> None:
    room = clock_room
    room.act("start")
    room.act("next")
    screen.get(room.view_url(SPEAKER))
    shows(screen, "live", "● Live")
    upcoming = "Next: Jillian's story (15 min)"
    until(screen, "what's next", lambda d: text(d, "next").startswith(upcoming))
    assert text(screen, "backstage") == ""
    room.backstage("Five minutes for questions")
    shows(screen, "backstage", "Five minutes for questions")
    room.backstage(wrap_up=True)
    until(screen, "wrap up to flash", lambda d: d.find_element(By.ID, "wrap").is_displayed())
    PICTURES.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 720), (1920, 1080)):
        size_to(screen, width, height)
        screen.save_screenshot(str(PICTURES / f"speaker_{width}x{height}.png"))
    room.backstage(wrap_up=True)  # again: it stops
    until(screen, "wrap up to stop", lambda d: not d.find_element(By.ID, "wrap").is_displayed())
    digits_match_the_laptop(screen, room)


def test_a_view_reconnects_by_itself_after_the_wifi_blips(
    clock_room: ClockRoom, screen: WebDriver
) -> None:
    room = clock_room
    room.act("start")
    screen.get(room.view_url(CLOCK))
    shows(screen, "live", "● Live")
    port = room.server.port
    room.stop()  # the laptop's Wi-Fi goes
    shows(screen, "live", "Reconnecting…")
    assert text(screen, "digits")  # the digits go on ticking from what it knew
    room.act("pause")  # the facilitator pauses while the screen can't hear
    room.start(port)  # Wi-Fi back, same address
    shows(screen, "words", "‖ Paused")
    shows(screen, "live", "● Live")
    room.act("resume")
    room.act("next")
    shows(screen, "segment", "TracyAnne's story · Talk")
    digits_match_the_laptop(screen, room)


def test_a_replaced_link_says_so(clock_room: ClockRoom, screen: WebDriver) -> None:
    room = clock_room
    screen.get(room.view_url(CLOCK))
    shows(screen, "live", "● Live")
    room.call(lambda: room.server.views.renew(CLOCK))
    shows(screen, "live", "This link was replaced: ask the facilitator for the new one")


def test_a_phone_joins_by_the_typed_link_and_its_notes_arrive(room: Room, phone: WebDriver) -> None:
    """Issue 15, item 4: `http://ADDRESS:PORT/` and the code; then as if by the QR's link (a
    reload keeps the phone in, its notes arrive)."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select

    typed = room.server.typed_url("127.0.0.1")
    assert typed == f"http://127.0.0.1:{room.server.port}/"
    phone.get(typed)
    code = until(phone, "the code box", ec.visibility_of_element_located((By.ID, "code")))
    code.send_keys("000000")
    phone.find_element(By.ID, "join-button").click()
    until(phone, "the wrong code said", lambda d: "isn't right" in text(d, "join-error"))
    code.clear()
    code.send_keys(room.join_code)
    phone.find_element(By.ID, "join-button").click()
    until(phone, "the note form", ec.visibility_of_element_located((By.ID, "compose")))
    assert phone.current_url == room.url  # the address bar now holds the QR's link
    Select(phone.find_element(By.ID, "table")).select_by_visible_text("Table 3")
    phone.find_element(By.ID, "text").send_keys("Typed the link, it worked")
    phone.find_element(By.ID, "send").click()
    until(phone, "the note queued", lambda d: room.call(lambda: len(room.inbox)) == 1)
    phone.refresh()
    until(phone, "still joined", ec.visibility_of_element_located((By.ID, "compose")))
    texts = room.call(lambda: [a.text for a in room.inbox.pending()])
    assert texts == ["Typed the link, it worked"]


def test_a_screen_whose_own_clock_is_wrong_still_shows_the_laptops_time(
    clock_room: ClockRoom, screen: WebDriver
) -> None:
    """A TV's clock ten minutes fast (and one twenty minutes slow): the digits are the
    laptop's all the same, worked out from the offset in the laptop's messages."""
    room = clock_room
    room.act("start")
    for skew_ms in (600_000, -1_200_000):
        added = screen.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": f"{{ const real = Date.now; Date.now = () => real() + {skew_ms}; }}"},
        )
        screen.get(room.view_url(CLOCK))
        shows(screen, "live", "● Live")
        offset = screen.execute_script("return window.__live.offset")
        assert abs(offset + skew_ms) < 1000, offset  # the laptop minus this screen
        digits_match_the_laptop(screen, room)
        screen.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )
