"""The session clock, run on a fake clock: no sleeping, every branch of the state machine."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import msgspec
import pytest

from desktop.core.clock import (
    CLOCK_ACTIONS,
    ROOM_ACTIONS,
    Action,
    Level,
    Session,
    Status,
    anchor,
    countdown,
    drift_words,
    is_well_formed,
    next_change,
    parse_time_left,
    propose_catch_up,
    replay,
    shortest,
    standing,
    state_words,
    to_ms,
)
from desktop.core.model import AtZero, Event, Segment, SegmentKind
from tests.helpers import DAY, FakeClock

MIN = 60.0


def seg(ident: str, minutes: int, kind: str = "talk", **more: Any) -> Segment:
    return Segment(
        id=ident, kind=SegmentKind(kind), title=f"Segment {ident}", minutes=minutes, **more
    )


def event(*agenda: Segment, start: str = "10:00", finish: str = "") -> Event:
    return Event(title="Test", date="2023-07-06", start=start, finish=finish, agenda=agenda)


AGENDA = (
    seg("s1", 10, "welcome"),
    seg("s2", 20, "breakout"),
    seg("s3", 15, "share_back"),
    seg("s4", 5, "close"),
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(clock: FakeClock) -> Session:
    return Session(event(*AGENDA), clock=clock)


# ----------------------------------------------------------------------------- states


def test_before_start_it_shows_the_first_segment_in_full(session: Session) -> None:
    view = session.view()
    assert view.status is Status.NOT_STARTED and view.index is None
    assert view.segment == AGENDA[0] and view.next_segment == AGENDA[1]
    assert countdown(view) == "10:00" and state_words(view) == "Not started"
    assert next_change(view) is None and view.level is Level.CALM
    assert view.projected_finish == view.planned_finish  # 10:00 + 50 min


def test_running_counts_down_and_warns_amber_then_red(session: Session, clock: FakeClock) -> None:
    session.do("start")
    view = session.view()
    assert (view.status, view.index, countdown(view)) == (Status.RUNNING, 0, "10:00")
    clock.advance(0.4)
    view = session.view()
    assert countdown(view) == "10:00" and next_change(view) == 600  # ceil: 9:59.6 shows 10:00
    clock.advance(0.6)
    assert countdown(session.view()) == "9:59" and session.view().progress == 1 / 600
    clock.advance(8 * MIN - 1)  # 2:00 left
    view = session.view()
    assert view.level is Level.AMBER and state_words(view) == "2 minutes left"
    clock.advance(1)
    assert state_words(session.view()) == "Under 2 minutes left"
    clock.advance(89)  # 0:30 left
    view = session.view()
    assert view.level is Level.RED and state_words(view) == "30 seconds left"
    clock.advance(29)
    assert state_words(session.view()) == "1 second left"


def test_at_zero_it_counts_into_overtime_by_default(session: Session, clock: FakeClock) -> None:
    session.do("start")
    clock.advance(10 * MIN)
    view = session.view()
    assert view.status is Status.OVERTIME and view.level is Level.UP
    assert countdown(view) == "0:00" and state_words(view) == "Time's up"
    clock.advance(80.5)
    view = session.view()
    assert countdown(view) == "+1:20" and state_words(view) == "+1:20 over"
    assert view.overtime == 80_500 and next_change(view) == 500


def test_hold_stays_at_zero(clock: FakeClock) -> None:
    session = Session(event(seg("a", 1, at_zero=AtZero.HOLD), seg("b", 5)), clock=clock)
    session.do("start")
    clock.advance(5 * MIN)
    view = session.view()
    assert view.status is Status.OVERTIME and view.held
    assert (countdown(view), state_words(view), next_change(view)) == ("0:00", "Time's up", None)
    assert view.index == 0  # still waiting for the facilitator


def test_next_at_zero_moves_on_at_the_moment_it_ran_out(clock: FakeClock) -> None:
    agenda = (seg("a", 1, at_zero=AtZero.NEXT), seg("b", 2, at_zero=AtZero.NEXT), seg("c", 3))
    session = Session(event(*agenda), clock=clock)
    session.do("start")
    clock.advance(MIN + 30)  # 30 s into b
    view = session.view()
    assert view.index == 1 and view.elapsed == 30_000
    clock.advance(2 * MIN)  # b ran out at 3:00, 30 s ago
    view = session.view()
    assert view.index == 2 and view.elapsed == 30_000
    assert view.actuals[1].started == round((DAY + MIN) * 1000)


def test_next_at_zero_on_the_last_segment_finishes(clock: FakeClock) -> None:
    session = Session(event(seg("a", 1, at_zero=AtZero.NEXT)), clock=clock)
    session.do("start")
    clock.advance(2 * MIN)
    view = session.view()
    assert view.status is Status.FINISHED and view.projected_finish == round((DAY + MIN) * 1000)


def test_an_action_after_an_automatic_move_applies_to_the_new_segment(clock: FakeClock) -> None:
    session = Session(event(seg("a", 1, at_zero=AtZero.NEXT), seg("b", 5)), clock=clock)
    session.do("start")
    clock.advance(MIN + 10)
    session.do("adjust", seconds=60)
    view = session.view()
    assert view.index == 1 and view.remaining == (6 * 60 - 10) * 1000


def test_pause_stops_the_clock_and_resume_carries_on(session: Session, clock: FakeClock) -> None:
    session.do("start")
    clock.advance(MIN)
    session.do("pause")
    session.do("pause")  # twice is once
    clock.advance(10 * MIN)
    view = session.view()
    assert view.status is Status.PAUSED and state_words(view) == "Paused"
    assert countdown(view) == "9:00" and next_change(view) is None
    assert view.actuals[0].paused == 10 * 60_000
    session.do("resume")
    session.do("resume")  # not paused: nothing
    clock.advance(MIN)
    view = session.view()
    assert countdown(view) == "8:00" and view.actuals[0].pauses[0][1] is not None


def test_start_while_paused_resumes(session: Session, clock: FakeClock) -> None:
    session.do("start")
    session.do("pause")
    clock.advance(MIN)
    session.do("start")
    assert session.view().status is Status.RUNNING
    session.do("start")  # running already: nothing
    assert session.view().remaining == 10 * 60_000


def test_next_and_previous_walk_the_agenda_and_finish(session: Session, clock: FakeClock) -> None:
    session.do("next")  # next before start starts
    assert session.view().index == 0
    clock.advance(MIN)
    session.do("next")
    clock.advance(MIN)
    session.do("previous")  # back to the welcome, which carries on from 1:00 spent
    view = session.view()
    assert view.index == 0 and view.elapsed == 60_000 and view.actuals[1].ended is not None
    session.do("previous")  # at the first already: stays
    assert session.view().index == 0
    for _ in range(4):
        session.do("next")
    view = session.view()
    assert view.status is Status.FINISHED and view.next_segment is None
    assert state_words(view) == "Finished" and next_change(view) is None
    session.do("next")  # finished: only jump reopens
    session.do("pause")
    assert session.view().status is Status.FINISHED


def test_next_while_paused_runs_the_next_segment(session: Session, clock: FakeClock) -> None:
    session.do("start")
    session.do("pause")
    clock.advance(MIN)
    session.do("next")
    view = session.view()
    assert view.status is Status.RUNNING and view.actuals[0].pauses[-1][1] is not None


def test_jump_goes_anywhere_even_before_start_or_after_the_end(
    session: Session, clock: FakeClock
) -> None:
    session.do("jump", to=2)
    assert session.view().index == 2
    session.do("finish")
    session.do("jump", to=1)
    view = session.view()
    assert view.status is Status.RUNNING and view.index == 1
    for bad in (7, -1, True, "2"):
        session.do("jump", to=bad)
        assert session.view().index == 1


def test_adding_taking_and_setting_time(session: Session, clock: FakeClock) -> None:
    session.do("adjust", seconds=60)  # not started: nothing to adjust
    session.do("start")
    clock.advance(MIN)
    session.do("adjust", seconds=60)
    assert session.view().remaining == 10 * 60_000
    session.do("adjust", seconds=-300)
    assert session.view().remaining == 5 * 60_000
    session.do("set", seconds=150)
    assert countdown(session.view()) == "2:30"
    session.do("set", seconds=-5)  # never less than zero left
    assert session.view().remaining == 0


def test_restart_gives_the_segment_its_full_time_again(session: Session, clock: FakeClock) -> None:
    session.do("start")
    clock.advance(3 * MIN)
    session.do("adjust", seconds=120)
    session.do("restart")
    assert session.view().remaining == 10 * 60_000
    session.do("pause")
    session.do("restart")  # restarting while paused stays paused, at full time
    clock.advance(MIN)
    view = session.view()
    assert view.status is Status.PAUSED and view.remaining == 10 * 60_000


def test_finish_early_ends_the_event_now(session: Session, clock: FakeClock) -> None:
    session.do("start")
    clock.advance(MIN)
    session.do("finish")
    view = session.view()
    assert view.status is Status.FINISHED and view.projected_finish == round((DAY + MIN) * 1000)
    assert drift_words(view).startswith("49 min ahead — finished 10:01, planned 10:50")


# ----------------------------------------------------------------------------- undo


def test_undo_takes_back_the_last_clock_action(session: Session, clock: FakeClock) -> None:
    assert not session.can_undo()
    session.do("start")
    clock.advance(MIN)
    session.do("next")
    session.do("message", text="One minute to finish your conversation")
    clock.advance(MIN)
    session.do("undo")  # takes back "next", not the message
    view = session.view()
    assert view.index == 0 and view.elapsed == 2 * 60_000
    assert view.message == "One minute to finish your conversation"
    session.do("undo")  # takes back "start"
    assert session.view().status is Status.NOT_STARTED
    session.do("undo")  # nothing left: nothing happens
    assert not session.can_undo() and session.view().status is Status.NOT_STARTED


def test_undo_of_added_time(session: Session, clock: FakeClock) -> None:
    session.do("start")
    session.do("adjust", seconds=300)
    session.do("undo")
    assert session.view().remaining == 10 * 60_000


# ----------------------------------------------------------------------------- persistence


def test_a_restart_mid_segment_comes_back_with_the_right_time(clock: FakeClock) -> None:
    first = Session(event(*AGENDA), clock=clock)
    first.do("start")
    clock.advance(MIN)
    first.do("next")
    clock.advance(5 * MIN)
    first.do("pause")
    clock.advance(MIN)
    first.do("resume")
    saved = [dict(e) for e in first.log]  # what the event file holds
    clock.advance(2 * MIN)  # the app crashed, and came back two minutes later
    again = Session(event(*AGENDA), saved, clock=clock)
    assert again.view() == first.view()
    assert again.view().remaining == (20 - 7) * 60_000


def test_the_laptop_sleeping_mid_breakout_shows_the_right_time_on_wake(
    session: Session, clock: FakeClock
) -> None:
    session.do("start")
    session.do("next")
    clock.advance(5 * MIN)
    before = session.view().remaining
    clock.advance(10 * MIN)  # asleep: nothing ran, nothing ticked
    assert session.view().remaining == before - 10 * 60_000


def test_a_damaged_log_entry_is_skipped_not_fatal(clock: FakeClock) -> None:
    log: list[object] = [
        {"t": DAY, "do": "start"},
        {"t": "soon", "do": "next"},
        {"t": DAY + 1, "do": "fly"},
        {"t": DAY + 2, "do": "adjust"},
        {"t": DAY + 3, "do": "adjust", "seconds": "lots"},
        {"t": DAY + 4, "do": "adjust", "seconds": float("nan")},
        {"t": DAY + 5, "do": "plan", "minutes": [1]},
        {"t": float("inf"), "do": "next"},
        {"t": True, "do": "next"},
        "garbage",
        {"t": DAY + 6, "do": "message", "text": "hello"},
    ]
    session = Session(event(*AGENDA), log, clock=clock)
    view = session.view()
    assert view.index == 0 and view.message == "hello" and len(session.log) == 2
    with pytest.raises(ValueError, match="not a clock action"):
        session.do("fly")


def test_the_room_display_state_is_kept_in_the_log(session: Session) -> None:
    session.do("blank", on=True)
    session.do("message", text="Back at 11:15")
    assert (session.view().blank, session.view().message) == (True, "Back at 11:15")
    session.do("blank", on=False)
    session.do("message", text="")
    assert (session.view().blank, session.view().message) == (False, "")


def test_an_edited_agenda_replays_the_log(session: Session, clock: FakeClock) -> None:
    session.do("start")
    clock.advance(MIN)
    session.replace_event(event(seg("s1", 30, "welcome"), *AGENDA[1:]))
    assert session.view().remaining == 29 * 60_000


def test_an_empty_agenda_has_nothing_to_run(clock: FakeClock) -> None:
    session = Session(event(), clock=clock)
    for action in ("start", "next", "pause", "finish"):
        session.do(action)
    view = session.view()
    assert view.status is Status.NOT_STARTED and view.segment is None
    assert countdown(view) == "0:00" and view.progress == 1.0
    assert view.projected_finish is None and drift_words(view) == ""


# ----------------------------------------------------------------------------- the day


def test_drift_in_words(session: Session, clock: FakeClock) -> None:
    clock.advance(6 * MIN)  # started six minutes late
    session.do("start")
    view = session.view()
    assert view.drift == 6 * 60_000
    assert drift_words(view) == "6 min behind — finishing 10:56, planned 10:50"
    session.do("adjust", seconds=-600)
    assert drift_words(session.view()) == "4 min ahead — finishing 10:46, planned 10:50"
    session.do("adjust", seconds=240)
    assert drift_words(session.view()) == "On time — finishing 10:50, planned 10:50"


def test_the_planned_finish_is_the_event_finish_when_it_has_one(clock: FakeClock) -> None:
    session = Session(event(*AGENDA, finish="11:00"), clock=clock)
    assert drift_words(session.view()) == "10 min ahead — finishing 10:50, planned 11:00"


def test_an_event_run_far_from_its_printed_start_has_no_plan_to_be_behind(
    clock: FakeClock,
) -> None:
    session = Session(event(*AGENDA, start="19:00"), clock=clock)
    view = session.view()
    assert view.planned_finish is None and drift_words(view) == "Finishing 10:50"
    no_start = Session(event(*AGENDA, start=""), clock=clock)
    assert no_start.view().drift is None


def test_planning_ahead_of_the_day_is_never_behind(clock: FakeClock) -> None:
    """The organiser opens next week's event at 15:00: nothing is 300 minutes behind yet."""
    clock.advance(5 * 3600)
    ahead = msgspec.structs.replace(event(*AGENDA), date="2026-11-30")
    session = Session(ahead, clock=clock)
    assert session.view().planned_finish is None and "behind" not in drift_words(session.view())
    stale = Session(event(*AGENDA), clock=clock)  # last year's template: the clock time counts
    assert drift_words(stale.view()).startswith("300 min behind")
    session.do("start")
    assert session.view().planned_finish is not None  # once it runs, against the printed times


