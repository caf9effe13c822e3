"""The votes and feedback forms of one open event file, as phones and the console change them.

Phones' ballots are applied in memory at once and journaled together: every ballot that arrives
in the same turn of the loop shares one fsync (group commit), and a phone is answered only once
its ballot is on disk (`kept()`). `on_change` runs once per batch, after it is on disk: that is
when the projector redraws. The console's changes (open, close, reveal, typed counts, accepting
a form) are written at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core import votes
from desktop.core.model import Ballot, FeedbackAnswer, FeedbackStatus, Vote, VoteState
from desktop.store.eventfile import EventFile

if TYPE_CHECKING:  # asyncio loads with the app's loop, after the console's first paint
    import asyncio

Clock = Callable[[], float]
MAX_FORMS_PER_PHONE = 5  # a phone passed round a table may send a few; not hundreds


class VoteDesk:
    """Votes and forms for `file`; `on_change` is told after every change is on disk."""

    def __init__(
        self,
        file: EventFile,
        *,
        on_change: Callable[[], None] = lambda: None,
        clock: Clock = time.time,
    ) -> None:
        self.file = file
        self.on_change = on_change
        self._clock = clock
        self._batch: asyncio.Future[None] | None = None
        self._forms_by_key: dict[tuple[str, str], str] = {
            (a.device, a.key): a.id for a in file.event().feedback if a.key
        }

    def _now(self) -> str:
        return datetime.fromtimestamp(self._clock()).isoformat(timespec="seconds")

    # ------------------------------------------------------------------ reading

    def current(self) -> Vote | None:
        return votes.current_vote(self.file.event())

    def ballot(self, device: str) -> tuple[int, ...]:
        vote = self.current()
        return votes.ballot_of(vote, device) if vote is not None else ()

    def waiting(self) -> list[FeedbackAnswer]:
        return votes.waiting(self.file.event())

    # ------------------------------------------------------------------ phones

    def cast(self, device: str, vote_id: object, dots: object) -> Vote:
        """Set `device`'s ballot in the current vote (in memory; on disk once `kept()`).

        NoVote when there is none or the phone's is not the current one; VoteClosed, VoteError
        as `votes.cast`."""
        vote = self.current()
        if vote is None:
            raise votes.NoVote("There is no vote just now.")
        if vote_id != vote.id:
            raise votes.NoVote("The vote has changed: here is the new one.")
        changed = votes.cast(vote, device, dots, now=self._now())
        if changed is vote:
            return vote  # the same ballot again: nothing to write
        ballot = next(b for b in changed.ballots if b.device == device)
        self.file.stage_ballot(changed, ballot)
        self._schedule()
        return changed

    def send_feedback(self, device: str, body: object) -> FeedbackAnswer:
        """A form from a phone, waiting for a person; the same one again for a resend (same
        key). VoteError when it breaks a rule or the phone has sent too many."""
        key = body.get("key") if isinstance(body, Mapping) else None
        if not isinstance(key, str) or not 8 <= len(key) <= 64:
            raise votes.VoteError("This form has no valid key. Reload the page and send again.")
        known = self._forms_by_key.get((device, key))
        if known is not None:
            return next(a for a in self.file.event().feedback if a.id == known)
        mine = sum(1 for d, _ in self._forms_by_key if d == device)
        if mine >= MAX_FORMS_PER_PHONE:
            raise votes.VoteError(
                f"This phone has sent {mine} forms already; that is the most one phone may send."
            )
        answer = votes.feedback_answer(
            votes.next_feedback_id(self.file.event().feedback),
            body,
            device=device,
            now=self._now(),
        )
        self.file.stage_feedback(answer)
        self._forms_by_key[(device, key)] = answer.id
        self._schedule()
        return answer

    def status(self, device: str, key: str) -> FeedbackStatus | None:
        known = self._forms_by_key.get((device, key))
        if known is None:
            return None
        return next((a.status for a in self.file.event().feedback if a.id == known), None)

    async def kept(self) -> None:
        """Return once everything changed so far is written (with whatever came with it)."""
        import asyncio

        batch = self._batch
        if batch is not None:
            await asyncio.shield(batch)

    def _schedule(self) -> None:
        if self._batch is not None:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a script, a test): write now
            self._write()
            return
        self._batch = loop.create_future()
        loop.call_soon(self._write)

    def _write(self) -> None:
        batch, self._batch = self._batch, None
        try:
            self.file.flush()
            self.on_change()
        finally:
            if batch is not None and not batch.done():
                batch.set_result(None)

    # ------------------------------------------------------------------ the console

    def open(
        self,
        options: Sequence[str],
        *,
        dots: int = votes.DEFAULT_DOTS,
        title: str = votes.VOTE_TITLE,
        segment: str = "",
    ) -> Vote:
        """A new vote, open now; the one before it (if still open) closes."""
        event = self.file.event()
        before = votes.current_vote(event)
        vote = votes.new_vote(
            votes.next_vote_id(event.votes),
            options,
            dots=dots,
            title=title,
            segment=segment,
            now=self._now(),
        )
        if before is not None and before.state is VoteState.OPEN:
            self.file.stage_vote(votes.close(before, now=self._now()))
        self.file.stage_vote(vote)
        self._write_now()
        return vote

    def close(self) -> Vote | None:
        return self._change(lambda v: votes.close(v, now=self._now()))

    def reveal(self, shown: bool = True) -> Vote | None:
        return self._change(lambda v: votes.reveal(v, shown))

    def set_counts(self, counts: Sequence[int] | Mapping[str, int]) -> Vote | None:
        return self._change(lambda v: votes.set_counts(v, counts))

    def decide(self, answer_id: str, accept: bool) -> FeedbackAnswer:
        answer = next((a for a in self.file.event().feedback if a.id == answer_id), None)
        if answer is None:
            raise votes.VoteError("That form isn't here any more.")
        decided = votes.decide(answer, accept)
        self.file.stage_feedback(decided)
        self._write_now()
        return decided

    def add_form(self, body: Mapping[str, object]) -> FeedbackAnswer:
        """A paper form typed in by a note-taker: accepted as it is typed."""
        answer = votes.feedback_answer(
            votes.next_feedback_id(self.file.event().feedback),
            body,
            now=self._now(),
            status=FeedbackStatus.ACCEPTED,
        )
        self.file.stage_feedback(answer)
        self._write_now()
        return answer

    def _change(self, how: Callable[[Vote], Vote]) -> Vote | None:
        vote = self.current()
        if vote is None:
            return None
        changed = how(vote)
        if changed is not vote:
            self.file.stage_vote(changed)
            self._write_now()
        return changed

    def _write_now(self) -> None:
        self.file.flush()
        self.on_change()


def ballot_count(vote: Vote | None) -> int:
    """Phones with at least one dot placed (0 with no vote)."""
    return votes.voted(vote) if vote is not None else 0


__all__ = ["Ballot", "VoteDesk", "ballot_count"]
