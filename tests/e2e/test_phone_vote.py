"""The dot-vote and the feedback form end to end in headless chromium: a phone joins, places its
dots, sees them counted; the facilitator closes and reveals; the phone sees the results; its
feedback form waits for a person; the pack prints the vote and the form (read from the PDF).

The server is the real RoomServer with a VoteDesk on a real event file, on its own loop (the
e2e conftest's `Room`); the page looks for a vote every 4 s, which bounds the waits.
"""

from __future__ import annotations

import base64
import io
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")

from pypdf import PdfReader
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from desktop.core.model import Event, Note, NoteKind
from desktop.handout.pack import build_pack
from desktop.net.server import RoomServer
from desktop.store.eventfile import EventFile
from desktop.store.vote_desk import VoteDesk
from tests.conftest import ARTIFACTS
from tests.e2e.conftest import TABLES, Room

pytestmark = pytest.mark.browser
WAIT = 15.0  # the page looks every 4 s; room to spare on a busy machine
SHOTS = ARTIFACTS / "phone-vote"


class VoteRoom(Room):
    """The e2e Room with dot-voting: a VoteDesk on an event file in `folder`."""

    def __init__(self, folder: Path) -> None:
        super().__init__(TABLES)
        share = Note(id="n1", kind=NoteKind.SHARE_BACK, text="Trust first", theme="Trust")
        self.file = EventFile.create(folder / "e.room", Event(title="Vote day", notes=(share,)))
        self.desk = VoteDesk(self.file)
        self.server = RoomServer(
            secret=self.server.secret,
            join_code=self.join_code,
            tables=lambda: list(TABLES),
            votes=lambda: self.desk,
        )

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.file.close()


@pytest.fixture
def vote_room(tmp_path: Path) -> Iterator[VoteRoom]:
    room = VoteRoom(tmp_path)
    try:
        room.start()
        yield room
    finally:
        room.close()


def wait(phone: WebDriver) -> WebDriverWait[WebDriver]:
    return WebDriverWait(phone, WAIT, poll_frequency=0.05)


def eventually(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT:.0f} s for {what}")
        time.sleep(0.05)
    return result


def text_of(phone: WebDriver, element_id: str) -> str:
    return str(phone.find_element(By.ID, element_id).text)


def save_page(phone: WebDriver, path: Path) -> None:
    size = phone.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = phone.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def tap(phone: WebDriver, label: str) -> None:
    phone.find_element(By.CSS_SELECTOR, f'button[aria-label="{label}"]').click()


def test_a_phone_votes_sees_the_results_sends_feedback_and_the_pack_prints_them(
    phone: WebDriver, vote_room: VoteRoom
) -> None:
    room = vote_room
    phone.get(room.url)
    wait(phone).until(ec.visibility_of_element_located((By.ID, "code"))).send_keys(room.join_code)
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "compose")))
    room.call(lambda: room.desk.open(["Trust", "Time", "Ego"], dots=3))

    wait(phone).until(ec.visibility_of_element_located((By.ID, "vote")))
    assert text_of(phone, "vote-left") == "3 dots left of 3"
    tap(phone, "Add a dot to Time")
    tap(phone, "Add a dot to Time")
    tap(phone, "Add a dot to Ego")
    assert text_of(phone, "vote-left") == "0 dots left of 3"
    assert not phone.find_element(
        By.CSS_SELECTOR, 'button[aria-label="Add a dot to Trust"]'
    ).is_enabled()
    wait(phone).until(lambda d: text_of(d, "vote-status") == "Counted: 3 dots placed.")
    device = room.call(lambda: room.desk.current().ballots[0].device)  # type: ignore[union-attr]
    assert room.call(lambda: room.desk.ballot(device)) == (0, 2, 1)
    save_page(phone, SHOTS / "vote.png")

    # A change of mind while the vote is open replaces the ballot; it never adds to it.
    tap(phone, "Take a dot off Ego")
    tap(phone, "Add a dot to Trust")
    eventually(lambda: room.call(lambda: room.desk.ballot(device)) == (1, 2, 0), "the new ballot")

    # A reload is the same phone: its own dots come back, not three new ones.
    phone.refresh()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "vote")))
    wait(phone).until(lambda d: text_of(d, "vote-left") == "0 dots left of 3")

    room.call(lambda: (room.desk.close(), room.desk.reveal()))
    wait(phone).until(ec.visibility_of_element_located((By.ID, "vote-results")))
    assert text_of(phone, "vote-left") == "Voting has closed – you placed 3 dots."
    items = phone.find_elements(By.CSS_SELECTOR, "#results-list li")
    assert [i.text for i in items] == ["Time – 2 dots", "Trust – 1 dot", "Ego – 0 dots"]
    save_page(phone, SHOTS / "vote-revealed.png")

    phone.find_element(By.CSS_SELECTOR, 'label[for="rating-4"]').click()
    phone.find_element(By.ID, "found").send_keys("Energising, and the tables mixed well")
    phone.find_element(By.ID, "change").send_keys("Longer breaks")
    save_page(phone, SHOTS / "feedback.png")
    phone.find_element(By.ID, "feedback-send").click()
    wait(phone).until(lambda d: text_of(d, "feedback-status").startswith("Thank you – sent."))
    waiting = room.call(room.desk.waiting)
    assert [(f.rating, f.found, f.change) for f in waiting] == [
        (4, "Energising, and the tables mixed well", "Longer breaks")
    ]
    room.call(lambda: room.desk.decide(waiting[0].id, accept=True))

    pdf = build_pack(room.call(room.file.event))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "1 person voted from their phones" in text
    assert "1. Time 2 dots 2. Trust 1 dot 3. Ego 0 dots" in text
    assert "1 person answered; 1 gave a rating, 4 out of 5 on average." in text
    assert "How did you find today? ▸ Energising, and the tables mixed well" in text
    assert "What would you change? ▸ Longer breaks" in text
    severe = [e["message"] for e in phone.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[no-untyped-call]
    assert severe == []


def test_the_end_screens_typed_link_opens_the_feedback_form_after_the_code(
    phone: WebDriver, vote_room: VoteRoom
) -> None:
    # The projector's end screen says "open http://ADDR:PORT/#feedback · code 123 456".
    room = vote_room
    phone.get(room.server.typed_url("127.0.0.1") + "#feedback")
    wait(phone).until(ec.visibility_of_element_located((By.ID, "code"))).send_keys(room.join_code)
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "feedback")))
    # Joined, the page takes the QR's address (a reload works) and keeps the way to the form.
    assert phone.current_url == room.url + "#feedback"
    wait(phone).until(lambda d: d.switch_to.active_element.get_attribute("id") == "feedback-title")
