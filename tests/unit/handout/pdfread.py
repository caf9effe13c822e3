"""What a handout's PDF prints, read back with the size and place of every run of text."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Run:
    """A run of text as drawn: its page (0 = the first), size in points, x and baseline y."""

    page: int
    text: str
    size: float
    x: float
    y: float


def runs(pdf: bytes) -> list[Run]:
    """Every non-blank run of text in the PDF, in drawing order."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[Run] = []
    for number, page in enumerate(reader.pages):

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            number: int = number,
        ) -> None:
            if not text.strip():
                return
            _, b, _, d, e, f = tm
            A, B, C, D, E, F = cm
            scale = abs(b * C + d * D) or 1.0
            x = e * A + f * C + E
            y = e * B + f * D + F
            found.append(Run(number, text.strip(), round(size * scale, 2), x, y))

        page.extract_text(visitor_text=visit)
    return found


def page_size(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
