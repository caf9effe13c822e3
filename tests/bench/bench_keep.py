"""Keeping one note, at 1,000, 10,000 and 40,000 notes: ours against the old path, same run.

Ours: `EventFile.add_note`, which changes the notes table in place and appends one fsynced
line to the journal, so the note is on disk when it returns. The old path (what main did until
2026-12): tinydb's `insert`, which copies the whole notes table, and nothing on disk until the
debounced full save. The floor: a bare fsynced append of the same line.
Target: at 40,000 notes keeping one takes under 1 ms, a tenth of the old path or less. What
still grows is the event's immutable notes tuple, copied once per note (~0.2 ms at 40,000).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from desktop.core import document
from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store.eventfile import EventFile

SIZES = (1_000, 10_000, 40_000)
KEEPS = 60


def _event(notes: int) -> Event:
    return Event(
        title="Keep bench",
        agenda=(Segment(id="s1", kind=SegmentKind.SHARE_BACK, title="Tables", minutes=30),),
        notes=tuple(
            Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text=f"Trust takes years ({i}).")
            for i in range(notes)
        ),
    )


def _note(i: int) -> Note:
    return Note(id=f"k{i}", kind=NoteKind.SHARE_BACK, text=f"A share-back from the bench {i}")


def measure(notes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "keep.room"
        EventFile.create(path, _event(notes)).close()
        ours, old, floor = [], [], []
        with EventFile.open(path) as room:
            for i in range(KEEPS):
                began = time.perf_counter()
                room.add_note(_note(i))
                ours.append((time.perf_counter() - began) * 1000)
            table = room.db.table("notes")
            for i in range(KEEPS, 2 * KEEPS):
                began = time.perf_counter()
                table.insert(document.plain(_note(i)))  # the old way: copies the table
                old.append((time.perf_counter() - began) * 1000)
            room.dirty = False  # the old-way rows are not a real event's: don't save them
        with open(Path(folder) / "bare.log", "ab") as handle:
            for i in range(KEEPS):
                line = f'{{"seq": {i}, "note": "A share-back from the bench {i}"}}\n'.encode()
                began = time.perf_counter()
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
                floor.append((time.perf_counter() - began) * 1000)
    return {
        "ours": statistics.median(ours),
        "old": statistics.median(old),
        "floor": statistics.median(floor),
    }


def main() -> None:
    print(f"keeping a note: median of {KEEPS}, on disk (fsynced) when ours returns")
    results = {n: measure(n) for n in SIZES}
    for n, r in results.items():
        print(
            f"  {n:6,} notes  ours {r['ours']:6.2f} ms   old tinydb insert (not on disk) "
            f"{r['old']:6.2f} ms   bare fsynced append {r['floor']:6.2f} ms"
        )
    growth = results[SIZES[-1]]["ours"] / max(results[SIZES[0]]["ours"], 1e-9)
    old_growth = results[SIZES[-1]]["old"] / max(results[SIZES[0]]["old"], 1e-9)
    big = results[SIZES[-1]]
    ok = big["ours"] <= 1.0 and big["ours"] <= big["old"] / 10
    print(
        f"  from {SIZES[0]:,} to {SIZES[-1]:,} notes: ours {growth:.1f}x, old {old_growth:.1f}x; "
        f"target at {SIZES[-1]:,}: <= 1 ms and <= old/10: {'ok' if ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