def test_anchor_wraps_a_finish_past_midnight() -> None:
    late = dt.datetime(2026, 11, 23, 23, 0).timestamp() * 1000
    start, finish = anchor(event(start="23:00", finish="00:30"), round(late))
    assert start is not None and finish is not None and finish - start == 90 * 60_000


def test_long_segments_show_hours(clock: FakeClock) -> None:
    session = Session(event(seg("a", 90)), clock=clock)
    assert countdown(session.view()) == "1:30:00"


def test_a_three_hour_run_on_the_fake_clock_has_no_drift_at_all() -> None:
    """Pauses, added and taken time, jumps: the clock must agree with plain arithmetic."""
    rng = random.Random(7)
    agenda = tuple(seg(f"s{i}", rng.randint(5, 25), "breakout") for i in range(12))
    clock = FakeClock()
    session = Session(event(*agenda), clock=clock)
    session.do("start")
    expected_left = agenda[0].minutes * 60_000  # tracked by hand, in ms
    index, paused, ticks = 0, False, 0
    while clock.t < DAY + 3 * 3600 and index < len(agenda):
        step = rng.choice([0.1, 0.25, 1, 7.3, 20])
        clock.advance(step)
        if not paused:
            expected_left -= round(step * 1000)
        ticks += 1
        view = session.view()
        # The clock reads a float; one rounding per reading, never accumulated.
        assert abs(view.remaining - expected_left) <= 1, ticks
        roll = rng.random()
        if roll < 0.02:
            session.do("pause" if not paused else "resume")
            paused = not paused
        elif roll < 0.04:
            seconds = rng.choice([60, -60, 300, -300])
            session.do("adjust", seconds=seconds)
            expected_left += seconds * 1000
        elif roll < 0.005 or view.remaining < -120_000:
            session.do("next")
            index += 1
            paused = False
            if index < len(agenda):
                expected_left = agenda[index].minutes * 60_000
    assert ticks > 1000


