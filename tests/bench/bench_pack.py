"""The pack for an event with 2,000 notes, against bare reportlab in the same run.

The baseline builds the same paragraphs (every note's text, escaped the same way) with one
plain style and the same font, and nothing else: no sections, chart, QR code, outline or
footers. Targets: <= 3 s and ratio <= 1.5.
"""

from __future__ import annotations

import io
import statistics
import time

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.core.model import Note, NoteKind
from desktop.handout.pack import build_pack
from desktop.handout.styles import FONT, register_fonts, text
from desktop.store.templates import demo_event

NOTES = 2000
ROUNDS = 3


def big_event():  # type: ignore[no-untyped-def]
    base = demo_event()
    kinds = list(NoteKind)
    themes = ("Trust", "Relationships", "Culture", "Power & influence", "Roles & purpose", "")
    notes = tuple(
        Note(
            id=f"b{i}",
            kind=kinds[i % len(kinds)],
            text=f"Take time to build relationships & “trust” — Siobhán and Łukasz agreed ({i}). "
            * (1 + i % 3),
            contributor="c1" if kinds[i % len(kinds)] is NoteKind.QUOTE else "",
            group=f"Table {i % 12 + 1}",
            theme=themes[i % len(themes)],
        )
        for i in range(NOTES)
    )
    from msgspec.structs import replace

    return replace(base, notes=notes)


def baseline(event) -> bytes:  # type: ignore[no-untyped-def]
    register_fonts()
    style = ParagraphStyle("plain", fontName=FONT, fontSize=10.5, leading=14.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4)
    doc.build([Paragraph(text(n.text), style) for n in event.notes])
    return buffer.getvalue()


def timed(build, event) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    samples, size = [], 0
    for _ in range(ROUNDS):
        began = time.perf_counter()
        size = len(build(event))
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), size


def main() -> None:
    event = big_event()
    build_pack(event)  # warm: fonts registered, modules loaded, for both
    ours, ours_size = timed(build_pack, event)
    base, base_size = timed(baseline, event)
    ratio = ours / base
    print(f"pack for an event with {NOTES:,} notes, median of {ROUNDS}:")
    print(f"  ours (all sections, chart, QR, outline): {ours:5.2f} s  ({ours_size / 1e6:.1f} MB)")
    print(f"  baseline (bare reportlab, same text):    {base:5.2f} s  ({base_size / 1e6:.1f} MB)")
    verdict = "ok" if ours <= 3 and ratio <= 1.5 else "MISSED"
    print(f"  ratio {ratio:.2f}  (targets <= 3 s and ratio <= 1.5: {verdict})")


if __name__ == "__main__":
    main()
