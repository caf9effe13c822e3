"""The agenda handout, printed before the event: the timetable, the questions, the table plan."""

from __future__ import annotations

import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.model import SEGMENT_WORDS, Event
from desktop.core.names import name_key, split_name, surname_key
from desktop.core.seating import placements, round_for_segment, rounds, seating
from desktop.core.timetable import fit, format_clock, format_duration, timetable
from desktop.handout.pack import Options, ordinal_date
from desktop.handout.pdf import Progress, Section, build_handout, footer_room
from desktop.handout.styles import (
    ACCENT,
    BULLET,
    GRID,
    MARGIN,
    PAPER,
    RULE,
    Styles,
    make_styles,
    text,
)

# From this many people on the plan, an A–Z "Find your table" list follows the tables: at the
# door, people look themselves up by name rather than reading every table.
INDEX_FROM = 40
FRAME_PADDING = 6  # reportlab's frame keeps 6 pt inside each side of the margins


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
        # The heading with the table's first rows; the table may then run on to the next page.
        heading = Section("Agenda", ParagraphStyle("agenda", parent=s.h2, keepWithNext=0))
        story += [CondPageBreak(s.h2.leading * 2 + s.base_size * 8), heading]
        # "With" only when someone is named: an empty column takes width from the titles.
        with_whom = any(slot.segment.contributor for slot in slots)
        headings = ("Time", "", "Min", "With") if with_whom else ("Time", "", "Min")
        rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", s.small) for h in headings]]
        for slot in slots:
            seg = slot.segment
            who = event.contributor(seg.contributor) if seg.contributor else None
            kind = SEGMENT_WORDS[seg.kind]
            shown_kind = kind if kind and kind.lower() != seg.title.lower() else ""
            what = f"<b>{text(seg.title)}</b>" + (f" · {text(shown_kind)}" if shown_kind else "")
            if seg.prompt:
                what += f"<br/><i>{text(seg.prompt)}</i>"
            row = [
                Paragraph(format_clock(slot.start) if slot.start is not None else "", cell),
                Paragraph(what, cell),
                Paragraph(str(seg.minutes), cell),
            ]
            if with_whom:
                row.append(Paragraph(text(who.name) if who else "", cell))
            rows.append(row)
        width = PAPER[options.paper][0] - 2 * MARGIN
        widths = _widths(rows, width)
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
    if event.questions:  # the heading and its list on one page, unless the list is too long
        story.append(
            KeepTogether(
                [
                    Section("Questions for our conversations", s.h2),
                    *(Paragraph(BULLET + text(q), s.bullet) for q in event.questions),
                ]
            )
        )
    if rounds(event):
        story.extend(_plan(event, options, s))
    return build_handout(
        story,
        kind="Agenda",
        event_title=event.title,
        author=options.organiser or event.contact.email,
        paper=options.paper,
        progress=progress,
        large_print=options.large_print,
    )


CELL_PADDING = 12  # a table cell's left and right padding together (reportlab's default)


def _widths(rows: list[list[object]], width: float) -> list[float]:
    """The timetable's columns from what is in them: time, minutes and who as wide as their
    longest entry (who at most a quarter of the page, wrapping after), the title the rest."""

    def longest(column: int) -> float:
        most = 0.0
        for row in rows:
            cell = row[column]
            if isinstance(cell, Paragraph):
                style = cell.style
                for word_line in cell.getPlainText().split("\n"):
                    bold = f"{style.fontName}-Bold" if column == 0 or row is rows[0] else None
                    most = max(most, stringWidth(word_line, bold or style.fontName, style.fontSize))
        return most + CELL_PADDING + 1

    widths = [longest(0), 0.0, longest(2)]
    if len(rows[0]) > 3:
        widths.append(min(longest(3), width * 0.25))
    widths[1] = width - sum(widths)
    return widths


def _height(flowable: Flowable, width: float, page: float) -> float:
    """How much of the page a flowable takes, with the space around it."""
    _, used = flowable.wrap(width, page)
    taken: float = used + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return taken


