"""The handouts as print (issue 16): type sizes, how sections flow, footers, the agenda's
columns, read back from the PDFs' text runs with their sizes and places."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from msgspec.structs import replace
from pypdf import PdfReader

from desktop.core.model import Note, NoteKind
from desktop.handout.agenda import build_agenda
from desktop.handout.pack import SECTIONS, Options, build_pack
from desktop.handout.pdf import fit_footer
from desktop.handout.styles import FONT, make_styles
from desktop.handout.timing import build_timing
from desktop.store.templates import demo_event
from tests.unit.handout.helpers import demo_plan
from tests.unit.handout.pdfread import page_count, page_size, runs

LOG = [
    {"t": 1_800_000_000.0, "do": "start"},
    {"t": 1_800_000_720.0, "do": "next"},
    {"t": 1_800_001_800.0, "do": "finish"},
]


@pytest.mark.parametrize("large", [False, True])
def test_no_type_is_smaller_than_the_floor(large: bool) -> None:
    floor = 16 if large else 8
    options = Options(large_print=large)
    for name, pdf in (
        ("pack", build_pack(demo_event(), options)),
        ("agenda", build_agenda(demo_plan(), options)),
        ("timing", build_timing(demo_event(), LOG, options)),
    ):
        smallest = min(runs(pdf), key=lambda run: run.size)
        assert smallest.size >= floor, (name, smallest)


def test_the_pack_s_body_is_book_sized() -> None:
    sizes = [run.size for run in runs(build_pack(demo_event()))]
    body = max(set(sizes), key=sizes.count)
    assert 10.5 <= body <= 11


@pytest.mark.parametrize("large", [False, True])
def test_the_plan_prints_names_and_organisations_legibly(large: bool) -> None:
    event = demo_plan()
    found = runs(build_agenda(event, Options(large_print=large)))
    person = event.participants[0]
    names = [r.size for r in found if r.text == person.name]
    orgs = [r.size for r in found if r.text == person.organisation]
    assert names and orgs
    assert min(names) >= (16 if large else 9)
    assert min(orgs) >= (16 if large else 8)


def _text_bottom(pdf: bytes) -> dict[int, float]:
    """Each page's lowest line of text above the footer."""
    bottoms: dict[int, float] = {}
    for run in runs(pdf):
        if run.y > 80:  # above the footer
            bottoms[run.page] = min(bottoms.get(run.page, 1e9), run.y)
    return bottoms


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_sections_run_on_and_few_pages_are_under_half_full(paper: str) -> None:
    pdf = build_pack(demo_event(), Options(paper=paper))
    _, height = page_size(pdf)
    pages = page_count(pdf)
    bottoms = _text_bottom(pdf)
    inner = range(1, pages)  # all but the cover
    thin = [page for page in inner if bottoms.get(page, height) > height / 2]
    assert len(thin) <= 2, thin
    assert pages <= 8  # the old pack took 12 pages: a section a page


@pytest.mark.parametrize("large", [False, True])
def test_a_heading_never_ends_a_page(large: bool) -> None:
    s = make_styles(large_print=large)
    for pdf in (
        build_pack(demo_event(), Options(large_print=large)),
        build_agenda(demo_plan(), Options(large_print=large)),
        build_agenda(demo_plan(), Options(large_print=large, paper="letter")),
    ):
        found = [run for run in runs(pdf) if run.y > 80 or run.page == 0]
        for page in range(1, page_count(pdf)):
            on_page = [run for run in found if run.page == page]
            if not on_page:
                continue
            last = min(on_page, key=lambda run: (run.y, -run.x))
            assert last.size <= s.body.fontSize or page == page_count(pdf) - 1, (page, last)


def test_a_table_label_never_breaks() -> None:
    notes = tuple(
        Note(
            id=f"n{i}",
            kind=NoteKind.SHARE_BACK,
            text="word " * (i % 23 + 5) + "end",
            group=f"Table {i % 12 + 1}",
        )
        for i in range(60)
    )
    pdf = build_pack(replace(demo_event(), notes=notes), Options(sections=("collective-learning",)))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for line in page.extract_text().splitlines():
            assert not line.rstrip().endswith("(Table"), line