# ----------------------------------------------------------------------------- catch up


def late_session(clock: FakeClock, *agenda: Segment, late: float) -> Session:
    session = Session(event(*agenda), clock=clock)
    clock.advance(late)
    session.do("start")
    return session


def test_catch_up_trims_what_is_left_in_proportion(clock: FakeClock) -> None:
    agenda = (
        seg("a", 10),
        seg("b", 30, "breakout"),
        seg("c", 15, "share_back"),
        seg("d", 5, "close"),
    )
    session = late_session(clock, *agenda, late=10 * MIN)
    proposal = propose_catch_up(session.view())
    assert proposal is not None and proposal.saves == 10 and proposal.late_by == 0
    assert {s.id: new for s, _, new in proposal.changes} == {"b": 24, "c": 12, "d": 4}
    assert proposal.describe()[0] == "Segment b: 30 → 24 min"
    session.do("plan", minutes=proposal.minutes)
    assert drift_words(session.view()).startswith("On time")
    session.do("undo")
    assert session.view().drift == 10 * 60_000


def test_catch_up_never_cuts_below_the_minimum_and_keeps_half_a_break(clock: FakeClock) -> None:
    agenda = (seg("a", 5), seg("b", 8, "talk"), seg("c", 20, "break"), seg("d", 3, "close"))
    session = late_session(clock, *agenda, late=30 * MIN)
    proposal = propose_catch_up(session.view())
    assert proposal is not None
    new = {s.id: n for s, _, n in proposal.changes}
    assert new == {"b": 5, "c": 10, "d": 2}
    assert proposal.saves == 14 and proposal.late_by == 16
    assert "Still 16 min late" in proposal.describe()[-1]


