"""An event as Markdown (to read or paste into an e-mail) and its notes as CSV (for a spreadsheet).

Pure text out; the CLI and the store decide where it goes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from desktop.core.model import NOTE_SECTIONS, Event, Note, NoteKind, resource_label
from desktop.core.notes import grouped
from desktop.core.timetable import format_clock, format_duration, timetable

CSV_COLUMNS = ("id", "kind", "section", "text", "table", "theme", "contributor", "segment", "time")


def _item(text: str) -> str:
    """A Markdown list item that keeps the note's own line breaks."""
    lines = text.strip().splitlines() or [""]
    return "\n".join([f"- {lines[0]}", *(f"  {line}" if line else "" for line in lines[1:])])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _attribution(event: Event, note: Note) -> str:
    who = event.contributor(note.contributor) if note.contributor else None
    return f" — {who.name}" if who else ""


def to_markdown(event: Event) -> str:
    """The event's details, agenda and notes as a Markdown document."""
    out: list[str] = [f"# {event.title}", ""]
    facts = [event.theme, event.date, event.venue]
    slots = timetable(event)
    if slots and slots[0].start is not None and slots[-1].end is not None:
        facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
    if any(facts):
        out += [" · ".join(f for f in facts if f), ""]
    if event.summary:
        out += [event.summary.strip(), ""]
    if event.questions:
        out += ["## Questions offered for consideration", ""]
        out += [_item(q) for q in event.questions] + [""]
    if event.resources:
        out += ["## Resources offered for consideration", ""]
        for resource in event.resources:
            link = f" <{resource.link}>" if resource.link else ""
            out.append(f"- {resource_label(resource)} – {resource.title}{link}")
        out.append("")
    if event.contributors:
        out += ["## Our contributors", ""]
        for c in event.contributors:
            out.append(_item(", ".join(x for x in (f"**{c.name}**", c.role, c.organisation) if x)))
        out.append("")
    if event.participants:
        sectors = Counter(p.sector or "not given" for p in event.participants)
        mix = ", ".join(f"{name} {count}" for name, count in sectors.most_common())
        out += ["## Our community", "", f"{len(event.participants)} people came: {mix}.", ""]
    if event.agenda:
        out += [f"## Agenda ({format_duration(event.planned_minutes)})", ""]
        out += ["| Time | Segment | Kind | Minutes | Speaker |", "|---|---|---|---|---|"]
        for slot in slots:
            seg = slot.segment
            when = format_clock(slot.start) if slot.start is not None else ""
            who = event.contributor(seg.contributor) if seg.contributor else None
            out.append(
                f"| {when} | {_cell(seg.title)} | {seg.kind.value.replace('_', ' ')} | "
                f"{seg.minutes} | {_cell(who.name) if who else ''} |"
            )
        out.append("")
    for kind, section in NOTE_SECTIONS.items():
        notes = event.notes_of(kind)
        if not notes:
            continue
        out += [f"## {section}", ""]
        if kind is NoteKind.SHARE_BACK:
            notes = tuple(grouped(notes))
            for theme in dict.fromkeys(n.theme for n in notes):
                out += [f"### {theme or 'Other themes'}", ""]
                for note in (n for n in notes if n.theme == theme):
                    table = f" ({note.group})" if note.group else ""
                    out.append(_item(note.text + table))
                out.append("")
            continue
        out += [_item(n.text + _attribution(event, n)) for n in notes] + [""]
    return "\n".join(out).rstrip() + "\n"


def notes_to_csv(event: Event) -> str:
    """One row per note with a header row: by section in the pack's order, then by theme,
    then by table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    segments = {s.id: s.title for s in event.agenda}
    for kind, section in NOTE_SECTIONS.items():
        for note in grouped(event.notes_of(kind)):
            who = event.contributor(note.contributor) if note.contributor else None
            writer.writerow(
                (
                    note.id,
                    note.kind.value,
                    section,
                    note.text,
                    note.group,
                    note.theme,
                    who.name if who else "",
                    segments.get(note.segment, ""),
                    note.time,
                )
            )
    return buffer.getvalue()
