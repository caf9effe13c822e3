"""The pack's two pictures, drawn straight on the page: who came by sector, and the QR code.

Both were reportlab graphics (a bar chart widget, a QR widget) that took a third of a small
pack's time to render; drawn as a few rectangles and strings they cost next to nothing.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.handout.styles import ACCENT, FONT, INK, RULE, glyphs


class SectorChart(Flowable):
    """Horizontal bars in the accent colour, largest first, each with its sector on the left
    and its count at its end: no key or axis to read, and the same in greyscale."""

    def __init__(self, counts: list[tuple[str, int]], width: float, size: float) -> None:
        super().__init__()
        self.counts = [(glyphs(name), n) for name, n in counts]
        self.size = size
        self.label = min(
            max(stringWidth(name, FONT, size) for name, _ in self.counts) + 4 * mm, width * 0.45
        )
        self.bar = max(size * 1.9, 6 * mm)  # a row: the bar and the gap under it
        self.width = width
        self.height = self.bar * len(self.counts) + 2 * mm
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        most = max(n for _, n in self.counts) or 1
        room = self.width - self.label - size * 3
        thick = self.bar * 0.72
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.label, 0, self.label, self.height)
        for row, (name, n) in enumerate(self.counts):
            top = self.height - 1 * mm - row * self.bar
            y = top - thick
            text_y = y + (thick - size * 0.72) / 2
            length = room * n / most
            canvas.setFillColor(ACCENT)
            canvas.rect(self.label, y, length, thick, stroke=0, fill=1)
            canvas.setFillColor(INK)
            canvas.setFont(FONT, size)
            canvas.drawRightString(self.label - 2 * mm, text_y, name)
            canvas.setFont(f"{FONT}-Bold", size)
            canvas.drawString(self.label + length + 1.5 * mm, text_y, str(n))
        canvas.restoreState()


class QrCode(Flowable):
    """A QR code for `data`, `size` points square with a quiet zone, drawn as one path."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        import segno

        self.matrix = segno.make(data, error="m").matrix
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        quiet = 2
        count = len(self.matrix) + 2 * quiet
        module = self.width / count
        path = self.canv.beginPath()
        for r, row in enumerate(self.matrix):
            y = self.height - (r + quiet + 1) * module
            c = 0
            while c < len(row):  # each run of dark modules in a row as one rectangle
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    path.rect((start + quiet) * module, y, (c - start) * module, module)
                else:
                    c += 1
        self.canv.saveState()
        self.canv.setFillColor(INK)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
