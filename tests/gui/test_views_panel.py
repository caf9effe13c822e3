"""The live views in the app (issue 20) and the join card (issue 15, item 4): the console sends
a message to the speaker only and flashes "wrap up" from a key, counts the screens that
follow, renews a link; the join card has a link a person can type, a QR at least 40% of the
screen's height, and lists the clock (never the speaker's private timer)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import aiohttp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.core.live_views import CLOCK, SPEAKER
from desktop.ui.console import ConsoleWindow
from desktop.ui.wifi import RoomWifi
from tests.conftest import ARTIFACTS
from tests.gui.helpers import type_text

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
PICTURES = Path(os.environ.get("INTHEROOM_PICTURES", str(ARTIFACTS)))


def face(wifi: RoomWifi, view: str) -> dict[str, object]:
    assert wifi.server is not None
    data: dict[str, object] = json.loads(wifi.server.views._faces[view])
    return data


def symbol_height(image: QImage) -> int:
    """The QR code's own height: its dark modules, without the quiet zone around them."""
    dark = [
        y
        for y in range(image.height())
        if any(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 2))
    ]
    return dark[-1] - dark[0] + 1 if dark else 0


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_join_card_has_a_typed_link_a_big_qr_and_the_clock(
    room_wifi: tuple[ConsoleWindow, RoomWifi], width: int, height: int
) -> None:
    console, wifi = room_wifi
    wifi.show_on_display(True)
    display = console.display
    display.resize(width, height)
    display.show()
    QTest.qWait(30)
    assert display.pages.currentIndex() == 3
    assert wifi.server is not None
    link = display.join_link.text()
    assert link.endswith(f"http://{wifi.host}:{wifi.server.port}/")  # no token to type
    qr = display.join_qr.pixmap()
    assert symbol_height(qr.toImage()) >= 0.4 * height, (symbol_height(qr.toImage()), height)
    assert display.join_qr.geometry().height() >= qr.height()  # not cut by the layout
    bottom = display.join_views.geometry().bottom()
    assert 0 < bottom <= height and display.join_views.isVisible()
    assert wifi.views.url(CLOCK) in display.join_views.text()
    everything = " ".join(label.text() for label in display.findChildren(type(display.join_link)))
    assert wifi.server.views.tokens[SPEAKER] not in everything  # the speaker's link is private
    PICTURES.mkdir(parents=True, exist_ok=True)
    assert display.grab().save(str(PICTURES / f"join_card_{width}x{height}.png"))


def test_a_message_for_the_speaker_only_and_wrap_up_from_the_console(
    room_wifi: tuple[ConsoleWindow, RoomWifi], qtbot: QtBot
) -> None:
    console, wifi = room_wifi
    panel = console.views_panel
    assert panel.isVisible()
    console.room.act("start")
    panel.to.setCurrentIndex(1)  # to the speaker only
    console.on_message()
    type_text(console.message_box.lineEdit(), "Five minutes for questions")
    QTest.keyClick(console.message_box.lineEdit(), Qt.Key.Key_Return)
    view = console.room.view()
    assert view is not None and view.message == ""  # the room sees nothing
    assert face(wifi, SPEAKER)["backstage"] == "Five minutes for questions"
    assert face(wifi, CLOCK)["message"] == ""
    assert panel.for_speaker.text() == "Speaker's timer only: “Five minutes for questions”"
    console.agenda.setFocus()
    QTest.keyClick(console.agenda, Qt.Key.Key_W)
    assert face(wifi, SPEAKER)["wrap_up_until"] == view.now + 15_000
    assert "Stop wrap up" in panel.wrap.text()
    console.on_clear_message()  # Shift+M with "speaker only" chosen clears the speaker's
    assert face(wifi, SPEAKER)["backstage"] == "" and not panel.for_speaker.isVisible()
    panel.to.setCurrentIndex(0)  # to the room, as before
    console.on_message()
    type_text(console.message_box.lineEdit(), "Coffee is out")
    QTest.keyClick(console.message_box.lineEdit(), Qt.Key.Key_Return)
    assert face(wifi, CLOCK)["message"] == "Coffee is out"
    assert face(wifi, SPEAKER)["message"] == "Coffee is out"


def test_the_console_counts_the_screens_and_a_new_link_closes_the_old(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop
) -> None:
    console, wifi = room_wifi
    panel = console.views_panel
    assert panel.following.text() == "No screen follows the live views yet"
    old = wifi.views.url(CLOCK)

    async def follow() -> tuple[str, int, int]:
        async with aiohttp.ClientSession() as session:
            stream = await session.get(old.replace("/clock", "/events"))
            await stream.content.readuntil(b"\n\n")  # retry:
            await stream.content.readuntil(b"\n\n")  # the face
            shown = panel.following.text()
            panel.show_links()
            assert panel.dialog is not None
            assert panel.dialog.links[SPEAKER].text() == wifi.views.url(SPEAKER)
            panel.dialog.findChildren(type(panel.wrap))[0].click()  # a new clock link
            ended = await asyncio.wait_for(stream.content.read(), 5)
            assert ended == b""
            again = await session.get(old)
            fresh = await session.get(wifi.views.url(CLOCK))
            return shown, again.status, fresh.status

    shown, again, fresh = loop.run_until_complete(follow())
    assert shown == "1 screen follows: 1 clock"
    assert (again, fresh) == (404, 200)
    assert wifi.views.url(CLOCK) != old
    assert panel.dialog is not None and panel.dialog.links[CLOCK].text() == wifi.views.url(CLOCK)


def test_the_views_links_outlive_a_restart_and_go_with_wifi(
    room_wifi: tuple[ConsoleWindow, RoomWifi],
) -> None:
    console, wifi = room_wifi
    assert wifi.server is not None
    tokens = dict(wifi.server.views.tokens)
    wifi.switch(False)
    assert not console.views_panel.isVisible() and wifi.views.url(CLOCK) == ""
    wifi.switch(True, 0)
    assert wifi.server is not None and wifi.server.views.tokens == tokens  # the TV's link works
    assert console.views_panel.isVisible()
