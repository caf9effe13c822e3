"""Where a round's tables go on the room display, worked out without Qt.

The display measures the names once (`TextWidths`, at REFERENCE_PX) and asks `lay_out_tables`
for the fewest pages at a readable size, then the biggest names those pages allow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

# The names' size, in hundredths of the height: the floor is the smallest we think the back of
# a room still reads (below it we page instead); the ceiling is a segment title's size.
NAME_FLOOR, NAME_CEILING = 2.8, 6.0
HEADER_SCALE = 1.2  # a table's name against its people's
# One list of names a table scans best: side-by-side lists must make the names this much bigger.
SIDE_BY_SIDE = 0.85
# A long name may go on over a second line (never a third), indented, so that one "Małgorzata
# MacDhòmhnaill" does not shrink every name on the screen; a layout that breaks names must make
# them this much bigger, and breaks no more than this share of them (broken names scan badly).
WRAPPED, MOST_WRAPPED = 0.9, 0.25
CONTINUED = "\u2003"  # an em space before the rest of a broken name
REFERENCE_PX = 100  # text is measured once at this size and scaled
HINTING = 1.02  # at a real size text may come out this much wider than scaled from the reference


@dataclass(frozen=True)
class TextWidths:
    """One round's people and table names measured at REFERENCE_PX (widths in pixels)."""

    names: tuple[tuple[tuple[float, ...], ...], ...]  # per table, per person: each word's width
    header: float  # the widest table name, bold, at the header's scale
    line: float  # line spacing as a share of the pixel size
    space: float = 0.0  # between two words
    indent: float = 0.0  # before the rest of a broken name (CONTINUED)

    @property
    def people(self) -> tuple[int, ...]:  # how many sit at each table
        return tuple(len(table) for table in self.names)

    @property
    def longest(self) -> float:  # the widest name, on one line
        return max(
            (sum(words) + self.space * (len(words) - 1) for t in self.names for words in t),
            default=0.0,
        )

    @property
    def longest_word(self) -> float:  # no line can be narrower than this
        return max((max(words, default=0.0) for t in self.names for words in t), default=0.0)


def name_lines(words: Sequence[float], space: float, room: float, indent: float) -> list[int]:
    """How many words of a name go on each line `room` wide, the lines after the first
    indented by `indent`: as many as fit on each line in turn. [] when a word fits no line."""
    counts: list[int] = []
    used = math.inf
    for word in words:
        if counts and used + space + word <= room - (indent if len(counts) > 1 else 0):
            used += space + word
            counts[-1] += 1
            continue
        if word > room - (indent if counts else 0):
            return []
        counts.append(1)
        used = word
    return counts or [0]


@dataclass(frozen=True)
class CardGeometry:
    """The sizes of a table's card for names `size` pixels high."""

    size: int
    line: float  # line spacing as a share of the size

    @property
    def pad(self) -> int:
        return max(4, round(self.size * 0.4))

    @property
    def gap(self) -> int:  # between cards
        return max(4, round(self.size * 0.5))

    @property
    def accent(self) -> int:  # the stripe down a card's left edge
        return max(3, round(self.size * 0.2))

    @property
    def between(self) -> int:  # between lists of names side by side in one card
        return round(self.size * 0.9)

    @property
    def spacing(self) -> int:  # under the table's name
        return round(self.size * 0.15)

    def line_height(self, size: float) -> int:
        return math.ceil(self.line * size) + 1  # hinting rounds up at some sizes

    def height(self, lines: int) -> int:
        header = self.line_height(self.size * HEADER_SCALE)
        return 2 * self.pad + header + self.spacing + lines * self.line_height(self.size)

    def inner(self, card_width: float) -> float:
        return card_width - 2 * self.pad - self.accent


@dataclass(frozen=True)
class TableLayout:
    """Where one round's tables go: the name size, the grid, and the tables on each page."""

    size: int  # pixels, for the names
    line: float
    columns: int  # cards across
    rows: int  # cards down
    across: int  # lists of names side by side in a card (1: one name a line)
    lines: int  # lines in each list
    pages: tuple[tuple[int, ...], ...]  # per page: the tables on it (0-based)
    wrapped: int = 0  # names that go on over a second line

    @property
    def geometry(self) -> CardGeometry:
        return CardGeometry(self.size, self.line)


def lay_out_tables(
    text: TextWidths, width: float, height: float, sizes: Sequence[int]
) -> TableLayout:
    """The fewest pages at a readable size, then the biggest names those pages allow.

    `sizes` are the name sizes to try (pixels); the smallest is the floor. Names are one to a
    line, or in lists side by side in a tall table's card, or (a few) broken over two lines
    when that makes them all much bigger. Every page holds about the same number of tables, so
    the last is never one lonely table.
    """
    count = len(text.people)
    most = max(text.people, default=0)
    everyone = max(1, sum(text.people))
    best: tuple[tuple[float, ...], TableLayout] | None = None
    for size in sorted(sizes, reverse=True):
        geometry = CardGeometry(size, text.line)
        scale = size / REFERENCE_PX * HINTING
        name, header = text.longest * scale, text.header * scale
        for columns in range(1, count + 1):
            card = (width - (columns - 1) * geometry.gap) / columns
            room = geometry.inner(card)
            if text.longest_word * scale > room or header > room:
                break  # more columns only make the cards narrower
            options: list[tuple[int, int, int]] = []  # (lists across, lines, names broken)
            if name > room:  # some names go on over a second line
                broken = [
                    [len(name_lines(w, text.space, room / scale, text.indent)) for w in t]
                    for t in text.names
                ]
                wrapped = sum(1 for t in broken for n in t if n > 1)
                fits = all(0 < n <= 2 for t in broken for n in t)  # two lines at most
                if fits and wrapped <= MOST_WRAPPED * everyone:
                    options.append((1, max((sum(t) for t in broken), default=0), wrapped))
            else:
                fit = int((room + geometry.between) // (name + geometry.between))
                for across in range(1, max(1, min(fit, most)) + 1):
                    lines = -(-most // across)
                    if across == 1 or -(-most // (across - 1)) != lines:  # else no line saved
                        options.append((across, lines, 0))
            for across, lines, wrapped in options:
                tall = geometry.height(lines)
                rows = min(
                    int((height + geometry.gap) // (tall + geometry.gap)), -(-count // columns)
                )
                if rows < 1:
                    continue
                pages = -(-count // (columns * rows))
                waste = columns * rows - -(-count // pages)
                bigness = size * (1.0 if across == 1 else SIDE_BY_SIDE)
                bigness *= WRAPPED if wrapped else 1.0
                key = (pages, -bigness, waste, across, -columns)
                if best is None or key < best[0]:
                    layout = TableLayout(size, text.line, columns, rows, across, lines, (), wrapped)
                    best = (key, layout)
    if best is None:  # nothing fits even at the floor: one card a page, long names cut
        size = min(sizes)
        layout = TableLayout(size, text.line, 1, 1, 1, most, ())
    else:
        layout = best[1]
    pages = max(1, -(-count // (layout.columns * layout.rows)))
    split = [count // pages + (1 if p < count % pages else 0) for p in range(pages)]
    starts = [sum(split[:p]) for p in range(pages)]
    return replace(
        layout,
        pages=tuple(tuple(range(start, start + n)) for start, n in zip(starts, split, strict=True)),
    )
