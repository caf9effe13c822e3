"""The live views' push core: what /clock and /speaker are told, and when (a fake clock)."""

from __future__ import annotations

from desktop.core.clock import Session, countdown
from desktop.core.live_views import (
    CALM,
    CLOCK,
    PAUSED,
    SPEAKER,
    WRAP_UP_MS,
    ViewsFeed,
    clock_face,
    digits_at,
    remaining_at,
)
from desktop.core.room_face import WARNINGS, Level
from desktop.store.templates import demo_event
from tests.helpers import FakeClock


def running() -> tuple[Session, FakeClock, ViewsFeed]:
    clock = FakeClock()
    session = Session(demo_event(), clock=clock)
    feed = ViewsFeed()
    feed.update(session.view(), session.event)
    session.do("start")
    return session, clock, feed


def test_a_running_clock_sends_nothing_between_changes() -> None:
    session, clock, feed = running()
    first = feed.update(session.view(), session.event)
    assert set(first) == {CLOCK, SPEAKER}
    face = first[CLOCK]
    assert face["ticking"] and face["ends_at"] == session.view().now + 10 * 60_000
    assert face["segment"] == "Welcome and introductions" and face["words"] == "10 minutes left"
    sent = []
    for _ in range(59):  # a tick a second: the browser ticks the digits itself
        clock.advance(1)
        sent.append(feed.update(session.view(), session.event))
    assert not any(sent)
    clock.advance(1)  # 9 minutes left: the words change once a minute
    assert feed.update(session.view(), session.event)[CLOCK]["words"] == "9 minutes left"


def test_pause_next_and_a_minute_more_are_sent_at_once() -> None:
    session, clock, feed = running()
    feed.update(session.view(), session.event)
    clock.advance(30.4)
    session.do("pause")
    paused = feed.update(session.view(), session.event)[CLOCK]
    assert not paused["ticking"] and paused["ends_at"] is None
    assert paused["digits"] == "9:30" and paused["words"] == "‖ Paused"
    assert (paused["background"], paused["ink"]) == PAUSED
    clock.advance(100)
    assert feed.update(session.view(), session.event) == {}  # still paused: nothing new
    session.do("resume")
    resumed = feed.update(session.view(), session.event)[CLOCK]
    assert resumed["ends_at"] == session.view().now + 9 * 60_000 + 29_600
    session.do("adjust", seconds=60)
    plus = feed.update(session.view(), session.event)[CLOCK]
    assert plus["ends_at"] == resumed["ends_at"] + 60_000
    session.do("next")
    after = feed.update(session.view(), session.event)
    assert after[CLOCK]["segment"] == "TracyAnne's story"
    assert after[SPEAKER]["next"].startswith("Next: Jillian's story (15 min) · ")


def test_warnings_change_the_colours_when_they_start() -> None:
    session, clock, feed = running()
    feed.update(session.view(), session.event)
    clock.advance(8 * 60 - 1)  # 2:01 left: calm
    assert feed.update(session.view(), session.event)[CLOCK]["background"] == CALM[0]
    clock.advance(1)  # 2:00 left: amber, the whole screen
    amber = feed.update(session.view(), session.event)[CLOCK]
    assert (amber["level"], amber["background"]) == ("amber", WARNINGS[Level.AMBER].background)
    assert amber["words"] == "▲ 2 minutes left"
    clock.advance(91)  # 29 s left: red
    assert feed.update(session.view(), session.event)[CLOCK]["level"] == "red"
    clock.advance(29)  # time's up
    up = feed.update(session.view(), session.event)[CLOCK]
    assert up["level"] == "up" and up["ticking"] and up["words"] == "■ Time's up"
    clock.advance(1)  # over: the words change, the digits count up in the browser
    assert feed.update(session.view(), session.event)[CLOCK]["words"] == "■ Over time"


def test_the_browsers_digits_are_the_room_displays() -> None:
    """digits_at is view.js's arithmetic: at every instant it shows what the display shows."""
    session, clock, feed = running()
    face = feed.update(session.view(), session.event)[CLOCK]
    for step in [0.001, 0.5, 0.499, 1, 58.7, 1.3, 300, 239.6, 0.4, 0.2, 0.6, 61, 3600]:
        clock.advance(step)
        view = session.view()
        assert digits_at(face, view.now) == countdown(view), (step, view.remaining)
        assert remaining_at(face, view.now) == view.remaining


def test_speaker_messages_and_wrap_up_reach_the_speaker_only() -> None:
    session, clock, feed = running()
    feed.update(session.view(), session.event)
    feed.say_to_speaker("  Five   minutes for questions  ")
    changed = feed.update(session.view(), session.event)
    assert set(changed) == {SPEAKER} and changed[SPEAKER]["backstage"] == (
        "Five minutes for questions"
    )
    now = session.view().now
    feed.wrap_up(now)
    flash = feed.update(session.view(), session.event)
    assert set(flash) == {SPEAKER} and flash[SPEAKER]["wrap_up_until"] == now + WRAP_UP_MS
    clock.advance(WRAP_UP_MS / 1000)  # it stops by itself
    assert feed.update(session.view(), session.event)[SPEAKER]["wrap_up_until"] is None
    feed.wrap_up(session.view().now)
    feed.wrap_up(session.view().now)  # W again while it flashes: stop it
    assert feed.backstage.wrap_up_until == 0
    session.do("message", text="Back at 11:15")
    room = feed.update(session.view(), session.event)
    assert room[CLOCK]["message"] == "Back at 11:15" and room[SPEAKER]["message"] == "Back at 11:15"
    assert "Five minutes" not in str(room[CLOCK])


def test_before_the_start_and_with_no_event() -> None:
    clock = FakeClock(FakeClock().now - 12 * 60)  # 9:48, the demo starts at 10:00
    session = Session(demo_event(), clock=clock)
    face = clock_face(session.view(), session.event)
    assert not face["ticking"] and face["words"] == "Starts at 10:00 · in 12 min"
    nothing = clock_face(None, None)
    assert nothing["status"] == "none" and nothing["words"] == "Waiting for the facilitator"


def test_a_share_back_round_gives_the_table_its_own_end() -> None:
    session, clock, feed = running()
    session.do("jump", to=4)
    session.do("round", tables=["Table 1", "Table 2"], seconds=90)
    turn = feed.update(session.view(), session.event)[CLOCK]["turn"]
    assert turn["speaking"] == "Now: Table 1 of 2" and turn["following"] == "Next: Table 2"
    assert turn["ends_at"] == session.view().now + 90_000
    clock.advance(5)
    assert feed.update(session.view(), session.event) == {}  # its own clock ticks in the browser
