"""The page furniture every handout shares: footer, metadata, and an outline entry per section."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from desktop import __version__
from desktop.handout.styles import FONT, MARGIN, MUTED, PAPER, RULE

Progress = Callable[[int], None]


class Section(Paragraph):
    """A section heading: it also becomes an entry in the PDF's outline (bookmarks)."""


class _Document(SimpleDocTemplate):
    def __init__(self, buffer: io.BytesIO, *, progress: Progress | None, total: int, **kw: object):
        super().__init__(buffer, **kw)  # type: ignore[arg-type]
        self._sections = 0
        self._progress = progress
        self._total = max(total, 1)
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Section):
            key = f"section-{self._sections}"
            self._sections += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)
        self._done += 1
        if self._progress is not None:
            self._progress(min(99, self._done * 100 // self._total))


def _fit(footer: str, limit: int) -> str:
    """Shorten the event title, never the "· Agenda"-style kind after it."""
    if len(footer) <= limit:
        return footer
    head, sep, tail = footer.rpartition(" · ")
    if not sep:
        return footer[: limit - 1] + "…"
    room = max(10, limit - len(tail) - len(sep) - 1)
    return head[:room].rstrip() + "…" + sep + tail


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    subject: str,
    author: str,
    paper: str = "a4",
    footer: str = "",
    cover: bool = False,
    progress: Progress | None = None,
) -> bytes:
    """The PDF, built in memory (so a failure never leaves half a file on disk)."""
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        progress=progress,
        total=len(story),
        pagesize=PAPER[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
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
        canvas.line(MARGIN, y + 4 * mm, width - MARGIN, y + 4 * mm)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(MUTED)
        shown = _fit(footer, 90)
        canvas.drawString(MARGIN, y, shown)
        canvas.drawRightString(width - MARGIN, y, f"Page {document.page}")
        canvas.restoreState()

    def first(canvas: Canvas, document: SimpleDocTemplate) -> None:
        if not cover:
            furniture(canvas, document)

    doc.build(list(story), onFirstPage=first, onLaterPages=furniture)
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
) -> bytes:
    """A handout of `kind` ("Agenda", "Timing report") for an event, with the usual furniture."""
    return build_pdf(
        story,
        title=f"{kind} – {event_title}",
        subject=kind,
        author=author or "In the Room",
        paper=paper,
        footer=f"{event_title} · {kind}",
        progress=progress,
    )
