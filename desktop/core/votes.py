"""Dot-voting and the feedback form: the rules, as pure functions over `Vote` and `FeedbackAnswer`.

A vote offers options (the themes on the board, or a list typed on the spot); each phone has
`dots` dots to place, several on one option if it likes. One ballot per phone: a phone that
joins again is the same device, so it finds its own ballot, never fresh dots. While the vote is
open a phone may change its ballot (the new one replaces the old); closing freezes it. Counts
typed from a flipchart add to the phones' dots, so a vote also runs without any phone.

No Qt, no I/O: the time is passed in as text ("2023-07-06T10:42:13"), so tests need no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from msgspec.structs import replace

from desktop.core.model import (
    Ballot,
    Event,
    FeedbackAnswer,
    FeedbackStatus,
    NoteKind,
    Vote,
    VoteState,
)
from desktop.core.notes import clean_text

DEFAULT_DOTS = 3
MAX_DOTS = 20  # per phone: more is a survey, not a dot-vote
MAX_OPTIONS = 30
MAX_OPTION = 120  # characters in an option's name
MAX_COUNT = 100_000  # a typed count: a flipchart holds fewer dots than this
MAX_ANSWER = 2000  # characters in a feedback answer
RATINGS = (1, 2, 3, 4, 5)
FOUND_QUESTION = "How did you find today?"
CHANGE_QUESTION = "What would you change?"
RATING_QUESTION = "Overall, how was today? (1 = poor, 5 = very good)"
VOTE_TITLE = "Which themes matter most?"


class VoteError(ValueError):
    """A ballot or a vote change that breaks a rule, with words a person can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class VoteClosed(VoteError):
    """The vote is closed: nothing may change."""


class NoVote(VoteError):
    """There is no vote (or not the one the phone thinks)."""


# ------------------------------------------------------------------------------ options


def options_from_text(text: str) -> tuple[str, ...]:
    """Options typed one a line (or separated by ";"), tidied, blanks and repeats dropped."""
    parts = [clean_text(p) for line in text.splitlines() for p in line.split(";")]
    return tuple(dict.fromkeys(p for p in parts if p))


def board_themes(event: Event) -> tuple[str, ...]:
    """The themes on the themes board, in the order they first appear among the share-backs."""
    shares = event.notes_of(NoteKind.SHARE_BACK)
    return tuple(dict.fromkeys(n.theme.strip() for n in shares if n.theme.strip()))


def next_vote_id(votes: Iterable[Vote]) -> str:
    numbers = [int(v.id[1:]) for v in votes if v.id[:1] == "v" and v.id[1:].isdigit()]
    return f"v{max(numbers, default=0) + 1}"


def new_vote(
    vote_id: str,
    options: Sequence[str],
    *,
    dots: int = DEFAULT_DOTS,
    title: str = VOTE_TITLE,
    segment: str = "",
    now: str = "",
) -> Vote:
    """An open vote, or VoteError saying what to fix in the options or the dots."""
    tidy = tuple(dict.fromkeys(clean_text(o) for o in options if clean_text(o)))
    if len(tidy) < 2:
        raise VoteError("A vote needs at least two options: add themes, or type a list.")
    if len(tidy) > MAX_OPTIONS:
        raise VoteError(f"A vote takes at most {MAX_OPTIONS} options; this has {len(tidy)}.")
    long = next((o for o in tidy if len(o) > MAX_OPTION), None)
    if long is not None:
        raise VoteError(f"“{long[:40]}…” is too long for an option (at most {MAX_OPTION}).")
    if not 1 <= dots <= MAX_DOTS:
        raise VoteError(f"Each phone gets 1 to {MAX_DOTS} dots, not {dots}.")
    return Vote(
        id=vote_id,
        options=tidy,
        title=clean_text(title) or VOTE_TITLE,
        dots=dots,
        segment=segment,
        opened=now,
    )


# ------------------------------------------------------------------------------ ballots


def parse_dots(vote: Vote, dots: object) -> tuple[int, ...]:
    """A phone's dots as counts per option: a list of counts in option order, or a mapping
    from option index (or name) to count. VoteError names what is wrong."""
    n = len(vote.options)
    counts = [0] * n
    if isinstance(dots, Mapping):
        for key, value in dots.items():
            if isinstance(key, str) and key.isdigit():
                index = int(key)
            elif isinstance(key, str) and key in vote.options:
                index = vote.options.index(key)
            elif isinstance(key, int) and not isinstance(key, bool):
                index = key
            else:
                raise VoteError(f"{key!r} is not one of the options.")
            if not 0 <= index < n:
                raise VoteError(f"There is no option {index + 1}; this vote has {n}.")
            counts[index] = _count(value)
    elif isinstance(dots, list | tuple):
        if len(dots) != n:
            raise VoteError(f"This vote has {n} options; the ballot has {len(dots)}. Reload.")
        counts = [_count(value) for value in dots]
    else:
        raise VoteError("Send the dots as a list of counts, one per option.")
    return tuple(counts)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise VoteError("Each option's dots must be a whole number, 0 or more.")
    return value


