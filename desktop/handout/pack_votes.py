"""The pack's vote results (in "Our collective learning") and its feedback summary ("Your
feedback"): themes in vote order with their dots as numbers and bars, the rating spread, and
the answers to the form's two questions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from desktop.core import votes
from desktop.core.model import Event, NoteKind
from desktop.handout.styles import ACCENT, BULLET, RULE, text

if TYPE_CHECKING:
    from desktop.handout.pack import _Pack


class Bar(Flowable):
    """One option's share of the most dots: a filled bar, the number beside it in the table."""

    def __init__(self, fraction: float, width: float, height: float) -> None:
        super().__init__()
        self.fraction, self.width, self.height = max(0.0, min(1.0, fraction)), width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColor(ACCENT)
        if self.fraction:
            self.canv.rect(0, 0, self.width * self.fraction, self.height, stroke=0, fill=1)
        self.canv.restoreState()


def has_votes(event: Event) -> bool:
    return bool(votes.printable(event))


def has_feedback(event: Event) -> bool:
    return bool(votes.accepted(event)) or bool(event.notes_of(NoteKind.FEEDBACK))


def vote_results(p: _Pack, width: float) -> None:
    """Each printable vote: its question, then every option in vote order with its dots."""
    for vote in votes.printable(p.event):
        rows = votes.results(vote)
        most = max(r.total for r in rows) or 1
        voted = votes.voted(vote)
        how = f"{voted} {'person' if voted == 1 else 'people'} voted from their phones"
        if vote.counts:
            how += " and dots were counted from the flipchart" if voted else ""
            how = how if voted else "Dots counted from the flipchart"
        total = sum(r.total for r in rows)
        intro = p.para(f"{how}: {total} dots in all, up to {vote.dots} each.", "small")
        size = p.s.body.fontSize
        bar_w = width * 0.28
        data = [
            [
                Paragraph(f"{r.place}.", p.s.body),
                Paragraph(text(r.option), p.s.body),
                Paragraph(f"<b>{r.total}</b> dot{'s' if r.total != 1 else ''}", p.s.body),
                Bar(r.total / most, bar_w, size * 0.9),
            ]
            for r in rows
        ]
        table = Table(
            data,
            colWidths=[size * 2.4, width - bar_w - size * 8.4, size * 6, bar_w],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        p.add(CondPageBreak(30 * mm), Paragraph(text(vote.title or votes.VOTE_TITLE), p.s.h2))
        p.add(KeepTogether([intro, table]))


def feedback_section(p: _Pack, width: float) -> None:
    """ "Your feedback": how many answered and the spread of ratings, then the answers."""
    forms = votes.accepted(p.event)
    notes = p.event.notes_of(NoteKind.FEEDBACK)
    if not forms and not notes:
        return
    p.section("Your feedback")
    if forms:
        summary = votes.rating_summary(forms)
        p.add(p.para(summary.words()))
        if summary.rated:
            size = p.s.body.fontSize
            most = max(summary.spread) or 1
            data = [
                [
                    Paragraph(f"{stars} out of 5", p.s.body),
                    Paragraph(f"<b>{n}</b>", p.s.body),
                    Bar(n / most, width * 0.4, size * 0.9),
                ]
                for stars, n in zip((5, 4, 3, 2, 1), reversed(summary.spread), strict=True)
            ]
            table = Table(data, colWidths=[size * 7, size * 3, width * 0.42], hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                        ("TOPPADDING", (0, 0), (-1, -1), 1),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            p.add(KeepTogether([table]))
        for field, question in (
            ("found", votes.FOUND_QUESTION),
            ("change", votes.CHANGE_QUESTION),
        ):
            answers = [getattr(f, field) for f in forms if getattr(f, field)]
            if answers:
                p.add(Paragraph(text(question), p.s.h2))
                p.add(*(Paragraph(BULLET + text(a), p.s.bullet) for a in answers))
    if notes:
        if forms:
            p.add(Paragraph("Also said", p.s.h2))
        p.add(*(p.bullet(n.text) for n in notes))
