"""The editor's details tab: the event's title, theme, date, times, venue, summary and contact,
each kept when it is left, and a field with a problem marked where it is. Mixed into the editor
window, which gives it the event being edited and makes every change one undoable edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec.structs import replace
from PySide6.QtWidgets import QFormLayout, QLineEdit, QMainWindow, QWidget

from desktop.core import document
from desktop.core.model import Event
from desktop.ui.editor.long_text import LongText

if TYPE_CHECKING:
    _Window = QMainWindow
else:
    _Window = object

DETAILS = (
    ("title", "&Title"),
    ("theme", "T&heme"),
    ("date", "&Date (YYYY-MM-DD)"),
    ("start", "&Start (HH:MM)"),
    ("finish", "&Planned finish (HH:MM)"),
    ("venue", "&Venue or format"),
)


class EventDetails(_Window):
    """The details tab: building it, showing an event in it, and its edits."""

    working: Event | None
    _filling: bool

    if TYPE_CHECKING:  # given by the window

        def _change(self, after: Event, text: str) -> None: ...

    def _details_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in DETAILS:
            line = QLineEdit()
            line.setAccessibleName(label.replace("&", ""))
            line.editingFinished.connect(lambda n=name: self._detail_changed(n))
            self.fields[name] = line
            form.addRow(label + ":", line)
        self.summary = LongText()
        self.summary.setAccessibleName("Summary")
        self.summary.setFixedHeight(110)
        self.summary.left.connect(self._summary_left)
        form.addRow("S&ummary:", self.summary)
        self.email = QLineEdit()
        self.email.setAccessibleName("Contact e-mail")
        self.email.editingFinished.connect(lambda: self._detail_changed("email"))
        self.url = QLineEdit()
        self.url.setAccessibleName("Contact web page")
        self.url.editingFinished.connect(lambda: self._detail_changed("url"))
        form.addRow("Contact &e-mail:", self.email)
        form.addRow("Contact &web page:", self.url)
        return page

    def _fill_details(self, event: Event) -> None:
        for name, line in self.fields.items():
            line.setText(getattr(event, name))
        self.summary.setPlainText(event.summary)
        self.email.setText(event.contact.email)
        self.url.setText(event.contact.url)

    def _mark_fields(self, problems: list[document.Problem]) -> None:
        """A field with a problem gets a red frame, a ✖ in its tooltip and the words read out."""
        places = {p.place: p.message for p in problems}
        named = {
            **self.fields,
            "summary": self.summary,
            "contact.email": self.email,
            "contact.url": self.url,
        }
        for place, widget in named.items():
            message = places.get(place, "")
            widget.setStyleSheet("border: 2px solid #a4262c;" if message else "")
            widget.setToolTip(f"✖ {message}" if message else "")
            widget.setAccessibleDescription(message)

    def _detail_changed(self, name: str) -> None:
        if self._filling or self.working is None:
            return
        if name in ("email", "url"):
            value = (self.email if name == "email" else self.url).text().strip()
            after = replace(self.working, contact=replace(self.working.contact, **{name: value}))
        else:
            after = replace(self.working, **{name: self.fields[name].text().strip()})
        self._change(after, f"Change {name}")

    def _summary_left(self) -> None:
        if not self._filling and self.working is not None:
            self._change(
                replace(self.working, summary=self.summary.toPlainText().strip()), "Summary"
            )
