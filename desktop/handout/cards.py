"""Place cards: one folded tent card per person, with their name, organisation and tables.

A card is half a sheet (two to a page) or a quarter (four to a page), folded across its middle
into a tent. The lower half reads the right way up; the upper half is drawn turned round
(180°), so once folded it reads the right way up from the other side of the table too. Dashed
lines are for cutting, dotted ones for folding. Cards come in the order of the first round's
tables, so each table's pile is together. The e-mail on the roster is never printed.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop import __version__
from desktop.core.model import Event
from desktop.core.names import binds, split_name, surname_key
from desktop.core.seating import placements, rounds
from desktop.handout.pack import Options
from desktop.handout.pdf import Progress
from desktop.handout.styles import FONT, PAPER, CardStyle, card_style, glyphs

BOLD = f"{FONT}-Bold"


class NoRoster(ValueError):
    """There is no one to make a card for."""


@dataclass(frozen=True)
class Card:
    """What one card says: a name, an organisation, and a table per round ("" if none)."""

    name: str
    organisation: str
    tables: tuple[str, ...]


def _one_line(value: str) -> str:
    return " ".join(glyphs(value).split())


def cards_of(event: Event) -> list[Card]:
    """A card for everyone on the roster: by their first-round table, then by surname; people
    not seated (or every one, with no plan) follow A–Z by surname."""
    seated = {placed.person.id: placed.tables for placed in placements(event)}

    def table_number(tables: tuple[str, ...]) -> int:
        first = tables[0] if tables else ""
        return int(first.removeprefix("Table ")) if first else 1_000_000

    keyed = []
    for person in event.participants:
        tables = seated.get(person.id, ("",) * rounds(event))
        card = Card(_one_line(person.name), _one_line(person.organisation), tables)
        keyed.append(((table_number(tables), surname_key(person.name), person.id), card))
    keyed.sort(key=lambda pair: pair[0])
    return [card for _, card in keyed]


def _width(value: str, font: str, size: float) -> float:
    return float(stringWidth(value, font, size))


def _join(parts: list[str]) -> str:
    """Name parts back together: a space after each, unless it ends in a hyphen."""
    return "".join(p if p.endswith("-") else p + " " for p in parts).strip()


def _split(words: list[str], count: int) -> tuple[list[str], float]:
    """`words` in `count` lines, cut where the widest line is narrowest (never just after a
    surname particle), and that width."""
    best: tuple[list[str], float] = ([_join(words)], math.inf)
    allowed = [i for i in range(1, len(words)) if not binds(words[i - 1])]
    for cuts in itertools.combinations(allowed, count - 1):
        edges = (0, *cuts, len(words))
        lines = [_join(words[i:j]) for i, j in itertools.pairwise(edges)]
        widest = max(_width(line, BOLD, 10) for line in lines)
        if widest < best[1]:
            best = (lines, widest)
    return best


def fit_name(name: str, width: float, largest: float) -> tuple[list[str], float]:
    """The name's lines (up to three) and size: more lines only when that makes the name
    clearly bigger; it shrinks as far as it must, and is never cut short."""
    words = re.findall(r"[^\s-]+-+|\S+", name)  # a double-barrelled name may break after "-"
    lines, size = [name], min(largest, largest * width / max(_width(name, BOLD, largest), 1))
    given, surname = split_name(name)
    for count in (2, 3):
        if size >= largest * 0.8 or len(words) < count:
            break
        split, widest = _split(words, count)
        if count == 2 and given and " " in surname:  # "Róisín" over "Mac Giolla Phádraig"
            split = [given, surname]
            widest = max(_width(line, BOLD, 10) for line in split)
        bigger = min(largest, 10 * width / widest)
        if bigger > size * 1.2:
            lines, size = split, bigger
    return lines, size


def _wrap(words: list[str], font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and _width(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit_line(
    value: str, font: str, width: float, size: float, smallest: float, most: int = 2
) -> tuple[list[str], float]:
    """`value` in at most `most` lines, and its size: one line a little smaller if that
    does it, else wrapped from `size` down to `smallest`; what still won't fit ends in "…"."""
    wide = _width(value, font, size)
    shrunk = min(size, size * width / max(wide, 1))
    if shrunk >= max(smallest, size * 0.8) or (most == 1 and shrunk >= smallest):
        return [value], shrunk
    words = value.split()
    step = size
    while most > 1 and step >= smallest:
        lines = _wrap(words, font, step, width)
        if len(lines) <= most and all(_width(line, font, step) <= width for line in lines):
            return lines, step
        step -= 0.5
    lines = _wrap(words, font, smallest, width)[:most]
    last = lines[-1] if lines else ""
    if lines != _wrap(words, font, smallest, width) or _width(last, font, smallest) > width:
        while last and _width(last + "…", font, smallest) > width:
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines, smallest


