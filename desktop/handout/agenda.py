"""The agenda handout, printed before the event: the timetable, the questions, the table plan."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.core.model import SEGMENT_WORDS, Event
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.handout.pack import Options, ordinal_date
from desktop.handout.pdf import Progress, Section, build_handout
from desktop.handout.styles import GRID, MARGIN, PAPER, make_styles, text


def build_agenda(
    event: Event, options: Options | None = None, progress: Progress | None = None
) -> bytes:
    """The agenda handout as PDF bytes; a typical agenda fits one page."""
    options = options or Options()
    s = make_styles(large_print=options.large_print)
    story: list[Flowable] = [Section(text(event.title), s.h1)]
    facts = [event.theme, event.venue, ordinal_date(event.date)]
    slots = timetable(event)
    if slots and slots[0].start is not None and slots[-1].end is not None:
        facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
    if any(facts):
        story.append(Paragraph(text(" · ".join(f for f in facts if f)), s.cover_line))
    if event.summary:
        story.append(Paragraph(text(event.summary.split("\n\n")[0]), s.body))
    cell = ParagraphStyle("cell", parent=s.body, spaceAfter=0, leading=s.base_size * 1.25)
    if slots:
        story.append(Section("Agenda", s.h2))
        rows: list[list[object]] = [
            [Paragraph(f"<b>{h}</b>", s.small) for h in ("Time", "", "Min", "With")]
        ]
        for slot in slots:
            seg = slot.segment
            who = event.contributor(seg.contributor) if seg.contributor else None
            kind = SEGMENT_WORDS[seg.kind]
            shown_kind = kind if kind and kind.lower() != seg.title.lower() else ""
            what = f"<b>{text(seg.title)}</b>" + (f" · {text(shown_kind)}" if shown_kind else "")
            if seg.prompt:
                what += f"<br/><i>{text(seg.prompt)}</i>"
            rows.append(
                [
                    Paragraph(format_clock(slot.start) if slot.start is not None else "", cell),
                    Paragraph(what, cell),
                    Paragraph(str(seg.minutes), cell),
                    Paragraph(text(who.name) if who else "", cell),
                ]
            )
        width = PAPER[options.paper][0] - 2 * MARGIN
        base = s.base_size / 10.5
        widths = [18 * mm * base, None, 14 * mm * base, 45 * mm * base]
        fixed = sum(w for w in widths if w is not None)
        widths[1] = width - fixed
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *GRID,
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
        if words := fit(event):
            story.append(Spacer(1, 2 * mm))
            story.append(
                Paragraph(
                    text(f"{format_duration(event.planned_minutes)} in all; {words}."), s.small
                )
            )
    if event.questions:
        story.append(Section("Questions for our conversations", s.h2))
        story.extend(Paragraph(text(q), s.bullet, bulletText="▸") for q in event.questions)
    # The table plan joins here when the table planner (issue 7) gives the event one.
    return build_handout(
        story,
        kind="Agenda",
        event_title=event.title,
        author=options.organiser or event.contact.email,
        paper=options.paper,
        progress=progress,
    )