def _round_headings(event: Event) -> list[str]:
    """ "Round 1 · 10:40 Table conversations": each round with the breakout that first uses it;
    a breakout called after its round ("Round 1") adds only its time: "Round 1 · 09:45"."""
    count = rounds(event)
    headings = [f"Round {r + 1}" for r in range(count)]
    named = [False] * count
    for index, slot in enumerate(timetable(event)):
        r = round_for_segment(event, index)
        if r is None or named[r]:
            continue
        named[r] = True
        title = slot.segment.title
        words = [
            format_clock(slot.start) if slot.start is not None else "",
            "" if name_key(title) == name_key(headings[r]) else title,
        ]
        if any(words):
            headings[r] += " · " + " ".join(word for word in words if word)
    return headings


def _columns(tables: int, most: int) -> int:
    """How many tables side by side: as few rows as `most` columns allow, then no gaps."""
    if tables <= 1:
        return 1
    choices = range(2, min(most, tables) + 1)
    return min(choices, key=lambda c: (math.ceil(tables / c), -tables % c, -c))


def _plan(event: Event, options: Options, s: Styles) -> list[Flowable]:
    """ "Your tables": every round's tables with their people, and for a big roster an A–Z
    list of who sits where."""
    width = PAPER[options.paper][0] - 2 * MARGIN - 2 * FRAME_PADDING
    page = (
        PAPER[options.paper][1] - 2 * MARGIN - footer_room(options.large_print) - 2 * FRAME_PADDING
    )
    count = rounds(event)
    seated = placements(event)
    most_tables = max(len(r) for r in event.tables.rounds)
    story: list[Flowable] = []
    people = f"{len(seated)} {'person' if len(seated) == 1 else 'people'}"
    if count == 1:
        intro = f"{people} at {most_tables} tables."
    else:
        intro = f"{people}, {count} rounds: you move to a new table each round."
    if len(seated) >= INDEX_FROM:
        intro += " Look yourself up by surname in “Find your table” after the plan."
    # The section's heading goes with the first round: never alone at the foot of a page.
    lead: list[Flowable] = [Section("Your tables", s.h2), Paragraph(text(intro), s.small)]
    # A big roster's tables show names only, more to a row: its organisations would double the
    # pages, and people find themselves in the A–Z list anyway.
    big = len(seated) >= INDEX_FROM
    most = 2 if options.large_print else 4
    for r, heading in enumerate(_round_headings(event)):
        seats = seating(event, r)
        columns = _columns(len(seats), most)
        cells: list[list[Flowable]] = []
        for seat in seats:
            cell: list[Flowable] = [Paragraph(text(seat.label), s.table_head)]
            for person in seat.people:
                cell.append(Paragraph(text(person.name), s.seat))
                if person.organisation and not big:
                    cell.append(Paragraph(text(person.organisation), s.seat_org))
            cells.append(cell)
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        if rows:
            rows[-1] += [[] for _ in range(columns - len(rows[-1]))]
        grid = Table(rows, colWidths=[width / columns] * columns)
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, -1), 0.5, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        title = Paragraph(text(heading), s.round_head)
        above = sum(_height(f, width, page) for f in (*lead, title))  # the headings over it
        if grid.wrap(width, page)[1] + above < page:
            story.append(KeepTogether([*lead, title, grid]))  # a round that fits stays on a page
        else:  # a long round starts where it is, with at least its first row of tables
            first = Table(rows[:1], colWidths=[width / columns] * columns)
            title.keepWithNext = 0  # the break above keeps it with a row; the rest may run on
            story += [CondPageBreak(first.wrap(width, page)[1] + above), *lead, title, grid]
        lead = []
    if len(seated) >= INDEX_FROM:
        story.extend(_index(event, options, s, width))
    return story