class CardSheet:
    """The geometry of a page of cards, and how one card is drawn on it."""

    def __init__(self, paper: str, per_page: int, title: str) -> None:
        self.page_width, self.page_height = PAPER[paper]
        self.per_page = per_page
        self.columns = 1 if per_page == 2 else 2
        self.card_width = self.page_width / self.columns
        self.card_height = self.page_height / 2
        self.face_height = self.card_height / 2
        self.style: CardStyle = card_style(per_page)
        self.title = _one_line(title)

    def origins(self) -> list[tuple[float, float]]:
        """Each card's lower-left corner, reading order (top row first)."""
        return [
            (c * self.card_width, r * self.card_height) for r in (1, 0) for c in range(self.columns)
        ]

    def guides(self, canvas: Canvas, used: int) -> None:
        """Dashed cut lines between the cards and dotted fold lines across the `used` ones."""
        st = self.style
        canvas.saveState()
        canvas.setStrokeColor(st.guide_colour)
        canvas.setFillColor(st.guide_colour)
        canvas.setLineWidth(0.5)
        canvas.setDash(4, 3)
        canvas.line(0, self.card_height, self.page_width, self.card_height)
        if self.columns == 2:
            canvas.line(self.card_width, 0, self.card_width, self.page_height)
        canvas.setFont(FONT, 7)
        canvas.drawString(4 * mm, self.card_height + 1.2 * mm, "✂ cut")
        canvas.setDash(1, 2)
        for x, y in self.origins()[:used]:
            fold = y + self.face_height
            canvas.line(x, fold, x + self.card_width, fold)
            canvas.drawRightString(x + self.card_width - 4 * mm, fold + 1.2 * mm, "fold")
        canvas.restoreState()

    def card(self, canvas: Canvas, x: float, y: float, card: Card) -> None:
        """Both faces of one card: the lower upright, the upper turned round."""
        self.face(canvas, x, y, card)
        canvas.saveState()
        canvas.translate(x + self.card_width, y + self.card_height)
        canvas.rotate(180)
        self.face(canvas, 0, 0, card)
        canvas.restoreState()

    def face(self, canvas: Canvas, x: float, y: float, card: Card) -> None:
        """One face, the right way up: its top edge is the fold, its bottom the table."""
        st = self.style
        width = self.card_width - 2 * st.padding
        middle = x + self.card_width / 2
        top = y + self.face_height - 7 * mm  # clear of the fold, which is the tent's ridge
        bottom = y + 7 * mm
        # From the bottom: the later rounds, then the first round's table.
        tables = list(card.tables)
        if any(tables[1:]):
            later = " · ".join(f"Round {r + 2}: {t or '–'}" for r, t in enumerate(tables[1:]))
            canvas.setFillColor(st.table_colour)
            size = min(st.rounds, st.rounds * width / max(_width(later, FONT, st.rounds), 1))
            canvas.setFont(FONT, size)
            canvas.drawCentredString(middle, bottom, later)
            bottom += st.rounds * 1.35
        if tables and tables[0]:
            first = f"Round 1: {tables[0]}" if len(tables) > 1 else tables[0]
            size = min(st.table, st.table * width / max(_width(first, BOLD, st.table), 1))
            canvas.setFillColor(st.table_colour)
            canvas.setFont(BOLD, size)
            canvas.drawCentredString(middle, bottom, first)
            bottom += st.table * 1.3
        # The event's title, small, under the fold.
        canvas.setFillColor(st.organisation_colour)
        if self.title:
            title, size = fit_line(self.title, FONT, width, st.title, st.title, most=1)
            canvas.setFont(FONT, size)
            canvas.drawCentredString(middle, top - st.title, title[0])
            top -= st.title * 1.8
        # The name and the organisation, centred in what is left.
        lines, size = fit_name(card.name, width, st.name)
        org = card.organisation
        org_lines, org_size = (
            fit_line(org, FONT, width, st.organisation, st.organisation_min) if org else ([], 0)
        )
        gap = org_size * 0.6
        block = len(lines) * size * 1.12 + (gap + len(org_lines) * org_size * 1.2)
        if block > top - bottom and len(org_lines) > 1:  # a long organisation gives way
            org_lines, org_size = fit_line(
                org, FONT, width, st.organisation, st.organisation_min, most=1
            )
            block = len(lines) * size * 1.12 + gap + org_size * 1.2
        if block > top - bottom:  # still too tall: the name gives way too
            rest = block - len(lines) * size * 1.12
            size = max(1.0, (top - bottom - rest) / (len(lines) * 1.12))
            block = top - bottom
        baseline = bottom + (top - bottom + block) / 2
        canvas.setFillColor(st.name_colour)
        canvas.setFont(BOLD, size)
        for line in lines:
            baseline -= size
            canvas.drawCentredString(middle, baseline, line)
            baseline -= size * 0.12
        if org_lines:
            baseline -= gap
            canvas.setFillColor(st.organisation_colour)
            canvas.setFont(FONT, org_size)
            for line in org_lines:
                baseline -= org_size
                canvas.drawCentredString(middle, baseline, line)
                baseline -= org_size * 0.2


def build_cards(
    event: Event,
    options: Options | None = None,
    progress: Progress | None = None,
    *,
    per_page: int | None = None,
) -> bytes:
    """Place cards as PDF bytes: four to a page, or two bigger ones in large print (or as
    `per_page` says). NoRoster when there is no one on the roster."""
    options = options or Options()
    cards = cards_of(event)
    if not cards:
        raise NoRoster(
            "There is no one on the roster yet, so there are no place cards to print: "
            "import a roster first (File → Import roster), or add people on the editor's "
            "Roster tab."
        )
    per_page = per_page or (2 if options.large_print else 4)
    if per_page not in (2, 4):
        raise ValueError(f"place cards come two or four to a page, not {per_page}")
    sheet = CardSheet(options.paper, per_page, event.title)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAPER[options.paper], pageCompression=1)
    canvas.setTitle(f"Place cards – {event.title}")
    canvas.setSubject("Place cards")
    canvas.setAuthor(options.organiser or event.contact.email or "In the Room")
    canvas.setCreator(f"In the Room {__version__}")
    pages = (len(cards) + per_page - 1) // per_page
    for page in range(pages):
        chunk = cards[page * per_page : (page + 1) * per_page]
        sheet.guides(canvas, len(chunk))
        for (x, y), card in zip(sheet.origins(), chunk, strict=False):
            sheet.card(canvas, x, y, card)
        canvas.showPage()
        if progress is not None:
            progress(min(99, (page + 1) * 100 // pages))
    canvas.save()
    if progress is not None:
        progress(100)
    return buffer.getvalue()
