"""The phone page end to end, as a table's scribe uses it: join with the code, choose the table,
type a share-back, send; see it queued, then accepted. Also: the Wi-Fi blipping (the laptop
unreachable, or its answer lost) never loses or duplicates a note, and a wrong code says so.

Waits are explicit (WebDriverWait, or polling the server's state every 50 ms); the page itself
polls the laptop every 5 s and backs off 1-2 s after a failed send, which bounds how long each
wait can take.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest

pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")

from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from desktop.net.inbox import Arrival
from tests.conftest import ARTIFACTS
from tests.e2e.conftest import TABLES, Room

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
# Polish, Irish and Scottish Gaelic, with the payload in the middle of real text.
SHARE_BACK = (
    f"Zażółć gęślą jaźń — Łódź i Kraków. {XSS} "
    "Tá ár mbord ag obair le chéile; Tha sinn ag ionnsachadh Gàidhlig còmhla."
)
# The page asks the laptop about queued notes every 5 s and retries failed sends after 1-2 s,
# then 2-4 s; these bound every wait with room to spare on a slow, busy machine.
POLL_WAIT = 15.0


def eventually(check: Callable[[], Any], what: str, timeout: float = POLL_WAIT) -> Any:
    """Poll `check` every 50 ms until it returns something truthy; fail saying `what` if not."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


def wait(phone: WebDriver, timeout: float = POLL_WAIT) -> WebDriverWait[WebDriver]:
    return WebDriverWait(phone, timeout, poll_frequency=0.05)


def note_items(phone: WebDriver) -> list[dict[str, str]]:
    """The page's sent list as the scribe reads it: text, meta line and status of each note."""
    result: list[dict[str, str]] = phone.execute_script(
        """return Array.from(document.querySelectorAll('#sent-list > li')).map(li => ({
             cls: li.className,
             text: li.querySelector('.note-text').textContent,
             meta: li.querySelector('.note-meta').textContent,
             status: li.querySelector('.note-status').textContent}));"""
    )
    return result


def wait_for_status(phone: WebDriver, status: str, count: int = 1) -> list[dict[str, str]]:
    """Wait until the sent list holds exactly `count` notes, the first showing `status`."""

    def shown(driver: WebDriver) -> list[dict[str, str]] | Literal[False]:
        items = note_items(driver)
        return items if len(items) == count and items[0]["status"] == status else False

    try:
        return wait(phone).until(shown)
    except TimeoutException:
        pytest.fail(f"the page never showed {status!r}; it shows {note_items(phone)!r}")


def stored_notes(phone: WebDriver, room: Room) -> list[dict[str, Any]]:
    """The notes the page keeps in localStorage (what survives a reload or a dead laptop)."""
    raw = phone.execute_script(
        "return localStorage.getItem(arguments[0]);", f"intheroom:{room.server.secret}"
    )
    notes: list[dict[str, Any]] = json.loads(raw)["notes"] if raw else []
    return notes


def arrivals(room: Room) -> list[Arrival]:
    """Every note the server ever queued (decided ones too), read on the server's loop."""
    inbox = room.inbox
    return room.call(lambda: [inbox.get(f"a{i}") for i in range(1, len(inbox) + 1)])


def join(phone: WebDriver, room: Room, table: str = "Table 2") -> None:
    """Open the QR link, type the code, join, choose the table."""
    phone.get(room.url)
    code = wait(phone).until(ec.visibility_of_element_located((By.ID, "code")))
    code.send_keys(room.join_code)
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "compose")))
    Select(phone.find_element(By.ID, "table")).select_by_visible_text(table)


def send(phone: WebDriver, text: str) -> None:
    box = phone.find_element(By.ID, "text")
    box.send_keys(text)
    phone.find_element(By.ID, "send").click()


def severe_console_messages(phone: WebDriver) -> list[str]:
    entries: list[dict[str, Any]] = phone.get_log("browser")  # type: ignore[no-untyped-call]
    return [e["message"] for e in entries if e["level"] == "SEVERE"]


