"""The handouts, read back as text: every note once, in its section, exactly as typed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from msgspec.structs import replace
from pypdf import PdfReader

from desktop.__main__ import main
from desktop.core.model import Note, NoteKind
from desktop.handout.agenda import build_agenda
from desktop.handout.pack import SECTION_TITLES, SECTIONS, Options, build_pack, ordinal_date
from desktop.handout.styles import make_styles
from desktop.handout.timing import build_timing
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.conftest import ARTIFACTS
from tests.unit.handout.helpers import ORDER, UNICODE, event_with, pages, words
from tests.unit.handout.pdfread import runs

HEADINGS = {
    NoteKind.QUOTE: "Our contributors' learning",
    NoteKind.SHARE_BACK: "Our collective learning",
    NoteKind.REFLECTION: "Personal reflections",
    NoteKind.ACTION: "Personal reflections",
    NoteKind.FEEDBACK: "Your feedback",
    NoteKind.FINAL: "Final reflections",
}


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture(scope="module")
def demo_pdf() -> bytes:
    pdf = build_pack(demo_event())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "pack_demo.pdf").write_bytes(pdf)
    return pdf


def test_every_note_appears_once_under_its_section(demo_pdf: bytes) -> None:
    # Sections run on: a section is what follows its heading (set in h1) up to the next one.
    h1 = make_styles().h1.fontSize
    section_text: dict[str, str] = {}
    current = "cover"
    for run in runs(demo_pdf):
        if run.size == h1 and run.text in ORDER:
            current = run.text
        elif run.y > 60:  # not the footer
            section_text[current] = section_text.get(current, "") + " " + run.text
    section_text = {k: flat(v) for k, v in section_text.items()}
    assert [t for t in section_text if t != "cover"] == ORDER  # all there, in the pack's order
    body = words(demo_pdf)
    for note in demo_event().notes:
        text = flat(note.text)
        assert body.count(text) == 1, text
        assert text in section_text[HEADINGS[note.kind]], (HEADINGS[note.kind], text)


def test_the_pack_has_metadata_an_outline_and_page_footers(demo_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(demo_pdf))
    meta = reader.metadata
    assert meta is not None and meta.title.startswith("Reflect & Connect Pack – Collaboration")
    assert meta.subject == "Reflect & Connect pack: Collaborating & Influencing"
    assert meta.author == "hello@example.org"
    outline = [item.title for item in reader.outline]
    assert outline == ["Reflect & Connect Pack", *ORDER]
    assert "Page 2" in reader.pages[1].extract_text()
    assert "Page" not in reader.pages[0].extract_text()  # the cover has no footer


def test_cover_reads_like_the_real_one(demo_pdf: bytes) -> None:
    cover = flat(PdfReader(io.BytesIO(demo_pdf)).pages[0].extract_text())
    assert cover.startswith("Reflect & Connect Pack Collaboration is messy")
    assert "Leadership Theme – Collaborating & Influencing" in cover
    assert "6th July 2023" in cover
    assert "14 mins read – How to improve your collaboration skills" in words(demo_pdf)


def test_names_and_markup_print_and_extract_as_typed() -> None:
    names = [
        Note(id=f"n{i}", kind=NoteKind.SHARE_BACK, text=f"{lang}: {name}", group="Table 1")
        for i, (lang, name) in enumerate(UNICODE.items())
    ]
    notes = (
        *names,
        Note(id="m", kind=NoteKind.FEEDBACK, text="A & B <b>not bold</b> “quoted” — dash </para>"),
        Note(id="q", kind=NoteKind.QUOTE, text="Mar a thuirt mi\nair dà loidhne", contributor="c1"),
    )
    body = words(build_pack(event_with(*notes)))
    for name in UNICODE.values():
        assert name in body
    assert "A & B <b>not bold</b> “quoted” — dash </para>" in body
    assert "Mar a thuirt mi air dà loidhne" in body  # its line break kept (as a break)
    assert "Unicode & <markup>" in body


def test_a_character_no_font_has_is_replaced_not_dropped() -> None:
    note = Note(id="x", kind=NoteKind.FEEDBACK, text="Great 漢字 day")
    assert "Great \ufffd\ufffd day" in words(build_pack(event_with(note)))


def test_a_ten_thousand_character_note_flows_across_pages() -> None:
    long = " ".join(f"word{i}" for i in range(1500))[:10_000]
    pdf = build_pack(
        event_with(Note(id="l", kind=NoteKind.FINAL, text=long)), Options(sections=("final",))
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    assert flat(long) in words(pdf)


def test_empty_sections_are_left_out() -> None:
    pdf = build_pack(event_with(Note(id="f", kind=NoteKind.FEEDBACK, text="Useful")))
    outline = [item.title for item in PdfReader(io.BytesIO(pdf)).outline]
    assert outline == [
        "Reflect & Connect Pack",
        "How to use this pack",
        "Our contributors",
        "Your feedback",
        "Moving forward",
    ]


def test_options_paper_sections_large_print_and_logo(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    pdf = build_pack(
        demo_event(),
        Options(paper="letter", sections=("cover", "feedback"), logo=logo, large_print=True),
    )
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert [item.title for item in reader.outline] == ["Reflect & Connect Pack", "Your feedback"]
    assert "/Image" in str(
        # The cover is drawn into a form: the logo is the form's picture.
        reader.pages[0]["/Resources"]["/XObject"]
        .values()
        .__iter__()
        .__next__()
        .get_object()["/Resources"]["/XObject"]
        .values()
        .__iter__()
        .__next__()
        .get_object()["/Subtype"]
    )
    assert make_styles(large_print=True).body.fontSize >= 16


def test_the_agenda_fits_one_page_with_clock_times() -> None:
    pdf = build_agenda(demo_event())
    (ARTIFACTS / "agenda_demo.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    body = words(pdf)
    for time, title in (("10:00", "Welcome and introductions"), ("11:55", "Final reflections")):
        assert f"{time} {title}" in body
    assert "Questions for our conversations" in body


def test_the_timing_report_compares_planned_and_actual() -> None:
    t = 1_800_000_000.0
    log = [
        {"t": t, "do": "start"},
        {"t": t + 12 * 60, "do": "next"},
        {"t": t + 20 * 60, "do": "pause"},
        {"t": t + 23 * 60, "do": "resume"},
        {"t": t + 30 * 60, "do": "finish"},
    ]
    pdf = build_timing(demo_event(), log)
    (ARTIFACTS / "timing_demo.pdf").write_bytes(pdf)
    body = words(pdf)
    assert "Planned and actual" in body
    assert "Welcome and introductions 10 min" in body and "12:00 2:00" in body
    assert "Paused" in body and "3:00" in body
    assert "Welcome and introductions: 2:00 over" in body
    assert "not run" in body


def test_ordinal_dates() -> None:
    assert [
        ordinal_date(d)
        for d in ("2023-07-01", "2023-07-02", "2023-07-03", "2023-07-11", "2023-07-22", "")
    ] == ["1st July 2023", "2nd July 2023", "3rd July 2023", "11th July 2023", "22nd July 2023", ""]


# ----------------------------------------------------------------------------- the command


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse refusing an option
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_handout_command_writes_each_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    room = tmp_path / "demo.room"
    with EventFile.create(room, demo_event()) as file:
        file.append_run({"t": 1_800_000_000.0, "do": "start"})
    for kind in ("pack", "agenda", "timing"):
        out = tmp_path / f"{kind}.pdf"
        code, said, _ = run(capsys, "handout", str(room), "--kind", kind, "-o", str(out))
        assert code == 0 and said.startswith(f"wrote {out} ({kind}, A4)")
        assert PdfReader(str(out)).pages
    code, said, _ = run(
        capsys,
        "handout",
        str(room),
        "--paper",
        "letter",
        "--large-print",
        "--sections",
        "cover,feedback",
        "-o",
        str(tmp_path / "lp.pdf"),
    )
    assert code == 0 and said.endswith("(pack, LETTER, large print)\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sections", "cover,feedbak"], "unknown section feedbak"),
        (["--kind", "timing"], "has no run log yet"),
        (["--logo", "nowhere.png"], "give a PNG or JPEG file that exists"),
        (["--cover", "nowhere.jpg"], "--cover nowhere.jpg: give a PNG or JPEG file"),
    ],
)
def test_handout_command_refuses_clearly_and_writes_nothing(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "event.json"
    doc.write_bytes(json.dumps({"format": "intheroom.event", "version": 1, "title": "T"}).encode())
    out = tmp_path / "out.pdf"
    code, _, err = run(capsys, "handout", str(doc), "-o", str(out), *args)
    assert code == 2 and message in err
    assert not out.exists()


def test_a_broken_document_is_refused_with_the_validator_messages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "broken.json"
    doc.write_text(
        json.dumps(
            {
                "format": "intheroom.event",
                "version": 1,
                "title": "T",
                "agenda": [{"id": "s1", "kind": "talk", "title": "x", "minutes": "ten"}],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.pdf"
    code, said, _ = run(capsys, "handout", str(doc), "-o", str(out))
    assert code == 2
    assert 'agenda[0].minutes: expected a whole number of minutes (1-600), got "ten"' in said
    assert not out.exists() and list(tmp_path.iterdir()) == [doc]


def headings(pdf: bytes) -> list[str]:
    """The section headings (set in h1) the PDF prints, in order."""
    h1 = make_styles().h1.fontSize
    return [run.text for run in runs(pdf) if run.size == h1 and run.text in ORDER]


@pytest.mark.parametrize("name", SECTIONS)
def test_each_section_prints_alone_when_it_is_the_only_one_chosen(name: str) -> None:
    pdf = build_pack(demo_event(), Options(sections=(name,)))
    cover = pages(pdf)[0]
    if name == "cover":
        assert headings(pdf) == []
        assert cover.startswith("Reflect & Connect Pack Collaboration is messy")
    else:
        assert headings(pdf) == [SECTION_TITLES[name]]
        assert not cover.startswith("Reflect & Connect Pack Collaboration is messy")


def test_the_with_column_shows_only_when_someone_is_named() -> None:
    named = demo_event()
    assert any(seg.contributor for seg in named.agenda)
    assert "Min With" in words(build_agenda(named))
    nobody = replace(named, agenda=tuple(replace(s, contributor="") for s in named.agenda))
    assert "With" not in words(build_agenda(nobody, Options(large_print=True))).split()
