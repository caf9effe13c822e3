"""`intheroom snapshot`: the views drawn to PNG without a screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop.__main__ import main
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.conftest import ROOT

CAFE = ROOT / "resources" / "templates" / "world-cafe.json"


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
