"""The room display's words, pulse and colours, without Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from msgspec.structs import replace

from desktop.core.clock import ClockView, Level, Round, Session
from desktop.core.room_face import (
    MESSAGE,
    MOVE_MS,
    PULSE,
    WARNINGS,
    before_start,
    contrast,
    plan_has_screen,
    pulse_on,
    room_state,
    time_of_day,
    turn_face,
)
from desktop.store.templates import demo_event

DAY = round(dt.datetime(2026, 11, 23, 10, 0).timestamp() * 1000)  # the demo starts at 10:00
BACKGROUNDS = ("#ffffff", "#101418")  # the light and dark themes' (desktop/ui/palette.py)


def at(left_s: float, *, paused: bool = False) -> ClockView:
    """The demo's breakout (30 minutes) with `left_s` seconds left (negative: over)."""
    moment = [DAY / 1000]
    session = Session(demo_event(), clock=lambda: moment[0])
    session.do("start")
    session.do("jump", to=3)
    moment[0] += 30 * 60 - left_s
    if paused:
        session.do("pause")
    return session.view()


def test_each_state_has_its_own_words_and_mark() -> None:
    words = {
        "calm": room_state(at(17 * 60 - 20)),
        "amber": room_state(at(100)),
        "red": room_state(at(20)),
        "up": room_state(at(0)),
        "over": room_state(at(-80)),
        "paused": room_state(at(300, paused=True)),
    }
    assert words == {
        "calm": "17 minutes left",
        "amber": "▲ 2 minutes left",
        "red": "◆ Under 1 minute",
        "up": "■ Time's up",
        "over": "■ Over time",  # the digits say "+1:20": the overrun once, not twice
        "paused": "‖ Paused",
    }
    marks = [w.split(" ")[0] for w in (words["amber"], words["red"], words["over"])]
    assert len(set(marks)) == 3 or marks[1] != marks[2]
    # One wording as the seconds go: never "17 minutes" then "Under 17 minutes".
    assert {room_state(at(17 * 60 - s)) for s in range(0, 59)} == {"17 minutes left"}


def test_the_pulse_goes_by_the_room_clock_at_half_a_hertz() -> None:
    phases = [pulse_on(at(-1 - t / 10)) for t in range(0, 60)]  # six seconds in tenths
    changes = [i for i in range(1, len(phases)) if phases[i] != phases[i - 1]]
    assert changes, "it pulses"
    # Each half lasts a full second: at most one cycle in two seconds, well under 1 Hz.
    assert all(b - a >= 10 for a, b in itertools.pairwise(changes))
    assert not any(pulse_on(at(s)) for s in (100, 20, 1))  # only in overtime


def test_every_warning_stands_out_from_the_state_before_it() -> None:
    for background in BACKGROUNDS:  # calm, in either theme, to amber
        assert contrast(background, WARNINGS[Level.AMBER].background) >= 3
    order = [WARNINGS[level].background for level in (Level.AMBER, Level.RED, Level.UP)]
    for before, after in itertools.pairwise(order):
        assert contrast(before, after) >= 3, (before, after)
    assert contrast(WARNINGS[Level.RED].background, PULSE) >= 3  # the pulse's dim half too
    for look in WARNINGS.values():
        assert contrast(look.background, look.ink) >= 4.5
    assert contrast(PULSE, WARNINGS[Level.UP].ink) >= 4.5
    # A message is told apart from every warning: a colour none of them uses, readable text.
    assert MESSAGE[0] not in {look.background for look in WARNINGS.values()} | {PULSE}
    # (Its outline is the screen's ink, 4.5:1 on any state: see the display's tests.)
    assert contrast(*MESSAGE) >= 4.5


def test_contrast_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_before_the_start_the_room_sees_the_start_time_not_a_segment_length() -> None:
    event = demo_event()
    assert before_start(event, DAY - 12 * 60_000) == ("12:00", "Starts at 10:00 · in 12 min")
    assert before_start(event, DAY - 90 * 60_000)[1] == "Starts at 10:00 · in 1 h 30 min"
    assert before_start(event, DAY + 60_000) == ("", "Starts at 10:00 · any moment now")
    assert before_start(replace(event, start=""), DAY) == ("", "Starting soon")
    assert time_of_day(DAY - 12 * 60_000) == "9:48"


def test_find_your_table_has_the_screen_while_people_move() -> None:
    view = at(30 * 60)
    started = view.now
    assert plan_has_screen(view, started, breakout=True)
    later = dataclasses.replace(view, now=started + MOVE_MS)
    assert not plan_has_screen(later, started, breakout=True)
    assert plan_has_screen(later, started, breakout=True, pages=8)  # every page twice first
    assert plan_has_screen(later, started, breakout=False)  # moving: the whole segment


def test_a_share_back_turn_shows_the_table_its_own_clock_and_the_next_table() -> None:
    tables = ("Table 1", "Table 2", "Maple")
    turn = Round(tables, 90, 0, DAY, frozenset({0}))
    face = turn_face(turn, DAY + 30_000)
    assert face is not None
    assert (face.speaking, face.digits, face.words, face.following) == (
        "Now: Table 1 of 3",
        "1:00",
        "Under 1 minute",
        "Next: Table 2",
    )
    over = turn_face(turn, DAY + 95_000)
    assert over is not None and (over.digits, over.words) == ("+0:05", "Time's up")
    last = turn.step("next", DAY).step("next", DAY)
    face = turn_face(last, DAY + 1000)
    assert face is not None and face.speaking == "Now: Maple (3 of 3)"
    assert face.following == "Last table" and face.digits == "1:29"
    # A skipped table comes round again: it is named next.
    skipped = turn.step("skip", DAY).step("next", DAY)
    face = turn_face(skipped, DAY)
    assert face is not None and face.following == "Next: Table 1"
    assert turn_face(None, DAY) is None
    assert turn_face(skipped.step("next", DAY).step("next", DAY), DAY) is None  # all heard