def test_catch_up_with_nothing_to_trim(clock: FakeClock) -> None:
    session = late_session(clock, seg("a", 5), seg("b", 2, "close"), late=10 * MIN)
    proposal = propose_catch_up(session.view())
    assert proposal is not None and proposal.changes == () and proposal.late_by == 10
    assert propose_catch_up(late_session(clock, seg("a", 5), late=10 * MIN).view()) is None


def test_no_catch_up_when_on_time_or_finished(session: Session, clock: FakeClock) -> None:
    session.do("start")
    assert propose_catch_up(session.view()) is None
    clock.advance(20 * MIN)
    session.do("finish")
    assert propose_catch_up(session.view()) is None


def test_catch_up_before_the_start_leaves_the_first_segment(clock: FakeClock) -> None:
    session = Session(event(*AGENDA), clock=clock)
    clock.advance(5 * MIN)
    proposal = propose_catch_up(session.view())
    assert proposal is not None and all(s.id != "s1" for s, _, _ in proposal.changes)
    assert proposal.saves == 5


def test_shortest_never_lengthens() -> None:
    assert shortest(seg("a", 1, "talk"), 1) == 1
    assert shortest(seg("b", 30, "break"), 30) == 15


def test_a_plan_ignores_unknown_segments_and_bad_minutes(session: Session) -> None:
    session.do("plan", minutes={"s1": 3, "nope": 4, "s2": 0, "s3": "x"})
    view = session.view()
    assert [a.minutes for a in view.actuals] == [3, 20, 15, 5]


