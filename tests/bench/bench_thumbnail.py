"""The console's live thumbnail of the room display: what one redraw costs, against the naive
way (grabbing the display at full size, then scaling it down), in the same run.

The display is 1920×1080 (a projector) and the demo's welcome is running; the thumbnail is
drawn 320 px wide. It redraws at most once a second, so its share of the UI thread is the cost
of one redraw per second. Target: a redraw within 16 ms (one frame), under 2% of a second.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROUNDS = 30


def _median_ms(work: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure() -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_console
    from desktop.store.eventfile import EventFile
    from desktop.store.templates import demo_event

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.room"
        EventFile.create(path, demo_event()).close()
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        console = build_console(settings=settings, muted=True)
        console.open_path(path)
        console.resize(1920, 1080)
        console.show()
        console.display.resize(1920, 1080)
        console.room.act("start")
        app.processEvents()
        thumbnail = console.thumbnail
        thumbnail.set_width(320)
        app.processEvents()
        thumbnail.redraw()

        def naive() -> None:
            image = console.display.grab()
            image.scaled(
                thumbnail.width(),
                thumbnail.height(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )

        before = thumbnail.redraws
        scaled = _median_ms(thumbnail.redraw)
        assert thumbnail.redraws == before + ROUNDS, "the thumbnail was not drawn"
        assert thumbnail.pixmap().width() >= 300
        grabbed = _median_ms(naive)
        console.close()
        console.display.close()
    return {"scaled": scaled, "naive": grabbed}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures = measure()
    print("console thumbnail of a 1920×1080 room display, 320 px wide, median of", ROUNDS)
    print(f"  scaled render (what the console does)  {figures['scaled']:6.2f} ms a redraw")
    print(f"  full-size grab, then scaled (baseline) {figures['naive']:6.2f} ms a redraw")
    share = figures["scaled"] / 1000 * 100
    ok = figures["scaled"] <= 16
    print(
        f"  at most one redraw a second: {share:.2f}% of the UI thread; "
        f"target <= 16 ms a redraw: {'ok' if ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