def test_the_footer_is_cut_after_a_word_with_an_ellipsis() -> None:
    title = "Collaboration is messy – why people are the key to partnership working"
    shown = fit_footer(f"{title} · Reflect & Connect Pack", 300, 8.5)
    head, _, kind = shown.rpartition(" · ")
    assert kind == "Reflect & Connect Pack"
    assert head.endswith("…")
    kept = head.removesuffix("…")
    assert title.startswith(kept) and title[len(kept)] == " "  # a whole word, then the cut
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert stringWidth(shown, FONT, 8.5) <= 300


def test_large_print_footers_are_large() -> None:
    pdf = build_pack(demo_event(), Options(large_print=True))
    footers = [run for run in runs(pdf) if run.text.startswith("Page ")]
    assert footers and min(run.size for run in footers) >= 16


def test_how_to_use_points_only_at_sections_the_pack_has() -> None:
    chosen = tuple(n for n in SECTIONS if n not in ("focus", "community", "reflections"))
    pdf = build_pack(demo_event(), Options(sections=chosen))
    how = PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    how = how[: how.find("Our contributors\n")] if "Our contributors\n" in how else how
    for absent in ("Our focus", "Our community", "Personal reflections"):
        assert absent not in how, absent
    assert "Our collective learning" in how
    empty = replace(demo_event(), notes=(), contact=replace(demo_event().contact, email="", url=""))
    bare = PdfReader(io.BytesIO(build_pack(empty))).pages[1].extract_text()
    assert "learning" not in bare and "Contact us" not in bare


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
def test_the_agenda_keeps_headings_with_lists_and_gives_titles_the_width(
    paper: str, large: bool
) -> None:
    pdf = build_agenda(demo_plan(), Options(paper=paper, large_print=large))
    found = runs(pdf)
    heading = next(r for r in found if r.text == "Questions for our conversations")
    first = next(r for r in found if "Who do you admire" in r.text)
    assert heading.page == first.page
    width, _ = page_size(pdf)
    title_x = next(r for r in found if r.text.startswith("Welcome and introductions")).x
    minutes_x = next(r for r in found if r.text == "Min").x
    assert minutes_x - title_x > 0.5 * (width - 2 * 51)  # the titles get most of the line


def _images(page: object) -> int:
    """How many pictures a page draws, inside its forms too."""
    count = 0
    pending = [page["/Resources"]]  # type: ignore[index]
    while pending:
        resources = pending.pop().get_object()
        for item in resources.get("/XObject", {}).values():
            item = item.get_object()
            if item["/Subtype"] == "/Image":
                count += 1
            elif "/Resources" in item:
                pending.append(item["/Resources"])
    return count


def test_the_cover_has_title_theme_date_venue_logo_and_picture(tmp_path: Path) -> None:
    from PIL import Image

    logo, picture = tmp_path / "logo.png", tmp_path / "cover.jpg"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    Image.new("RGB", (800, 500), (200, 120, 60)).save(picture)
    event = demo_event()
    plain = PdfReader(io.BytesIO(build_pack(event))).pages[0]
    pdf = build_pack(event, Options(logo=logo, cover=picture))
    cover = PdfReader(io.BytesIO(pdf)).pages[0]
    said = " ".join(cover.extract_text().split())
    for part in (event.title, event.theme, "6th July 2023", event.venue):
        assert part in said, part
    assert _images(plain) == 0 and _images(cover) == 2
    assert "Contents" not in said  # seven pages need no contents list


def test_a_long_pack_lists_its_sections_on_the_cover_with_their_pages() -> None:
    notes = tuple(
        Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text="A thought from the table. " * 4)
        for i in range(400)
    )
    pdf = build_pack(replace(demo_event(), notes=notes))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 8
    cover = reader.pages[0].extract_text()
    assert "Contents" in cover
    for item in reader.outline[1:]:
        page = reader.get_destination_page_number(item) + 1
        assert re.search(rf"{re.escape(item.title)}\s*{page}\b", cover), (item.title, page)


def test_quotes_from_people_not_listed_share_one_heading() -> None:
    notes = tuple(
        Note(id=f"q{i}", kind=NoteKind.QUOTE, text=f"Said {i}", contributor=who)
        for i, who in enumerate(("gone1", "gone2", ""))
    )
    event = replace(demo_event(), notes=notes, contributors=())
    found = [run.text for run in runs(build_pack(event))]
    assert found.count("From the room") == 1
