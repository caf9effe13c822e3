"""The Reflect & Connect pack: what the room said, printed after the event (seeds/003's model).

Sections in DESIGN.md's order, each optional and left out when it has nothing in it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
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

from desktop.core.model import Event, Note, NoteKind, resource_label
from desktop.core.notes import grouped
from desktop.core.roster import SECTORS
from desktop.handout import pack_votes
from desktop.handout.figures import QrCode, SectorChart
from desktop.handout.pdf import Bookmark, Entry, Progress, Section, build_pdf, fit_footer
from desktop.handout.styles import (
    ACCENT,
    BULLET,
    FONT,
    INK,
    MARGIN,
    PANEL,
    PAPER,
    Styles,
    glyphs,
    make_styles,
    text,
)

SECTIONS = (
    "cover",
    "how-to-use",
    "focus",
    "community",
    "contributors",
    "contributors-learning",
    "collective-learning",
    "reflections",
    "feedback",
    "final",
    "moving-forward",
)
# Each section's heading, as the pack, the HTML pack and the handout dialog name it.
SECTION_TITLES = {
    "how-to-use": "How to use this pack",
    "focus": "Our focus",
    "community": "Our community",
    "contributors": "Our contributors",
    "contributors-learning": "Our contributors' learning",
    "collective-learning": "Our collective learning",
    "reflections": "Personal reflections",
    "feedback": "Your feedback",
    "final": "Final reflections",
    "moving-forward": "Moving forward",
}

# How the roster's sector vocabulary reads in the community chart ("police & justice" →
# "Police & justice"); a sector outside it is printed as written.
SECTOR_NAMES = {sector: sector.capitalize() for sector in SECTORS}


@dataclass(frozen=True)
class Options:
    paper: str = "a4"
    large_print: bool = False
    sections: tuple[str, ...] = SECTIONS
    logo: Path | None = None
    cover: Path | None = None  # a picture for the pack's cover
    booklet: bool = False  # half-size pages imposed two to a sheet of `paper`, to fold
    organiser: str = ""  # the PDF's author; the event's contact if empty


# Where a part of the pack starts a new page; every other section runs on after the last.
PARTS = frozenset({"how-to-use", "contributors-learning"})


@dataclass
class _Pack:
    event: Event
    options: Options
    s: Styles
    story: list[Flowable] = field(default_factory=list)
    new_page: bool = False  # the next section starts a page (a part starts, or the cover ended)

    def add(self, *flowables: Flowable) -> None:
        for flowable in flowables:
            if isinstance(flowable, KeepTogether):
                # reportlab keeps a heading with the next flowable, but not with a block kept
                # together: the headings go into the block.
                headings: list[Flowable] = []
                while self.story and _keeps_with_next(self.story[-1]):
                    headings.insert(0, self.story.pop())
                if headings:
                    flowable = KeepTogether([*headings, *flowable._content])
            self.story.append(flowable)

    def para(self, value: str, style: str = "body") -> Paragraph:
        return Paragraph(text(value), getattr(self.s, style))

    def bullet(self, value: str) -> Paragraph:
        return Paragraph(BULLET + text(value), self.s.bullet)

    def section(self, title: str) -> None:
        if self.story and self.new_page:
            self.add(PageBreak())
        self.new_page = False
        self.add(Section(text(title), self.s.h1))


def _keeps_with_next(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and bool(flowable.getKeepWithNext())


def ordinal_date(value: str) -> str:
    """ "2023-07-06" → "6th July 2023"; anything else as it is."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    suffix = (
        "th" if 11 <= day.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    return f"{day.day}{suffix} {day:%B %Y}"


# ----------------------------------------------------------------------------- the sections


CONTENTS_FROM = 9  # a pack of more pages than 8 lists its sections on the cover


