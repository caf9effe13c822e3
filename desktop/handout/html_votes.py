"""The web pack's vote results and feedback summary (the HTML twin of pack_votes.py)."""

from __future__ import annotations

from html import escape

from desktop.core import votes
from desktop.core.model import Event


def _t(value: str) -> str:
    return escape(value.strip()).replace("\n", "<br>")


def votes_html(event: Event) -> str:
    """Each printable vote as a table: place, theme, dots (numbers, not bars alone)."""
    out = ""
    for vote in votes.printable(event):
        rows = "".join(
            f'<tr><td>{r.place}</td><th scope="row">{_t(r.option)}</th><td>{r.total}</td></tr>'
            for r in votes.results(vote)
        )
        out += (
            f"<h3>{_t(vote.title or votes.VOTE_TITLE)}</h3>"
            f'<table class="votes"><thead><tr><th scope="col">Place</th>'
            f'<th scope="col">Theme</th><th scope="col">Dots</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return out


def feedback_html(event: Event) -> str:
    """The rating summary and spread, then the answers to the form's two questions."""
    forms = votes.accepted(event)
    if not forms:
        return ""
    summary = votes.rating_summary(forms)
    out = f"<p>{_t(summary.words())}</p>"
    if summary.rated:
        cells = "".join(f"<td>{n}</td>" for n in summary.spread)
        out += (
            '<table class="ratings"><caption>Ratings, 1 (poor) to 5 (very good)</caption>'
            '<thead><tr><th scope="col">Rating</th>'
            + "".join(f'<th scope="col">{i}</th>' for i in votes.RATINGS)
            + f'</tr></thead><tbody><tr><th scope="row">People</th>{cells}</tr></tbody></table>'
        )
    for field, question in (("found", votes.FOUND_QUESTION), ("change", votes.CHANGE_QUESTION)):
        answers = [getattr(f, field) for f in forms if getattr(f, field)]
        if answers:
            out += f"<h3>{_t(question)}</h3><ul>" + "".join(f"<li>{_t(a)}</li>" for a in answers)
            out += "</ul>"
    return out
