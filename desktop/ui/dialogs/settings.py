"""Settings: the dialog that edits the preferences (File ▸ Settings…, Ctrl+,).

The typed values and their keys are `Preferences`, in `ui/preferences.py`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import data_dir
from desktop.ui.preferences import PAPERS, TABLE_SIZES, THEMES, Preferences


class SettingsDialog(QDialog):
    """Edits the preferences; OK writes them all (then `accepted`), Cancel writes nothing."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle("Settings — In the Room")
        self.setAccessibleName("Settings")

        # ---- the room display
        self.screen_box = QComboBox()
        self.screen_box.setAccessibleName("Screen for the room display")
        self.screen_box.addItem("Automatic: a screen that isn't the console's", "")
        for screen in QGuiApplication.screens():
            size = screen.geometry().size()
            self.screen_box.addItem(
                f"{screen.name()} ({size.width()}×{size.height()})", screen.name()
            )
        wanted = preferences.screen
        if wanted and self.screen_box.findData(wanted) < 0:
            self.screen_box.addItem(f"{wanted} (not connected now)", wanted)
        self.screen_box.setCurrentIndex(max(0, self.screen_box.findData(wanted)))
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName("Room display theme")
        for key, label in THEMES:
            self.theme_box.addItem(label, key)
        self.theme_box.setCurrentIndex(self.theme_box.findData(preferences.theme))
        self.flash_box = QCheckBox("Slow &flash at time's up")
        self.flash_box.setAccessibleName("Slow flash at time's up")
        self.flash_box.setChecked(preferences.flash)
        self.quiet_box = QCheckBox("To&ne down warnings: no coloured screen, no pulse")
        self.quiet_box.setAccessibleName("Tone down the room display's warnings")
        self.quiet_box.setChecked(preferences.quiet)
        display = QGroupBox("Room display")
        display_form = QFormLayout(display)
        display_form.addRow("&Screen:", self.screen_box)
        display_form.addRow("&Theme:", self.theme_box)
        display_form.addRow("", self.flash_box)
        display_form.addRow("", self.quiet_box)

        # ---- sounds
        self.chimes_box = QCheckBox("&Chimes at 2 minutes left and at time's up")
        self.chimes_box.setAccessibleName("Chimes")
        self.chimes_box.setChecked(preferences.chimes)
        sounds = QGroupBox("Sounds")
        QVBoxLayout(sounds).addWidget(self.chimes_box)

        # ---- handouts and tables
        self.paper_box = QComboBox()
        self.paper_box.setAccessibleName("Default paper size")
        for key, label in PAPERS:
            self.paper_box.addItem(label, key)
        self.paper_box.setCurrentIndex(self.paper_box.findData(preferences.paper))
        self.table_size_box = QSpinBox()
        self.table_size_box.setAccessibleName("Default people per table")
        self.table_size_box.setRange(*TABLE_SIZES)
        self.table_size_box.setSuffix(" people per table")
        self.table_size_box.setValue(preferences.table_size)
        planning = QGroupBox("Handouts and tables")
        planning_form = QFormLayout(planning)
        planning_form.addRow("&Paper:", self.paper_box)
        planning_form.addRow("Table si&ze:", self.table_size_box)

        # ---- files
        self.folder_edit = QLineEdit(preferences.folder)
        self.folder_edit.setAccessibleName("Folder for event files")
        self.folder_edit.setPlaceholderText(f"Your home folder (the demo stays in {data_dir()})")
        browse = QPushButton("C&hoose…")
        browse.setAccessibleName("Choose the folder for event files")
        browse.clicked.connect(self._choose_folder)
        default = QPushButton("&Default")
        default.setAccessibleName("Use the default folder")
        default.clicked.connect(self.folder_edit.clear)
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder_edit)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        folder_row.addWidget(default)
        backups = QLabel(
            "Open, New and Save start in this folder, and the demo event lives there. "
            "Backups: the last five versions of each event are kept beside its file "
            "(NAME.room.backup-…), so a copied folder takes them along."
        )
        backups.setWordWrap(True)
        backups.setAccessibleName("Where backups are kept")
        files = QGroupBox("Event files")
        files_layout = QVBoxLayout(files)
        files_layout.addLayout(folder_row)
        files_layout.addWidget(backups)

        self.welcome_box = QCheckBox("Show the &welcome screen at start")
        self.welcome_box.setAccessibleName("Show the welcome screen at start")
        self.welcome_box.setChecked(preferences.show_welcome)

        self.problem = QLabel("")
        self.problem.setAccessibleName("Settings problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color:#a4262c;")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        for widget in (display, sounds, planning, files, self.welcome_box, self.problem):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(660, 580)

    def _choose_folder(self) -> None:
        start = self.folder_edit.text() or str(self.preferences.start_folder())
        name = QFileDialog.getExistingDirectory(self, "Folder for event files", start)
        if name:
            self.folder_edit.setText(name)

    def accept(self) -> None:
        """Write every setting; a folder that isn't there keeps the dialog open, saying so."""
        folder = self.folder_edit.text().strip()
        if folder and not Path(folder).expanduser().is_dir():
            self.problem.setText(f"There is no folder at {folder}. Choose one that exists.")
            self.problem.show()
            self.folder_edit.setFocus()
            return
        prefs = self.preferences
        prefs.screen = str(self.screen_box.currentData())
        prefs.theme = str(self.theme_box.currentData())
        prefs.flash = self.flash_box.isChecked()
        prefs.quiet = self.quiet_box.isChecked()
        prefs.chimes = self.chimes_box.isChecked()
        prefs.paper = str(self.paper_box.currentData())
        prefs.table_size = self.table_size_box.value()
        prefs.folder = str(Path(folder).expanduser()) if folder else ""
        prefs.show_welcome = self.welcome_box.isChecked()
        prefs.settings.sync()
        super().accept()
