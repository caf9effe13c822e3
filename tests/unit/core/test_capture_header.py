"""The note-taker's header: the segment, its question and who is speaking, in every state."""

from __future__ import annotations

from msgspec.structs import replace

from desktop.core.capture_header import CaptureHeader, capture_header
from desktop.core.clock import Session
from desktop.store.templates import demo_event
from tests.helpers import FakeClock

BREAKOUT_QUESTION = "What do you think are the most important aspects for collaboration?"


def session() -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(demo_event(), (), clock=clock), clock


def test_no_event_and_an_empty_agenda_say_so() -> None:
    assert capture_header(None, None) == CaptureHeader("No event open", "", "")
    empty = replace(demo_event(), agenda=())
    header = capture_header(empty, Session(empty, (), clock=FakeClock()).view())
    assert header.segment.startswith("The agenda is empty")


def test_before_the_start_names_the_first_segment() -> None:
    run, _ = session()
    header = capture_header(run.event, run.view())
    assert header == CaptureHeader("Not started yet · first: Welcome and introductions", "", "")


def test_a_talk_names_its_speaker() -> None:
    run, _ = session()
    run.do("start")
    run.do("jump", to=1)
    header = capture_header(run.event, run.view())
    assert header.segment == "Now: TracyAnne's story · 2 of 8"
    assert (header.question, header.speaking) == ("", "Speaking: TracyAnne Millar")
    run.do("pause")
    assert capture_header(run.event, run.view()).segment.endswith(" · paused")


def test_a_breakout_shows_its_question_and_a_share_back_the_breakout_question() -> None:
    run, _ = session()
    run.do("start")
    run.do("jump", to=3)
    assert capture_header(run.event, run.view()).question == f"Question: {BREAKOUT_QUESTION}"
    run.do("next")  # one thing from each table: no question of its own
    header = capture_header(run.event, run.view())
    assert header.question == f"Question (from Table conversations): {BREAKOUT_QUESTION}"
    assert header.speaking == ""


def test_a_round_names_the_table_speaking_its_time_and_the_next() -> None:
    run, clock = session()
    run.do("start")
    run.do("jump", to=4)
    run.do("round", tables=[f"Table {n}" for n in range(1, 13)], seconds=60)
    run.do("turn", step="next")
    clock.advance(18)
    header = capture_header(run.event, run.view())
    assert header.speaking == "Speaking: Table 2 of 12 · 0:42 left · Next: Table 3"
    clock.advance(45)
    assert capture_header(run.event, run.view()).speaking.endswith("+0:03 over · Next: Table 3")
    for _ in range(11):
        run.do("turn", step="next")
    assert capture_header(run.event, run.view()).speaking == "Every table heard (12)"


def test_at_the_end_it_says_finished() -> None:
    run, _ = session()
    run.do("start")
    run.do("jump", to=7)
    run.do("next")
    assert capture_header(run.event, run.view()).segment == "Finished: every segment has run"