class _Columns(Flowable):
    """Short rows in newspaper columns: down the first column, then the next, page by page,
    the last page's columns balanced; `head` tops every column, and a row marked to keep
    with the next one (a letter's heading) never ends a column."""

    def __init__(
        self,
        rows: list[tuple[Flowable, bool]],
        *,
        columns: int,
        gap: float,
        head: Flowable | None = None,
    ) -> None:
        super().__init__()
        self.rows, self.columns, self.gap, self.head = rows, columns, gap, head
        self._heights: list[float] = []
        self._head_height = 0.0
        self._layout: list[list[int]] = []

    def _measure(self, width: float) -> None:
        column = (width - self.gap * (self.columns - 1)) / self.columns
        self._column = column
        self._heights = [row.wrap(column, 1e6)[1] for row, _ in self.rows]
        self._head_height = self.head.wrap(column, 1e6)[1] if self.head is not None else 0.0

    def _fill(self, height: float) -> list[list[int]]:
        """Rows into columns of `height`, in order; stops at the first row that won't go."""
        layout: list[list[int]] = []
        i = 0
        for _ in range(self.columns):
            used, column = self._head_height, []
            while i < len(self.rows) and used + self._heights[i] <= height:
                column.append(i)
                used += self._heights[i]
                i += 1
            while column and self.rows[column[-1]][1] and i < len(self.rows):
                i = column.pop()  # a heading goes over to the next column with its rows
            layout.append(column)
        return layout

    def _placed(self, layout: list[list[int]]) -> int:
        return sum(len(column) for column in layout)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._measure(availWidth)
        self.width = availWidth
        if self._placed(self._fill(availHeight)) < len(self.rows):
            self.height = self._head_height + sum(self._heights)  # too tall: the frame splits
            return availWidth, self.height
        low, high = max(self._heights, default=0.0) + self._head_height, availHeight
        while high - low > 0.5:  # the shortest height that still takes every row
            middle = (low + high) / 2
            if self._placed(self._fill(middle)) == len(self.rows):
                high = middle
            else:
                low = middle
        self._layout = self._fill(high)
        self.height = max(
            self._head_height + sum(self._heights[i] for i in column) for column in self._layout
        )
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._measure(availWidth)
        placed = self._placed(self._fill(availHeight))
        if placed == 0:
            return []
        first = _Columns(self.rows[:placed], columns=self.columns, gap=self.gap, head=self.head)
        rest = _Columns(self.rows[placed:], columns=self.columns, gap=self.gap, head=self.head)
        return [first, rest]

    def draw(self) -> None:
        for c, column in enumerate(self._layout):
            x = c * (self._column + self.gap)
            y = self.height
            if self.head is not None and column:
                y -= self._head_height
                self.head.drawOn(self.canv, x, y)
            for i in column:
                y -= self._heights[i]
                self.rows[i][0].drawOn(self.canv, x, y)


def _index(event: Event, options: Options, s: Styles, width: float) -> list[Flowable]:
    """ "Find your table": everyone A–Z, a block per initial, with their table in each round."""
    count = rounds(event)
    columns = 1 if options.large_print else 2
    gap = 8 * mm
    inner = (width - gap * (columns - 1)) / columns
    number = (9 if count > 1 else 16) * mm * (s.base_size / 10.5)
    widths = [inner - number * count, *[number] * count]

    def line(cells: list[list[Flowable]], style: list[tuple[object, ...]]) -> Table:
        table = Table(cells, colWidths=widths)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                    *style,
                ]
            )
        )
        return table

    def bold(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(f"<b>{value}</b>", style)

    if count > 1:  # "Name" beside "Round" over the rounds' numbers
        head = line(
            [
                [bold("Name", s.index_name), bold("Table in round", s.index_table)]
                + [Spacer(0, 0)] * (count - 1),
                [Spacer(0, 0), *(bold(str(r + 1), s.index_table) for r in range(count))],
            ],
            [
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (-1, 0)),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
            ],
        )
    else:
        head = line(
            [[bold("Name", s.index_name), bold("Table", s.index_table)]],
            [("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT)],
        )
    rows: list[tuple[Flowable, bool]] = []
    initial = ""
    for placed in placements(event, key=surname_key):  # by surname, as delegate lists go
        first = surname_key(placed.person.name)[:1].upper()
        if first != initial:
            initial = first
            rows.append((Paragraph(text(first), s.index_letter), True))
        # The name as its owner writes it ("Surname, First" misleads whenever the surname is
        # guessed wrong), with the surname it is filed under in bold for the eye to run down.
        given, surname = split_name(placed.person.name)
        name = f"{text(given)} <b>{text(surname)}</b>" if given else f"<b>{text(surname)}</b>"
        cells = [
            Paragraph(name, s.index_name),
            *(
                Paragraph(label.removeprefix("Table ") or "–", s.index_table)
                for label in placed.tables
            ),
        ]
        rows.append((line([cells], [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]), False))
    intro = "Everyone A–Z by surname with the number of their table" + (
        " in each round." if count > 1 else "."
    )
    return [
        PageBreak(),  # its own pages, to print for the door
        Section("Find your table", s.h2),
        Paragraph(text(intro), s.small),
        _Columns(rows, columns=columns, gap=gap, head=head),
    ]