def test_well_formed_entries() -> None:
    assert is_well_formed({"t": 1, "do": "undo"})
    assert not is_well_formed({"t": 1, "do": 5})
    assert not is_well_formed({"t": 1, "do": "message"})
    assert standing([{"t": 1, "do": "undo"}, "junk", {"t": 2, "do": "blank", "on": True}]) == [
        {"t": 2, "do": "blank", "on": True}
    ]
    machine = replay(AGENDA, [{"t": 1, "do": "start"}])
    assert machine.index == 0 and machine.runs[0].paused_ms == 0


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("5", 300),
        (" 4:30 ", 270),
        ("0:45", 45),
        ("1:05:00", 3900),
        ("2.30", 150),
        ("", None),
        ("five", None),
        ("4:75", None),
        ("1:2:3:4", None),
        ("-3", None),
    ],
)
def test_time_left_as_typed(typed: str, seconds: int | None) -> None:
    assert parse_time_left(typed) == seconds


def test_a_note_or_a_theme_goes_into_the_spotlight_and_comes_out(session: Session) -> None:
    assert session.view().spotlight is None
    session.do("spotlight", note="n3")
    assert session.view().spotlight == ("note", "n3")
    session.do("spotlight", theme="Trust")
    assert session.view().spotlight == ("theme", "Trust")
    session.do("spotlight", note="")  # nothing named: off
    assert session.view().spotlight is None
    session.do("spotlight", theme="Culture")
    session.do("spotlight")
    assert session.view().spotlight is None


