"""The facilitator's run sheet, and that private notes and materials stay off participants'
handouts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from msgspec.structs import replace
from pypdf import PdfReader

from desktop.__main__ import main
from desktop.core.model import AtZero, Event
from desktop.handout.agenda import build_agenda
from desktop.handout.html import build_pack_html
from desktop.handout.pack import Options, build_pack
from desktop.handout.runsheet import build_runsheet, checklist
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event, load_template
from tests.unit.handout.pdfread import page_size, runs

PRIVATE_NOTE = "Quietly check the hearing loop"
PRIVATE_THING = "Spare batteries for the mic"


def pdf_text(pdf: bytes) -> str:
    """The PDF's words, one space between them whatever the line breaks."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def private_event() -> Event:
    """The demo with a private note and material on every segment."""
    event = demo_event()
    agenda = tuple(
        replace(s, facilitator_notes=f"{PRIVATE_NOTE} {i}", materials=(PRIVATE_THING, "Pens"))
        for i, s in enumerate(event.agenda)
    )
    return replace(event, agenda=agenda)


def test_the_world_cafe_run_sheet_reads_like_the_day() -> None:
    event = load_template("world-cafe")
    words = pdf_text(build_runsheet(event))
    assert "Run sheet — World café: making partnership work" in words
    # Every segment with its clock time, minutes, who leads and what happens at zero.
    assert "09:30–09:45 15 min 1. Welcome and café etiquette" in words
    assert "10:55–11:15 20 min 7. Harvest · Share-back" in words
    assert words.count("Led by: Facilitator") == len(event.agenda)
    assert "At zero: the clock counts on into overtime" in words
    assert "Warns at 2:00 left, urgent at 0:30." in words
    # The table question, the host briefing and the share-back's instruction.
    assert "For the tables: When has partnership working been at its best for you?" in words
    assert "Notes: Host briefing (before doors open)" in words
    assert "share one thing from the table" in words
    assert "Materials: Paper tablecloths, Marker pens (4 colours per table)" in words
    # The checklist: each thing once, with when it is first needed.
    checklist_part = words.split("Materials checklist", 1)[1]
    assert "☐ Paper tablecloths 09:30 Welcome and café etiquette" in checklist_part
    assert "☐ Roving microphone 10:55 Harvest" in checklist_part


def test_the_leader_the_hold_and_the_warnings_come_from_each_segment() -> None:
    event = demo_event()
    agenda = list(event.agenda)
    agenda[1] = replace(agenda[1], at_zero=AtZero.HOLD, amber_seconds=300, red_seconds=45)
    words = pdf_text(build_runsheet(replace(event, agenda=tuple(agenda))))
    speaker = event.contributor(agenda[1].contributor)
    assert speaker is not None
    assert f"Led by: {speaker.name}" in words
    assert (
        "the clock holds at 0:00 (“Time's up”) until you move on. Warns at 5:00 left, "
        "urgent at 0:45." in words
    )


def test_the_checklist_lists_a_material_once_with_every_segment_that_needs_it() -> None:
    event = private_event()
    items = checklist(event)
    assert [m.name for m in items] == [PRIVATE_THING, "Pens"]
    assert len(items[0].slots) == len(event.agenda)
    shouted = replace(
        event, agenda=(replace(event.agenda[0], materials=("PENS ", "pens")), *event.agenda[1:])
    )
    assert [m.name for m in checklist(shouted)] == ["PENS", PRIVATE_THING]


def test_an_event_with_no_materials_says_so() -> None:
    event = replace(load_template("world-cafe"), agenda=load_template("world-cafe").agenda[-1:])
    words = pdf_text(
        build_runsheet(replace(event, agenda=(replace(event.agenda[0], materials=()),)))
    )
    assert "No materials listed for any segment." in words


def test_letter_and_large_print() -> None:
    pdf = build_runsheet(load_template("world-cafe"), Options(paper="letter", large_print=True))
    assert page_size(pdf) == (612, 792)
    assert min(run.size for run in runs(pdf)) >= 16


def test_participants_handouts_never_print_the_private_fields() -> None:
    event = private_event()
    for pdf in (build_agenda(event), build_pack(event)):
        words = pdf_text(pdf)
        assert event.title.split()[0] in words  # the text was read at all
        assert PRIVATE_NOTE not in words
        assert PRIVATE_THING not in words
    page = build_pack_html(event).decode("utf-8")
    assert PRIVATE_NOTE not in page and PRIVATE_THING not in page
    assert PRIVATE_NOTE in pdf_text(build_runsheet(event))  # while the run sheet does


def test_the_command_prints_the_run_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room = tmp_path / "cafe.room"
    EventFile.create(room, load_template("world-cafe")).close()
    out = tmp_path / "runsheet.pdf"
    assert (
        main(["handout", str(room), "--kind", "runsheet", "--paper", "letter", "-o", str(out)]) == 0
    )
    assert "wrote" in capsys.readouterr().out
    assert "Materials checklist" in pdf_text(out.read_bytes())
