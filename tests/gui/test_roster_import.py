"""Importing a roster from a messy CSV, through the dialog, into the event (again, too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop.core.model import Participant
from desktop.core.roster import read_table
from desktop.core.seating import table_of
from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event, demo_event_with_plan
from desktop.ui.dialogs.roster import RosterImportDialog
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console
from tests.helpers import FakeClock

MESSY = (
    "\ufeffFirst name;Surname;Work e-mail;Employer;Service area\r\n"
    "Siobhán;Ní Bhriain;siobhan@nhs.scot;NHS Lothian;NHS\r\n"
    "Łukasz;Żółć;lukasz@example.org;Cyrenians;Charity\r\n"
    "Ùisdean;MacLeòid;;Comhairle nan Eilean Siar;Island council\r\n"
    "Siobhán;Ní Bhriain;siobhan@nhs.scot;NHS Lothian;NHS\r\n"
)


def dialog_for(qtbot: QtBot, text: str, encoding: str = "utf-8") -> RosterImportDialog:
    shown = RosterImportDialog(read_table(text.encode(encoding)), "bookings.csv")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_dialog_maps_columns_previews_and_flags(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, MESSY)
    assert dialog.columns["first_name"].currentText() == "First name"
    assert dialog.columns["last_name"].currentText() == "Surname"
    assert dialog.columns["organisation"].currentText() == "Employer"
    assert dialog.columns["sector"].currentText() == "Service area"
    assert dialog.preview.item(0, 0).text() == "Siobhán Ní Bhriain"
    assert "4 people will be imported" in dialog.verdict.text()
    assert dialog.columns["email"].currentText() == "Work e-mail"
    assert "1 looks like a duplicate: row 4 (like row 1)" in dialog.verdict.text()
    assert list(dialog.sector_boxes) == ["Island council"]
    box = dialog.sector_boxes["Island council"]
    box.setCurrentIndex(box.findData("local authority"))
    assert dialog.preview.item(2, 2).text() == "local authority"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "roster_import.png"))
    dialog.accept()
    assert [p.sector for p in dialog.participants] == [
        "health",
        "third sector",
        "local authority",
        "health",
    ]


def test_a_missing_column_is_named_and_import_is_off(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, "Email,Organisation\na@b.org,NHS\n")
    assert dialog.verdict.text().startswith("✖ There is no “Name” column")
    assert not dialog.import_button.isEnabled()
    dialog.columns["name"].setCurrentIndex(dialog.columns["name"].findData(0))
    assert dialog.import_button.isEnabled()  # the organiser said the e-mail column will do


def test_import_from_the_console_saves_the_roster(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    console.open_path(path)
    csv = tmp_path / "bookings.csv"
    # As Excel on Windows saves it: Windows-1252, no BOM (Ł and ż don't exist there: Zs).
    text = MESSY.removeprefix("\ufeff").translate(str.maketrans("ŁŻżółć", "LZzolc"))
    csv.write_bytes(text.encode("cp1252"))
    monkeypatch.setattr(RosterImportDialog, "exec", lambda self: (self.accept(), self.result())[1])
    assert console.import_roster(csv)
    people = read_event(path).participants
    assert [p.name for p in people][:3] == ["Siobhán Ní Bhriain", "Lukasz Zolc", "Ùisdean MacLeòid"]
    assert "24 participants" not in console.details_label.text()
    assert "4 participants" in console.details_label.text()
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert not console.import_roster(empty)
    assert (
        console.banner.text()
        == "✖ Problem — The file is empty: export the list again, with its heading row."
    )
    assert not console.import_roster(tmp_path / "gone.csv")
    assert "There is no file at" in console.banner.text()
    assert console.import_roster(csv)  # a good import clears the problem it solved
    assert console.banner.isHidden()
    assert console.statusBar().currentMessage() == (
        "Imported 4 people from bookings.csv: 4 kept, 0 new, 0 no longer listed."
    )
    console.close()


def roster_csv(people: list[Participant]) -> str:
    return "Full name,Organisation,Email\n" + "".join(
        f"{p.name},{p.organisation},{p.email}\n" for p in people
    )


def test_importing_onto_a_planned_event_says_what_it_replaces(qtbot: QtBot) -> None:
    event = demo_event_with_plan()
    people = list(event.participants)
    people.insert(3, Participant(id="", name="Late Booking", email="late@example.org"))
    gone = people.pop(10)
    shown = RosterImportDialog(read_table(roster_csv(people).encode()), "bookings.csv", event=event)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.import_button.text() == "&Replace the roster"
    assert shown.verdict.text().startswith(
        "Replaces the roster of 24: 23 kept, 1 new, 1 no longer listed. New: Late Booking. "
        f"No longer listed: {gone.name}. The table plan keeps everyone still listed in their "
        "seats and takes out the 1 no longer listed. The new person is not seated yet: "
        "File ▸ Edit the event ▸ Tables ▸ Seat late arrivals seats them"
    )
    shown.accept()
    ids = {p.name: p.id for p in event.participants}
    assert [p.id for p in shown.participants if p.name in ids] == [
        ids[p.name] for p in people if p.name in ids
    ]
    assert shown.participants[3].id == "p25"


def test_names_that_are_numbers_are_warned_of(qtbot: QtBot) -> None:
    dialog = dialog_for(
        qtbot,
        "Delegate Ref,Delegate name,Workplace email,Email consent\n"
        "101,Jo Brown,jo@nhs.scot,Yes\n102,Al Kay,al@fife.gov.uk,No\n",
    )
    assert dialog.columns["name"].currentText() == "Delegate name"
    assert dialog.columns["email"].currentText() == "Workplace email"
    assert dialog.columns["organisation"].currentText() == "— none —"
    assert "⚠" not in dialog.verdict.text()
    dialog.columns["name"].setCurrentIndex(dialog.columns["name"].findData(0))  # a slip
    assert dialog.verdict.text().startswith(
        "2 people will be imported. ⚠ No name in “Delegate Ref” has a letter in it (the first "
        "is “101”): it looks like a reference or number column. Choose the column with "
        "people's names."
    )
    dialog.columns["email"].setCurrentIndex(dialog.columns["email"].findData(3))
    assert "⚠ Nothing in “Email consent” looks like an e-mail address" in dialog.verdict.text()


def test_reimport_from_the_console_keeps_the_table_plan(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = demo_event_with_plan()
    path = tmp_path / "planned.room"
    EventFile.create(path, event).close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    console.open_path(path)
    people = list(event.participants)
    people.insert(3, Participant(id="", name="Late Booking"))
    gone = people.pop(10)
    csv = tmp_path / "bookings.csv"
    csv.write_text(roster_csv(people), encoding="utf-8")
    monkeypatch.setattr(RosterImportDialog, "exec", lambda self: (self.accept(), self.result())[1])
    assert console.import_roster(csv)
    after = read_event(path)
    assert len(after.participants) == 24
    for r in range(len(event.tables.rounds)):
        for p in event.participants:
            if p.id != gone.id:
                assert table_of(after, r, p.id) == table_of(event, r, p.id) != ""
        assert table_of(after, r, gone.id) == table_of(after, r, "p25") == ""
    console.close()


def test_the_dialog_says_when_the_encoding_is_a_guess(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, "Name,Organisation\nRenée Côté,NHS Highland\n", "cp1252")
    assert "read as Windows-1252 (Western European): a guess" in dialog.verdict.text()
    assert "Check that “Renée Côté” reads right" in dialog.verdict.text()
    sure = dialog_for(qtbot, "Name,Organisation\nRenée Côté,NHS Highland\n")
    assert "a guess" not in sure.verdict.text()