TABLES = ["Table 1", "Table 2", "Table 3", "Table 4"]


def test_a_share_back_round_goes_table_by_table(session: Session, clock: FakeClock) -> None:
    session.do("round", tables=TABLES, seconds=60)
    shown = session.view().round
    assert shown is not None and shown.table == "Table 1"
    assert shown.words(session.now()) == "Table 1 of 4 · 1:00"
    clock.advance(20.5)
    assert session.view().round.words(session.now()) == "Table 1 of 4 · 0:40"
    clock.advance(50)
    assert session.view().round.words(session.now()) == "Table 1 of 4 · time's up"
    session.do("turn", step="next")
    assert session.view().round.table == "Table 2"
    assert session.view().round.left(session.now()) == 60_000  # its own full minute
    session.do("turn", step="skip")  # table 2 isn't ready: come back to it
    assert session.view().round.table == "Table 3"
    session.do("turn", step="next")
    session.do("turn", step="next")  # after table 4: the skipped table 2
    assert session.view().round.table == "Table 2"
    session.do("turn", step="next")
    done = session.view().round
    assert done is not None and done.turn is None and done.table == ""
    assert done.words(session.now()) == "Every table heard (4)"
    session.do("turn", step="back")  # one more word from the last table
    assert session.view().round.table == "Table 4"
    session.do("turn", step="back")
    assert session.view().round.table == "Table 3"
    session.do("round", tables=[], seconds=60)
    assert session.view().round is None
    session.do("turn", step="next")  # no round: nothing
    assert session.view().round is None


def test_a_lone_skipped_table_stays_in_turn(session: Session) -> None:
    session.do("round", tables=["Hosts", " "], seconds=30)
    assert session.view().round.words(session.now()) == "Hosts (1 of 1) · 0:30"
    session.do("turn", step="skip")
    assert session.view().round.table == "Hosts"
    session.do("turn", step="next")
    assert session.view().round.turn is None


