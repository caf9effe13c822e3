"""The capture view: type what the room says, fast, and never lose a word.

One text box (Enter keeps the note, Shift+Enter is a new line), with the kind, the table, the
theme and who said it beside it, each with its label, and the notes below as a filtered list
(notes_table.py: a Qt model over the event's notes, rows as tall as their text). It is a panel
in the console and a window of its own, both on the one `Room`, so every view sees a new note
at once; the window adds a header saying which segment is on and who is speaking. What is being
typed is kept beside the event file as a draft, so a crash mid-sentence loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Event, Note, NoteKind
from desktop.core.notes import (
    KIND_LABELS,
    NOTE_KINDS,
    NoteFilter,
    clean_text,
    counts_in_words,
    groups,
    kind_for,
    themes,
)
from desktop.store.errors import StoreError
from desktop.store.eventfile import Deleted
from desktop.ui.handoff import HandoffServer
from desktop.ui.notes_table import UNSAVED, NotesFilterModel, NotesModel, NotesView
from desktop.ui.now_header import NowHeader
from desktop.ui.room import Room, save_words
from desktop.ui.widgets.banner import Banner
from desktop.ui.widgets.ink import ReadablePlaceholders
from desktop.ui.widgets.note_edit import NoteEdit
from desktop.ui.wifi import ArrivalsPanel, RoomWifi

__all__ = ["UNSAVED", "CapturePanel", "CaptureWindow", "NoteEdit", "save_words"]

DRAFT_MS = 300  # the draft is on disk this long after the last keystroke
KEYS_HINT = "Enter keeps the note · Shift+Enter starts a new line"
NOBODY = "Not named"  # the said-by choice for a quote from no one in the contributors list


def _now_iso() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


class CapturePanel(QWidget):
    """Quick entry above, the notes list below."""

    def __init__(
        self, room: Room, wifi: RoomWifi, *, clock: Any = _now_iso, draft_box: str = ""
    ) -> None:
        super().__init__()
        self.room = room
        self.draft_box = draft_box  # each note box keeps its own draft beside the file
        self._now = clock
        self._undo: list[Deleted] = []
        self._segment_index: int | None = -1
        self._round_table = ""
        self._fitted_for: tuple[tuple[str, ...], ...] = ()
        self.setAccessibleName("Capture notes")

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Kind of note")
        for number, kind in enumerate(NOTE_KINDS, start=1):
            self.kind_box.addItem(f"{KIND_LABELS[kind]}  (Alt+{number})", kind.value)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.table_box = QComboBox()
        self.table_box.setEditable(True)
        self.table_box.setAccessibleName("Table")
        table_line = self.table_box.lineEdit()
        assert table_line is not None
        table_line.setAccessibleName("Table")
        self.table_box.setToolTip(
            "Ctrl+1 … Ctrl+9 pick Table 1 to 9, Alt+↓ / Alt+↑ the next or previous; or type a name"
        )
        self.theme_edit = QLineEdit()
        self.theme_edit.setAccessibleName("Theme")
        self.theme_edit.setPlaceholderText("optional")
        self.completer = QCompleter([])
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.theme_edit.setCompleter(self.completer)
        self.speaker_box = QComboBox()
        self.speaker_box.setAccessibleName("Said by")

        self.entry = NoteEdit()
        self.entry.setAccessibleName("Note")
        self.entry.setAccessibleDescription(KEYS_HINT)
        self.entry.setPlaceholderText("Type what was said")
        self.entry.setTabChangesFocus(True)
        self.entry.setFixedHeight(self.entry.fontMetrics().lineSpacing() * 4 + 14)
        self.entry.submitted.connect(self.submit)
        self.entry.textChanged.connect(self._draft_changed)
        self.keys_label = QLabel(KEYS_HINT)  # the instructions in plain sight, not a placeholder
        self.keys_label.setWordWrap(True)
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.keys_label.setAccessibleName("Keys for the note box")
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleName("Save state of the notes")
        self.hint_label = QLabel("")
        self.hint_label.setAccessibleName("Capture messages")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)  # table names as typed

        self.labels: dict[str, QLabel] = {}
        # Two rows, so the panel fits beside the clock on a small laptop's screen.
        pickers = QVBoxLayout()
        for row in (
            (("&Kind:", self.kind_box, 0), ("T&able:", self.table_box, 0)),
            (("Th&eme:", self.theme_edit, 1), ("&Said by:", self.speaker_box, 0)),
        ):
            line = QHBoxLayout()
            for text, box, stretch in row:
                line.addWidget(self._label(text, box))
                line.addWidget(box, stretch)
                line.addSpacing(8)
                if isinstance(box, QComboBox):  # narrower than its longest item, if it must
                    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("Table 12") + 30)
            line.addStretch(0 if row[0][2] else 1)
            pickers.addLayout(line)
        lead = max(self.labels[name].sizeHint().width() for name in ("Kind", "Theme"))
        for name in ("Kind", "Theme"):  # the rows' first boxes line up
            self.labels[name].setMinimumWidth(lead)
        note_row = QHBoxLayout()
        note_row.addWidget(self._label("No&te:", self.entry))
        note_row.addWidget(self.keys_label, 1)  # wraps only when the panel is narrow
        status = QHBoxLayout()
        status.addWidget(self.hint_label, 1)
        status.addWidget(self.saved_label)
        self.arrivals = ArrivalsPanel(wifi)  # notes from phones, when room Wi-Fi is on

        self.model = NotesModel(room)
        self.proxy = NotesFilterModel()
        self.proxy.setSourceModel(self.model)
        self.list = NotesView()
        self.list.setAccessibleName("Notes")
        self.list.setModel(self.proxy)

        self.filter_kind = QComboBox()
        self.filter_kind.setAccessibleName("Show notes of kind")
        self.filter_kind.addItem("All kinds", "")
        for kind in NOTE_KINDS:
            self.filter_kind.addItem(KIND_LABELS[kind], kind.value)
        self.filter_table = QComboBox()
        self.filter_table.setAccessibleName("Show notes from table")
        self.filter_theme = QComboBox()
        self.filter_theme.setAccessibleName("Show notes with theme")
        self.filter_text = QLineEdit()
        self.filter_text.setAccessibleName("Find in the notes")
        self.filter_text.setPlaceholderText("words in a note, a table, a theme")
        self.filter_text.setClearButtonEnabled(True)
        for box in (self.filter_kind, self.filter_table, self.filter_theme):
            box.currentIndexChanged.connect(self._apply_filter)
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance("All tables") + 30)
        self.filter_text.textChanged.connect(self._apply_filter)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self._label("Sho&w:", self.filter_kind))
        for widget in (self.filter_kind, self.filter_table, self.filter_theme):
            filters.addWidget(widget)
        filters.addSpacing(10)
        filters.addWidget(self._label("Fin&d:", self.filter_text))
        filters.addWidget(self.filter_text, 1)
        self.counts_label = QLabel("")
        self.counts_label.setAccessibleName("Note counts")
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)  # table names as typed

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(pickers)
        layout.addLayout(note_row)
        layout.addWidget(self.entry)
        layout.addLayout(status)
        layout.addWidget(self.arrivals)
        layout.addSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.counts_label)
        self.placeholders = ReadablePlaceholders(self)  # 4.5:1 in light and dark

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.timeout.connect(self.save_draft)
        self._build_keys()
        room.eventChanged.connect(self._event_loaded)
        room.notesChanged.connect(self._notes_changed)
        room.changed.connect(self._follow_segment)
        room.saveState.connect(self._save_state)
        self._event_loaded()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        """A visible label that names `buddy`; its Alt+letter moves focus there."""
        label = QLabel(text)
        label.setBuddy(buddy)
        self.labels[text.replace("&", "").rstrip(":")] = label
        return label

    # ------------------------------------------------------------------ keys

    def _build_keys(self) -> None:
        def add(keys: str, slot: Any, target: QWidget | None = None) -> QAction:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            (target or self).addAction(action)
            return action

        for number, kind in enumerate(NOTE_KINDS, start=1):
            add(f"Alt+{number}", lambda _=False, k=kind: self.set_kind(k))
        for number in range(1, 10):
            add(f"Ctrl+{number}", lambda _=False, n=number: self.set_table(f"Table {n}"))
        add("Alt+Down", lambda: self.step_table(1))
        add("Alt+Up", lambda: self.step_table(-1))
        delete = add("Delete", self.delete_selected, self.list)
        delete.setText("Delete note")

    def set_kind(self, kind: NoteKind) -> None:
        self.kind_box.setCurrentIndex(NOTE_KINDS.index(kind))
        self._kind_chosen = True

    def set_table(self, name: str) -> None:
        self.table_box.setCurrentText(name)

    def step_table(self, step: int) -> None:
        """The next or previous table in the picker, from the note box (Alt+↓ / Alt+↑)."""
        count = self.table_box.count()
        if not count:
            return
        at = self.table_box.findText(self.table_box.currentText())
        self.table_box.setCurrentIndex((max(at, 0) + step) % count if at >= 0 else 0)

    # ------------------------------------------------------------------ following the room

    def _event_loaded(self) -> None:
        event = self.room.current_event
        self.setEnabled(event is not None)
        self._segment_index = -1
        self._undo.clear()
        if event is None:
            return
        self._fill_choices(event)
        self._follow_segment()
        draft = self.room.file.draft(self.draft_box).load() if self.room.file else {}
        kept = {n.text for n in event.notes[-20:]}
        if draft.get("text") and clean_text(draft["text"]) not in kept:  # not kept as Enter hit
            self.entry.setPlainText(draft["text"])
            self.entry.moveCursor(QTextCursor.MoveOperation.End)  # go on where it stopped
            self.table_box.setCurrentText(draft.get("group", self.table_box.currentText()))
            self.theme_edit.setText(draft.get("theme", ""))
            if draft.get("kind") in {k.value for k in NOTE_KINDS}:
                self.set_kind(NoteKind(draft["kind"]))
            self.hint_label.setText("Restored the note you were typing when the app stopped.")
        self._notes_changed()
        self._save_state(not self.room.unsaved)

    def _fill_choices(self, event: Event) -> None:
        current = self.table_box.currentText()
        self.table_box.clear()
        self.table_box.addItems(groups(event))
        self.table_box.setCurrentText(current or "Table 1")
        self.speaker_box.clear()
        self.speaker_box.addItem(NOBODY, "")
        for person in event.contributors:
            self.speaker_box.addItem(person.name, person.id)

    def _follow_segment(self) -> None:
        """A new segment sets the kind (and the speaker for a talk); a choice made stays.
        In a share-back round the table speaking now is picked, so the note-taker just types."""
        view = self.room.view()
        if view is None:
            return
        speaking = view.round.table if view.round else ""
        if speaking and speaking != self._round_table:
            self.set_table(speaking)
        self._round_table = speaking
        if view.index == self._segment_index:
            return
        self._segment_index = view.index
        segment = view.segment if view.index is not None else None
        self.kind_box.setCurrentIndex(NOTE_KINDS.index(kind_for(segment)))
        self._kind_chosen = False
        if segment is not None:
            at = self.speaker_box.findData(segment.contributor)
            self.speaker_box.setCurrentIndex(max(at, 0))

    def _kind_changed(self) -> None:
        quote = self.kind_box.currentData() == NoteKind.QUOTE.value
        self.speaker_box.setVisible(quote)
        self.labels["Said by"].setVisible(quote)

    def _notes_changed(self) -> None:
        event = self.room.current_event
        if event is None:
            return
        used_themes = themes(event)
        self.completer.model().setStringList(used_themes)  # type: ignore[attr-defined]
        used = {n.group for n in event.notes}
        self._refill(self.filter_table, "All tables", [g for g in groups(event) if g in used])
        self._refill(self.filter_theme, "All themes", sorted(used_themes))
        self.counts_label.setText(counts_in_words(event.notes))
        widths = (tuple(used_themes), tuple(c.name for c in event.contributors))
        if widths != self._fitted_for:  # only when they change: a width the user set stays
            self._fitted_for = widths
            self.list.fit_columns(*map(list, widths))

    @staticmethod
    def _refill(box: QComboBox, everything: str, values: list[str]) -> None:
        wanted = box.currentData() or ""
        old = [box.itemData(i) for i in range(box.count())]
        if old == ["", *values]:
            return
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(box.findData(wanted), 0))
        box.blockSignals(False)

    def _save_state(self, saved: bool) -> None:
        self.saved_label.setText(save_words(saved))

    def _apply_filter(self) -> None:
        self.proxy.set_rule(
            NoteFilter(
                kind=self.filter_kind.currentData() or "",
                group=self.filter_table.currentData() or "",
                theme=self.filter_theme.currentData() or "",
                text=self.filter_text.text().strip(),
            )
        )

    # ------------------------------------------------------------------ keeping notes

    def submit(self) -> None:
        """Keep what is typed as a note, then clear the box for the next one."""
        event = self.room.current_event
        text = clean_text(self.entry.toPlainText())
        if event is None:
            return
        if not text:
            self.hint_label.setText("Nothing to keep: the note is empty.")
            return
        kind = NoteKind(self.kind_box.currentData())
        view = self.room.view()
        segment = view.segment if view is not None and view.index is not None else None
        note = Note(
            id=self.room.new_note_id(),
            kind=kind,
            text=text,
            contributor=(self.speaker_box.currentData() or "") if kind is NoteKind.QUOTE else "",
            group=self.table_box.currentText().strip(),
            theme=" ".join(self.theme_edit.text().split()),
            segment=segment.id if segment is not None else "",
            time=self._now(),
        )
        try:
            self.room.add_note(note)  # in the journal, fsynced, before the box clears
        except StoreError as exc:
            self.hint_label.setText(str(exc))
            return
        self.entry.blockSignals(True)
        self.entry.clear()
        self.entry.blockSignals(False)
        self._draft_timer.stop()
        if self.room.file is not None:
            self.room.file.draft(self.draft_box).clear()
        where = f" from {note.group}" if note.group else ""
        if self.room.is_kept(note.id):
            self.hint_label.setText(f"Kept: {KIND_LABELS[kind].lower()}{where}.")
        else:
            self.hint_label.setText(
                f"✖ Not on disk: {KIND_LABELS[kind].lower()}{where} is held in memory only. "
                "Use Save as… in the message above to keep it."
            )
        self.list.scroll_to_newest()

    def _draft_changed(self) -> None:
        if not self._draft_timer.isActive():
            self._draft_timer.start(DRAFT_MS)

    def save_draft(self) -> None:
        file = self.room.file
        if file is None:
            return
        text = self.entry.toPlainText()
        draft = file.draft(self.draft_box)
        try:
            if text.strip():
                draft.save(
                    {
                        "text": text,
                        "kind": str(self.kind_box.currentData()),
                        "group": self.table_box.currentText(),
                        "theme": self.theme_edit.text(),
                    }
                )
            else:
                draft.clear()
        except StoreError as exc:
            self.hint_label.setText(str(exc))

    def selected_note(self) -> Note | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return None
        note = self.proxy.data(rows[0], Qt.ItemDataRole.UserRole)
        return note if isinstance(note, Note) else None

    def delete_selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        notes = [self.proxy.data(index, Qt.ItemDataRole.UserRole) for index in rows]
        for note in notes:
            self._undo.append(self.room.delete_note(note.id))
        if notes:
            self.hint_label.setText(
                f"Deleted {len(notes)} note{'s' if len(notes) > 1 else ''}. Ctrl+Z brings it back."
            )

    def undo(self) -> bool:
        """Bring back the last deleted note; False when there is none."""
        if not self._undo:
            return False
        self.room.restore_note(self._undo.pop())
        self.hint_label.setText("Brought the note back.")
        return True

    def flush(self) -> None:
        """Write the draft now (closing)."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.save_draft()


