"""`intheroom roster`: a roster CSV into an event file, headless, as the app's import does it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.model import Event, Participant
from desktop.core.seating import table_of
from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event, demo_event_with_plan
from tests.helpers import run_cli


def make_room(folder: Path, event: Event, name: str = "event.room") -> Path:
    path = folder / name
    EventFile.create(path, event).close()
    return path


def write_csv(
    folder: Path, people: list[Participant], encoding: str = "utf-8-sig", name: str = "r.csv"
) -> Path:
    path = folder / name
    lines = ["Full name,Organisation,Sector,Email"]
    lines += [f'{p.name},"{p.organisation}",{p.sector},{p.email}' for p in people]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_help_lists_the_command_and_documents_its_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, "--help")
    assert done.value.code == 0
    assert "roster" in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, "roster", "--help")
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "usage: intheroom roster" in shown and "--column FIELD=HEADING" in shown
    for name in ("people", "kept", "new", "gone", "columns", "warnings", "saved"):
        assert f'"{name}"' in shown


def test_reimport_keeps_ids_and_seats_and_counts_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = demo_event_with_plan()
    path = make_room(tmp_path, event)
    people = list(event.participants)

    code, out, _ = run_cli(capsys, "roster", str(path), str(write_csv(tmp_path, people)), "--json")
    assert code == 0
    result = json.loads(out)
    assert result == {
        "people": 24,
        "kept": 24,
        "new": 0,
        "gone": 0,
        "columns": {
            "name": "Full name",
            "organisation": "Organisation",
            "sector": "Sector",
            "email": "Email",
        },
        "warnings": [],
        "duplicates": [],
        "skipped": [],
        "unknown_sectors": {},
        "saved": True,
    }
    assert read_event(path).participants == event.participants
    assert read_event(path).tables == event.tables

    people.insert(3, Participant(id="", name="Late Booking", organisation="NHS Fife"))
    gone = people.pop(10)
    code, out, _ = run_cli(capsys, "roster", str(path), str(write_csv(tmp_path, people)), "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["people"], result["kept"], result["new"], result["gone"]) == (24, 23, 1, 1)
    assert result["saved"] is True
    after = read_event(path)
    ids = {p.name: p.id for p in event.participants}
    assert [p.id for p in after.participants if p.name in ids] == [
        ids[p.name] for p in people if p.name in ids
    ]
    assert after.participants[3].id == "p25"
    for r in range(len(event.tables.rounds)):
        for p in event.participants:
            if p.id != gone.id:
                assert table_of(after, r, p.id) == table_of(event, r, p.id) != ""
        assert table_of(after, r, gone.id) == table_of(after, r, "p25") == ""


def test_in_words_it_shows_columns_change_and_cautions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = tmp_path / "bookings.csv"
    roster.write_text(
        "Ticket ref,Full name,Employer,Service area,Email\n"
        "1,Mòrag Dòmhnallach,Comhairle nan Eilean Siar,Council,morag@example.org\n"
        "2,Late Booking,NHS Fife,Island council,late@example.org\n"
        "3,,NHS Fife,NHS,\n"
        "4,Late Booking,NHS Fife,NHS,late@example.org\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster))
    assert code == 0
    lines = out.splitlines()
    assert lines[:6] == [
        "Read 4 rows from bookings.csv (UTF-8, separated by commas). Columns:",
        "  Name ← “Full name”",
        "  Organisation ← “Employer”",
        "  Sector ← “Service area”",
        "  E-mail ← “Email”",
        "  Not imported: “Ticket ref”",
    ]
    assert lines[6].startswith("Replaces the roster of 24: 1 kept, 2 new, 23 no longer listed.")
    assert "⚠ 1 looks like a duplicate: row 4 (like row 2)." in lines
    assert "1 row has no name and is left out (row 3)." in lines
    assert any(line.startswith("⚠ Sectors we couldn't place") for line in lines)
    assert "“Island council” (1)" in out
    assert lines[-1] == f"Saved 3 people in {path.name}."
    assert "@" not in out  # e-mail addresses are never printed
    saved = read_event(path).participants
    assert [p.name for p in saved] == ["Mòrag Dòmhnallach", "Late Booking", "Late Booking"]
    assert saved[0].id == "p1" and saved[0].sector == "local authority"
    assert saved[1].sector == "Island council"  # kept as written


def test_an_encoding_guess_is_a_warning_in_words_and_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = tmp_path / "sankasha.csv"
    roster.write_bytes(
        "Name,Organisation,Email\r\n山田 太郎,東京都庁,yamada@example.jp\r\n"
        "佐藤 花子,横浜市役所,\r\n".encode("shift_jis")
    )
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster), "--dry-run", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["warnings"][0] == (
        "⚠ The file isn't UTF-8, so it was read as Japanese (Shift-JIS): a guess. Check that "
        "“山田 太郎” reads right. If names show odd characters, save the list again as "
        "“CSV UTF-8” and import that."
    )
    assert set(result) >= {"people", "kept", "new", "gone", "columns", "duplicates", "saved"}
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster))
    assert code == 0
    assert "(Shift-JIS, separated by commas)" in out
    assert "read as Japanese (Shift-JIS): a guess" in out
    assert [p.name for p in read_event(path).participants] == ["山田 太郎", "佐藤 花子"]


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = demo_event_with_plan()
    path = make_room(tmp_path, event)
    roster = write_csv(tmp_path, list(event.participants[:5]))
    before = folder_state(tmp_path)
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster), "--dry-run")
    assert code == 0
    assert "Replaces the roster of 24: 5 kept, 19 no longer listed." in out
    assert out.splitlines()[-1] == "Nothing saved (--dry-run)."
    assert folder_state(tmp_path) == before
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster), "--dry-run", "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["kept"], result["gone"], result["saved"]) == (5, 19, False)
    assert folder_state(tmp_path) == before


def test_a_column_can_be_chosen_over_the_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Delegate name,Badge name,Workplace,Email\n"
        "Alexander MacDonald,Sandy,NHS Highland,sandy@example.org\n"
        "Margaret Smith,Peggy,Fife Council,peggy@example.org\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "roster", str(path), str(roster), "--dry-run")
    assert "  Name ← “Delegate name”" in out.splitlines()
    code, out, _ = run_cli(
        capsys,
        "roster",
        str(path),
        str(roster),
        "--column",
        "name=badge NAME",  # case and spaces don't matter
        "--column",
        "email=",  # no column
        "--json",
    )
    assert code == 0
    assert json.loads(out)["columns"] == {"name": "Badge name", "organisation": "Workplace"}
    saved = read_event(path).participants
    assert [(p.name, p.email) for p in saved] == [("Sandy", ""), ("Peggy", "")]


def test_a_wrong_column_choice_names_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = write_csv(tmp_path, list(demo_event().participants[:3]))
    before = folder_state(tmp_path)
    code, _, err = run_cli(capsys, "roster", str(path), str(roster), "--column", "nme=Full name")
    assert code == 2
    assert "name, first_name, last_name, organisation, sector, email" in err
    code, _, err = run_cli(capsys, "roster", str(path), str(roster), "--column", "name=Delegate")
    assert code == 2
    assert "no column headed “Delegate”" in err
    assert "“Full name”, “Organisation”, “Sector”, “Email”" in err
    assert folder_state(tmp_path) == before


def test_no_name_column_lists_the_headings_and_suggests_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = tmp_path / "r.csv"
    roster.write_text("Ticket ref,Who,Employer\n101,Jo Brown,NHS Fife\n", encoding="utf-8")
    before = folder_state(tmp_path)
    code, out, err = run_cli(capsys, "roster", str(path), str(roster))
    assert code == 2 and out == ""
    assert "Columns found: “Ticket ref”, “Who”, “Employer”" in err
    assert "--column name=HEADING" in err
    assert folder_state(tmp_path) == before
    code, _, _ = run_cli(capsys, "roster", str(path), str(roster), "--column", "name=Who")
    assert code == 0
    assert [p.name for p in read_event(path).participants] == ["Jo Brown"]


@pytest.mark.parametrize(
    ("encoding", "names"),
    [
        # Windows-1252, as Word and older Excel save it: Gaelic accents (no Ł or ż there)
        ("cp1252", ["Mòrag Dòmhnallach", "Catrìona NicLeòid", "Tomasz Wójcik"]),
        ("utf-8-sig", ["Małgorzata Wiśniewska", "Łukasz Żółkiewski", "Seònaid NicIllinnein"]),
        ("utf-8", ["Anna Zielińska", "Dùghall Caimbeul", "Siobhan O'Neill"]),
    ],
)
def test_polish_and_gaelic_names_survive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, names: list[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    people = [Participant(id="", name=name, organisation="Bòrd na Gàidhlig") for name in names]
    code, _, _ = run_cli(capsys, "roster", str(path), str(write_csv(tmp_path, people, encoding)))
    assert code == 0
    saved = read_event(path).participants
    assert [p.name for p in saved] == names
    assert {p.organisation for p in saved} == {"Bòrd na Gàidhlig"}


def test_bad_input_is_one_clear_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    good = write_csv(tmp_path, list(demo_event().participants[:3]))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    headings_only = tmp_path / "headings.csv"
    headings_only.write_text("Name,Organisation\n", encoding="utf-8")
    workbook = tmp_path / "bookings.csv"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200)
    before = folder_state(tmp_path)
    cases = [
        ((str(path), str(empty)), 2, "empty.csv: The file is empty"),
        ((str(path), str(headings_only)), 2, "no people under it"),
        ((str(path), str(workbook)), 2, "Excel workbook"),
        ((str(good), str(path)), 2, "event file (FILE.room), given first"),
        ((str(path), str(tmp_path / "nope.csv")), 1, "There is no file at"),
        ((str(tmp_path / "nope.room"), str(good)), 1, "There is no event file at"),
    ]
    for argv, want, words in cases:
        code, out, err = run_cli(capsys, "roster", *argv)
        assert (code, out) == (want, ""), argv
        assert words in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    assert folder_state(tmp_path) == before


def test_a_file_open_in_the_app_is_not_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_room(tmp_path, demo_event())
    roster = write_csv(tmp_path, list(demo_event().participants[:3]))
    before = path.read_bytes()
    with EventFile.open(path):
        code, _, err = run_cli(capsys, "roster", str(path), str(roster))
    assert code == 1 and "Traceback" not in err
    assert path.read_bytes() == before
