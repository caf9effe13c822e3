"""The editor's Tables tab: generate off the UI thread, adjust by hand, lock, rules, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.core.table_plan import figures_in_words, figures_of
from desktop.store.eventfile import read_event
from desktop.store.templates import demo_event
from desktop.ui.console import ConsoleWindow
from desktop.ui.editor import EditorWindow
from desktop.ui.tables_tab import TablesTab
from tests.conftest import ARTIFACTS
from tests.helpers import FakeClock

BUDGET = 1.0  # seconds on a clock a millisecond later at each reading: a thousand looks


@pytest.fixture
def setup(
    setup: tuple[ConsoleWindow, EditorWindow, Path],
) -> tuple[ConsoleWindow, EditorWindow, Path]:
    """The editor's Tables tab planning on a fake clock: however slow the machine, the
    planner stops after the same number of steps, and no test waits out the real budget."""
    tab = setup[1].tables_tab
    tab.budget, tab.clock = BUDGET, FakeClock(0.0, step=0.001)
    return setup


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


def test_the_planning_bar_shows_only_while_planning_and_says_what_it_is(
    setup, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    _, editor, _ = setup
    tab = editor.tables_tab
    editor.tabs.setCurrentWidget(tab)
    editor.show()
    assert tab.progress.isHidden()  # no unexplained empty box beside Cancel
    shown: list[bool] = []
    tab.progress.valueChanged.connect(lambda _: shown.append(tab.progress.isVisible()))
    tab = generated(qtbot, editor)
    assert any(shown) and tab.progress.isHidden()
    assert tab.progress.format() == "Planning… %p%" and tab.progress.isTextVisible()


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
    tab.tree.moved.emit([person], 4)  # what a drop on table 5 sends
    assert person in read_event(path).tables.rounds[0][4]


def drop_selected_on(tab: TablesTab, target: QTreeWidgetItem) -> None:
    """A real drop of the selected rows on `target`, as Qt delivers it to the tree's viewport
    (QDrag.exec would block offscreen, so the event is made here and handed to dropEvent)."""
    tree = tab.tree
    tree.scrollToItem(target)
    centre = QPointF(tree.visualItemRect(target).center())
    over = tree.itemAt(centre.toPoint())
    assert over is not None and over.data(0, Qt.ItemDataRole.UserRole) == target.data(
        0, Qt.ItemDataRole.UserRole
    )
    mime = tree.model().mimeData(tree.selectionModel().selectedIndexes())
    event = QDropEvent(
        centre,
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(event)
    assert not event.isAccepted()  # the tab redraws the tree itself; Qt must not move rows


def seated_once(plan_round: tuple[tuple[str, ...], ...], ids: set[str]) -> bool:
    everyone = [i for table in plan_round for i in table]
    return len(everyone) == len(ids) and set(everyone) == ids


def test_dropping_several_people_on_a_table_moves_them_all(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    editor.resize(1100, 760)
    editor.show()
    qtbot.waitExposed(editor)
    tab.round_choice.setCurrentIndex(1)  # round 2: the other rounds must stay as they are
    before = read_event(path).tables
    ids = {p.id for p in read_event(path).participants}
    assert [len(t) for t in before.rounds[1]] == [4] * 6
    rows = [tab.tree.topLevelItem(0).child(0), tab.tree.topLevelItem(0).child(2)]
    rows.append(tab.tree.topLevelItem(1).child(1))
    people = [str(row.data(0, Qt.ItemDataRole.UserRole)) for row in rows]
    assert not set(people) & set(before.rounds[1][3])  # none of them is at table 4 yet
    for row in rows:
        row.setSelected(True)
    steps = editor.undo_stack.count()

    drop_selected_on(tab, tab.tree.topLevelItem(3))
    assert read_event(path).tables == before  # deferred: nothing moves inside Qt's drop
    qtbot.waitUntil(lambda: set(people) <= set(read_event(path).tables.rounds[1][3]), timeout=2000)

    event = read_event(path)
    plan = event.tables
    assert plan.rounds[0] == before.rounds[0] and plan.rounds[2] == before.rounds[2]
    assert seated_once(plan.rounds[1], ids)
    assert [len(t) for t in plan.rounds[1]] == [2, 3, 4, 7, 4, 4]
    assert set(people) <= set(people_at(tab, 3))
    assert not set(people) & set(people_at(tab, 0) + people_at(tab, 1))
    assert tab.tree.topLevelItem(3).text(0) == "Table 4 — 7 people"
    assert tab.tree.topLevelItem(0).text(0) == "Table 1 — 2 people"
    assert tab.figures.text() == figures_in_words(figures_of(event)) + "."
    assert editor.undo_stack.count() == steps + 1  # the whole drop is one edit
    editor.undo_action.trigger()
    assert read_event(path).tables == before
    assert people_at(tab, 3) == list(before.rounds[1][3])


def test_dropping_people_on_their_own_table_changes_nothing(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    editor.resize(1100, 760)
    editor.show()
    qtbot.waitExposed(editor)
    before = read_event(path).tables
    tab.tree.topLevelItem(2).child(0).setSelected(True)
    steps = editor.undo_stack.count()
    with qtbot.waitSignal(tab.tree.moved, timeout=2000):
        drop_selected_on(tab, tab.tree.topLevelItem(2).child(3))  # on someone at their table
    assert read_event(path).tables == before  # not even shuffled to the end of the table
    assert editor.undo_stack.count() == steps


def test_dropping_a_person_on_someone_at_another_table_seats_them_there(  # type: ignore[no-untyped-def]
    setup, qtbot: QtBot
) -> None:
    _, editor, path = setup
    tab = generated(qtbot, editor)
    editor.resize(1100, 760)
    editor.show()
    qtbot.waitExposed(editor)
    before = read_event(path).tables
    ids = {p.id for p in read_event(path).participants}
    row = tab.tree.topLevelItem(1).child(0)
    person = str(row.data(0, Qt.ItemDataRole.UserRole))
    assert person not in before.rounds[0][4]
    row.setSelected(True)
    steps = editor.undo_stack.count()

    drop_selected_on(tab, tab.tree.topLevelItem(4).child(2))  # on someone at table 5
    qtbot.waitUntil(lambda: person in read_event(path).tables.rounds[0][4], timeout=2000)

    plan = read_event(path).tables
    assert person not in plan.rounds[0][1]
    assert seated_once(plan.rounds[0], ids)
    assert plan.rounds[1:] == before.rounds[1:]
    assert person in people_at(tab, 4)
    assert tab.tree.topLevelItem(4).text(0) == "Table 5 — 5 people"
    assert editor.undo_stack.count() == steps + 1
    editor.undo_action.trigger()
    assert read_event(path).tables == before


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
    tab.budget = 30.0  # thirty thousand looks: Cancel stops it long before
    tab.generate_button.click()
    tab.cancel()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    assert len(read_event(path).tables.rounds) == 8
    assert "stopped early" in tab.figures.text()


def test_the_planner_searches_for_the_budget_on_the_clock_it_is_given(qtbot: QtBot) -> None:
    events = [demo_event()]
    tab = TablesTab(
        lambda: events[-1],
        lambda after, _text: events.append(after),
        budget=50.0,
        clock=FakeClock(0.0, step=1.0),  # each look a second later
    )
    qtbot.addWidget(tab)
    tab.show_event(events[-1])
    tab.rounds.setValue(8)  # 24 people, 8 rounds of 4: some must meet again, so it searches on
    tab.by.setCurrentIndex(0)
    tab.count.setValue(4)
    tab.generate()
    tab.wait()
    qtbot.waitUntil(lambda: tab.generate_button.isEnabled(), timeout=20_000)
    assert len(events) == 2 and len(events[-1].tables.rounds) == 8
    # fifty looks and the last reading: on the real clock, or the default budget, it isn't 51
    assert "found in 51.0 s." in tab.figures.text()


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


def test_alt_right_twice_moves_a_person_on_two_tables(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, path = setup
    tab = generated(qtbot, editor)
    person = people_at(tab, 0)[0]
    tab.tree.topLevelItem(0).child(0).setSelected(True)
    tab.tree.setFocus()
    QTest.keyClick(tab.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert [str(i.data(0, Qt.ItemDataRole.UserRole)) for i in tab.tree.selectedItems()] == [person]
    QTest.keyClick(tab.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert person in read_event(path).tables.rounds[0][2]
    assert tab.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == person


def test_the_editor_fits_a_1280_pixel_screen_on_the_tables_tab(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, editor, _ = setup
    generated(qtbot, editor)
    assert editor.minimumSizeHint().width() <= 1280
    editor.resize(1280, 720)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.width() <= 1280
    editor.grab().save(str(ARTIFACTS / "tables_tab_1280.png"))


def test_a_world_cafe_agenda_says_how_to_name_the_hosts(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from desktop.store.templates import load_template

    _, editor, _ = setup
    tab = editor.tables_tab
    assert tab.hosts_hint.isHidden()
    tab.show_event(load_template("world-cafe"))
    assert not tab.hosts_hint.isHidden() and "Ctrl+Shift+H" in tab.hosts_hint.text()


def test_a_room_that_must_repeat_is_explained_before_planning(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """24 people in tables of 6 for 4 rounds: four tables can't take a table of six apart
    again without doubling up. The tab says so as the numbers are set, and after planning
    says the plan is as fair as the room allows."""
    _, editor, _ = setup
    tab = editor.tables_tab
    editor.tabs.setCurrentWidget(tab)
    tab.by.setCurrentIndex(0)
    tab.count.setValue(4)
    tab.rounds.setValue(4)
    assert tab.advice.isHidden()
    tab.count.setValue(6)
    assert not tab.advice.isHidden()
    assert tab.advice.text() == (
        "ℹ 24 people in tables of 6 for 4 rounds: some pairs must meet twice; "
        "with 5 tables of 5 nobody would."
    )
    tab = generated(qtbot, editor, rounds=4, size=6)
    assert "no pair meets more than twice; that is the least this room allows" in (
        tab.figures.text()
    )
    tab.count.setValue(5)
    assert tab.advice.isHidden()


def test_a_hand_move_draws_the_round_once(setup, qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Refilling the round list redrew the round at every item (three times a move: 45 ms of
    the 52 a move took at 300 people); now the move re-scores and draws once."""
    _, editor, _ = setup
    tab = generated(qtbot, editor)
    drawn: list[int] = []
    original = tab._show_round
    monkeypatch.setattr(tab, "_show_round", lambda: (drawn.append(1), original())[1])
    tab.tree.topLevelItem(0).child(0).setSelected(True)
    tab.move_selected(1)
    assert len(drawn) == 1
