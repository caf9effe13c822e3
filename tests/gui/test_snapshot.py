"""`intheroom snapshot`: the views drawn to PNG without a screen."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.__main__ import main
from desktop.core.clock import ClockView, Entry, Level, Session, Status
from desktop.core.model import Event
from desktop.core.room_face import WARNINGS
from desktop.core.staging import parse_left, staged_log, staged_moment
from desktop.store.documents import read_any
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.conftest import ROOT

CAFE = ROOT / "resources" / "templates" / "world-cafe.json"


def replay_view(event: Event, log: list[Entry], now: float) -> ClockView:
    return Session(event, log, clock=lambda: now).view()


@pytest.mark.parametrize("view", ["console", "display"])
def test_snapshot_draws_a_view_at_the_asked_size(
    view: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{view}.png"
    code = main(
        [
            "snapshot",
            str(CAFE),
            "--view",
            view,
            "--segment",
            "2",
            "--size",
            "1024x640",
            "-o",
            str(out),
        ]
    )
    assert code == 0 and capsys.readouterr().out.startswith(f"wrote {out}")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 640)
    colours = {image.pixel(x, y) for x in range(0, 1024, 7) for y in range(0, 640, 7)}
    assert len(colours) > 8  # drawn, not a blank page


def test_snapshot_of_a_running_file_uses_its_run_log(tmp_path: Path) -> None:
    path = tmp_path / "demo.room"
    with EventFile.create(path, demo_event()) as room:
        room.append_run({"t": 1_000_000.0, "do": "start"})
    out = tmp_path / "now.png"
    assert main(["snapshot", str(path), "-o", str(out), "--theme", "dark"]) == 0
    assert QImage(str(out)).width() == 1280


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--segment", "99"], "has segments 1 to 9"),
        (["--segment", "0"], "has segments 1 to 9"),
        (["-o", "picture.jpg"], "snapshots are PNG pictures"),
    ],
)
def test_snapshot_refuses_what_it_cannot_draw(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ["-o", str(tmp_path / "x.png")] if "-o" not in args else []
    assert main(["snapshot", str(CAFE), *args, *out]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def margin_colour(path: Path) -> str:
    image = QImage(str(path))
    return QColor(image.pixel(image.width() - 3, image.height() // 2)).name()


@pytest.mark.parametrize(
    ("args", "colour"),
    [
        (["--segment", "2", "--left", "12:00"], "#ffffff"),  # calm
        (["--segment", "2", "--left", "1:45"], WARNINGS[Level.AMBER].background),
        (["--segment", "2", "--left", "0:20"], WARNINGS[Level.RED].background),
        (["--segment", "2", "--left=-1:20"], WARNINGS[Level.UP].background),  # 1:20 over
        (["--at", "before"], "#ffffff"),
        (["--at", "end"], "#ffffff"),
    ],
)
def test_snapshot_draws_the_moment_asked_for(
    args: list[str], colour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "moment.png"
    assert main(["snapshot", str(CAFE), *args, "--size", "1024x768", "-o", str(out)]) == 0
    assert margin_colour(out) == colour.lower()


def test_snapshot_moments_land_on_the_right_state() -> None:
    event = read_any(CAFE)
    log, now = staged_log(event, 1, 1_000_000.0, left=-80)
    view = replay_view(event, log, now)
    assert view.index == 1 and view.remaining == -80_000
    log, now = staged_moment(event, "end", 1_000_000.0)
    assert replay_view(event, log, now).status is Status.FINISHED
    log, now = staged_moment(event, "before", 1_000_000.0)
    assert log == [] and replay_view(event, log, now).status is Status.NOT_STARTED
    assert parse_left("-1:20") == -80 and parse_left("1:05:00") == 3900


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--left", "4:30"], "--left needs --segment N"),
        (["--segment", "2", "--left", "4m"], "expected M:SS like 4:30"),
        (["--segment", "2", "--at", "end"], "give one of them"),
        (["--at", "later"], "invalid choice"),
    ],
)
def test_snapshot_refuses_a_moment_it_cannot_draw(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with contextlib.suppress(SystemExit):
        code = main(["snapshot", str(CAFE), *args, "-o", str(tmp_path / "x.png")])
        assert code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_snapshot_marks_no_note_as_only_in_memory(qapp: object) -> None:
    """A snapshot draws a saved file: its notes are on disk, so no ✖ (which means "not saved")
    may appear in the console's notes list; a live room without a file still marks them."""
    from desktop.ui.notes_table import UNSAVED
    from desktop.ui.room import Room

    event = demo_event()
    assert event.notes
    note = event.notes[0].id
    copy = Room(clock=lambda: 0.0)
    copy.load(event, read_only_copy=True)
    live = Room(clock=lambda: 0.0)
    live.load(event)
    assert (copy.is_kept(note), live.is_kept(note)) == (True, False)

    from desktop.ui.notes_table import NotesModel

    shown = NotesModel(copy)
    times = [shown.data(shown.index(row, 0)) for row in range(shown.rowCount())]
    assert times and not any(UNSAVED in str(t) for t in times)
