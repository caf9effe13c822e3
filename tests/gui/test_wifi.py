"""Room Wi-Fi in the app: switched on from the console, phones post, a note-taker moderates."""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.core.model import NoteKind
from desktop.net.inbox import NoteDraft
from desktop.store.eventfile import read_event
from desktop.ui.console import ConsoleWindow
from desktop.ui.wifi import SHOWN, RoomWifi, WifiDialog
from tests.conftest import ARTIFACTS

XSS = '<img src=x onerror=alert(1)> Zażółć gęślą jaźń — Sìne\'s "table"'


async def _phone(wifi: RoomWifi, notes: list[dict[str, Any]]) -> list[int]:
    server = wifi.server
    assert server is not None
    base = f"http://127.0.0.1:{server.port}/api/{server.secret}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}/join", json={"code": wifi.join_code}) as joined:
            token = (await joined.json())["device"]
        codes = []
        for note in notes:
            async with session.post(
                f"{base}/notes", json=note, headers={"Authorization": f"Bearer {token}"}
            ) as sent:
                codes.append(sent.status)
        return codes


def send(loop: asyncio.AbstractEventLoop, wifi: RoomWifi, *notes: dict[str, Any]) -> list[int]:
    return loop.run_until_complete(_phone(wifi, list(notes)))


def note(key: str, text: str, table: str = "Table 2", kind: str = "share_back") -> dict[str, Any]:
    return {"key": key, "kind": kind, "table": table, "text": text}


def test_a_phone_note_waits_until_a_note_taker_accepts_it(
    room_wifi: tuple[ConsoleWindow, RoomWifi],
    loop: asyncio.AbstractEventLoop,
    demo: Path,
    qtbot: QtBot,
) -> None:
    console, wifi = room_wifi
    before = len(read_event(demo).notes)
    codes = send(
        loop, wifi, note("key-00000001", XSS), note("key-00000001", XSS)
    )  # the second is a retry
    assert codes == [202, 202]
    panel = console.capture.arrivals
    qtbot.waitUntil(lambda: panel.list.count() >= 1, timeout=2000)  # redrawn within 300 ms
    assert panel.isVisible() and panel.list.count() == 1  # once, however often it was sent
    assert "From phones: 1 waiting" in panel.title.text()
    assert panel.list.item(0).text() == f"Table 2 · Share-back: {XSS}"
    assert len(console.room.current_event.notes) == before  # nothing reaches the notes yet
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    console.room.save()  # as the note-save timer would within a second
    saved = read_event(demo).notes
    assert len(saved) == before + 1
    assert saved[-1].text == XSS and saved[-1].group == "Table 2"
    assert saved[-1].kind is NoteKind.SHARE_BACK and saved[-1].time
    assert panel.list.count() == 0


def test_edit_then_accept_and_reject(
    room_wifi: tuple[ConsoleWindow, RoomWifi],
    loop: asyncio.AbstractEventLoop,
    demo: Path,
    qtbot: QtBot,
) -> None:
    console, wifi = room_wifi
    send(
        loop,
        wifi,
        note("key-0000000a", "Trust takse time"),
        note("key-0000000b", "spam", table="note-taker"),
    )
    panel = console.capture.arrivals
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=2000)
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_E)
    assert panel.editor.isVisible() and panel.editor.toPlainText() == "Trust takse time"
    panel.editor.setPlainText("Trust takes time")
    QTest.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    console.room.save()
    assert read_event(demo).notes[-1].text == "Trust takes time"
    assert panel.list.count() == 1 and panel.list.item(0).text().startswith("Note-taker · ")
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert panel.list.count() == 0
    assert all(n.text != "spam" for n in read_event(demo).notes)