def cast(vote: Vote, device: str, dots: object, *, now: str = "") -> Vote:
    """The vote with `device`'s ballot set to `dots` (replacing any earlier one).

    VoteClosed after closing; VoteError for more dots than the vote gives."""
    if vote.state is VoteState.CLOSED:
        raise VoteClosed("Voting has closed: your dots can't change now.")
    counts = parse_dots(vote, dots)
    used = sum(counts)
    if used > vote.dots:
        raise VoteError(
            f"You have {vote.dots} dot{'s' if vote.dots != 1 else ''}; this ballot places "
            f"{used}. Take some off first."
        )
    ballot = Ballot(device=device, dots=counts, time=now)
    ballots = list(vote.ballots)
    for i, old in enumerate(ballots):
        if old.device == device:
            if old.dots == counts:
                return vote  # the same ballot again (a retry): nothing changes
            ballots[i] = ballot
            break
    else:
        ballots.append(ballot)
    return replace(vote, ballots=tuple(ballots))


def ballot_of(vote: Vote, device: str) -> tuple[int, ...]:
    """`device`'s dots (all zero when it hasn't voted)."""
    for ballot in vote.ballots:
        if ballot.device == device:
            return ballot.dots
    return (0,) * len(vote.options)


def voted(vote: Vote) -> int:
    """How many phones have placed at least one dot."""
    return sum(1 for b in vote.ballots if any(b.dots))


def close(vote: Vote, *, now: str = "") -> Vote:
    """Freeze the vote: no ballot (and no typed count) changes after this."""
    if vote.state is VoteState.CLOSED:
        return vote
    return replace(vote, state=VoteState.CLOSED, closed=now)


def reveal(vote: Vote, shown: bool = True) -> Vote:
    """Put the results on the room display (or take them off)."""
    return replace(vote, revealed=shown)


def set_counts(vote: Vote, counts: Sequence[int] | Mapping[str, int]) -> Vote:
    """The counts typed from the flipchart (added to the phones' dots); a mapping by option
    name may leave options out (0). VoteClosed after closing."""
    if vote.state is VoteState.CLOSED:
        raise VoteClosed("This vote is closed: its counts can't change now.")
    if isinstance(counts, Mapping):
        unknown = [name for name in counts if name not in vote.options]
        if unknown:
            raise VoteError(f"“{unknown[0]}” is not one of this vote's options.")
        values = [counts.get(o, 0) for o in vote.options]
    else:
        values = list(counts)
        if len(values) != len(vote.options):
            raise VoteError(f"Type one count for each of the {len(vote.options)} options.")
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            raise VoteError(f"A count is a whole number from 0 to {MAX_COUNT:,}.")
    return replace(vote, counts=tuple(values) if any(values) else ())


@dataclass(frozen=True, slots=True)
class Result:
    """One option's total: the phones' dots and the typed count."""

    option: str
    dots: int  # from phones
    typed: int  # from the flipchart
    place: int  # 1 for the most dots; options with equal totals share a place

    @property
    def total(self) -> int:
        return self.dots + self.typed


def results(vote: Vote) -> list[Result]:
    """Every option with its total, most dots first (equal totals keep the options' order)."""
    phones = [0] * len(vote.options)
    for ballot in vote.ballots:
        for i, count in enumerate(ballot.dots[: len(phones)]):
            phones[i] += count
    typed = list(vote.counts) + [0] * (len(vote.options) - len(vote.counts))
    rows = [(o, phones[i], typed[i]) for i, o in enumerate(vote.options)]
    rows.sort(key=lambda r: -(r[1] + r[2]))  # stable: ties stay in option order
    out: list[Result] = []
    for option, dots, count in rows:
        total = dots + count
        place = out[-1].place if out and out[-1].total == total else len(out) + 1
        out.append(Result(option, dots, count, place))
    return out


def total_dots(vote: Vote) -> int:
    return sum(r.total for r in results(vote))


