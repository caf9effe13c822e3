"""What the editor's tables share: the keys and buttons of a list, cells kept in place while
they are refilled, and fresh ids for new records."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTableWidget, QTableWidgetItem, QWidget

from desktop.ui.widgets.keys import key_button


def fresh_id(prefix: str, taken: Iterable[object]) -> str:
    """`prefix` and the first number from the count of `taken` up that no id has yet."""
    ids = {str(t) for t in taken}
    n = len(ids) + 1
    while f"{prefix}{n}" in ids:
        n += 1
    return f"{prefix}{n}"


def list_keys(
    owner: QWidget,
    what: str,
    add: Callable[[], None],
    duplicate: Callable[[], None],
    remove: Callable[[], None],
    move: Callable[[int], None],
    *,
    add_text: str = "&Add",
) -> QHBoxLayout:
    """The same keys and buttons for every list in the editor (the agenda, questions, …):
    each key works while focus is in `owner`, and each button names its key."""
    buttons = QHBoxLayout()
    for text, keys, slot in (
        (add_text, "Ctrl+Shift+A", add),
        ("D&uplicate", "Ctrl+D", duplicate),
        ("&Remove", "Ctrl+Delete", remove),
        ("Move &up", "Alt+Up", lambda: move(-1)),
        ("Move do&wn", "Alt+Down", lambda: move(1)),
    ):
        accessible = f"{text.replace('&', '')} ({what})"
        buttons.addWidget(key_button(owner, text, keys, slot, accessible=accessible))
    return buttons


def text_cell(
    table: QTableWidget, row: int, column: int, text: str, *, editable: bool = True
) -> None:
    """Set a cell's text, keeping the item (an editor open on it stays valid)."""
    item = table.item(row, column)
    if item is None:
        item = QTableWidgetItem(text)
        if not editable:
            item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        table.setItem(row, column, item)
    elif item.text() != text:
        item.setText(text)


def choice_cell(
    table: QTableWidget,
    row: int,
    column: int,
    name: str,
    options: list[tuple[str, str]],
    current: str,
    changed: Callable[[str], None],
) -> None:
    """A combo box in a cell, kept when its options are the same (focus and state stay)."""
    box = table.cellWidget(row, column)
    if (
        not isinstance(box, QComboBox)
        or [(box.itemData(i), box.itemText(i)) for i in range(box.count())] != options
    ):
        box = QComboBox()
        box.setAccessibleName(name)
        for value, words in options:
            box.addItem(words, value)
        box.currentIndexChanged.connect(lambda _=0, b=box: changed(str(b.currentData())))
        table.setCellWidget(row, column, box)
    box.blockSignals(True)
    box.setCurrentIndex(max(box.findData(current), 0))
    box.blockSignals(False)
