"""The offline guide "Running your first session", shown inside the app (Help menu).

The text is Markdown in `resources/guide/first-session.md`, so it can be edited without code
and read as it is in a checkout; a QTextBrowser renders it, and follows no links out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.paths import resources_dir

GUIDE = Path("guide") / "first-session.md"


def guide_text() -> str:
    """The guide's Markdown, or a line saying where it should have been."""
    path = resources_dir() / GUIDE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# Running your first session\n\nThe guide is missing from this copy ({path})."


def headings(document: QTextDocument) -> list[str]:
    """The headings of a rendered document, in order (what a screen reader lists as landmarks)."""
    found = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            found.append(block.text())
        block = block.next()
    return found


class GuideWindow(QDialog):
    """A window with the guide; it stays open beside the console while you try things."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Running your first session — In the Room")
        self.setAccessibleName("Guide: running your first session")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide text")
        self.browser.setOpenLinks(False)  # offline: nothing here leaves the app
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 680)
        self.browser.setFocus()

    def headings(self) -> list[str]:
        return headings(self.browser.document())
