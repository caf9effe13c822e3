"""The dot-vote in the app: the console's panel opens, closes, reveals and counts; the room
display shows how many voted, then the bars; phones vote over Room Wi-Fi; the end screen gives
the phones' feedback link."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from desktop.core import votes
from desktop.store.eventfile import read_event
from desktop.ui.console import ConsoleWindow
from desktop.ui.vote_panel import VotePanel
from tests.gui.helpers import make_console
from tests.helpers import FakeClock


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path, demo: Path) -> ConsoleWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = make_console(qtbot, FakeClock(), settings)
    window.open_path(demo)
    return window


def panel_of(console: ConsoleWindow) -> VotePanel:
    action = next(a for a in console.findChildren(type(console.dark_action)) if "vote" in a.text())
    assert action.shortcut().toString() == "Ctrl+Shift+V"
    action.trigger()
    panel = console.vote_panel
    assert isinstance(panel, VotePanel)
    return panel


def test_a_vote_without_phones_typed_from_the_flipchart_reaches_the_screen_and_the_file(
    console: ConsoleWindow, demo: Path
) -> None:
    panel = panel_of(console)
    panel.typed.setPlainText("Trust\nTime\nEgo")
    assert panel.from_list.isChecked()
    panel.open_button.click()
    assert panel.problem.text() == ""
    display = console.display
    assert display.pages.currentIndex() == 4
    assert display.accessibleDescription() == "Which themes matter most?: 0 voted"
    for row in range(panel.table.rowCount()):
        box = panel.table.cellWidget(row, 2)
        assert isinstance(box, QSpinBox)
        box.setValue({"Trust": 2, "Time": 9, "Ego": 4}[panel.table.item(row, 0).text()])
    panel.save_counts.click()
    panel.close_button.click()
    panel.reveal_button.click()
    assert display.accessibleDescription() == (
        "Which themes matter most?: 1. Time 9; 2. Ego 4; 3. Trust 2"
    )
    assert panel.reveal_button.text() == "Hide &results"
    console.room.save()
    vote = read_event(demo).votes[-1]
    assert [(r.option, r.total) for r in votes.results(vote)] == [
        ("Time", 9),
        ("Ego", 4),
        ("Trust", 2),
    ]
    panel.on_screen.setChecked(False)
    assert display.pages.currentIndex() != 4


def test_a_vote_on_the_board_s_themes_and_a_typed_list_too_short(console: ConsoleWindow) -> None:
    panel = panel_of(console)
    themes = votes.board_themes(console.room.current_event)  # type: ignore[arg-type]
    assert len(themes) >= 2 and panel.board_label.text() == ", ".join(themes)
    panel.typed.setPlainText("Only one")
    panel.open_button.click()
    assert panel.problem.text() == "A vote needs at least two options: add themes, or type a list."
    panel.from_board.setChecked(True)
    panel.open_button.click()
    assert panel.problem.text() == ""
    assert console.votes.current().options == themes  # type: ignore[union-attr]


async def _phones(base: str, code: str, n: int) -> list[int]:
    async with aiohttp.ClientSession() as session:
        codes = []
        for i in range(n):
            async with session.post(f"{base}/join", json={"code": code}) as joined:
                token = (await joined.json())["device"]
            auth = {"Authorization": f"Bearer {token}"}
            async with session.post(
                f"{base}/vote", json={"vote": "v1", "dots": [i % 4, 0, 0]}, headers=auth
            ) as sent:
                codes.append(sent.status)
            async with session.post(
                f"{base}/feedback", json={"key": f"form-{i:05}", "rating": 5}, headers=auth
            ) as sent:
                codes.append(sent.status)
        return codes


def test_phones_vote_over_room_wifi_and_their_forms_wait_to_be_accepted(
    console: ConsoleWindow, loop: asyncio.AbstractEventLoop, demo: Path, qtbot: QtBot
) -> None:
    wifi = console.wifi
    wifi.switch(True, 0)
    assert wifi.running, wifi.problem
    try:
        console.votes.open_vote(["A", "B", "C"])
        server = wifi.server
        assert server is not None
        base = f"http://127.0.0.1:{server.port}/api/{server.secret}"
        codes = loop.run_until_complete(_phones(base, wifi.join_code, 4))
        assert codes == [200, 202] * 4
        display = console.display
        assert display.accessibleDescription() == "Which themes matter most?: 3 voted"
        panel = panel_of(console)
        assert panel.forms.count() == 4
        panel.accept_button.click()
        panel.reject_button.click()
        assert panel.forms.count() == 2
        console.room.save()
        saved = read_event(demo)
        assert [f.status.value for f in saved.feedback] == [
            "accepted",
            "rejected",
            "waiting",
            "waiting",
        ]
        assert votes.voted(saved.votes[-1]) == 3
        # The end screen: the phones' feedback link, with the code.
        console.votes.show_on_display(False)
        console.room.act("start")
        console.room.act("finish")
        # The link a person can type, not the QR's token link: the code is the key.
        assert f"{wifi.typed_url}#feedback · code" in display.next_label.text()
        assert "/j/" not in display.next_label.text()
        assert display.next_label.isVisibleTo(display)
    finally:
        wifi.switch(False)
