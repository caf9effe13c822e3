"""The app's QSettings seen as typed values with their defaults: `Preferences` is the one place
that knows the keys. The console, the room display, the handout dialog's paper, the tables tab's
size and the file dialogs read their defaults through it; the Settings dialog
(`ui/dialogs/settings.py`) edits them. No widgets here, so the console loads it at start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings

from desktop.paths import data_dir

THEMES = (("light", "Light: dark text on white"), ("dark", "Dark: light text on near-black"))
PAPERS = (("a4", "A4"), ("letter", "Letter"))
TABLE_SIZES = (2, 50)
DEFAULT_TABLE_SIZE = 6
DEMO_NAME = "demo.room"


def local_paper() -> str:
    """Letter where the system's locale uses it (the US, Canada), A4 everywhere else."""
    locale = QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "letter"
    if locale.territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada):
        return "letter"
    return "a4"


class Preferences:
    """The settings the user can change, typed, with their defaults, over one QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # The keys `display/screen`, `display/theme`, `display/flash` and `sound/muted` are the
    # ones the console and the room display already use, so both stay in step.

    @property
    def screen(self) -> str:
        """The room display's screen by name; "" lets the app pick one that isn't the console's."""
        return str(self.settings.value("display/screen", "") or "")

    @screen.setter
    def screen(self, name: str) -> None:
        self.settings.setValue("display/screen", name)

    @property
    def theme(self) -> str:
        theme = str(self.settings.value("display/theme", "light"))
        return theme if theme in dict(THEMES) else "light"

    @theme.setter
    def theme(self, theme: str) -> None:
        self.settings.setValue("display/theme", theme if theme in dict(THEMES) else "light")

    @property
    def flash(self) -> bool:
        return bool(self.settings.value("display/flash", True, type=bool))

    @flash.setter
    def flash(self, on: bool) -> None:
        self.settings.setValue("display/flash", on)

    @property
    def quiet(self) -> bool:
        """Warnings toned down on the room display: no coloured screen, no pulse."""
        return bool(self.settings.value("display/quiet", False, type=bool))

    @quiet.setter
    def quiet(self, on: bool) -> None:
        self.settings.setValue("display/quiet", on)

    @property
    def chimes(self) -> bool:
        return not self.settings.value("sound/muted", False, type=bool)

    @chimes.setter
    def chimes(self, on: bool) -> None:
        self.settings.setValue("sound/muted", not on)

    @property
    def paper(self) -> str:
        paper = str(self.settings.value("handout/paper", "") or "")
        return paper if paper in dict(PAPERS) else local_paper()

    @paper.setter
    def paper(self, paper: str) -> None:
        self.settings.setValue("handout/paper", paper)

    @property
    def table_size(self) -> int:
        value = self.settings.value("tables/size", DEFAULT_TABLE_SIZE)
        try:
            size = int(str(value))
        except ValueError:
            return DEFAULT_TABLE_SIZE
        low, high = TABLE_SIZES
        return int(min(max(size, low), high))

    @table_size.setter
    def table_size(self, size: int) -> None:
        self.settings.setValue("tables/size", int(size))

    @property
    def folder(self) -> str:
        """The folder chosen for event files; "" for the default."""
        return str(self.settings.value("files/folder", "") or "")

    @folder.setter
    def folder(self, folder: str) -> None:
        self.settings.setValue("files/folder", folder)

    @property
    def show_welcome(self) -> bool:
        return bool(self.settings.value("welcome/show", True, type=bool))

    @show_welcome.setter
    def show_welcome(self, on: bool) -> None:
        self.settings.setValue("welcome/show", on)

    # ------------------------------------------------------------------ derived

    def chosen_folder(self) -> Path | None:
        """The events folder the user chose, if it is still there."""
        folder = self.folder
        if folder and Path(folder).is_dir():
            return Path(folder)
        return None

    def start_folder(self) -> Path:
        """Where the Open, New and Save dialogs start: the chosen folder, else the home folder."""
        return self.chosen_folder() or Path.home()

    def demo_path(self) -> Path:
        """Where the demo event lives: in the chosen folder, else in the user's data folder."""
        return (self.chosen_folder() or data_dir()) / DEMO_NAME