def test_the_dialog_and_the_room_display_show_how_to_join(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    console, wifi = room_wifi
    dialog = WifiDialog(wifi, console)
    qtbot.addWidget(dialog)
    code = wifi.join_code
    assert dialog.code.text() == f"{code[:3]} {code[3:]}" and len(code) == 6
    assert wifi.url in dialog.status.text() and "/j/" in wifi.url
    assert not dialog.qr.pixmap().isNull()
    send(loop, wifi, note("key-0000000x", "hello"))
    assert dialog.devices.count() == 1
    dialog.devices.setCurrentRow(0)
    dialog._revoke()
    assert "(disconnected: can't join again)" in dialog.devices.item(0).text()
    assert send(loop, wifi, note("key-0000000y", "again"))[0] == 202  # a new phone may still join
    dialog.on_display.setChecked(True)
    display = console.display
    display.resize(1280, 720)
    display.show()
    QTest.qWait(20)
    assert display.pages.currentIndex() == 3
    assert code[:3] in display.join_code.text() and wifi.typed_url in display.join_link.text()
    assert wifi.typed_url == f"http://{wifi.host}:{wifi.server.port}/"  # no token to type
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert display.grab().save(str(ARTIFACTS / "display_join.png"))
    dialog.resize(520, 640)
    dialog.show()
    QTest.qWait(20)
    assert dialog.grab().save(str(ARTIFACTS / "wifi_dialog.png"))
    dialog.toggle()  # off
    assert not wifi.running and display.pages.currentIndex() != 3
    assert "Off." in dialog.status.text()


def test_a_port_in_use_is_said_in_words(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop
) -> None:
    console, wifi = room_wifi
    server = wifi.server
    assert server is not None
    other = RoomWifi(console.room)
    other.switch(True, server.port)
    assert not other.running
    assert f"could not start on port {server.port}" in other.problem


def test_waiting_notes_phones_and_the_link_survive_a_restart(
    room_wifi: tuple[ConsoleWindow, RoomWifi],
    loop: asyncio.AbstractEventLoop,
    demo: Path,
    qtbot: QtBot,
) -> None:
    console, wifi = room_wifi
    send(loop, wifi, note("key-0000000r", "Kept through a crash"))
    state = demo.with_name(demo.name + ".wifi")
    qtbot.waitUntil(lambda: "Kept through a crash" in state.read_text("utf-8"), timeout=1000)
    server = wifi.server
    assert server is not None
    secret, code = server.secret, wifi.join_code
    loop.run_until_complete(server.stop())  # as if the app died: nothing else is told
    again = RoomWifi(console.room)  # a new start of the app
    again.switch(True, 0)
    assert again.server is not None and again.server.secret == secret
    assert again.join_code == code
    assert [a.text for a in again.pending()] == ["Kept through a crash"]
    assert len(again.server.devices.joined()) == 1
    again.switch(False)


def test_a_damaged_state_file_is_kept_aside_and_wifi_starts_afresh(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop, demo: Path
) -> None:
    _console, wifi = room_wifi
    wifi.switch(False)
    state = demo.with_name(demo.name + ".wifi")
    state.write_text('{"format": "intheroom.wifi", "vers', encoding="utf-8")
    wifi.switch(True, 0)
    assert wifi.running and "damaged" in wifi.notice
    assert [p.name for p in demo.parent.glob("demo.room.wifi.damaged-*")]
    assert wifi.pending() == []


# --- issue 14: nobody in without the code, nobody can knock it over -----------------------------


async def _join(wifi: RoomWifi, **body: object) -> tuple[int, dict[str, Any]]:
    server = wifi.server
    assert server is not None
    url = f"http://127.0.0.1:{server.port}/api/{server.secret}/join"
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as joined:
        return joined.status, await joined.json()


def test_the_room_is_sized_from_the_roster(room_wifi: tuple[ConsoleWindow, RoomWifi]) -> None:
    console, wifi = room_wifi
    assert wifi.server is not None
    people = len(console.room.current_event.participants)
    assert people > 0
    assert wifi.server.devices.max_devices == people + max(20, people // 4)


def test_a_new_join_code_and_a_disconnected_phone_stay_so_after_a_restart(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    console, wifi = room_wifi
    dialog = WifiDialog(wifi, console)
    qtbot.addWidget(dialog)
    old = wifi.join_code
    status, barred = loop.run_until_complete(_join(wifi, code=old))
    status, kept = loop.run_until_complete(_join(wifi, code=old))
    assert status == 200
    wifi.revoke(wifi.server.devices.by_token(barred["device"]).id)  # type: ignore[union-attr]
    dialog.new_code.click()
    new = wifi.join_code
    assert new != old and dialog.code.text() == f"{new[:3]} {new[3:]}"
    assert loop.run_until_complete(_join(wifi, code=old))[0] == 403  # the old code is gone
    server = wifi.server
    assert server is not None
    loop.run_until_complete(server.stop())  # the app closes; it opens again
    again = RoomWifi(console.room)
    again.switch(True, 0)
    assert again.join_code == new
    status, body = loop.run_until_complete(_join(again, code=new, device=barred["device"]))
    assert (status, body["error"]) == (403, "This phone was disconnected by the facilitator.")
    status, body = loop.run_until_complete(_join(again, code=new, device=kept["device"]))
    assert (status, body["device"]) == (200, kept["device"])  # joined phones keep working
    again.switch(False)


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_state_beside_the_event_is_owner_only(
    room_wifi: tuple[ConsoleWindow, RoomWifi], demo: Path
) -> None:
    state = demo.with_name(demo.name + ".wifi")
    assert state.exists()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    state.chmod(0o644)  # a file from an older version
    _console, wifi = room_wifi
    wifi.change_join_code()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


def test_picking_a_network_listens_on_it_only_and_the_dialog_says_so(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    console, wifi = room_wifi
    dialog = WifiDialog(wifi, console)
    qtbot.addWidget(dialog)
    assert wifi.server is not None and wifi.server.host == "0.0.0.0"
    assert "Listening on every network" in dialog.status.text()
    wifi.addresses = ["127.0.0.1", "10.9.8.7"]
    dialog.refresh()
    port = wifi.server.port
    dialog.address.setCurrentText("127.0.0.1")
    dialog._address_chosen("127.0.0.1")
    qtbot.waitUntil(
        lambda: wifi.server is not None and wifi.server.host == "127.0.0.1", timeout=2000
    )
    assert wifi.server.port == port and wifi.picked
    assert "Listening only on 127.0.0.1, the network picked above." in dialog.status.text()
    assert wifi.url.startswith(f"http://127.0.0.1:{port}/")
    assert send(loop, wifi, note("key-0000pick", "still here")) == [202]


def test_the_queue_draws_the_oldest_few_of_many(
    room_wifi: tuple[ConsoleWindow, RoomWifi], loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    console, wifi = room_wifi
    server = wifi.server
    assert server is not None
    for i in range(SHOWN + 25):
        draft = NoteDraft(f"many-key-{i:04d}", "share_back", "Table 1", f"Note {i}")
        server.inbox.add("p1", draft)
    panel = console.capture.arrivals
    panel._draw()
    assert panel.list.count() == SHOWN
    assert panel.list.item(0).text().endswith("Note 0")
    assert f"{SHOWN + 25} waiting (the oldest {SHOWN} shown)" in panel.title.text()
    panel.list.setCurrentRow(0)
    panel.reject_current()
    assert panel.list.count() == SHOWN
    assert panel.list.item(SHOWN - 1).text().endswith(f"Note {SHOWN}")
