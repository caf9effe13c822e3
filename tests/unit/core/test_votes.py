"""Dot-voting and feedback rules (core/votes.py): dots per phone, stacking, one ballot per phone,
changing while open, closing freezes, typed counts, results in vote order, the rating summary."""

from __future__ import annotations

import pytest

from desktop.core import votes
from desktop.core.model import Event, FeedbackStatus, Note, NoteKind, VoteState


def opened(options: tuple[str, ...] = ("Trust", "Time", "Ego"), dots: int = 3) -> votes.Vote:
    return votes.new_vote("v1", options, dots=dots, now="2023-07-06T11:00:00")


def test_a_phone_places_its_dots_and_may_stack_them() -> None:
    vote = votes.cast(opened(), "p1", [3, 0, 0])
    assert votes.ballot_of(vote, "p1") == (3, 0, 0)
    assert [(r.option, r.total) for r in votes.results(vote)] == [
        ("Trust", 3),
        ("Time", 0),
        ("Ego", 0),
    ]


def test_more_dots_than_the_vote_gives_are_refused_and_nothing_changes() -> None:
    vote = opened()
    with pytest.raises(votes.VoteError, match="You have 3 dots; this ballot places 4"):
        votes.cast(vote, "p1", [2, 2, 0])
    assert vote.ballots == ()


def test_one_ballot_per_phone_a_second_cast_replaces_the_first() -> None:
    vote = votes.cast(opened(), "p1", [1, 1, 1])
    vote = votes.cast(vote, "p1", [0, 0, 3])
    assert len(vote.ballots) == 1
    assert votes.voted(vote) == 1
    assert [r.total for r in votes.results(vote)] == [3, 0, 0]
    assert votes.results(vote)[0].option == "Ego"


def test_the_same_ballot_again_is_the_same_vote() -> None:
    vote = votes.cast(opened(), "p1", [1, 1, 1])
    assert votes.cast(vote, "p1", [1, 1, 1]) is vote


def test_closing_freezes_ballots_and_typed_counts() -> None:
    vote = votes.close(votes.cast(opened(), "p1", [1, 0, 0]), now="2023-07-06T11:05:00")
    assert vote.state is VoteState.CLOSED
    with pytest.raises(votes.VoteClosed):
        votes.cast(vote, "p2", [1, 0, 0])
    with pytest.raises(votes.VoteClosed):
        votes.cast(vote, "p1", [0, 0, 0])
    with pytest.raises(votes.VoteClosed):
        votes.set_counts(vote, [1, 2, 3])


def test_counts_typed_from_a_flipchart_work_without_any_phone() -> None:
    vote = votes.set_counts(opened(), {"Time": 7, "Ego": 2})
    assert [(r.option, r.total, r.place) for r in votes.results(vote)] == [
        ("Time", 7, 1),
        ("Ego", 2, 2),
        ("Trust", 0, 3),
    ]


def test_typed_counts_add_to_the_phones_dots_and_ties_share_a_place_in_option_order() -> None:
    vote = votes.cast(opened(), "p1", [0, 2, 1])
    vote = votes.set_counts(vote, [2, 0, 0])
    rows = votes.results(vote)
    assert [(r.option, r.dots, r.typed, r.place) for r in rows] == [
        ("Trust", 0, 2, 1),
        ("Time", 2, 0, 1),
        ("Ego", 1, 0, 3),
    ]


@pytest.mark.parametrize(
    ("dots", "message"),
    [
        ([1, 0], "This vote has 3 options; the ballot has 2"),
        ([-1, 0, 0], "whole number"),
        ([True, 0, 0], "whole number"),
        ({"Nope": 1}, "not one of the options"),
        ({"7": 1}, "There is no option 8"),
        ("three", "list of counts"),
    ],
)
def test_a_garbled_ballot_is_refused_in_words(dots: object, message: str) -> None:
    with pytest.raises(votes.VoteError, match=message):
        votes.cast(opened(), "p1", dots)


def test_a_vote_needs_two_options_and_a_sane_number_of_dots() -> None:
    with pytest.raises(votes.VoteError, match="at least two options"):
        votes.new_vote("v1", ["Only", " only "[1:5].capitalize()])
    with pytest.raises(votes.VoteError, match="1 to 20 dots"):
        votes.new_vote("v1", ["A", "B"], dots=0)


def test_options_come_from_the_board_or_a_typed_list() -> None:
    event = Event(
        title="T",
        notes=(
            Note(id="n1", kind=NoteKind.SHARE_BACK, text="a", theme="Trust"),
            Note(id="n2", kind=NoteKind.SHARE_BACK, text="b", theme="Time"),
            Note(id="n3", kind=NoteKind.SHARE_BACK, text="c", theme="Trust"),
            Note(id="n4", kind=NoteKind.QUOTE, text="d", theme="Quotes"),
        ),
    )
    assert votes.board_themes(event) == ("Trust", "Time")
    assert votes.options_from_text("Trust\n\n Time ; Ego\nTrust") == ("Trust", "Time", "Ego")


def test_a_feedback_form_is_checked_and_waits_for_a_person() -> None:
    body = {"key": "k" * 10, "rating": 4, "found": " Useful ", "change": ""}
    answer = votes.feedback_answer("f1", body, device="p1")
    assert (answer.rating, answer.found, answer.status) == (4, "Useful", FeedbackStatus.WAITING)
    assert votes.decide(answer, accept=True).status is FeedbackStatus.ACCEPTED
    with pytest.raises(votes.VoteError, match="already accepted"):
        votes.decide(votes.decide(answer, True), False)
    with pytest.raises(votes.VoteError, match="rating from 1 to 5"):
        votes.feedback_answer("f2", {"rating": 6})
    with pytest.raises(votes.VoteError, match="The form is empty"):
        votes.feedback_answer("f2", {"rating": None, "found": "  "})


def test_the_rating_summary_counts_the_spread() -> None:
    forms = [
        votes.feedback_answer(f"f{i}", {"rating": r}, status=FeedbackStatus.ACCEPTED)
        for i, r in enumerate([5, 4, 4, 2])
    ]
    forms.append(votes.feedback_answer("f9", {"found": "ok"}))
    summary = votes.rating_summary(forms)
    assert summary.spread == (0, 1, 0, 2, 1)
    assert (summary.answered, summary.rated) == (5, 4)
    assert summary.words() == "5 people answered; 4 gave a rating, 3.8 out of 5 on average."