class CaptureWindow(QMainWindow):
    """The capture view in a window of its own: a second person, or a second screen.

    `save_as` is what its banner's *Save as…* does when saving fails; a window that owns its
    file (`intheroom capture`) moves the file itself, one on the console's file asks the console.
    """

    def __init__(
        self,
        room: Room,
        *,
        wifi: RoomWifi,
        owns_file: bool = False,
        save_as: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.room = room
        self.owns_file = owns_file  # opened on its own (intheroom capture): it closes the file
        self._save_as = save_as or self.save_as
        self._close_refused = False
        self.panel = CapturePanel(room, wifi, draft_box="window")
        self.banner = Banner()
        self.header = NowHeader(room)  # which segment, its question, who is speaking
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.panel, 1)
        self.setCentralWidget(body)
        self.setAccessibleName("Capture window")
        undo = QAction("Undo delete", self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.panel.undo)
        self.addAction(undo)
        save_as_action = QAction("Save as…", self)
        save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        save_as_action.triggered.connect(self._save_as)
        self.addAction(save_as_action)
        room.eventChanged.connect(self._retitle)
        room.saveFailed.connect(self._save_failed)
        room.saveRecovered.connect(self._save_recovered)
        self._retitle()
        self.resize(900, 640)
        self.handoff = HandoffServer(self)
        self.handoff.requested.connect(self._bring_up)
        if owns_file and room.file is not None:
            self.handoff.listen(room.file.path)
            self.say_notices()

    def say_notices(self) -> None:
        """What opening the file found (recovered from a backup, notes kept from a crash…)."""
        file = self.room.file
        notices = file.notices() if file is not None else []
        if notices:
            kind = "warning" if any(k == "warning" for k, _ in notices) else "info"
            self.banner.say(kind, "\n".join(text for _, text in notices), about="open")

    def _save_failed(self, reason: str) -> None:
        self.banner.say(
            "error",
            f"{reason} Notes marked ✖ are not on disk: save to another folder or USB stick.",
            about="save",
            action=("Save &as…", self._save_as),
        )

    def _save_recovered(self) -> None:
        self.banner.clear_about("save")

    def save_as(self) -> bool:
        """Carry on in a copy of the event file somewhere else (another drive, a USB stick)."""
        file = self.room.file
        if file is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the event as", str(Path.home() / file.path.name), "Event files (*.room)"
        )
        if not name:
            return False
        path = Path(name) if name.endswith(".room") else Path(name + ".room")
        try:
            self.room.move_to(path)
        except StoreError as exc:
            self.banner.say("error", str(exc), about="save", action=("Save &as…", self._save_as))
            return False
        self.handoff.close()
        self.handoff.listen(path)
        self.banner.say("info", f"Now saving to {path}.", about="saved-as", prefix="✓ Saved — ")
        return True

    def _bring_up(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def _retitle(self) -> None:
        event = self.room.current_event
        self.setWindowTitle(f"Capture — {event.title}" if event else "Capture — In the Room")

    def shut_down(self) -> None:
        """Quit now, asking nothing (logout, shutdown, a kill signal); see ConsoleWindow's."""
        self.panel.flush()
        file = self.room.file
        if self.owns_file and file is not None:
            self.room.save()
            file.close(save=False)
            self.room.unload()
            self.handoff.close()
        self.owns_file = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.flush()
        file = self.room.file
        if self.owns_file and file is not None:
            try:
                file.close()
            except StoreError as exc:
                if not self._close_refused:  # can't be saved: say so, stay open once
                    self._close_refused = True
                    self.banner.say(
                        "error",
                        f"{exc} Close again to quit without saving.",
                        about="save",
                        action=("Save &as…", self._save_as),
                    )
                    event.ignore()
                    return
                file.close(save=False)  # quit without saving: the file is given back
            self.room.unload()
            self.handoff.close()
        event.accept()
