"""A key that works while focus is in a widget, and a button that names that key.

Every list and panel offers its commands both ways (the editor's lists, the Tables tab, the
queue of notes from phones); this is the one way they are made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

WITH_CHILDREN = Qt.ShortcutContext.WidgetWithChildrenShortcut


def shortcut(
    owner: QWidget,
    keys: str | QKeySequence | Qt.Key,
    slot: Callable[[], object],
    *,
    text: str = "",
    context: Qt.ShortcutContext = WITH_CHILDREN,
) -> QAction:
    """`keys` run `slot` while focus is in `owner` (or only on it, with WidgetShortcut)."""
    action = QAction(text, owner)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(context)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def key_button(
    owner: QWidget,
    text: str,
    keys: str | QKeySequence | Qt.Key,
    slot: Callable[[], object],
    *,
    accessible: str = "",
    context: Qt.ShortcutContext = WITH_CHILDREN,
) -> QPushButton:
    """A shortcut on `owner` and a button "Text  (Key)" that triggers it."""
    action = shortcut(owner, keys, slot, text=text, context=context)
    shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    button = QPushButton(f"{text}  ({shown})")
    button.setAccessibleName(accessible or text.replace("&", ""))
    button.clicked.connect(action.trigger)
    return button
