"""An event as Markdown (to read or paste into an e-mail) and its notes as CSV (for a spreadsheet).

Pure text out; the CLI and the store decide where it goes. What people typed (notes, themes,
names, titles; notes from phones too) leaves as text, never as code: in Markdown, HTML and link,
image and emphasis syntax are escaped so the text renders as typed; in CSV, a cell a spreadsheet
would run as a formula is kept as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from desktop.core.export_votes import feedback_markdown, votes_markdown
from desktop.core.model import NOTE_SECTIONS, Event, Note, NoteKind, resource_label
from desktop.core.notes import grouped
from desktop.core.timetable import format_clock, format_duration, timetable

CSV_COLUMNS = ("id", "kind", "section", "text", "table", "theme", "contributor", "segment", "time")


# Markdown: characters that start emphasis, code, links, images, strikethrough or table cells
# anywhere in a line; at a line's start, those that make a heading, a list or a setext underline.
_MD_INLINE = re.compile(r"([\\`*_\[\]~|])")
_MD_LINE_START = re.compile(r"(?m)^([ ]*)([#+=-])")
_MD_NUMBERED = re.compile(r"(?m)^([ ]*\d+)([.)])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_WEB_LINK = re.compile(r"(?:https?://|mailto:)[^\s<>\\]+", re.IGNORECASE)


def md_text(text: str) -> str:
    """`text` as Markdown that shows it as typed: `<script>` stays words, `[x](javascript:…)`
    is no link, `*` no emphasis. < and > become entities, which every Markdown renders as the
    character (not all take a backslash before <), and so does an & that would start an entity
    (`&lt;` typed stays `&lt;`; "Health & Care" stays readable); the rest get a backslash
    (CommonMark: any ASCII punctuation may be escaped so)."""
    text = _MD_ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text).replace("\\](", "\\]\\(")
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_NUMBERED.sub(r"\1\\\2", text)


def _md_link(link: str) -> str:
    """A resource's link: a web or mail address as a link; anything else (`javascript:…`,
    a path) as text only."""
    if _WEB_LINK.fullmatch(link.strip()):
        return f"<{link.strip()}>"
    return md_text(link)


def _item(text: str) -> str:
    """A Markdown list item that keeps the note's own line breaks (`text` already escaped)."""
    lines = text.strip().splitlines() or [""]
    return "\n".join([f"- {lines[0]}", *(f"  {line}" if line else "" for line in lines[1:])])


def _cell(text: str) -> str:
    """A Markdown table cell: escaped (| too), on one line."""
    return md_text(" ".join(text.split()))


def _attribution(event: Event, note: Note) -> str:
    who = event.contributor(note.contributor) if note.contributor else None
    return f" — {md_text(who.name)}" if who else ""


def to_markdown(event: Event) -> str:
    """The event's details, agenda and notes as a Markdown document."""
    out: list[str] = [f"# {_cell(event.title)}", ""]
    facts = [_cell(fact) for fact in (event.theme, event.date, event.venue)]
    slots = timetable(event)
    if slots and slots[0].start is not None and slots[-1].end is not None:
        facts.append(f"{format_clock(slots[0].start)}–{format_clock(slots[-1].end)}")
    if any(facts):
        out += [" · ".join(f for f in facts if f), ""]
    if event.summary:
        out += [md_text(event.summary.strip()), ""]
    if event.questions:
        out += ["## Questions offered for consideration", ""]
        out += [_item(md_text(q)) for q in event.questions] + [""]
    if event.resources:
        out += ["## Resources offered for consideration", ""]
        for resource in event.resources:
            link = f" {_md_link(resource.link)}" if resource.link else ""
            out.append(f"- {resource_label(resource)} – {_cell(resource.title)}{link}")
        out.append("")
    if event.contributors:
        out += ["## Our contributors", ""]
        for c in event.contributors:
            parts = (f"**{_cell(c.name)}**" if c.name else "", _cell(c.role), _cell(c.organisation))
            out.append(_item(", ".join(x for x in parts if x)))
        out.append("")
    if event.participants:
        sectors = Counter(p.sector or "not given" for p in event.participants)
        mix = ", ".join(f"{_cell(name)} {count}" for name, count in sectors.most_common())
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
                out += [f"### {_cell(theme) if theme else 'Other themes'}", ""]
                for note in (n for n in notes if n.theme == theme):
                    table = f" ({_cell(note.group)})" if note.group else ""
                    out.append(_item(md_text(note.text) + table))
                out.append("")
            continue
        out += [_item(md_text(n.text) + _attribution(event, n)) for n in notes] + [""]
    out += votes_markdown(event) + feedback_markdown(event)  # export_votes.py (issue 21)
    return "\n".join(out).rstrip() + "\n"


# CSV: a spreadsheet runs a cell that starts with one of these as a formula (OWASP's "CSV
# injection": `=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`); LibreOffice takes the full-width forms
# too. Leading spaces and line breaks are looked past, as some spreadsheets trim them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# A plain negative number ("-5", "-2.5", "-1,000") computes nothing: it stays a number.
_PLAIN_NUMBER = re.compile(r"-\d+(?:[.,]\d+)*")


def csv_cell(value: str) -> str:
    """`value` as a spreadsheet will show it, never run it: a cell that would start a formula
    gets a leading apostrophe (which Excel and LibreOffice hide and read as "this is text");
    a plain negative number is left alone."""
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    starts = value.startswith(FORMULA_STARTS) or value.lstrip(" ").startswith(FORMULA_STARTS)
    return "'" + value if starts else value


def notes_to_csv(event: Event) -> str:
    """One row per note with a header row: by section in the pack's order, then by theme,
    then by table. Every cell goes through `csv_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    segments = {s.id: s.title for s in event.agenda}
    for kind, section in NOTE_SECTIONS.items():
        for note in grouped(event.notes_of(kind)):
            who = event.contributor(note.contributor) if note.contributor else None
            writer.writerow(
                csv_cell(cell)
                for cell in (
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