@dataclass(frozen=True)
class PackCover:
    """The cover: a band in the accent colour with the kind of pack, the title and the theme
    in white; under it the date and venue, the organiser's picture if given, the contents
    for a long pack, and the logo at the foot."""

    event: Event
    options: Options
    s: Styles

    def draw(
        self, canvas: Canvas, width: float, height: float, entries: list[Entry], pages: int
    ) -> None:
        shown = entries[1:] if pages >= CONTENTS_FROM else []
        band = height * (0.32 if shown else 0.42)
        below = self._front(canvas, width, height, band)
        self._below(canvas, width, below, shown)

    def _front(self, canvas: Canvas, width: float, height: float, band: float) -> float:
        """The band and the lines under it; where the space under them starts."""
        e, s = self.event, self.s
        inner = width - 2 * MARGIN
        white = {"textColor": colors.white}
        blocks = [
            Paragraph("Reflect &amp; Connect Pack", ParagraphStyle("k", s.cover_kicker, **white)),
            Paragraph(text(e.title), ParagraphStyle("t", s.cover_title, **white)),
        ]
        if e.theme:
            theme = ParagraphStyle("m", s.cover_line, textColor=PANEL)
            blocks.append(Paragraph(text(f"Leadership Theme – {e.theme}"), theme))
        heights = [block.wrapOn(canvas, inner, height)[1] for block in blocks]
        needed = sum(heights) + sum(block.style.spaceAfter for block in blocks)
        band = max(band, MARGIN + 6 * mm + needed + 8 * mm)  # a long title makes it deeper
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - band, width, band, stroke=0, fill=1)
        canvas.setFillColor(PANEL)
        canvas.rect(0, height - band - 2.5 * mm, width, 2.5 * mm, stroke=0, fill=1)
        y: float = height - MARGIN - 6 * mm
        for block, used in zip(blocks, heights, strict=True):
            y -= used
            block.drawOn(canvas, MARGIN, y)
            y -= block.style.spaceAfter
        y = height - band - 2.5 * mm - 10 * mm
        for line in (ordinal_date(e.date), e.venue):
            if line:
                para = Paragraph(text(line), s.cover_line)
                _, used = para.wrapOn(canvas, inner, height)
                y -= used
                para.drawOn(canvas, MARGIN, y)
                y -= para.style.spaceAfter
        if self.options.logo is not None:
            logo = ImageReader(str(self.options.logo))
            w, h = logo.getSize()
            scale = min(50 * mm / max(w, 1), 22 * mm / max(h, 1))
            x = width - MARGIN - w * scale  # bottom right, clear of the contents
            canvas.drawImage(logo, x, MARGIN, w * scale, h * scale, mask="auto")
        canvas.restoreState()
        return y

    def _below(self, canvas: Canvas, width: float, top: float, shown: list[Entry]) -> None:
        """Under the date and venue: the contents, the picture."""
        top -= 6 * mm
        bottom = MARGIN + (28 * mm if self.options.logo is not None else 0)
        left, right = MARGIN, width - MARGIN
        if shown:
            column = (right - left) * 0.6
            self._contents(canvas, left, top, MARGIN, column, shown)
            left += column + 8 * mm
        if self.options.cover is not None and top - bottom > 20 * mm:
            picture = ImageReader(str(self.options.cover))
            w, h = picture.getSize()
            box_w, box_h = right - left, top - bottom
            scale = min(box_w / max(w, 1), box_h / max(h, 1))
            canvas.drawImage(
                picture,
                left + (box_w - w * scale) / 2 if not shown else left,
                top - h * scale,
                w * scale,
                h * scale,
                mask="auto",
            )

    def _contents(
        self,
        canvas: Canvas,
        x: float,
        top: float,
        bottom: float,
        width: float,
        entries: list[Entry],
    ) -> None:
        s = self.s
        head = Paragraph("Contents", ParagraphStyle("c", s.h2, spaceBefore=0))
        _, used = head.wrapOn(canvas, width, top)
        y = top - used
        head.drawOn(canvas, x, y)
        y -= s.h2.spaceAfter + 2 * mm
        size = s.body.fontSize
        step = max(size * 1.15, min(size * 1.6, (y - bottom) / max(len(entries), 1)))
        canvas.setFont(FONT, size)
        canvas.setFillColor(INK)
        for title, page, _ in entries:
            y -= step
            number = str(page)
            room = width - stringWidth(number, FONT, size) - size
            canvas.drawString(x, y, fit_footer(glyphs(title), room, size))
            canvas.drawRightString(x + width, y, number)


