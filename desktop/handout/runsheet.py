"""The facilitator's run sheet: every segment on the clock with who leads, the question, the
private notes and materials and what happens at zero, then the day's materials checklist.

Unlike the agenda handout it prints the facilitator's notes: it is for the people running the
room, never for participants.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.core.model import SEGMENT_WORDS, AtZero, Event, Segment
from desktop.core.timetable import (
    Slot,
    fit,
    format_clock,
    format_duration,
    format_minutes_seconds,
    timetable,
)
from desktop.handout.pack import Options, ordinal_date
from desktop.handout.pdf import Progress, Section, build_handout
from desktop.handout.styles import ACCENT, MARGIN, PAPER, RULE, Styles, make_styles, text

AT_ZERO_WORDS = {
    AtZero.OVERTIME: "the clock counts on into overtime; move on when you are ready",
    AtZero.HOLD: "the clock holds at 0:00 (“Time's up”) until you move on",
    AtZero.NEXT: "the next segment starts by itself",
}
BOX = "☐\u00a0\u00a0"  # a tick box on the checklist


@dataclass(frozen=True)
class Material:
    """One thing to bring, as first written, and the segments that need it."""

    name: str
    slots: tuple[Slot, ...]


def checklist(event: Event) -> list[Material]:
    """Every material of the day once (the same words in any case are one item), in the order
    they are first needed, with the segments that use them."""
    found: dict[str, tuple[str, list[Slot]]] = {}
    for slot in timetable(event):
        for material in slot.segment.materials:
            name = material.strip()
            key = " ".join(name.casefold().split())
            entry = found.setdefault(key, (name, []))
            if slot not in entry[1]:
                entry[1].append(slot)
    return [Material(name, tuple(slots)) for name, slots in found.values()]


def _when(slot: Slot) -> str:
    return format_clock(slot.start) if slot.start is not None else ""


def _leader(event: Event, segment: Segment) -> str:
    who = event.contributor(segment.contributor) if segment.contributor else None
    if who is None:
        return "Facilitator"
    return ", ".join(part for part in (who.name, who.role, who.organisation) if part)


def _segment(event: Event, slot: Slot, number: int, s: Styles, width: float) -> list[Flowable]:
    seg = slot.segment
    line = ParagraphStyle("runsheet_line", parent=s.body, spaceAfter=s.base_size * 0.3)
    big = ParagraphStyle("runsheet_clock", parent=s.h2, spaceBefore=0, spaceAfter=0, keepWithNext=0)
    span = _when(slot)
    if slot.end is not None and span:
        span += f"–{format_clock(slot.end)}"
    kind = SEGMENT_WORDS[seg.kind]
    title = f"{number}. {seg.title}" + (
        f" · {kind}" if kind and kind.lower() != seg.title.lower() else ""
    )
    head = Table(
        [
            [
                Paragraph(f"<b>{span or '—'}</b>", big),
                Paragraph(
                    f"<b>{seg.minutes} min</b>", ParagraphStyle("right", parent=big, alignment=2)
                ),
            ]
        ],
        colWidths=[width * 0.7, width * 0.3],
    )
    head.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )

    def labelled(label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{label}:</b> {value}", line)

    parts: list[Flowable] = [
        Spacer(1, 2 * mm),
        head,
        Section(text(title), ParagraphStyle("runsheet_title", parent=s.h3, spaceBefore=2)),
        labelled("Led by", text(_leader(event, seg))),
    ]
    if seg.prompt:
        parts.append(labelled("For the tables", f"<i>{text(seg.prompt)}</i>"))
    if seg.facilitator_notes:
        parts.append(labelled("Notes", text(seg.facilitator_notes)))
    if seg.materials:
        parts.append(labelled("Materials", text(", ".join(seg.materials))))
    parts.append(
        labelled(
            "At zero",
            text(
                f"{AT_ZERO_WORDS[seg.at_zero]}. Warns at "
                f"{format_minutes_seconds(seg.amber_seconds)} left, urgent at "
                f"{format_minutes_seconds(seg.red_seconds)}."
            ),
        )
    )
    # A segment's head stays with its first lines; long notes may run on to the next page.
    return [KeepTogether(parts[:5]), *parts[5:]]


def build_runsheet(
    event: Event, options: Options | None = None, progress: Progress | None = None
) -> bytes:
    """The run sheet as PDF bytes: a block per segment, then the materials checklist."""
    options = options or Options()
    s = make_styles(large_print=options.large_print)
    width = PAPER[options.paper][0] - 2 * MARGIN - 12
    slots = timetable(event)
    story: list[Flowable] = [Section(text(f"Run sheet — {event.title}"), s.h1)]
    facts = [event.venue, ordinal_date(event.date)]
    if slots and slots[0].start is not None and slots[-1].end is not None:
        facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
    facts.append(format_duration(event.planned_minutes))
    story.append(Paragraph(text(" · ".join(f for f in facts if f)), s.cover_line))
    story.append(
        Paragraph(
            "For the facilitator and hosts — it holds private notes: not for participants.",
            s.small,
        )
    )
    if words := fit(event):
        story.append(Paragraph(text(f"The plan {words}."), s.small))
    if not slots:
        story.append(Paragraph("The agenda is empty: add segments in the editor.", s.body))
    for number, slot in enumerate(slots, start=1):
        story.extend(_segment(event, slot, number, s, width))
    story.extend(_checklist(event, s, width))
    return build_handout(
        story,
        kind="Run sheet",
        event_title=event.title,
        author=options.organiser or event.contact.email,
        paper=options.paper,
        progress=progress,
        large_print=options.large_print,
    )


def _checklist(event: Event, s: Styles, width: float) -> list[Flowable]:
    materials = checklist(event)
    story: list[Flowable] = [Spacer(1, 4 * mm), Section("Materials checklist", s.h2)]
    if not materials:
        story.append(Paragraph("No materials listed for any segment.", s.body))
        return story
    rows: list[list[object]] = []
    for material in materials:
        used = ", ".join(
            " ".join(w for w in (_when(slot), slot.segment.title) if w) for slot in material.slots
        )
        rows.append(
            [
                Paragraph(BOX + f"<b>{text(material.name)}</b>", s.body),
                Paragraph(text(used), s.small),
            ]
        )
    table = Table(rows, colWidths=[width * 0.5, width * 0.5])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(table)
    return story