def current_vote(event: Event) -> Vote | None:
    """The vote the room is on: the latest one."""
    return event.votes[-1] if event.votes else None


def replace_vote(votes: Sequence[Vote], vote: Vote) -> tuple[Vote, ...]:
    """`votes` with `vote` in place of the one with its id (at the end if new)."""
    out = list(votes)
    for i, old in enumerate(out):
        if old.id == vote.id:
            out[i] = vote
            return tuple(out)
    return (*out, vote)


def printable(event: Event) -> list[Vote]:
    """The votes the pack prints: those with any dots, closed or revealed."""
    return [v for v in event.votes if total_dots(v) and (v.state is VoteState.CLOSED or v.revealed)]


# ------------------------------------------------------------------------------ feedback


def feedback_answer(
    answer_id: str,
    body: object,
    *,
    device: str = "",
    now: str = "",
    status: FeedbackStatus = FeedbackStatus.WAITING,
) -> FeedbackAnswer:
    """A feedback form from its fields {rating, found, change, key}, or VoteError saying what
    to fix. At least one of the three must be given."""
    if not isinstance(body, Mapping):
        raise VoteError("Send the form as a JSON object.")
    rating = body.get("rating")
    if rating in ("", None):
        rating = None
    elif isinstance(rating, str) and rating.strip().isdigit():
        rating = int(rating.strip())
    if rating is not None and (isinstance(rating, bool) or rating not in RATINGS):
        raise VoteError("Choose a rating from 1 to 5, or leave it out.")
    texts = {}
    for field, question in (("found", FOUND_QUESTION), ("change", CHANGE_QUESTION)):
        raw = body.get(field, "")
        if not isinstance(raw, str):
            raise VoteError(f"“{question}” takes text.")
        text = clean_text(raw)
        if len(text) > MAX_ANSWER:
            raise VoteError(
                f"“{question}” is {len(text):,} characters; the limit is {MAX_ANSWER:,}."
            )
        texts[field] = text
    if rating is None and not texts["found"] and not texts["change"]:
        raise VoteError("The form is empty: choose a rating or answer a question.")
    key = body.get("key", "")
    return FeedbackAnswer(
        id=answer_id,
        rating=rating,
        found=texts["found"],
        change=texts["change"],
        status=status,
        device=device,
        key=key if isinstance(key, str) else "",
        time=now,
    )


def next_feedback_id(answers: Iterable[FeedbackAnswer]) -> str:
    numbers = [int(a.id[1:]) for a in answers if a.id[:1] == "f" and a.id[1:].isdigit()]
    return f"f{max(numbers, default=0) + 1}"


def waiting(event: Event) -> list[FeedbackAnswer]:
    """Forms from phones a person has not yet accepted or rejected, oldest first."""
    return [a for a in event.feedback if a.status is FeedbackStatus.WAITING]


def decide(answer: FeedbackAnswer, accept: bool) -> FeedbackAnswer:
    """Accept or reject a waiting form; VoteError if it was decided already."""
    if answer.status is not FeedbackStatus.WAITING:
        raise VoteError(f"That form was already {answer.status.value}.")
    return replace(answer, status=FeedbackStatus.ACCEPTED if accept else FeedbackStatus.REJECTED)


def accepted(event: Event) -> list[FeedbackAnswer]:
    return [a for a in event.feedback if a.status is FeedbackStatus.ACCEPTED]


@dataclass(frozen=True, slots=True)
class RatingSummary:
    """What the pack says about the ratings: how many answered, and the spread over 1..5."""

    answered: int  # forms accepted
    rated: int  # of which gave a rating
    spread: tuple[int, int, int, int, int]  # how many gave 1, 2, 3, 4, 5
    mean: float | None

    def words(self) -> str:
        if not self.rated:
            return f"{self.answered} answered the feedback form."
        forms = "person" if self.answered == 1 else "people"
        mean = f"{self.mean:.1f}".rstrip("0").rstrip(".") if self.mean is not None else ""
        return (
            f"{self.answered} {forms} answered; {self.rated} gave a rating, "
            f"{mean} out of 5 on average."
        )


def rating_summary(answers: Sequence[FeedbackAnswer]) -> RatingSummary:
    spread = [0, 0, 0, 0, 0]
    for a in answers:
        if a.rating in RATINGS:
            spread[a.rating - 1] += 1
    rated = sum(spread)
    mean = sum((i + 1) * n for i, n in enumerate(spread)) / rated if rated else None
    one, two, three, four, five = spread
    return RatingSummary(len(answers), rated, (one, two, three, four, five), mean)
