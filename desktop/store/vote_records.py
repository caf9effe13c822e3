"""Votes and feedback forms in the event file: every change journaled before anyone is told.

The ``votes`` and ``feedback`` tables hold one row per vote and per form. A ballot changes one
vote; it is journaled as a small line (``{"op": "ballot", "vote": "v1", "ballot": {...}}``), not
the whole vote, so 300 phones voting cost 300 short lines. Opening, closing, revealing and typed
counts journal the whole vote (``"op": "vote"``), a form its whole row (``"op": "feedback"``).
`stage_*` keeps a change in memory and in a buffer; `flush()` writes the buffer with one fsync,
so a burst of ballots shares one trip to the disk (group commit). `replay` puts journaled changes
back into tables a crash left behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from desktop.core import document
from desktop.core.model import Ballot, Event, FeedbackAnswer, Vote
from desktop.store.errors import save_failed

if TYPE_CHECKING:
    from desktop.store.journal import Journal

Raw = dict[str, dict[str, dict[str, Any]]]
OPS = frozenset({"vote", "ballot", "feedback"})


class VoteRecords:
    """Mixed into EventFile: the votes and forms tables, changed in place and journaled."""

    # Provided by EventFile.
    dirty: bool
    undurable: set[str]
    durability_problem: str
    _event: Event | None
    _journal: Journal | None
    _seq: int
    path: Any
    read_only: str

    _pending: list[dict[str, Any]]

    @property
    def raw(self) -> Raw:  # pragma: no cover - EventFile's
        raise NotImplementedError

    def event(self) -> Event:  # pragma: no cover - EventFile's
        raise NotImplementedError

    # ------------------------------------------------------------------ changing

    def put_vote(self, vote: Vote) -> None:
        """A new vote, or a vote opened, closed, revealed or counted: on disk when this returns."""
        self.stage_vote(vote)
        self.flush()

    def stage_vote(self, vote: Vote) -> None:
        self._set_vote(vote)
        self._stage({"op": "vote", "vote": document.plain(vote)}, vote.id)

    def stage_ballot(self, vote: Vote, ballot: Ballot) -> None:
        """`vote` (already holding `ballot`) in memory; the ballot buffered for `flush()`.

        Only the ballot's own row is encoded: 300 ballots don't re-encode 300 votes."""
        table = self.raw.setdefault("votes", {})
        row = table.get(_key_of(table, vote.id))
        plain = document.plain(ballot)
        if row is None:
            self._set_vote(vote)
        else:
            rows = row.setdefault("ballots", [])
            at = next((i for i, b in enumerate(rows) if b.get("device") == ballot.device), None)
            if at is None:
                rows.append(plain)
            else:
                rows[at] = plain
            self._set_event_vote(vote)
        record = {"op": "ballot", "vote": vote.id, "ballot": plain}
        self._stage(record, vote.id)

    def put_feedback(self, answer: FeedbackAnswer) -> None:
        self.stage_feedback(answer)
        self.flush()

    def stage_feedback(self, answer: FeedbackAnswer) -> None:
        event = self.event()
        table = self.raw.setdefault("feedback", {})
        key = _key_of(table, answer.id)
        table[key] = document.plain(answer)
        answers = list(event.feedback)
        at = next((i for i, a in enumerate(answers) if a.id == answer.id), None)
        if at is None:
            answers.append(answer)
        else:
            answers[at] = answer
        self._event = msgspec.structs.replace(event, feedback=tuple(answers))
        self._stage({"op": "feedback", "answer": document.plain(answer)}, answer.id)

    def _set_vote(self, vote: Vote) -> None:
        table = self.raw.setdefault("votes", {})
        key = _key_of(table, vote.id)
        table[key] = document.plain(vote)
        self._set_event_vote(vote)

    def _set_event_vote(self, vote: Vote) -> None:
        event = self.event()
        votes = list(event.votes)
        at = next((i for i, v in enumerate(votes) if v.id == vote.id), None)
        if at is None:
            votes.append(vote)
        else:
            votes[at] = vote
        self._event = msgspec.structs.replace(event, votes=tuple(votes))

    def _stage(self, record: dict[str, Any], ident: str) -> None:
        self.dirty = True
        self._seq += 1
        if not hasattr(self, "_pending"):
            self._pending = []
        self._pending.append({"seq": self._seq, **record, "_id": ident})

    def flush(self) -> int:
        """Write every buffered change with one fsync; how many were written. When the disk
        refuses, `undurable` names what is only in memory (a full save keeps it later)."""
        pending = getattr(self, "_pending", [])
        if not pending:
            return 0
        self._pending = []
        idents = [r.pop("_id") for r in pending]
        if self._journal is None:
            from desktop.store.eventfile import save_failed_read_only

            self.undurable.update(idents)
            self.durability_problem = str(save_failed_read_only(self.path, self.read_only))
            return 0
        try:
            self._journal.append_many(pending)
        except OSError as exc:
            self.undurable.update(idents)
            self.durability_problem = str(save_failed(self.path, exc))
            return 0
        return len(pending)


def _key_of(table: dict[str, Any], ident: str) -> str:
    for key, row in table.items():
        if isinstance(row, dict) and row.get("id") == ident:
            return key
    return str(max((int(k) for k in table if k.isdigit()), default=0) + 1)


def replay(raw: Raw, record: dict[str, Any]) -> bool:
    """Apply one journaled vote or form change to `raw`; False if it doesn't fit."""
    op = record.get("op")
    try:
        if op == "vote":
            vote = msgspec.convert(record.get("vote"), Vote)
            table = raw.setdefault("votes", {})
            table[_key_of(table, vote.id)] = document.plain(vote)
            return True
        if op == "feedback":
            answer = msgspec.convert(record.get("answer"), FeedbackAnswer)
            table = raw.setdefault("feedback", {})
            table[_key_of(table, answer.id)] = document.plain(answer)
            return True
        if op == "ballot":
            ballot = msgspec.convert(record.get("ballot"), Ballot)
            table = raw.setdefault("votes", {})
            key = _key_of(table, str(record.get("vote")))
            row = table.get(key)
            if not isinstance(row, dict):
                return False
            ballots = [b for b in row.get("ballots", []) if b.get("device") != ballot.device]
            at = next(
                (
                    i
                    for i, b in enumerate(row.get("ballots", []))
                    if b.get("device") == ballot.device
                ),
                len(ballots),
            )
            ballots.insert(at, document.plain(ballot))
            row["ballots"] = ballots
            return True
    except (msgspec.ValidationError, TypeError, AttributeError):
        return False
    return False