def save_page(phone: WebDriver, path: Path) -> None:
    """The whole page as a PNG (not just the visible part), at the phone's pixel ratio."""
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


def test_a_scribe_sends_a_share_back_and_sees_it_accepted(phone: WebDriver, room: Room) -> None:
    join(phone, room)
    assert phone.execute_script("return [innerWidth, innerHeight]") == [390, 844]
    assert phone.find_element(By.ID, "connection").text == "Connected to the room"
    # The table names came from the laptop and are drawn as text: the nasty one included.
    options = [o.text for o in Select(phone.find_element(By.ID, "table")).options]
    assert options == ["Choose your table", *TABLES, "Note-taker (no table)"]

    send(phone, SHARE_BACK)
    items = wait_for_status(phone, "Queued for the note-taker")

    # The laptop has it, once, exactly as typed.
    (arrival,) = eventually(lambda: room.call(room.inbox.pending), "the note to reach the inbox")
    assert (arrival.text, arrival.table, arrival.kind) == (SHARE_BACK, "Table 2", "share_back")
    assert room.call(lambda: len(room.inbox)) == 1
    assert room.call(lambda: room.note_posts) == 1
    assert arrival.key == stored_notes(phone, room)[0]["key"]

    # The page shows the payload as literal text: no element was made of it, nothing ran.
    assert items[0]["text"] == SHARE_BACK
    assert items[0]["meta"] == "Share-back · Table 2"
    note_html = phone.execute_script("return document.querySelector('.note-text').innerHTML")
    assert "&lt;img src=x onerror=alert(1)&gt;" in note_html
    assert phone.execute_script("return document.images.length") == 0
    tags = phone.execute_script(
        "return Array.from(document.querySelectorAll('#sent-list *'), e => e.localName)"
    )
    assert set(tags) == {"li", "p"}
    with pytest.raises(NoAlertPresentException):
        phone.switch_to.alert  # noqa: B018 (the property raises when there is no alert)
    # The text box is empty and ready for the next note; the count says so.
    assert phone.find_element(By.ID, "text").get_attribute("value") == ""
    assert phone.find_element(By.ID, "count").text == "0 of 2,000 characters"
    save_page(phone, ARTIFACTS / "phone_sent.png")

    # The note-taker accepts it on the laptop; the page finds out on its next poll.
    room.call(lambda: room.inbox.accept(arrival.id))
    items = wait_for_status(phone, "Accepted")
    assert "accepted" in items[0]["cls"].split()
    announce = phone.find_element(By.ID, "announce")
    wait(phone, 5).until(
        lambda _: (announce.get_attribute("textContent") or "").endswith(": accepted.")
    )
    save_page(phone, ARTIFACTS / "phone_accepted.png")

    assert room.call(lambda: len(room.inbox)) == 1
    assert room.call(lambda: room.note_posts) == 1
    assert severe_console_messages(phone) == []


def test_a_note_written_while_the_laptop_is_away_arrives_once_when_it_is_back(
    phone: WebDriver, room: Room
) -> None:
    join(phone, room)
    port = room.server.port
    room.stop()

    send(phone, "Łódź: we want more time for questions.")
    items = wait_for_status(phone, "Waiting to send")
    assert items[0]["text"] == "Łódź: we want more time for questions."
    wait(phone).until(
        lambda driver: (
            "offline" in (driver.find_element(By.ID, "connection").get_attribute("class") or "")
        )
    )
    assert phone.find_element(By.ID, "connection").text.startswith("Offline")
    (kept,) = stored_notes(phone, room)  # kept on the phone until the laptop says it has it
    assert kept["status"] == "sending"
    save_page(phone, ARTIFACTS / "phone_offline.png")

    room.start(port)  # same address: the page's link still works
    (arrival,) = eventually(lambda: room.call(room.inbox.pending), "the note to arrive")
    assert arrival.key == kept["key"]
    assert arrival.text == "Łódź: we want more time for questions."
    wait_for_status(phone, "Queued for the note-taker")
    wait(phone).until(
        lambda driver: driver.find_element(By.ID, "connection").text == "Connected to the room"
    )
    assert room.call(lambda: len(room.inbox)) == 1
    assert [n["status"] for n in stored_notes(phone, room)] == ["queued"]


