"""A message across the top of a window, worded so it never relies on its colour.

It may carry one button (a failing save offers *Save as…*), so the way out is where the problem
is said, not in a menu the user has to find under pressure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class Banner(QFrame):
    """One message at a time; `about` names what it is about, so fixing that clears it."""

    STYLES: ClassVar[dict[str, str]] = {
        "warning": "background:#fff4ce; color:#3b2f00; border:1px solid #8a6d00;",
        "error": "background:#fde7e9; color:#5c0011; border:1px solid #a4262c;",
        "info": "background:#e8f1fb; color:#0b2e4f; border:1px solid #1f4e79;",
    }
    PREFIX: ClassVar[dict[str, str]] = {
        "warning": "⚠ Recovered — ",
        "error": "✖ Problem — ",
        "info": "ℹ Updated — ",
    }

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names and reasons, never markup
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        self.button = QPushButton()
        self.button.hide()
        self.button.clicked.connect(self._act)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName("Message")
        self.about = ""
        self._action: Callable[[], object] | None = None
        self.hide()

    def say(
        self,
        kind: str,
        text: str,
        *,
        about: str = "",
        action: tuple[str, Callable[[], object]] | None = None,
        prefix: str | None = None,
    ) -> None:
        """Show a message, with a button when `action` is (its words, what it does)."""
        self.setStyleSheet(
            f"QFrame#banner {{ {self.STYLES[kind]} border-radius:4px; }}"
            f"QFrame#banner QLabel {{ {self.STYLES[kind]} border:none; }}"
        )
        self.label.setText((self.PREFIX[kind] if prefix is None else prefix) + text)
        self.label.setAccessibleDescription(self.label.text())
        self.setAccessibleDescription(self.label.text())
        self.about = about
        self._action = action[1] if action else None
        if action:
            self.button.setText(action[0])
            self.button.setAccessibleName(action[0].replace("&", "").rstrip("…"))
        self.button.setVisible(action is not None)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def clear_about(self, about: str) -> None:
        """Hide the message if it is about `about` (and was not replaced since)."""
        if not self.isHidden() and self.about == about:
            self.hide()

    def _act(self) -> None:
        if self._action is not None:
            self._action()
