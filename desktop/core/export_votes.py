"""Votes and feedback forms as Markdown (part of `export.to_markdown`) and as CSV tables.

Pure text out, escaped as export.py escapes notes: typed options and answers stay text.
"""

from __future__ import annotations

import csv
import io

from desktop.core import votes
from desktop.core.model import Event, FeedbackStatus, VoteState

VOTE_COLUMNS = ("vote", "title", "place", "option", "phone_dots", "typed", "total", "state")
FEEDBACK_COLUMNS = ("id", "rating", "how_did_you_find_today", "what_would_you_change", "time")


def votes_markdown(event: Event) -> list[str]:
    """ "## The room's votes": each vote's options in vote order with their dots."""
    from desktop.core.export import _cell

    out: list[str] = []
    for vote in event.votes:
        if not votes.total_dots(vote):
            continue
        if not out:
            out += ["## The room's votes", ""]
        voted = votes.voted(vote)
        said = f"{voted} phone{'s' if voted != 1 else ''} voted" if voted else "counted by hand"
        state = "" if vote.state is VoteState.CLOSED else ", still open"
        out += [f"### {_cell(vote.title)} ({said}{state})", ""]
        out += ["| Place | Theme | Dots |", "|---|---|---|"]
        out += [f"| {r.place} | {_cell(r.option)} | {r.total} |" for r in votes.results(vote)]
        out.append("")
    return out


def feedback_markdown(event: Event) -> list[str]:
    """ "## Feedback forms": the rating summary and spread, then each question's answers."""
    from desktop.core.export import _item, md_text

    forms = votes.accepted(event)
    if not forms:
        return []
    summary = votes.rating_summary(forms)
    out = ["## Feedback forms", "", summary.words(), ""]
    if summary.rated:
        out += ["| Rating | 1 | 2 | 3 | 4 | 5 |", "|---|---|---|---|---|---|"]
        out += ["| People | " + " | ".join(str(n) for n in summary.spread) + " |", ""]
    for field, question in (
        ("found", votes.FOUND_QUESTION),
        ("change", votes.CHANGE_QUESTION),
    ):
        answers = [getattr(f, field) for f in forms if getattr(f, field)]
        if answers:
            out += [f"### {question}", ""]
            out += [_item(md_text(a)) for a in answers] + [""]
    return out


def votes_to_csv(event: Event) -> str:
    """One row per option of each vote, in vote order, with a header row."""
    from desktop.core.export import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(VOTE_COLUMNS)
    for vote in event.votes:
        for r in votes.results(vote):
            writer.writerow(
                csv_cell(str(cell))
                for cell in (
                    vote.id,
                    vote.title,
                    r.place,
                    r.option,
                    r.dots,
                    r.typed,
                    r.total,
                    vote.state.value,
                )
            )
    return buffer.getvalue()


def feedback_to_csv(event: Event) -> str:
    """One row per accepted feedback form (waiting and rejected ones are left out)."""
    from desktop.core.export import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FEEDBACK_COLUMNS)
    for form in event.feedback:
        if form.status is not FeedbackStatus.ACCEPTED:
            continue
        rating = str(form.rating) if form.rating is not None else ""
        writer.writerow(csv_cell(c) for c in (form.id, rating, form.found, form.change, form.time))
    return buffer.getvalue()