def _cover(p: _Pack) -> None:
    p.add(Bookmark("Reflect & Connect Pack"))  # the page itself is drawn by PackCover


def _present(event: Event, sections: Iterable[str]) -> set[str]:
    """The chosen sections that will print: each is left out when it has nothing in it."""
    notes = {note.kind for note in event.notes}
    has = {
        "cover": True,
        "how-to-use": True,
        "focus": bool(event.summary or event.questions or event.resources),
        "community": bool(event.participants),
        "contributors": bool(event.contributors),
        "contributors-learning": NoteKind.QUOTE in notes,
        "collective-learning": NoteKind.SHARE_BACK in notes or pack_votes.has_votes(event),
        "reflections": bool(notes & {NoteKind.REFLECTION, NoteKind.ACTION}),
        "feedback": pack_votes.has_feedback(event),
        "final": NoteKind.FINAL in notes,
        "moving-forward": bool(event.contact.email or event.contact.url),
    }
    return {name for name in sections if has.get(name, False)}


def _and(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def how_to_use(event: Event, present: set[str]) -> dict[str, list[str]]:
    """ "How to use this pack", pointing only at the sections this pack has."""
    attended: list[str] = []
    if "focus" in present:
        point = "Use this pack as reflective practice: revisit Our focus"
        if event.questions:
            point += " and ask yourself the questions offered for consideration"
        if event.resources:
            point += "; choose a resource to help you reflect on them"
        attended.append(point + ".")
    learning = [
        title
        for name, title in (
            ("contributors-learning", "Our contributors' learning"),
            ("collective-learning", "Our collective learning"),
            ("reflections", "Personal reflections"),
            ("final", "Final reflections"),
        )
        if name in present
    ]
    if learning:
        attended.append(
            f"Read {_and(learning)} to explore the themes, ideas and take-away points from "
            "everyone who took part."
        )
    attended.append(
        ("Finally ask yourself" if attended else "Ask yourself")
        + ": what have I learned from this event, in the moment and now? What one thing will I "
        "do differently going forward?"
    )
    review = [
        words
        for name, words in (
            ("focus", "Our focus for the why and how"),
            ("community", "Our community for who took part"),
            ("contributors", "Our contributors for who spoke"),
        )
        if name in present
    ]
    if learning:
        review.append("the learning pages for what they said")
    connect = ["Use it as a resource pack for a team meeting, or an in-person or online session."]
    if review:
        connect.append(f"Review {_and(review)}.")
    connect.append("Decide what kind of session you want to run, and with whom.")
    if "moving-forward" in present:
        connect.append(
            "Contact us (see Moving forward) if you would like support to set up or run a "
            "session using this pack."
        )
    return {
        "If you attended this event…": attended,
        "If you are using this for connection…": connect,
    }


def _how_to_use(p: _Pack) -> None:
    p.section("How to use this pack")
    for heading, points in how_to_use(p.event, _present(p.event, p.options.sections)).items():
        p.add(Paragraph(text(heading), p.s.h2))
        p.add(*(p.bullet(point) for point in points))


def _focus(p: _Pack) -> None:
    e = p.event
    if not (e.summary or e.questions or e.resources):
        return
    p.section("Our focus")
    if e.summary:
        p.add(*(p.para(part) for part in e.summary.split("\n\n") if part.strip()))
    if e.questions:
        p.add(Paragraph("Questions offered for consideration", p.s.h2))
        p.add(*(p.bullet(q) for q in e.questions))
    if e.resources:
        p.add(Paragraph("Resources offered for consideration", p.s.h2))
        for resource in e.resources:
            title = text(resource.title)
            if resource.link:
                title = f'<link href="{text(resource.link)}" color="#1f4e79">{title}</link>'
            p.add(
                Paragraph(f"{BULLET}<b>{text(resource_label(resource))}</b> – {title}", p.s.bullet)
            )


def sector_counts(event: Event) -> list[tuple[str, int]]:
    counted = Counter(
        SECTOR_NAMES.get(p.sector.strip().lower(), p.sector.strip() or "Not given")
        for p in event.participants
    )
    return counted.most_common()


def _community(p: _Pack) -> None:
    counts = sector_counts(p.event)
    if not counts:
        return
    p.section("Our community")
    total = sum(n for _, n in counts)
    intro = p.para(f"{total} people took part, from {len(counts)} sectors:")
    p.add(KeepTogether([intro, sector_chart(counts, p.options, p.s)]))


def sector_chart(counts: list[tuple[str, int]], options: Options, s: Styles) -> Flowable:
    """Who came, by sector (desktop.handout.figures)."""
    return SectorChart(counts, PAPER[options.paper][0] - 2 * MARGIN - 12, s.small.fontSize)


def _contributors(p: _Pack) -> None:
    people = p.event.contributors
    if not people:
        return
    p.section("Our contributors")
    p.add(
        p.para(
            "With a focus on storytelling and reflections, our contributors shared their "
            "experience and insight."
        )
    )
    for person in people:
        lines = [f"<b>{text(person.name)}</b>"]
        lines += [text(x) for x in (person.role, person.organisation) if x]
        block: list[Flowable] = [Paragraph("<br/>".join(lines), p.s.body)]
        if person.bio:
            block.append(p.para(person.bio, "small"))
        p.add(KeepTogether(block), Spacer(1, 3 * mm))


def _contributors_learning(p: _Pack) -> None:
    quotes = p.event.notes_of(NoteKind.QUOTE)
    if not quotes:
        return
    p.section("Our contributors' learning")
    order = {c.id: i for i, c in enumerate(p.event.contributors)}
    by_person: dict[str, list[Note]] = {}
    for note in sorted(quotes, key=lambda n: order.get(n.contributor, len(order))):
        known = note.contributor if p.event.contributor(note.contributor) else ""
        by_person.setdefault(known, []).append(note)
    for ident, notes in by_person.items():
        who = p.event.contributor(ident) if ident else None
        p.add(CondPageBreak(30 * mm))
        p.add(Paragraph(text(who.name if who else "From the room"), p.s.h3))
        p.add(*(Paragraph(f"“{text(n.text)}”", p.s.quote) for n in notes))


def _collective_learning(p: _Pack) -> None:
    shares = grouped(p.event.notes_of(NoteKind.SHARE_BACK))
    if not shares and not pack_votes.has_votes(p.event):
        return
    p.section("Our collective learning")
    pack_votes.vote_results(p, _text_width(p))  # what the room chose, then what it said
    themes = list(dict.fromkeys(n.theme for n in shares))
    for theme in themes:
        notes = [n for n in shares if n.theme == theme]
        if len(themes) > 1 or theme:
            p.add(CondPageBreak(25 * mm), Paragraph(text(theme or "Other themes"), p.s.h2))
        for note in notes:
            # "(Table 4)" never breaks between its words. It is set like the note itself: a
            # change of colour or size would make every note a mixed paragraph, which
            # reportlab lays out 2.5 times slower (tests/bench/bench_pack.py).
            group = text(note.group).replace(" ", "\u00a0")
            table = f" ({group})"
            p.add(Paragraph(BULLET + text(note.text) + (table if note.group else ""), p.s.bullet))


def _list_section(p: _Pack, title: str, parts: Iterable[tuple[str, Sequence[Note]]]) -> None:
    parts = [(heading, notes) for heading, notes in parts if notes]
    if not parts:
        return
    p.section(title)
    for heading, notes in parts:
        if heading:
            p.add(Paragraph(text(heading), p.s.h2))
        p.add(*(p.bullet(n.text) for n in notes))


def _reflections(p: _Pack) -> None:
    _list_section(
        p,
        "Personal reflections",
        (
            (
                "What is your one key reflection from your discussions?",
                p.event.notes_of(NoteKind.REFLECTION),
            ),
            (
                "What is one practical step you will take to apply the learning from today?",
                p.event.notes_of(NoteKind.ACTION),
            ),
        ),
    )


def _feedback(p: _Pack) -> None:
    pack_votes.feedback_section(p, _text_width(p))  # the forms' summary, then the notes


def _text_width(p: _Pack) -> float:
    return float(PAPER[p.options.paper][0] - 2 * MARGIN - 12)


def _final(p: _Pack) -> None:
    _list_section(p, "Final reflections", (("", p.event.notes_of(NoteKind.FINAL)),))


def _moving_forward(p: _Pack) -> None:
    contact = p.event.contact
    if not (contact.email or contact.url):
        return
    p.section("Moving forward")
    words: list[Flowable] = []
    if contact.email:
        email = text(contact.email)
        words.append(
            Paragraph(
                f'<b>Tell us more:</b> <link href="mailto:{email}" color="#1f4e79">{email}</link>',
                p.s.body,
            )
        )
        words.append(
            p.bullet(
                "We read and reflect on all feedback we receive; it shapes our "
                "future events. How did you use this pack? What would you like "
                "to see?"
            )
        )
    if contact.url:
        url = text(contact.url)
        words.append(
            Paragraph(
                f'<b>To find out more:</b> <link href="{url}" color="#1f4e79">{url}</link>',
                p.s.body,
            )
        )
    if contact.url:
        size = 38 * mm
        code = QrCode(contact.url, size)
        label = Paragraph("Scan for events", p.s.small)
        grid = Table([[words, [code, label]]], colWidths=[None, size + 6 * mm])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        p.add(grid)
    else:
        p.add(*words)
    p.add(Spacer(1, 14 * mm), Paragraph("<b>Thank you!</b>", p.s.centre))


BUILDERS: dict[str, Callable[[_Pack], None]] = {
    "cover": _cover,
    "how-to-use": _how_to_use,
    "focus": _focus,
    "community": _community,
    "contributors": _contributors,
    "contributors-learning": _contributors_learning,
    "collective-learning": _collective_learning,
    "reflections": _reflections,
    "feedback": _feedback,
    "final": _final,
    "moving-forward": _moving_forward,
}


def build_pack(
    event: Event, options: Options | None = None, progress: Progress | None = None
) -> bytes:
    """The pack as PDF bytes."""
    options = options or Options()
    if options.booklet:
        from dataclasses import replace

        from desktop.handout.booklet import PAGE_FOR_SHEET, impose

        half = replace(options, paper=PAGE_FOR_SHEET[options.paper], booklet=False)
        return impose(build_pack(event, half, progress), options.paper)
    pack = _Pack(event, options, make_styles(large_print=options.large_print))
    for name in SECTIONS:
        if name in options.sections:
            pack.new_page = pack.new_page or name in PARTS
            BUILDERS[name](pack)
            pack.new_page = pack.new_page or (name == "cover" and bool(pack.story))
    if not pack.story:
        pack.add(pack.para(f"{event.title}: nothing to print in the sections chosen."))
    return build_pdf(
        pack.story,
        title=f"Reflect & Connect Pack – {event.title}",
        subject="Reflect & Connect pack" + (f": {event.theme}" if event.theme else ""),
        author=options.organiser or event.contact.email or "In the Room",
        paper=options.paper,
        footer=f"{event.title} · Reflect & Connect Pack",
        cover=PackCover(event, options, pack.s) if "cover" in options.sections else None,
        large_print=options.large_print,
        progress=progress,
    )


__all__ = ["SECTIONS", "SECTION_TITLES", "Options", "build_pack", "ordinal_date", "sector_counts"]
