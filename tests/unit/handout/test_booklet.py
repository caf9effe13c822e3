"""The pack as a booklet: half-size pages two to a sheet, in the order a fold puts right."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.handout.booklet import booklet_order
from desktop.handout.pack import Options, build_pack
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.unit.handout.pdfread import page_count, page_size, runs


def folded(sides: list[tuple[int, int]]) -> list[int]:
    """The pages in reading order once the sheets, printed front and back, are stacked in
    order, folded down the middle and stapled: the first half of the booklet is each sheet's
    front right then back left, from the outside in; the second half each sheet's back right
    then front left, from the inside out."""
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    first = [page for front, back in sheets for page in (front[1], back[0])]
    second = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return first + second


@pytest.mark.parametrize("pages", range(1, 22))
def test_folded_sheets_read_in_order_with_blanks_at_the_end(pages: int) -> None:
    sides = booklet_order(pages)
    assert len(sides) % 2 == 0  # a front and a back for every sheet
    order = folded(sides)
    assert len(order) % 4 == 0 and len(order) - pages < 4
    assert order[:pages] == list(range(1, pages + 1))
    assert set(order[pages:]) <= {0}


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
@pytest.mark.parametrize(("paper", "sheet"), [("a4", (842, 595)), ("letter", (792, 612))])
def test_the_demo_pack_as_a_booklet_is_imposed_in_folding_order(
    paper: str, sheet: tuple[int, int]
) -> None:
    single = build_pack(demo_event(), Options(paper="a5" if paper == "a4" else "half-letter"))
    pdf = build_pack(demo_event(), Options(paper=paper, booklet=True))
    width, height = page_size(pdf)
    assert (round(width), round(height)) == sheet
    pages = page_count(single)
    sides = booklet_order(pages)
    assert page_count(pdf) == len(sides)
    numbers: dict[tuple[int, str], int] = {}
    for run in runs(pdf):
        if found := re.fullmatch(r"Page (\d+)", run.text):
            numbers[(run.page, "left" if run.x < width / 2 else "right")] = int(found[1])
    for index, (left, right) in enumerate(sides):
        # The cover (page 1) has no footer; a blank has nothing.
        for side, page in (("left", left), ("right", right)):
            assert numbers.get((index, side), 0) == (page if page > 1 else 0), (index, side)
    # The cover (drawn in a form, which pypdf places wrongly) is the first front's right half.
    first = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', first)
    assert ("Reflect" in [w for _, w in words]) and all(float(x) > width / 2 for x, _ in words)


def test_the_command_prints_a_booklet_and_refuses_it_for_the_agenda(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    room = tmp_path / "demo.room"
    EventFile.create(room, demo_event()).close()
    out = tmp_path / "booklet.pdf"
    assert main(["handout", str(room), "--booklet", "-o", str(out)]) == 0
    assert "(pack, A4, booklet)" in capsys.readouterr().out
    assert page_count(out.read_bytes()) % 2 == 0
    code = main(
        ["handout", str(room), "--kind", "agenda", "--booklet", "-o", str(tmp_path / "a.pdf")]
    )
    assert code == 2 and "--booklet is for the pack" in capsys.readouterr().err
