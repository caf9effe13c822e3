"""Saving an event with 10,000 notes: our crash-safe save against a bare json.dump + os.replace.

Both write the same tables to the same folder. Ours also fsyncs the file and the folder (so the
save survives a power cut) and keeps backups; the baseline does neither. Target: ratio <= 1.5
and <= 100 ms on the 2-core machine.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.store.eventfile import EventFile

NOTES = 10_000
ROUNDS = 30


def big_event() -> Event:
    themes = ("Trust", "Relationships", "Culture", "Power & influence", "Roles & purpose")
    notes = tuple(
        Note(
            id=f"n{i}",
            kind=NoteKind.SHARE_BACK,
            text=f"Table {i % 12 + 1} says: take time to build internal relationships; create "
            f"solid foundations for collaboration — “trust” takes years ({i}).",
            group=f"Table {i % 12 + 1}",
            theme=themes[i % len(themes)],
            segment="s2",
            time="2023-07-06T10:42:13",
        )
        for i in range(NOTES)
    )
    agenda = (
        Segment(id="s1", kind=SegmentKind.TALK, title="Story", minutes=15),
        Segment(
            id="s2", kind=SegmentKind.SHARE_BACK, title="One thing from each table", minutes=20
        ),
    )
    return Event(title="Bench", start="10:00", agenda=agenda, notes=notes)


def baseline_save(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)


def timed(action, rounds: int = ROUNDS) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for i in range(rounds):
        began = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ours_path = Path(folder) / "bench.room"
        room = EventFile.create(ours_path, big_event())

        def ours(i: int) -> None:  # a note edited, then saved: what autosave does after Enter
            room.db.table("notes").update({"theme": f"Trust {i}"}, doc_ids=[1])
            room.save()

        base_path = Path(folder) / "baseline.json"
        ours_ms = timed(ours)
        base_ms = timed(lambda i: baseline_save(base_path, room.raw))
        size = ours_path.stat().st_size
        room.close()

    ours_median, base_median = statistics.median(ours_ms), statistics.median(base_ms)
    ratio = ours_median / base_median
    print(f"save of an event with {NOTES:,} notes ({size / 1e6:.1f} MB), {ROUNDS} rounds, median:")
    print(
        f"  ours (msgspec, fsync file + folder, backups): {ours_median:7.1f} ms"
        f"  (p90 {statistics.quantiles(ours_ms, n=10)[-1]:.1f} ms)"
    )
    print(
        f"  baseline (json.dump + os.replace, no fsync): {base_median:7.1f} ms"
        f"  (p90 {statistics.quantiles(base_ms, n=10)[-1]:.1f} ms)"
    )
    verdict = "ok" if ratio <= 1.5 and ours_median <= 100 else "OVER TARGET"
    print(f"  ratio ours/baseline: {ratio:.2f}  (target <= 1.5 and <= 100 ms: {verdict})")


if __name__ == "__main__":
    main()
