"""The editor's first part: details and agenda, undo and redo, checked, saved as it goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event
from tests.conftest import ARTIFACTS
from tests.gui.helpers import make_console
from tests.helpers import FakeClock


def test_editing_the_agenda_updates_the_timetable_and_saves(setup) -> None:  # type: ignore[no-untyped-def]
    console, editor, path = setup
    editor.tabs.setCurrentIndex(1)
    assert editor.fit_label.text() == "2 h in all: ends 12:00 — exactly on your 12:00 finish"
    editor.agenda.item(0, 3).setText("15")  # the welcome runs five minutes longer
    assert editor.agenda.item(1, 0).text() == "10:15"
    assert editor.fit_label.text() == "2 h 5 min in all: ends 12:05 — 5 min past your 12:00 finish"
    assert read_event(path).agenda[0].minutes == 15
    assert console.agenda.item(1, 1).text() == "10:15"  # the console follows
    editor.undo_action.trigger()
    assert read_event(path).agenda[0].minutes == 10
    editor.redo_action.trigger()
    assert read_event(path).agenda[0].minutes == 15
    editor.resize(1000, 680)
    editor.show()
    QTest.qWait(20)  # let the table lay its cell widgets out, as the event loop would
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert editor.grab().save(str(ARTIFACTS / "editor_agenda.png"))


def test_bad_minutes_are_refused_with_the_validator_words(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    editor.agenda.item(2, 3).setText("ten")
    assert editor.problems.text() == (
        '✖ agenda[2].minutes: expected a whole number of minutes (1-600), got "ten"'
    )
    assert editor.agenda.item(2, 3).text() == "15"
    assert read_event(path).agenda[2].minutes == 15


def test_segments_added_duplicated_moved_and_removed_from_the_keyboard(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    editor.tabs.setCurrentIndex(1)
    editor.activateWindow()
    editor.agenda.setFocus()
    editor.agenda.selectRow(0)
    count = len(demo_event().agenda)
    QTest.keyClick(editor.agenda, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(read_event(path).agenda) == count + 1
    QTest.keyClick(editor.agenda, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    titles = [s.title for s in read_event(path).agenda]
    assert titles[:3] == [
        "Welcome and introductions",
        "TracyAnne's story",
        "Welcome and introductions",
    ]
    QTest.keyClick(editor.agenda, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(read_event(path).agenda) == count
    QTest.keyClick(
        editor.agenda,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    agenda = read_event(path).agenda
    assert len(agenda) == count + 1 and "New segment" in [s.title for s in agenda]
    assert len({s.id for s in agenda}) == len(agenda)


def test_details_edit_and_an_invalid_date_is_not_saved(setup) -> None:  # type: ignore[no-untyped-def]
    console, editor, path = setup
    editor.fields["title"].setText("Collaboration is messy — Glasgow")
    editor.fields["title"].editingFinished.emit()
    assert read_event(path).title == "Collaboration is messy — Glasgow"
    assert console.title_label.text() == "Collaboration is messy — Glasgow"
    editor.fields["date"].setText("6/7/23")
    editor.fields["date"].editingFinished.emit()
    assert editor.problems.text().startswith('✖ date: expected date like "2023-07-06"')
    assert read_event(path).date == "2023-07-06"
    editor.undo_action.trigger()
    assert editor.problems.text() == "" and editor.fields["date"].text() == "2023-07-06"


def test_questions_resources_and_contributors(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    questions = editor.lists["questions"]
    editor.tabs.setCurrentWidget(questions)
    editor.activateWindow()
    questions.table.setFocus()
    questions.table.selectRow(0)
    QTest.keyClick(
        questions.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    questions.table.item(1, 0).setText("What will you do differently on Monday?")
    saved = read_event(path).questions
    assert saved[1] == "What will you do differently on Monday?"
    assert len(saved) == len(demo_event().questions) + 1
    QTest.keyClick(questions.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert read_event(path).questions[0] == "What will you do differently on Monday?"

    resources = editor.lists["resources"]
    resources.table.item(0, 2).setText("twenty")
    assert editor.problems.text().startswith("✖ resources[0].minutes: expected a whole number")
    resources.table.item(0, 2).setText("20")
    assert read_event(path).resources[0].minutes == 20
    kind = resources.table.cellWidget(0, 1)
    kind.setCurrentText("listen")
    assert read_event(path).resources[0].kind.value == "listen"

    people = editor.lists["contributors"]
    people.table.selectRow(1)
    people.add()
    people.table.item(2, 0).setText("Agnieszka Wiśniewska")
    contributors = read_event(path).contributors
    assert contributors[2].name == "Agnieszka Wiśniewska" and contributors[2].id == "c3"
    editor.undo_action.trigger()
    assert read_event(path).contributors[2].name == "New contributor"
    editor.tabs.setCurrentWidget(people)
    QTest.qWait(20)
    assert editor.grab().save(str(ARTIFACTS / "editor_contributors.png"))


def test_warning_thresholds_and_what_happens_at_zero(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    # Warnings read as minutes and seconds before the end, not raw seconds.
    assert editor.agenda.horizontalHeaderItem(5).text() == "Amber warning"
    assert editor.agenda.item(3, 5).text() == "2:00 before the end"
    assert editor.agenda.item(3, 6).text() == "0:30 before the end"
    editor.agenda.item(3, 5).setText("5:00 before the end")
    editor.agenda.item(3, 6).setText("1")  # whole minutes will do
    editor.agenda.cellWidget(3, 7).setCurrentIndex(editor.agenda.cellWidget(3, 7).findData("next"))
    segment = read_event(path).agenda[3]
    assert (segment.amber_seconds, segment.red_seconds, segment.at_zero.value) == (300, 60, "next")
    assert editor.agenda.item(3, 6).text() == "1:00 before the end"
    editor.agenda.item(3, 6).setText("10:00")  # red before amber: the validator says so
    assert "red (10:00 before the end) must come after amber (5:00 before the end)" in (
        editor.problems.text()
    )
    assert read_event(path).agenda[3].red_seconds == 60  # nothing invalid saved
    editor.agenda.item(3, 5).setText("lots")
    assert (
        "agenda[3].amber_seconds: expected minutes and seconds before the end, like 2:00 "
        '(0:00-60:00), got "lots"'
    ) in editor.problems.text()
    assert editor.agenda.item(3, 5).text() == "5:00 before the end"


def test_the_roster_is_edited_in_a_table(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    roster = editor.lists["participants"]
    assert roster.table.rowCount() == len(demo_event().participants)
    roster.table.item(0, 2).setText("housing")
    assert read_event(path).participants[0].sector == "housing"
    roster.table.selectRow(0)
    roster.remove()
    assert len(read_event(path).participants) == len(demo_event().participants) - 1


def test_a_segment_dragged_to_another_row_moves_there(setup) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    _, editor, path = setup
    editor.tabs.setCurrentIndex(1)
    editor.show()
    QTest.qWait(10)
    table = editor.agenda
    table.selectRow(0)
    data = table.mimeData(table.selectedItems())
    where = table.visualItemRect(table.item(3, 2)).center()
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    table.dropEvent(drop)
    titles = [s.title for s in read_event(path).agenda]
    assert titles[3] == "Welcome and introductions" and titles[0] == "TracyAnne's story"
    editor.undo_action.trigger()
    assert read_event(path).agenda[0].title == "Welcome and introductions"


def test_a_field_with_a_problem_is_marked_in_words(setup) -> None:  # type: ignore[no-untyped-def]
    _, editor, _ = setup
    editor.fields["start"].setText("9.30")
    editor.fields["start"].editingFinished.emit()
    field = editor.fields["start"]
    assert field.toolTip().startswith('✖ expected time of day like "09:30"')
    assert field.accessibleDescription().startswith("expected time of day")
    assert editor.fields["title"].toolTip() == ""


# Under pytest-qt, each cell edit committed with QTest's Enter is followed by Qt's
# "commitData called with an editor that does not belong to this view" (the same steps run as a
# plain script against the same editor print nothing); the edits themselves land, as asserted.
@pytest.mark.qt_log_ignore("commitData called with an editor that does not belong to this view")
def test_the_seeds_003_agenda_built_from_a_blank_file_with_the_keyboard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.store.templates import blank_event
    from tests.gui.helpers import type_text

    path = tmp_path / "messy.room"
    EventFile.create(path, blank_event("New event")).close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    console = make_console(qtbot, FakeClock(), settings)
    console.open_path(path)
    console.open_editor()
    editor = console.editor
    assert editor is not None
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    title = editor.fields["title"]
    title.setFocus()
    title.selectAll()
    type_text(title, "Collaboration is messy – why people are the key to partnership working")
    for text in ("Collaborating & Influencing", "2023-07-06", "10:00", "12:00"):
        QTest.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
        type_text(editor.focusWidget(), text)
    QTest.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    editor.tabs.setCurrentIndex(1)
    table = editor.agenda
    table.setFocus()
    agenda = [
        ("Welcome and introductions", "10"),
        ("TracyAnne's story", "15"),
        ("Jillian's story", "15"),
        ("Table conversations", "30"),
        ("One thing from each table", "20"),
        ("Personal reflections", "15"),
        ("Your feedback", "10"),
        ("Final reflections and close", "5"),
    ]
    for title_text, minutes in agenda:
        QTest.keyClick(
            table,
            Qt.Key.Key_A,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        row = table.currentRow()
        table.setCurrentCell(row, 2)  # the title cell of the new row
        QTest.keyClick(table, Qt.Key.Key_F2)
        editor_line = QApplication.focusWidget()
        editor_line.selectAll()
        type_text(editor_line, title_text)
        # Enter (the keypad's) commits under QTest; Return is left to the line edit here.
        QTest.keyClick(editor_line, Qt.Key.Key_Enter)
        QTest.keyClick(table, Qt.Key.Key_Right)  # to the minutes
        QTest.keyClick(table, Qt.Key.Key_F2)
        editor_line = QApplication.focusWidget()
        editor_line.selectAll()
        type_text(editor_line, minutes)
        QTest.keyClick(editor_line, Qt.Key.Key_Enter)
        table.setFocus()
    event = read_event(path)
    assert event.title == "Collaboration is messy – why people are the key to partnership working"
    assert (event.theme, event.date, event.start, event.finish) == (
        "Collaborating & Influencing",
        "2023-07-06",
        "10:00",
        "12:00",
    )
    assert [(s.title, s.minutes) for s in event.agenda] == [(t, int(m)) for t, m in agenda]
    assert editor.fit_label.text() == "2 h in all: ends 12:00 — exactly on your 12:00 finish"


def test_a_segment_planned_by_keyboard_with_notes_and_materials(setup) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.helpers import type_text

    console, editor, path = setup
    editor.tabs.setCurrentIndex(1)
    editor.show()
    editor.activateWindow()
    QTest.qWait(10)
    table = editor.agenda
    table.setFocus()
    table.selectRow(3)  # the table conversations: their question is shown in full below
    question = editor.detail_fields["prompt"]
    assert question.toPlainText() == demo_event().agenda[3].prompt
    assert editor.detail.title() == "Segment 4: Table conversations"
    QTest.keyClick(
        table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert table.currentRow() == 4 and editor.detail.title() == "Segment 5: New segment"
    QTest.keyClick(editor, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Facilitator notes
    notes = editor.detail_fields["facilitator_notes"]
    assert QApplication.focusWidget() is notes
    type_text(notes, "Ask each table for one thing.\nKeep it to a minute.")
    QTest.keyClick(notes, Qt.Key.Key_Tab)  # on to the materials: the notes are kept
    materials = editor.detail_fields["materials"]
    assert QApplication.focusWidget() is materials
    new = read_event(path).agenda[4]
    assert new.title == "New segment"
    assert new.facilitator_notes == "Ask each table for one thing.\nKeep it to a minute."
    type_text(materials, "Flipchart\nPens\n\n")
    QTest.keyClick(materials, Qt.Key.Key_Tab)
    assert read_event(path).agenda[4].materials == ("Flipchart", "Pens")
    table.setFocus()
    table.selectRow(4)
    QTest.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # earlier by one
    moved = read_event(path).agenda
    assert moved[3].title == "New segment" and moved[3].materials == ("Flipchart", "Pens")
    assert editor.detail.title() == "Segment 4: New segment"
    assert editor.agenda.item(4, 0).text() == "10:50"  # running clock times follow
    editor.resize(1000, 760)
    QTest.qWait(20)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert editor.grab().save(str(ARTIFACTS / "editor_segment_detail.png"))
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the move
    assert read_event(path).agenda[4].title == "New segment"
    QTest.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and the materials
    assert read_event(path).agenda[4].materials == ()
    assert read_event(path).agenda[4].facilitator_notes.startswith("Ask each table")
    # The console shows them for the current segment.
    assert console.room.current_event.agenda[4].facilitator_notes.startswith("Ask each table")


def test_the_question_for_the_tables_is_edited_in_full_in_the_pane(setup) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.helpers import type_text

    _, editor, path = setup
    editor.tabs.setCurrentIndex(1)
    editor.show()
    editor.activateWindow()
    QTest.qWait(10)
    editor.agenda.setFocus()
    editor.agenda.selectRow(3)
    QTest.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Question for…
    question = editor.detail_fields["prompt"]
    assert QApplication.focusWidget() is question
    question.selectAll()
    long = "What do you think are the most important aspects for collaboration, and why?\nTalk."
    type_text(question, long)
    QTest.keyClick(question, Qt.Key.Key_Tab)
    assert read_event(path).agenda[3].prompt == long
    labels = [editor.detail.layout().labelForField(box) for box in editor.detail_fields.values()]
    assert all(label is not None and label.text() for label in labels)  # every field labelled
