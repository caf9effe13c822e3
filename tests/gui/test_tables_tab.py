"""The editor's Tables tab: generate off the UI thread, adjust by hand, lock, rules, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.store.eventfile import read_event
from desktop.ui.editor import EditorWindow
from desktop.ui.tables_tab import TablesTab
from tests.conftest import ARTIFACTS


def generated(qtbot: QtBot, editor: EditorWindow, rounds: int = 3, size: int = 4) -> TablesTab:
    tab = editor.tables_tab
    editor.tabs.setCurrentWidget(tab)
    tab.rounds.setValue(rounds)
    tab.by.setCurrentIndex(0)
    tab.count.setValue(size)
    tab.generate_button.click()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    return tab


def people_at(tab: TablesTab, table: int) -> list[str]:
    item = tab.tree.topLevelItem(table)
    return [str(item.child(i).data(0, Qt.ItemDataRole.UserRole)) for i in range(item.childCount())]


def test_generate_seats_the_roster_saves_it_and_shows_the_figures(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    plan = read_event(path).tables
    assert len(plan.rounds) == 3 and plan.size == 4
    ids = {p.id for p in read_event(path).participants}
    assert all({i for t in r for i in t} == ids for r in plan.rounds)
    assert "0 repeat pairings" in tab.figures.text()
    assert "sectors per table: at least" in tab.figures.text()
    assert tab.tree.topLevelItemCount() == 6
    assert tab.round_choice.count() == 3
    editor.resize(1100, 760)
    editor.show()
    QTest.qWait(20)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert editor.grab().save(str(ARTIFACTS / "editor_tables.png"))


def test_moving_a_person_by_key_updates_the_plan_and_the_figures_and_undoes(  # type: ignore[no-untyped-def]
    setup, qtbot: QtBot
) -> None:
    _, editor, path = setup
    tab = generated(qtbot, editor)
    before = read_event(path).tables
    person = people_at(tab, 0)[0]
    tab.tree.topLevelItem(0).child(0).setSelected(True)
    tab.tree.setFocus()
    QTest.keyClick(tab.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    after = read_event(path).tables
    assert person in after.rounds[0][1] and person not in after.rounds[0][0]
    assert person in people_at(tab, 1)
    assert tab.tree.topLevelItem(1).text(0) == "Table 2 — 5 people"
    editor.undo_action.trigger()
    assert read_event(path).tables == before


def test_dropping_a_person_on_another_table_moves_them(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    person = people_at(tab, 2)[1]
    tab.tree.moved.emit(person, 4)  # what a drop on table 5 sends
    assert person in read_event(path).tables.rounds[0][4]


def test_a_locked_table_survives_a_new_plan(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    kept = people_at(tab, 0)
    tab.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: read_event(path).tables.locked == ((1, 1),), timeout=2000)
    tab.try_another()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    assert list(read_event(path).tables.rounds[0][0]) == kept


def test_rules_are_added_kept_and_removed(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    a, b = people_at(tab, 0)[:2]
    tab.tree.topLevelItem(0).child(0).setSelected(True)
    tab.tree.topLevelItem(0).child(1).setSelected(True)
    tab.keep_apart()
    assert read_event(path).tables.keep_apart == ((a, b),)
    assert tab.rules.item(0).text().startswith("Keep apart: ")
    tab.generate()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    plan = read_event(path).tables
    assert not any(a in t and b in t for r in plan.rounds for t in r)
    tab.rules.setCurrentRow(0)
    tab.remove_rule()
    assert read_event(path).tables.keep_apart == ()


def test_cancel_keeps_the_best_plan_so_far(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = editor.tables_tab
    tab.rounds.setValue(8)
    tab.count.setValue(4)
    tab.cancel()  # stopped before it starts: the planner stops at its first look
    tab._stop.set()
    tab.generate_button.click()
    tab.cancel()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    assert len(read_event(path).tables.rounds) == 8
    assert "stopped early" in tab.figures.text()


def test_an_absentee_and_a_late_arrival(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    tab.round_choice.setCurrentIndex(1)
    gone = people_at(tab, 0)[0]
    tab.tree.topLevelItem(0).child(0).setSelected(True)
    tab.mark_absent()
    plan = read_event(path).tables
    assert gone in {i for t in plan.rounds[0] for i in t}  # round 1 is as it was
    assert gone not in {i for r in plan.rounds[1:] for t in r for i in t}
    assert "Not seated in round 2" in tab.unseated.text()
    tab.seat_late_arrivals()
    plan = read_event(path).tables
    assert all(gone in {i for t in r for i in t} for r in plan.rounds)
