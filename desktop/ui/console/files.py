"""The console's file actions: open, new, save as, recent files, event documents, the roster.

Event documents are read and written by the store (`store/documents.py`), as the command line
does; this module only asks and says what happened.
Problems are said in the console's banner, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow

from desktop.core import document
from desktop.store.documents import WriteError, read_document, write_document
from desktop.store.errors import StoreError
from desktop.store.eventfile import EventFile
from desktop.ui.preferences import Preferences
from desktop.ui.room import save_words

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel, QMenu

    from desktop.ui.handoff import HandoffServer
    from desktop.ui.room import Room
    from desktop.ui.widgets.banner import Banner

    _Window = QMainWindow
else:
    _Window = object

Opener = Callable[[Path], EventFile]
OPEN_FIRST = "Open an event first (Ctrl+O)."


class FileActions(_Window):
    """The File menu's work, mixed into the console window (which gives it these)."""

    RECENT = 8
    room: Room
    settings: QSettings
    handoff: HandoffServer
    banner: Banner
    recent_menu: QMenu
    saved_label: QLabel
    _opener: Opener

    # ------------------------------------------------------------------ opening and closing

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open an event", str(self._start_folder()), "Event files (*.room)"
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path | str) -> bool:
        """Open an event file in this window; a problem is shown, never raised."""
        path = Path(path)
        try:
            file = self._opener(path)
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        if not self.close_event_file():
            file.close(save=False)
            return False
        notices = file.notices()  # recovered, kept from a crash, brought up to date, read-only
        if notices:
            kind = "warning" if any(k == "warning" for k, _ in notices) else "info"
            self.banner.say(kind, "\n".join(text for _, text in notices), about="open")
        else:
            self.banner.hide()
        self.room.load_file(file)
        self.handoff.listen(path)
        self._remember(path)
        self.statusBar().showMessage(f"Opened {path}")
        return True

    def open_demo(self) -> bool:
        """The demo event (made on first use where Settings says the demo lives), opened."""
        path = Preferences(self.settings).demo_path()
        if not path.exists():
            from desktop.store.templates import demo_event_with_plan  # to make it, once

            try:
                EventFile.create(path, demo_event_with_plan()).close()
            except StoreError as exc:
                self.banner.say("error", str(exc))
                return False
        return self.open_path(path)

    @property
    def file(self) -> EventFile | None:
        return self.room.file

    def close_event_file(self) -> bool:
        """Save and give back the open file; False (and the reason shown) if it can't be saved."""
        file = self.room.file
        if file is None:
            return True
        try:
            file.close()
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        self.room.unload()
        self.handoff.close()
        return True

    def _save_failed(self, reason: str) -> None:
        self.banner.say(
            "error",
            f"{reason} Everything is kept in memory and saving is tried again; notes marked ✖ "
            "are not on disk. To keep working safely, save to another folder or USB stick.",
            about="save",
            action=("Save &as…", self.save_as),
        )
        self.saved_label.setText("✖ Not saved — retrying")

    def _save_recovered(self) -> None:
        self.banner.clear_about("save")
        self.saved_label.setText(save_words(True))

    def _save_state(self, saved: bool) -> None:
        self.saved_label.setText(save_words(saved))

    # ------------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        names = (
            [value]
            if isinstance(value, str)
            else list(value or [])
            if isinstance(value, list)
            else []
        )
        return [str(n) for n in names if n]

    def _remember(self, path: Path) -> None:
        name = str(path.resolve())
        names = [name, *(n for n in self.recent_files() if n != name)][: self.RECENT]
        self.settings.setValue("files/recent", names)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        names = self.recent_files()
        if not names:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        for number, name in enumerate(names, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name} — {name}")
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))

    # ------------------------------------------------------------------ new, save as

    def _start_folder(self) -> Path:
        """Where the file dialogs start: Settings' folder for event files, else home."""
        return Preferences(self.settings).start_folder()

    def _ask_save(self, title: str, suggested: str, kinds: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, title, str(self._start_folder() / suggested), kinds
        )
        return Path(name) if name else None

    def _ask_room(self, title: str, suggested: str) -> Path | None:
        path = self._ask_save(title, suggested, "Event files (*.room)")
        if path is None:
            return None
        return path if path.suffix == ".room" else path.with_suffix(".room")

    def _make_and_open(self, path: Path, make: Callable[[], object]) -> bool:
        """Make an event file with `make`, then open it here; a problem is said, not raised."""
        try:
            make()
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        return self.open_path(path)

    def new_event(self) -> bool:
        """A new event file, blank or from a template, then open it."""
        from desktop.store.templates import blank_event, list_templates, load_template

        templates = list_templates()
        choices = ["Blank event", *(f"{t.title} ({t.name})" for t in templates)]
        choice, ok = QInputDialog.getItem(self, "New event", "Start from:", choices, 0, False)
        if not ok:
            return False
        path = self._ask_room("New event", "event.room")
        if path is None:
            return False
        index = choices.index(choice)
        event = (
            blank_event(path.stem.replace("-", " ").replace("_", " ").strip() or "New event")
            if index == 0
            else load_template(templates[index - 1].name)
        )
        return self._make_and_open(path, lambda: EventFile.create(path, event).close())

    def save_as(self) -> bool:
        """Copy the open event (with its run log) to a new file and carry on there.

        Works when the file's own drive fails: the copy is made from memory, and the old file is
        then given back without saving.
        """
        file = self.room.file
        if file is None:
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return False
        path = self._ask_room("Save the event as", file.path.name)
        if path is None:
            return False
        try:
            self.room.move_to(path)
        except StoreError as exc:
            self.banner.say("error", str(exc), about="save", action=("Save &as…", self.save_as))
            return False
        self.handoff.close()
        self.handoff.listen(path)
        self._remember(path)
        self.banner.clear_about("save")
        self.statusBar().showMessage(f"Now saving to {path}")
        return True

    # ------------------------------------------------------------------ event documents

    def export_document(self) -> bool:
        """The event as an event document (JSON), e.g. for a colleague or a template."""
        event = self.room.current_event
        if event is None:
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return False
        path = self._ask_save("Export the event document", "event.json", "JSON (*.json)")
        if path is None:
            return False
        try:
            write_document(path, event)
        except WriteError as exc:
            self.banner.say("error", f"Could not write {path.name}: {exc.reason}.")
            return False
        self.statusBar().showMessage(f"Exported {path}.", 6000)
        return True

    def import_document(self) -> bool:
        """An event document (JSON) becomes a new event file beside it, opened here."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Import an event document", str(self._start_folder()), "JSON (*.json)"
        )
        if not name:
            return False
        source = Path(name)
        try:
            event = read_document(source)
        except StoreError as exc:
            self.banner.say("error", str(exc))
            return False
        except document.DocumentError as exc:
            self.banner.say("error", f"{source.name} was refused — nothing was made:\n{exc}")
            return False
        path = source.with_suffix(".room")
        return self._make_and_open(path, lambda: EventFile.create(path, event).close())

    # ------------------------------------------------------------------ the roster

    def import_roster(self, path: Path | None = None) -> bool:
        """Pick a CSV, check it in the import dialog, and make it the event's roster."""
        from desktop.core.roster import RosterError  # the CSV reader loads when first used
        from desktop.store.imports import read_roster
        from desktop.ui.dialogs.roster import RosterImportDialog

        if self.room.session is None:
            self.statusBar().showMessage(OPEN_FIRST, 4000)
            return False
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Import the roster", str(Path.home()), "CSV (*.csv *.txt);;All files (*)"
            )
            if not name:
                return False
            path = Path(name)
        try:
            table = read_roster(path)
        except (StoreError, RosterError) as exc:
            self.banner.say("error", str(exc), about="roster")
            return False
        self.roster_dialog = RosterImportDialog(
            table, path.name, event=self.room.current_event, parent=self
        )
        dialog = self.roster_dialog
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.participants:
            return False
        try:
            self.room.replace_participants(self.roster_dialog.participants)
        except StoreError as exc:
            self.banner.say("error", str(exc), about="roster")
            return False
        self.banner.clear_about("roster")
        count = len(self.roster_dialog.participants)
        change = self.roster_dialog.change
        counts = (
            f": {len(change.kept)} kept, {len(change.new)} new, {len(change.gone)} no longer listed"
            if change is not None and change.before
            else ""
        )
        people = "person" if count == 1 else "people"
        self.statusBar().showMessage(f"Imported {count} {people} from {path.name}{counts}.", 8000)
        return True