def test_round_entries_are_checked() -> None:
    assert not is_well_formed({"t": 1, "do": "round", "tables": "Table 1", "seconds": 60})
    assert not is_well_formed({"t": 1, "do": "round", "tables": [], "seconds": 2})
    assert not is_well_formed({"t": 1, "do": "round", "tables": [], "seconds": True})
    assert not is_well_formed({"t": 1, "do": "turn", "step": "sideways"})
    assert is_well_formed({"t": 1, "do": "turn", "step": "skip"})


# ----------------------------------------------------------------------------- actions

# The strings every run log has stored since the first version: the event file keeps them.
STORED = [
    "start",
    "pause",
    "resume",
    "next",
    "previous",
    "jump",
    "adjust",
    "set",
    "restart",
    "finish",
    "plan",
    "message",
    "blank",
    "spotlight",
    "round",
    "turn",
    "undo",
]


def test_actions_are_an_enum_whose_values_are_the_stored_strings() -> None:
    assert [action.value for action in Action] == STORED
    assert set(CLOCK_ACTIONS) | set(ROOM_ACTIONS) | {Action.UNDO} == set(Action)
    assert not set(CLOCK_ACTIONS) & set(ROOM_ACTIONS)
    assert Action.of("jump") is Action.JUMP
    assert Action.of("fly") is None and Action.of(None) is None and Action.of(["start"]) is None


def test_an_action_is_logged_as_its_plain_string(session: Session) -> None:
    entry = session.do(Action.START)
    assert type(entry["do"]) is str and entry["do"] == "start"
    entry = session.do("adjust", seconds=60)  # a plain string still works
    assert type(entry["do"]) is str and entry["do"] == "adjust"
    assert json.loads(json.dumps(session.log)) == session.log
    with pytest.raises(ValueError, match="not a clock action"):
        session.do("Start")  # the stored value, not the member's name


def test_an_old_stored_run_replays_to_the_same_state(clock: FakeClock) -> None:
    # A run log as an earlier In the Room wrote it into the event file: plain JSON strings.
    stored = f"""[
        {{"t": {DAY}, "do": "start"}},
        {{"t": {DAY + 60}, "do": "pause"}},
        {{"t": {DAY + 120}, "do": "resume"}},
        {{"t": {DAY + 180}, "do": "adjust", "seconds": 60}},
        {{"t": {DAY + 300}, "do": "next"}},
        {{"t": {DAY + 360}, "do": "message", "text": "Back at 11:15"}},
        {{"t": {DAY + 420}, "do": "jump", "to": 2}},
        {{"t": {DAY + 480}, "do": "round", "tables": ["Table 1", "Table 2"], "seconds": 90}},
        {{"t": {DAY + 500}, "do": "turn", "step": "next"}},
        {{"t": {DAY + 540}, "do": "undo"}},
        {{"t": {DAY + 600}, "do": "plan", "minutes": {{"s4": 3}}}},
        {{"t": {DAY + 610}, "do": "spotlight", "theme": "Trust"}},
        {{"t": {DAY + 620}, "do": "blank", "on": true}}
    ]"""
    clock.t = DAY + 660
    session = Session(event(*AGENDA), json.loads(stored), clock=clock)
    view = session.view()
    assert len(session.log) == 13  # every entry read, none skipped
    assert view.index == 1 and view.status is Status.RUNNING  # the undo took back the jump
    assert view.remaining == (20 * 60 - 360) * 1000
    assert view.actuals[0].started == to_ms(DAY) and view.actuals[0].ended == to_ms(DAY + 300)
    assert (view.message, view.blank, view.spotlight) == ("Back at 11:15", True, ("theme", "Trust"))
    assert view.round is not None and view.round.table == "Table 2"
    assert replay(AGENDA, session.log).minutes["s4"] == 3
    assert session.can_undo() and session.first_start() == to_ms(DAY)
