"""The pack against bare reportlab in the same run, at 2,000 and 8,000 notes.

The baseline builds the same paragraphs (every note's text, escaped the same way) with one
plain style and the same font, and nothing else: no sections, chart, QR code, outline or
footers. Two kinds of notes: `long` repeats a long sentence up to three times (layout
dominates); `realistic` are the demo's own notes (a sentence or two, as share-backs are),
cycled. Target: ratio <= 1.5 for each. The HTML pack's time is printed beside them.

Run alone: python -m tests.bench.bench_pack [--profile]
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable

from msgspec.structs import replace
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop.core.model import Event, Note, NoteKind
from desktop.handout.html import build_pack_html
from desktop.handout.pack import build_pack
from desktop.handout.styles import FONT, register_fonts, text
from desktop.store.templates import demo_event

SIZES = (2000, 8000)
ROUNDS = 3
TARGET = 1.5


def long_event(count: int) -> Event:
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
        for i in range(count)
    )
    return replace(demo_event(), notes=notes)


def realistic_event(count: int) -> Event:
    """The demo's notes, as typed in the room, cycled up to `count`."""
    base = demo_event()
    notes = tuple(
        replace(note, id=f"r{i}", group=f"Table {i % 12 + 1}" if note.group else "")
        for i, note in zip(range(count), _cycle(base.notes), strict=False)
    )
    return replace(base, notes=notes)


def _cycle(notes: tuple[Note, ...]):  # type: ignore[no-untyped-def]
    while True:
        yield from notes


def baseline(event: Event) -> bytes:
    register_fonts()
    style = ParagraphStyle("plain", fontName=FONT, fontSize=10.5, leading=14.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4)
    doc.build([Paragraph(text(n.text), style) for n in event.notes])
    return buffer.getvalue()


def timed(builds: list[Callable[[Event], bytes]], event: Event) -> list[tuple[float, int]]:
    """Each build's best time of ROUNDS and its size, the builds taking turns so that a busy
    machine slows them alike (the best of a few is the least disturbed)."""
    samples: list[list[float]] = [[] for _ in builds]
    sizes = [0] * len(builds)
    for _ in range(ROUNDS):
        for i, build in enumerate(builds):
            began = time.perf_counter()
            sizes[i] = len(build(event))
            samples[i].append(time.perf_counter() - began)
    return [(min(times), size) for times, size in zip(samples, sizes, strict=True)]


BARE_COMMAND = """
import sys
from pathlib import Path
from desktop.store.eventfile import read_room
from tests.bench.bench_pack import baseline
event, _ = read_room(Path(sys.argv[1]))
Path(sys.argv[2]).write_bytes(baseline(event))
"""


def commands(count: int) -> tuple[float, float]:
    """The whole command (`intheroom handout`, start-up and reading the file included) against
    a bare script that reads the same file the same way and lays out the same texts."""
    import subprocess
    import tempfile
    from pathlib import Path

    from desktop.store.eventfile import EventFile

    with tempfile.TemporaryDirectory() as folder:
        room = Path(folder) / "big.room"
        EventFile.create(room, realistic_event(count)).close()
        runs = {
            "ours": [
                sys.executable,
                "-m",
                "desktop",
                "handout",
                str(room),
                "-o",
                f"{folder}/a.pdf",
            ],
            "bare": [sys.executable, "-c", BARE_COMMAND, str(room), f"{folder}/b.pdf"],
        }
        best = {name: float("inf") for name in runs}
        for _ in range(ROUNDS):
            for name, argv in runs.items():
                began = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                best[name] = min(best[name], time.perf_counter() - began)
    return best["ours"], best["bare"]


def main() -> None:
    build_pack(demo_event())  # warm: fonts registered, modules loaded, for both
    baseline(demo_event())
    print(f"pack against bare reportlab (same texts, one style, same font), best of {ROUNDS}:")
    missed = False
    for kind, make in (("realistic", realistic_event), ("long", long_event)):
        for count in SIZES:
            event = make(count)
            (ours, ours_size), (base, _), (page, page_size) = timed(
                [build_pack, baseline, build_pack_html], event
            )
            ratio = ours / base
            missed |= ratio > TARGET
            print(
                f"  {kind:9} {count:5,} notes: pack {ours:5.2f} s ({ours_size / 1e6:.1f} MB)"
                f"  bare {base:5.2f} s  ratio {ratio:4.2f}"
                f"  | HTML {page:5.2f} s ({page_size / 1e6:.1f} MB)"
            )
    for count in SIZES:
        ours, base = commands(count)
        print(
            f"  whole command, realistic {count:5,} notes: {ours:5.2f} s against {base:5.2f} s"
            f"  ratio {ours / base:4.2f}"
        )
    print(f"  target ratio <= {TARGET} in-process: {'MISSED' if missed else 'ok'}")


def profile() -> None:
    import cProfile
    import pstats

    event = realistic_event(8000)
    build_pack(demo_event())
    cProfile.runctx("build_pack(event)", globals(), {"event": event}, "/tmp/pack.prof")
    pstats.Stats("/tmp/pack.prof").sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    profile() if "--profile" in sys.argv else main()