def test_a_lost_answer_is_retried_with_the_same_key_and_never_duplicates(
    phone: WebDriver, room: Room
) -> None:
    join(phone, room)
    room.call(lambda: setattr(room, "drop_next_note_reply", True))

    send(phone, "Sláinte! Our table's idea: a shared glossary.")
    # The laptop queued it but the phone never heard; it retries (after 1-2 s) with the same key
    # and the laptop answers with the arrival it already has.
    items = wait_for_status(phone, "Queued for the note-taker")
    assert room.call(lambda: room.note_posts) >= 2
    (arrival,) = arrivals(room)
    assert arrival.text == items[0]["text"] == "Sláinte! Our table's idea: a shared glossary."
    assert arrival.key == stored_notes(phone, room)[0]["key"]

    # The note-taker can decide it, and the phone hears which one it was.
    room.call(lambda: room.inbox.reject(arrival.id))
    wait_for_status(phone, "Not used")
    assert room.call(lambda: len(room.inbox)) == 1


def test_a_wrong_code_says_so_and_the_right_one_still_works(phone: WebDriver, room: Room) -> None:
    phone.get(room.url)
    code = wait(phone).until(ec.visibility_of_element_located((By.ID, "code")))
    error = phone.find_element(By.ID, "join-error")
    assert phone.find_element(By.ID, "connection").text == "Not joined yet"

    code.send_keys("12")
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(lambda _: error.text == "Type the six digits shown in the room.")

    wrong = f"{(int(room.join_code) + 1) % 1_000_000:06d}"
    code.clear()
    code.send_keys(wrong)
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(
        lambda _: error.text == "That code isn't right. Check the code on the screen and try again."
    )
    assert code.get_attribute("aria-invalid") == "true"
    assert phone.switch_to.active_element == code  # focus goes back to fix it
    assert not phone.find_element(By.ID, "compose").is_displayed()
    assert room.call(lambda: len(room.server.devices)) == 0
    save_page(phone, ARTIFACTS / "phone_wrong_code.png")

    code.clear()
    code.send_keys(room.join_code)
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(ec.visibility_of_element_located((By.ID, "compose")))
    assert room.call(lambda: len(room.server.devices)) == 1


def test_a_disconnected_phone_is_told_so_and_cant_join_again(phone: WebDriver, room: Room) -> None:
    join(phone, room)
    room.call(lambda: room.server.devices.revoke("p1"))
    send(phone, "Sent after the facilitator disconnected this phone")
    error = phone.find_element(By.ID, "join-error")
    wait(phone).until(lambda _: "disconnected by the facilitator" in error.text)
    code = phone.find_element(By.ID, "code")
    code.send_keys(room.join_code)  # the right code, typed again
    phone.find_element(By.ID, "join-button").click()
    wait(phone).until(lambda _: error.text == "This phone was disconnected by the facilitator.")
    assert not phone.find_element(By.ID, "compose").is_displayed()
    assert room.call(lambda: len(room.server.devices)) == 1
    assert arrivals(room) == []


def test_a_phone_whose_place_was_let_go_joins_again_by_itself(phone: WebDriver, room: Room) -> None:
    join(phone, room)
    room.call(lambda: room.server.devices.forget("p1"))  # as a full room does to a quiet phone
    send(phone, "Still here")
    wait_for_status(phone, "Queued for the note-taker")
    [arrival] = arrivals(room)
    assert (arrival.text, arrival.device) == ("Still here", "p2")
    assert phone.find_element(By.ID, "compose").is_displayed()
