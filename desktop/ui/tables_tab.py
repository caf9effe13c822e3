"""The editor's Tables tab: plan who sits where for each round, adjust by hand, set the rules.

Generate runs the planner (desktop.core.table_plan) in a worker thread with progress and a
Cancel button; every change (a new plan, a person dragged to another table, a table locked,
a rule added) is one undoable edit of the event, saved like any other edit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from msgspec.structs import replace
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import planner
from desktop.core.model import Event, Participant, Pin, TableMode, TablePlan
from desktop.core.seating import seating, table_label
from desktop.core.table_plan import (
    MAX_ROUNDS,
    Planned,
    add_late_arrival,
    figures_in_words,
    figures_of,
    hosts_wanted,
    make_plan,
    move_person,
    remove_absentee,
    room_advice,
)
from desktop.ui.background import Job
from desktop.ui.widgets.keys import key_button, shortcut

PERSON = Qt.ItemDataRole.UserRole  # a person row holds their id; a table row its index
BUDGET_SECONDS = 10.0  # the planner's time to search, on `clock`
BY_SIZE, BY_COUNT = "size", "tables"


class PlanTree(QTreeWidget):
    """Tables and their people; drop a person on a table (or anyone at it) to move them."""

    moved = Signal(list, int)  # person ids, table index: one edit

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setHeaderLabels(["Table (tick to lock) / name", "Organisation", "Sector"])
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAccessibleName("Tables in this round")

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.itemAt(event.position().toPoint())
        dragged = [i for i in self.selectedItems() if i.parent() is not None]
        event.ignore()  # the tree is redrawn from the event; Qt must not move items itself
        if target is None or not dragged:
            return
        parent = target.parent()
        table = target if parent is None else parent
        index = int(table.data(0, PERSON))
        people = [str(item.data(0, PERSON)) for item in dragged]
        # The move redraws the tree: not while Qt is still inside this drop and its items.
        QTimer.singleShot(0, lambda: self.moved.emit(people, index))


class TablesTab(QWidget):
    """Needs the editor's working event and its `change(after, text)` for undoable edits.

    The planner searches for `budget` seconds as `clock` counts them (tests pass a fake clock
    that moves on at each reading, so a budget is a number of steps, not a wait).
    """

    def __init__(
        self,
        working: Callable[[], Event | None],
        change: Callable[[Event, str], None],
        *,
        budget: float = BUDGET_SECONDS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__()
        self._working, self._change = working, change
        self.budget, self.clock = budget, clock
        self._job: Job | None = None
        self._stop = threading.Event()
        self._seed = 0
        self.setAccessibleName("Tables")

        self.rounds = QSpinBox()
        self.rounds.setRange(1, MAX_ROUNDS)
        self.rounds.setValue(3)
        self.rounds.setAccessibleName("Rounds")
        self.by = QComboBox()
        self.by.addItem("people per table", BY_SIZE)
        self.by.addItem("tables", BY_COUNT)
        self.by.setAccessibleName("Seat by")
        self.count = QSpinBox()
        self.count.setRange(2, 500)
        self.count.setValue(6)
        self.count.setAccessibleName("People per table or number of tables")
        self.mode = QComboBox()
        self.mode.addItem("Mixed tables: new faces, sectors mixed, colleagues apart", "mix")
        self.mode.addItem("1:1 pairs: public sector with voluntary sector", "pairs")
        self.mode.setAccessibleName("Kind of plan")
        self.generate_button = QPushButton("&Generate plan  (Ctrl+G)")
        self.generate_button.setAccessibleName("Generate plan")
        self.generate_button.clicked.connect(self.generate)
        self.retry_button = QPushButton("Try a&nother  (Ctrl+Shift+G)")
        self.retry_button.setAccessibleName("Try another plan")
        self.retry_button.clicked.connect(self.try_another)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel planning")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Planning progress")
        self.progress.setRange(0, 100)
        # Shown only while planning, and saying what it is: an empty bar beside Cancel read as
        # an unlabelled text box (issue 22).
        self.progress.setFormat("Planning… %p%")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.figures = QLabel("No plan yet: set the rounds and table size, then Generate.")
        self.figures.setAccessibleName("How good the plan is")
        self.figures.setWordWrap(True)
        self.advice = QLabel("")
        self.advice.setAccessibleName("Why some pairs must meet again")
        self.advice.setWordWrap(True)
        self.advice.hide()
        for signal in (
            self.rounds.valueChanged,
            self.count.valueChanged,
            self.by.currentIndexChanged,
            self.mode.currentIndexChanged,
        ):
            signal.connect(self._show_advice)
        self.hosts_hint = QLabel(
            "ℹ This agenda has table hosts who stay put. Generate a plan, pick one host at each "
            "table and press Host: stays at this table (Ctrl+Shift+H), then Generate again: "
            "everyone else moves round them."
        )
        self.hosts_hint.setAccessibleName("Table hosts")
        self.hosts_hint.setWordWrap(True)
        self.hosts_hint.hide()

        self.round_choice = QComboBox()
        self.round_choice.setAccessibleName("Round shown")
        self.round_choice.currentIndexChanged.connect(lambda _: self._show_round())
        self.tree = PlanTree()
        self.tree.moved.connect(self._moved)
        self.tree.itemChanged.connect(self._lock_toggled)
        self.unseated = QLabel("")
        self.unseated.setAccessibleName("People not seated")
        self.unseated.setWordWrap(True)
        self.unseated.setTextFormat(Qt.TextFormat.PlainText)  # people's names as written
        self.rules = QListWidget()
        self.rules.setAccessibleName("Seating rules")
        self.rules.setMaximumHeight(110)

        form = QFormLayout()
        size_box = QWidget()
        size_row = QHBoxLayout(size_box)
        size_row.setContentsMargins(0, 0, 0, 0)
        size_row.addWidget(self.count)
        size_row.addWidget(self.by)
        size_row.addStretch(1)
        for spin in (self.rounds, self.count):
            spin.setMaximumWidth(90)
        self.by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.addRow("&Rounds:", self.rounds)
        seat_label = QLabel("&Seat:")
        seat_label.setBuddy(self.count)
        form.addRow(seat_label, size_box)
        form.addRow("&Kind:", self.mode)
        run_row = QHBoxLayout()
        for w in (self.generate_button, self.retry_button, self.cancel_button):
            run_row.addWidget(w)
        run_row.addWidget(self.progress, 1)

        actions = QGridLayout()  # three to a row: the tab fits a 1280-pixel laptop screen
        for i, (text, keys, slot) in enumerate(
            (
                ("Move to previous table", "Alt+Left", lambda: self.move_selected(-1)),
                ("Move to next table", "Alt+Right", lambda: self.move_selected(1)),
                ("Keep apart", "Ctrl+Shift+K", self.keep_apart),
                ("Keep together", "Ctrl+Shift+T", self.keep_together),
                ("Host: stays at this table", "Ctrl+Shift+H", self.pin_selected),
                ("Absent from this round on", "Ctrl+Shift+B", self.mark_absent),
                ("Seat late arrivals", "Ctrl+Shift+L", self.seat_late_arrivals),
            )
        ):
            actions.addWidget(key_button(self, text, keys, slot), i // 3, i % 3)
        shortcut(self, "Ctrl+Shift+G", self.try_another, text="Try another plan")
        shortcut(
            self.rules,
            Qt.Key.Key_Delete,
            self.remove_rule,
            text="Remove rule",
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        shortcut(self, "Ctrl+G", self.generate, text="Generate plan")
        remove_rule = QPushButton("Remove rule  (Delete)")
        remove_rule.setAccessibleName("Remove the selected rule")
        remove_rule.clicked.connect(self.remove_rule)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.figures)
        layout.addWidget(self.advice)
        layout.addWidget(self.hosts_hint)
        round_row = QHBoxLayout()
        shown_label = QLabel("Round sho&wn:")
        shown_label.setBuddy(self.round_choice)
        round_row.addWidget(shown_label)
        round_row.addWidget(self.round_choice)
        round_row.addStretch(1)
        layout.addLayout(round_row)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.unseated)
        layout.addLayout(actions)
        rules_row = QHBoxLayout()
        rules_row.addWidget(self.rules, 1)
        rules_row.addWidget(remove_rule, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(rules_row)
        self._filling = False

    # ------------------------------------------------------------------ showing

    def show_event(self, event: Event) -> None:
        plan = event.tables
        self._filling = True
        try:
            if plan.rounds:
                self.rounds.setValue(len(plan.rounds))
            if plan.tables:
                self.by.setCurrentIndex(1)
                self.count.setValue(plan.tables)
            elif plan.size:
                self.by.setCurrentIndex(0)
                self.count.setValue(plan.size)
            self.mode.setCurrentIndex(1 if plan.mode is TableMode.PAIRS else 0)
            keep = self.round_choice.currentIndex()
            # quietly: each change would redraw the round (three redraws a hand move at 300
            # people, 50 ms); it is drawn once below
            self.round_choice.blockSignals(True)
            self.round_choice.clear()
            for r in range(len(plan.rounds)):
                self.round_choice.addItem(f"Round {r + 1}", r)
            if plan.rounds:
                self.round_choice.setCurrentIndex(min(max(keep, 0), len(plan.rounds) - 1))
        finally:
            self.round_choice.blockSignals(False)
            self._filling = False
        self._show_round()
        self._show_rules(event)
        self.figures.setText(
            figures_in_words(figures_of(event)) + "."
            if plan.rounds
            else "No plan yet: set the rounds and table size, then Generate."
        )
        self.hosts_hint.setVisible(hosts_wanted(event))
        self._show_advice()

    def _show_advice(self) -> None:
        """Before planning: say so when the room set up can't be seated without repeats, and
        what would be (the nearest table size or count, or fewer rounds)."""
        event = self._working()
        if self._filling or event is None:
            return
        by_size = self.by.currentData() == BY_SIZE
        count = self.count.value()
        advice = room_advice(
            len(event.participants),
            self.rounds.value(),
            size=count if by_size else None,
            tables=None if by_size else count,
            pairs=self.mode.currentData() == "pairs",
        )
        self.advice.setText(f"ℹ {advice}." if advice else "")
        self.advice.setVisible(bool(advice))

    def _round(self) -> int:
        return max(0, self.round_choice.currentIndex())

    def _show_round(self) -> None:
        event = self._working()
        self._filling = True
        try:
            self.tree.clear()
            if event is None or not event.tables.rounds:
                self.unseated.setText("")
                return
            r = self._round()
            locked = set(event.tables.locked)
            pinned = {pin.person for pin in event.tables.pinned}
            for t, seat in enumerate(seating(event, r)):
                sectors = len({p.sector for p in seat.people if p.sector})
                table = QTreeWidgetItem(
                    [f"{seat.label} — {len(seat.people)} people", "", f"{sectors} sectors"]
                )
                table.setData(0, PERSON, t)
                table.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsDropEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                table.setCheckState(
                    0,
                    Qt.CheckState.Checked if (r + 1, t + 1) in locked else Qt.CheckState.Unchecked,
                )
                table.setToolTip(0, "Tick to lock this table: a new plan keeps it as it is")
                for person in seat.people:
                    host = " (host)" if person.id in pinned else ""
                    row = QTreeWidgetItem([person.name + host, person.organisation, person.sector])
                    row.setData(0, PERSON, person.id)
                    row.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsDragEnabled
                    )
                    table.addChild(row)
                self.tree.addTopLevelItem(table)
            self.tree.expandAll()
            for column in range(3):
                self.tree.resizeColumnToContents(column)
            seated = {i for table in event.tables.rounds[r] for i in table}
            missing = [p.name for p in event.participants if p.id not in seated]
            self.unseated.setText(
                f"Not seated in round {r + 1}: {', '.join(missing)} — "
                "Seat late arrivals puts them at the smallest tables without moving anyone."
                if missing
                else ""
            )
        finally:
            self._filling = False

    def _show_rules(self, event: Event) -> None:
        names = {p.id: p.name for p in event.participants}
        self.rules.clear()
        plan = event.tables
        for kind, groups in (
            ("Keep apart", plan.keep_apart),
            ("Keep together", plan.keep_together),
        ):
            for i, group in enumerate(groups):
                item = QListWidgetItem(f"{kind}: {', '.join(names.get(p, p) for p in group)}")
                item.setData(PERSON, (kind, i))
                self.rules.addItem(item)
        for i, pin in enumerate(plan.pinned):
            item = QListWidgetItem(
                f"Host: {names.get(pin.person, pin.person)} stays at {table_label(pin.table - 1)}"
            )
            item.setData(PERSON, ("Host", i))
            self.rules.addItem(item)
        if not self.rules.count():
            hint = QListWidgetItem(
                "No seating rules. Select people above, then Keep apart, Keep together or Host."
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.rules.addItem(hint)

    # ------------------------------------------------------------------ planning

    def generate(self) -> None:
        self._seed_and_run(self._seed)

    def try_another(self) -> None:
        self._seed += 1
        self._seed_and_run(self._seed)

    def _seed_and_run(self, seed: int) -> None:
        event = self._working()
        if event is None or (self._job is not None and self._job.running):
            return
        rounds, count = self.rounds.value(), self.count.value()
        by_size = self.by.currentData() == BY_SIZE
        mode = TableMode(self.mode.currentData())
        budget, clock = self.budget, self.clock
        self._stop.clear()

        def plan(report: Callable[[tuple[float, planner.Figures]], None]) -> Planned:
            return make_plan(
                event,
                rounds,
                size=count if by_size else None,
                tables=None if by_size else count,
                mode=mode,
                seed=seed,
                budget=budget,
                clock=clock,
                progress=lambda fraction, figures: report((fraction, figures)),
                cancelled=self._stop.is_set,
            )

        self.generate_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.figures.setText("Planning…")
        job = Job(self, plan, failure="The plan could not be made", said=(planner.PlanError,))
        job.progress.connect(self._progress)
        job.done.connect(self._planned)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self._job = job
        job.start()

    def cancel(self) -> None:
        """Stop planning; the best plan found so far is kept."""
        self._stop.set()

    def wait(self) -> None:
        """Until planning has finished and its plan is shown (closing, tests)."""
        if self._job is not None:
            self._job.wait()

    def _progress(self, report: tuple[float, planner.Figures]) -> None:
        fraction, figures = report
        self.progress.setValue(int(fraction * 100))
        self.figures.setText(f"Planning… best so far: {figures_in_words(figures)}.")

    def _planned(self, planned: Planned) -> None:
        event = self._working()
        if event is None:
            return
        self.progress.setValue(100)
        stopped = " (stopped early: the best plan so far)" if planned.cancelled else ""
        self._change(replace(event, tables=planned.plan), "New table plan")
        self.figures.setText(
            f"{figures_in_words(planned.figures)}; found in {planned.seconds:.1f} s{stopped}."
        )

    def _failed(self, message: str) -> None:
        self.figures.setText(f"⚠ {message}")

    def _finished(self) -> None:
        self.generate_button.setEnabled(True)
        self.retry_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    # ------------------------------------------------------------------ hand edits

    def _selected_people(self) -> list[str]:
        return [str(i.data(0, PERSON)) for i in self.tree.selectedItems() if i.parent()]

    def _edit_plan(self, plan: TablePlan, text: str) -> None:
        event = self._working()
        if event is not None and plan != event.tables:
            self._change(replace(event, tables=plan), text)

    def _moved(self, people: list[str], table: int) -> None:
        self._move(people, lambda here: table)
        self._reselect(people)

    def move_selected(self, step: int) -> None:
        people = self._selected_people()
        self._move(people, lambda here: here + step)
        self._reselect(people)

    def _move(self, people: list[str], where: Callable[[int], int]) -> None:
        """Move people in the shown round, each to the table `where(their table)` (wrapping
        round), as one undoable edit."""
        event = self._working()
        if event is None or not event.tables.rounds:
            return
        r = self._round()
        for person_id in people:
            tables = event.tables.rounds[r]
            here = next((t for t, table in enumerate(tables) if person_id in table), None)
            if here is not None:
                there = where(here) % len(tables)
                event = replace(event, tables=move_person(event, r, person_id, there))
        self._edit_plan(event.tables, "Move to table")

    def _reselect(self, people: list[str]) -> None:
        """After a redraw: the people just moved selected again (so the keys can move them on)
        and the first of them current and in view."""
        wanted = set(people)
        first: QTreeWidgetItem | None = None
        tables = (self.tree.topLevelItem(t) for t in range(self.tree.topLevelItemCount()))
        for table in (t for t in tables if t is not None):
            for c in range(table.childCount()):
                item = table.child(c)
                if item is not None and str(item.data(0, PERSON)) in wanted:
                    if first is None:
                        first = item
                        self.tree.setCurrentItem(item)  # clears the rest of the selection
                    item.setSelected(True)
        if first is not None:
            self.tree.scrollToItem(first)
        self.tree.setFocus()

    def _lock_toggled(self, item: QTreeWidgetItem, column: int) -> None:
        event = self._working()
        if self._filling or event is None or item.parent() is not None or column != 0:
            return
        key = (self._round() + 1, int(item.data(0, PERSON)) + 1)
        locked = [k for k in event.tables.locked if k != key]
        if item.checkState(0) == Qt.CheckState.Checked:
            locked.append(key)
        text = "Lock table" if key in locked else "Unlock table"
        plan = replace(event.tables, locked=tuple(sorted(locked)))
        # The edit redraws the tree, deleting `item`, which Qt is still inside: after it.
        QTimer.singleShot(0, lambda: self._edit_plan(plan, text))

    def _add_group(self, field: str, text: str) -> None:
        event = self._working()
        people = self._selected_people()
        if event is None or len(people) < 2:
            self.figures.setText(f"Select two or more people (Ctrl+click) to {text.lower()}.")
            return
        groups = (*getattr(event.tables, field), tuple(people))
        self._edit_plan(replace(event.tables, **{field: groups}), text)

    def keep_apart(self) -> None:
        self._add_group("keep_apart", "Keep apart")

    def keep_together(self) -> None:
        self._add_group("keep_together", "Keep together")

    def pin_selected(self) -> None:
        event = self._working()
        if event is None or not event.tables.rounds:
            return
        tables = event.tables.rounds[self._round()]
        pins = {pin.person: pin for pin in event.tables.pinned}
        for person_id in self._selected_people():
            table = next(t for t, members in enumerate(tables) if person_id in members)
            pins[person_id] = Pin(person=person_id, table=table + 1)
        self._edit_plan(replace(event.tables, pinned=tuple(pins.values())), "Table host")

    def remove_rule(self) -> None:
        event, item = self._working(), self.rules.currentItem()
        if event is None or item is None:
            return
        if item.data(PERSON) is None:  # the hint shown when there are no rules
            return
        kind, index = item.data(PERSON)
        plan = event.tables
        if kind == "Keep apart":
            plan = replace(plan, keep_apart=plan.keep_apart[:index] + plan.keep_apart[index + 1 :])
        elif kind == "Keep together":
            together = plan.keep_together
            plan = replace(plan, keep_together=together[:index] + together[index + 1 :])
        else:
            plan = replace(plan, pinned=plan.pinned[:index] + plan.pinned[index + 1 :])
        self._edit_plan(plan, "Remove rule")

    def mark_absent(self) -> None:
        event = self._working()
        if event is None:
            return
        for person_id in self._selected_people():
            event = replace(event, tables=remove_absentee(event, person_id, self._round()))
        self._edit_plan(event.tables, "Absent")

    def seat_late_arrivals(self) -> None:
        event = self._working()
        if event is None or not event.tables.rounds:
            return
        r = self._round()
        seated = {i for table in event.tables.rounds[r] for i in table}
        late: list[Participant] = [p for p in event.participants if p.id not in seated]
        for person in late:
            event = replace(event, tables=add_late_arrival(event, person.id, r))
        self._edit_plan(event.tables, "Seat late arrivals")
