"""Votes and feedback forms in the event document and the event file: the round trip, old
documents and files without them, and every ballot on disk before the phone is told."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop.core import document, votes
from desktop.core.model import Event, FeedbackStatus, VoteState
from desktop.store.eventfile import EventFile
from desktop.store.vote_desk import VoteDesk
from tests.helpers import FakeClock

OLD_DOCUMENT = {"format": "intheroom.event", "version": 1, "title": "Before votes", "notes": []}


def test_an_old_version_1_document_without_votes_loads_and_writes_as_version_1() -> None:
    event = document.from_builtins(dict(OLD_DOCUMENT))
    assert (event.votes, event.feedback) == ((), ())
    out = json.loads(document.encode(event))
    assert out["version"] == 1
    assert "votes" not in out and "feedback" not in out


def test_votes_and_forms_round_trip_through_the_document_as_version_2(tmp_path: Path) -> None:
    with EventFile.create(tmp_path / "e.room", Event(title="T")) as file:
        desk = VoteDesk(file, clock=FakeClock())
        desk.open(["Trust", "Time"], dots=2)
        desk.cast("p1", "v1", [2, 0])
        desk.cast("p2", "v1", [1, 1])
        desk.set_counts([0, 4])
        desk.close()
        desk.reveal()
        form = desk.send_feedback("p1", {"key": "key-00001", "rating": 5, "found": "Good"})
        desk.decide(form.id, accept=True)
        event = file.event()
    data = document.encode(event)
    assert json.loads(data)["version"] == 2
    again = document.decode(data)
    assert again == event
    vote = again.votes[0]
    assert (vote.state, vote.revealed, vote.counts) == (VoteState.CLOSED, True, (0, 4))
    assert [(r.option, r.total) for r in votes.results(vote)] == [("Time", 5), ("Trust", 3)]
    assert again.feedback[0].status is FeedbackStatus.ACCEPTED


def test_a_document_with_a_broken_ballot_is_refused_by_its_place() -> None:
    doc = dict(OLD_DOCUMENT, version=2)
    doc["votes"] = [
        {
            "id": "v1",
            "options": ["A", "B"],
            "dots": 2,
            "ballots": [{"device": "p1", "dots": [2, 1]}, {"device": "p1", "dots": [1]}],
        }
    ]
    problems = [str(p) for p in document.validate(doc)]
    assert problems == [
        "votes[0].ballots[0].dots: places 3 dots; each phone has 2",
        'votes[0].ballots[1]: "p1" has a second ballot — keep one',
        "votes[0].ballots[1].dots: expected one count per option (2), got 1",
    ]


def test_every_ballot_is_in_the_journal_before_the_phone_is_answered(tmp_path: Path) -> None:
    """A crash (no save, no close) right after the answer loses no ballot."""
    path = tmp_path / "e.room"
    file = EventFile.create(path, Event(title="T"))
    told: list[int] = []
    desk = VoteDesk(file, clock=FakeClock())
    desk.on_change = lambda: told.append(votes.voted(desk.current()))  # type: ignore[arg-type]
    desk.open(["Trust", "Time", "Ego"])

    async def phones() -> None:
        for n in range(1, 31):
            desk.cast(f"p{n}", "v1", [1, 1, 1] if n % 2 else [0, 0, 3])
        await desk.kept()  # all thirty share one write

    asyncio.run(phones())
    assert told[-1] == 30
    file._lock.release()  # type: ignore[union-attr]  # the app died: no save, no close
    file._journal.close()  # type: ignore[union-attr]
    again = EventFile.open(path)
    try:
        assert again.replayed >= 30
        vote = again.event().votes[0]
        assert votes.voted(vote) == 30
        assert [r.total for r in votes.results(vote)] == [60, 15, 15]
    finally:
        again.close()


def test_a_rejoined_phone_keeps_its_ballot_after_the_app_restarts(tmp_path: Path) -> None:
    path = tmp_path / "e.room"
    with EventFile.create(path, Event(title="T")) as file:
        desk = VoteDesk(file, clock=FakeClock())
        desk.open(["A", "B"])
        desk.cast("p1", "v1", [2, 1])
    with EventFile.open(path) as file:
        desk = VoteDesk(file, clock=FakeClock())
        assert desk.ballot("p1") == (2, 1)
        with pytest.raises(votes.VoteError, match="You have 3 dots"):
            desk.cast("p1", "v1", [2, 2])


def test_a_file_from_before_votes_opens_and_gets_its_tables_when_a_vote_is_run(
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.room"
    EventFile.create(path, Event(title="T")).close()
    assert set(json.loads(path.read_text())) == {
        "meta",
        "event",
        "agenda",
        "notes",
        "participants",
        "runlog",
    }
    with EventFile.open(path) as file:
        VoteDesk(file).open(["A", "B"])
    assert "votes" in json.loads(path.read_text())


def test_a_resent_form_is_the_same_form_and_a_phone_may_send_only_a_few(tmp_path: Path) -> None:
    with EventFile.create(tmp_path / "e.room", Event(title="T")) as file:
        desk = VoteDesk(file)
        first = desk.send_feedback("p1", {"key": "key-aaaa1", "found": "Fine"})
        assert desk.send_feedback("p1", {"key": "key-aaaa1", "found": "Fine"}) == first
        for n in range(2, 6):
            desk.send_feedback("p1", {"key": f"key-aaaa{n}", "rating": 3})
        with pytest.raises(votes.VoteError, match="sent 5 forms already"):
            desk.send_feedback("p1", {"key": "key-aaaa9", "rating": 3})
        assert len(desk.waiting()) == 5
