"""The facilitator's dot-vote and feedback controls: open a vote on the board's themes or a
typed list, close it, reveal the results on the room display, type counts from a flipchart,
and accept or reject the feedback forms phones send.

A window of its own (Room display ▸ Dot vote and feedback…, Ctrl+Shift+V); it sends commands to
the `VoteKeeper` (ui/votes.py) and redraws on its `changed`. Every control has a mnemonic.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import votes
from desktop.core.model import FeedbackAnswer, Vote, VoteState
from desktop.store.errors import StoreError
from desktop.ui.votes import VoteKeeper

ID = Qt.ItemDataRole.UserRole


class VotePanel(QDialog):
    """Open, close, reveal and count a dot-vote; moderate the feedback forms."""

    def __init__(self, keeper: VoteKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keeper = keeper
        self.setWindowTitle("Dot vote and feedback")
        self.setAccessibleName("Dot vote and feedback")
        self.resize(620, 720)

        start = QGroupBox("Open a vote")
        self.from_board = QRadioButton("&Themes on the board")
        self.from_list = QRadioButton("T&yped list, one a line")
        self.from_board.setChecked(True)
        self.board_label = QLabel()
        self.board_label.setWordWrap(True)
        self.board_label.setTextFormat(Qt.TextFormat.PlainText)  # themes are what people typed
        self.typed = QPlainTextEdit()
        self.typed.setAccessibleName("Options, one a line")
        self.typed.setPlaceholderText("Trust\nTime to build relationships\nShared purpose")
        self.typed.setMaximumHeight(110)
        self.typed.textChanged.connect(lambda: self.from_list.setChecked(True))
        self.title = QLineEdit(votes.VOTE_TITLE)
        self.title.setAccessibleName("Question for the vote")
        self.dots = QSpinBox()
        self.dots.setRange(1, votes.MAX_DOTS)
        self.dots.setValue(votes.DEFAULT_DOTS)
        self.dots.setAccessibleName("Dots each")
        self.open_button = QPushButton("&Open vote")
        self.open_button.clicked.connect(self.open_vote)
        form = QFormLayout(start)
        form.addRow(self.from_board)
        form.addRow(self.board_label)
        form.addRow(self.from_list)
        form.addRow(self.typed)
        form.addRow("&Question", self.title)
        form.addRow("&Dots each", self.dots)
        form.addRow(self.open_button)
        for field in (self.title, self.dots):
            if isinstance(label := form.labelForField(field), QLabel):
                label.setBuddy(field)

        now = QGroupBox("This vote")
        self.status = QLabel("No vote yet.")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Vote status")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Theme", "Phones", "Typed", "Total"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Results so far, most dots first")
        self.save_counts = QPushButton("Save typed &counts")
        self.save_counts.clicked.connect(self.save_typed)
        self.close_button = QPushButton("C&lose vote")
        self.close_button.clicked.connect(self.close_vote)
        self.reveal_button = QPushButton("&Reveal results")
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.on_screen = QCheckBox("&Show on the room display")
        self.on_screen.toggled.connect(keeper.show_on_display)
        buttons = QHBoxLayout()
        for button in (self.close_button, self.reveal_button, self.save_counts):
            buttons.addWidget(button)
        column = QVBoxLayout(now)
        column.addWidget(self.status)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.on_screen)

        forms = QGroupBox("Feedback forms from phones")
        self.forms = QListWidget()
        self.forms.setAccessibleName("Feedback forms waiting")
        self.forms.setWordWrap(True)
        self.accept_button = QPushButton("&Accept")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton("Re&ject")
        self.reject_button.clicked.connect(lambda: self.decide(False))
        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.reject_button)
        decide.addStretch(1)
        column = QVBoxLayout(forms)
        column.addWidget(self.forms, 1)
        column.addLayout(decide)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet("color:#a4161a; font-weight:600;")
        layout = QVBoxLayout(self)
        layout.addWidget(start)
        layout.addWidget(now, 2)
        layout.addWidget(forms, 1)
        layout.addWidget(self.problem)
        keeper.changed.connect(self.refresh)
        keeper.displayChanged.connect(self._display_changed)
        keeper.room.notesChanged.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ commands

    def open_vote(self) -> None:
        event = self.keeper.room.current_event
        if self.from_board.isChecked():
            options = votes.board_themes(event) if event is not None else ()
        else:
            options = votes.options_from_text(self.typed.toPlainText())
        self._try(lambda: self.keeper.open_vote(options, self.dots.value(), self.title.text()))

    def close_vote(self) -> None:
        self._try(self.keeper.close_vote)

    def toggle_reveal(self) -> None:
        vote = self.keeper.current()
        shown = vote is not None and not vote.revealed
        self._try(lambda: self.keeper.reveal(shown))

    def save_typed(self) -> None:
        vote = self.keeper.current()
        if vote is None:
            return
        counts: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 2)
            name = self.table.item(row, 0)
            if isinstance(box, QSpinBox) and name is not None:
                counts[name.text()] = box.value()
        self._try(lambda: self.keeper.set_counts(counts))

    def decide(self, accept: bool) -> None:
        item = self.forms.currentItem()
        if item is None:
            return
        answer_id = str(item.data(ID))
        self._try(lambda: self.keeper.decide(answer_id, accept))

    def _try(self, command: object) -> None:
        try:
            command()  # type: ignore[operator]
        except (votes.VoteError, StoreError) as exc:
            self.problem.setText(getattr(exc, "message", str(exc)))
            return
        self.problem.clear()
        self.refresh()

    def _display_changed(self, shown: bool) -> None:
        self.on_screen.blockSignals(True)
        self.on_screen.setChecked(shown)
        self.on_screen.blockSignals(False)

    # ------------------------------------------------------------------ drawing

    def refresh(self) -> None:
        event = self.keeper.room.current_event
        themes = votes.board_themes(event) if event is not None else ()
        self.board_label.setText(
            ", ".join(themes) if themes else "No themes on the board yet: type a list instead."
        )
        vote = self.keeper.current()
        self._display_changed(self.keeper.on_display)
        has = vote is not None
        is_open = has and vote.state is VoteState.OPEN  # type: ignore[union-attr]
        self.close_button.setEnabled(is_open)
        self.save_counts.setEnabled(is_open)
        self.reveal_button.setEnabled(has)
        self.on_screen.setEnabled(has)
        if vote is None:
            self.status.setText("No vote yet.")
            self.table.setRowCount(0)
        else:
            state = "Open" if is_open else "Closed"
            shown = " · results revealed" if vote.revealed else ""
            self.status.setText(
                f"{vote.title} — {state} · {votes.voted(vote)} voted · "
                f"{votes.total_dots(vote)} dots · {vote.dots} each{shown}"
            )
            self.reveal_button.setText("Hide &results" if vote.revealed else "&Reveal results")
            self._fill_table(vote)
        self._fill_forms(self.keeper.waiting())

    def _fill_table(self, vote: Vote) -> None:
        rows = votes.results(vote)
        typed_before = {
            self.table.item(r, 0).text(): w.value()  # type: ignore[union-attr]
            for r in range(self.table.rowCount())
            if isinstance(w := self.table.cellWidget(r, 2), QSpinBox)
            and self.table.item(r, 0) is not None
        }
        self.table.setRowCount(len(rows))
        for i, result in enumerate(rows):
            for column, value in (
                (0, result.option),
                (1, str(result.dots)),
                (3, str(result.total)),
            ):
                self.table.setItem(i, column, QTableWidgetItem(value))
            box = QSpinBox()
            box.setRange(0, votes.MAX_COUNT)
            box.setValue(result.typed or typed_before.get(result.option, 0))
            box.setAccessibleName(f"Dots typed for {result.option}")
            box.setEnabled(vote.state is VoteState.OPEN)
            self.table.setCellWidget(i, 2, box)

    def _fill_forms(self, waiting: list[FeedbackAnswer]) -> None:
        current = self.forms.currentItem()
        keep = current.data(ID) if current is not None else None
        self.forms.clear()
        for answer in waiting:
            item = QListWidgetItem(describe_form(answer))
            item.setData(ID, answer.id)
            self.forms.addItem(item)
            if answer.id == keep:
                self.forms.setCurrentItem(item)
        if self.forms.currentItem() is None and self.forms.count():
            self.forms.setCurrentRow(0)
        self.accept_button.setEnabled(bool(waiting))
        self.reject_button.setEnabled(bool(waiting))


def describe_form(answer: FeedbackAnswer) -> str:
    parts = [f"Rating {answer.rating} of 5" if answer.rating else "No rating"]
    if answer.found:
        parts.append(f"Found today: {answer.found}")
    if answer.change:
        parts.append(f"Would change: {answer.change}")
    return " · ".join(parts)
