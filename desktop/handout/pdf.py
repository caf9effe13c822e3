"""The page furniture every handout shares: footer, metadata, and an outline entry per section."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from desktop import __version__
from desktop.handout.styles import FONT, LARGE_PRINT, MARGIN, MUTED, PAPER, RULE

Progress = Callable[[int], None]


class Section(Paragraph):
    """A section heading: it also becomes an entry in the PDF's outline (bookmarks)."""


class Bookmark(Flowable):
    """An entry in the PDF's outline that prints nothing (the cover, drawn on the page)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


# A section's entry for a contents list: its title, its page and its bookmark's name.
Entry = tuple[str, int, str]


class Cover(Protocol):
    """The first page, drawn on the canvas rather than flowed, once the page count and where
    each section starts are known (for a contents list): into a form the first page shows."""

    def draw(
        self, canvas: Canvas, width: float, height: float, entries: list[Entry], pages: int
    ) -> None: ...


COVER_FORM = "cover-late"


class _Document(SimpleDocTemplate):
    def __init__(self, buffer: io.BytesIO, *, progress: Progress | None, total: int, **kw: object):
        super().__init__(buffer, **kw)
        self._sections = 0
        self._progress = progress
        self._total = max(total, 1)
        self._done = 0
        self.entries: list[Entry] = []

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Section | Bookmark):
            key = f"section-{self._sections}"
            self._sections += 1
            self.canv.bookmarkPage(key)
            title = flowable.title if isinstance(flowable, Bookmark) else flowable.getPlainText()
            self.canv.addOutlineEntry(title, key, level=0)
            self.entries.append((title, self.page, key))
        self._done += 1
        if self._progress is not None:
            self._progress(min(99, self._done * 100 // self._total))


def footer_size(large_print: bool) -> float:
    """The footer's type: small but legible, and large print's size in large print."""
    return LARGE_PRINT if large_print else 8.5


def footer_room(large_print: bool) -> float:
    """What the footer adds to the bottom margin."""
    room: float = footer_size(large_print) * 2 + 2 * mm
    return room


@cache  # the same footer on every page
def fit_footer(footer: str, width: float, size: float) -> str:
    """The footer in `width`: the event title cut after a whole word with an ellipsis, never
    the "· Agenda"-style kind after it."""

    def fits(value: str) -> bool:
        used: float = stringWidth(value, FONT, size)
        return used <= width

    if fits(footer):
        return footer
    head, sep, tail = footer.rpartition(" · ")
    if not sep:
        head, tail = footer, ""
    words = head.split()
    while words:
        words.pop()
        shown = " ".join(words).rstrip(" ,;:–-") + "…" + sep + tail
        if words and fits(shown):
            return shown
    # Not one whole word fits: the kind alone, or the title cut short.
    if tail and fits(tail):
        return tail
    cut = footer
    while cut and not fits(cut + "…"):
        cut = cut[:-1]
    return cut + "…"


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    subject: str,
    author: str,
    paper: str = "a4",
    footer: str = "",
    cover: Cover | None = None,
    large_print: bool = False,
    progress: Progress | None = None,
) -> bytes:
    """The PDF, built in memory (so a failure never leaves half a file on disk). A list
    `story` is used up."""
    buffer = io.BytesIO()
    size = footer_size(large_print)
    doc = _Document(
        buffer,
        progress=progress,
        total=len(story),
        pagesize=PAPER[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + footer_room(large_print),
        title=title,
        author=author,
        subject=subject,
        creator=f"In the Room {__version__}",
    )

    def furniture(canvas: Canvas, document: SimpleDocTemplate) -> None:
        width, _ = document.pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        y = MARGIN - 2 * mm
        canvas.line(MARGIN, y + size + 1.5 * mm, width - MARGIN, y + size + 1.5 * mm)
        canvas.setFont(FONT, size)
        canvas.setFillColor(MUTED)
        number = f"Page {document.page}"
        room = width - 2 * MARGIN - stringWidth(number, FONT, size) - size * 2
        canvas.drawString(MARGIN, y, fit_footer(footer, room, size))
        canvas.drawRightString(width - MARGIN, y, number)
        canvas.restoreState()

    def first(canvas: Canvas, document: SimpleDocTemplate) -> None:
        if cover is None:
            furniture(canvas, document)
        else:
            canvas.doForm(COVER_FORM)  # drawn at the end, when the contents are known

    class _Canvas(Canvas):
        def save(self) -> None:
            if cover is not None:
                width, height = doc.pagesize
                self.beginForm(COVER_FORM)
                cover.draw(self, width, height, doc.entries, doc.page)
                self.endForm()
            super().save()

    # reportlab takes flowables off the front of the list as it places them: handing it the
    # caller's own list lets each laid-out paragraph go once drawn, rather than keeping them
    # all alive for the garbage collector to walk again and again (30% of a big pack).
    flowables = story if isinstance(story, list) else list(story)
    doc.build(flowables, onFirstPage=first, onLaterPages=furniture, canvasmaker=_Canvas)
    if progress is not None:
        progress(100)
    return buffer.getvalue()


def build_handout(
    story: Sequence[Flowable],
    *,
    kind: str,
    event_title: str,
    author: str,
    paper: str,
    progress: Progress | None,
    large_print: bool = False,
) -> bytes:
    """A handout of `kind` ("Agenda", "Timing report") for an event, with the usual furniture."""
    return build_pdf(
        story,
        title=f"{kind} – {event_title}",
        subject=kind,
        author=author or "In the Room",
        paper=paper,
        footer=f"{event_title} · {kind}",
        large_print=large_print,
        progress=progress,
    )
