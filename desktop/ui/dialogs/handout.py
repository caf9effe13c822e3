"""The Handout dialog: choose the kind and options, build off the UI thread, preview, save, print.

The PDF is built in a worker thread (reportlab is pure Python; the UI keeps its clock ticking)
and shown with QtPdf when this PySide6 has it. Saving goes through the store's atomic write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Event
from desktop.handout.agenda import build_agenda
from desktop.handout.cards import build_cards
from desktop.handout.pack import SECTION_TITLES, SECTIONS, Options, build_pack
from desktop.handout.runsheet import build_runsheet
from desktop.handout.timing import build_timing
from desktop.store.documents import WriteError, write_output, write_viewer_copy
from desktop.ui.background import Job

try:  # QtPdf comes in the PySide6-Addons wheel (the PySide6-Pdf wheel from 6.12 on)
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on the installed wheels
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]

PRINT_DPI = 300
KINDS = {
    "pack": "Reflect & Connect pack",
    "agenda": "Agenda handout",
    "timing": "Timing report",
    "cards": "Place cards",
    "runsheet": "Facilitator's run sheet",
}
SECTION_LABELS = {"cover": "Cover", **SECTION_TITLES}


class HandoutDialog(QDialog):
    built = Signal()

    def __init__(self, event: Event, log: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.source, self.log = event, log
        self.pdf: bytes = b""
        self._job: Job | None = None
        self.setWindowTitle(f"Handout — {event.title}")
        self.setAccessibleName("Handout")

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of handout")
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.large = QCheckBox("&Large print (16 pt)")
        self.large.setAccessibleName("Large print")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections of the pack")
        for key in SECTIONS:
            item = QListWidgetItem(SECTION_LABELS[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.logo, logo_row = self._image_field(
            "Logo image", "Your logo on the cover (PNG or JPEG), optional", "Choose a logo", "Logo"
        )
        self.picture, picture_row = self._image_field(
            "Cover picture",
            "A picture for the cover (PNG or JPEG), optional",
            "Choose a cover picture",
            "Cover picture",
        )
        self.booklet = QCheckBox("&Booklet: A5 pages two to a sheet, to fold and staple")
        self.booklet.setAccessibleName("Booklet")
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("&Paper:", self.paper)
        form.addRow("", self.large)
        form.addRow("&Sections:", self.sections)
        form.addRow("Logo:", logo_row)
        form.addRow("Cover picture:", picture_row)
        form.addRow("", self.booklet)

        self.build_button = QPushButton("&Build")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Building the handout")
        self.status = QLabel("Choose, then Build.")
        self.status.setAccessibleName("Handout messages")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton("P&rint…")
        self.print_button.clicked.connect(self.print_)
        self.open_button = QPushButton("&Open in viewer")
        self.open_button.clicked.connect(self.open_in_viewer)
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(False)
        actions = QHBoxLayout()
        for button in (self.build_button, self.save_button, self.print_button, self.open_button):
            actions.addWidget(button)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(actions)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        self.document: Any = None
        self.view: Any = None
        if QPdfDocument is not None and QPdfView is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setAccessibleName("Preview")
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            layout.addWidget(self.view, 3)
        else:  # pragma: no cover
            self.status.setText(
                "Preview needs QtPdf (in PySide6-Addons); Open in viewer shows the PDF."
            )
        self._buffer: QBuffer | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.resize(1100, 720)

    # ------------------------------------------------------------------ options

    def _kind_changed(self) -> None:
        pack = self.kind.currentData() == "pack"
        self.sections.setEnabled(pack)
        self.logo.setEnabled(pack)
        self.picture.setEnabled(pack)
        self.booklet.setEnabled(pack)

    def _image_field(
        self, name: str, placeholder: str, button_name: str, title: str
    ) -> tuple[QLineEdit, QHBoxLayout]:
        """A path box for a picture, with a Choose… button that fills it."""
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        browse = QPushButton("Choose…")
        browse.setAccessibleName(button_name)
        browse.clicked.connect(lambda: self._choose_image(field, title))
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(browse)
        return field, row

    def _choose_image(self, field: QLineEdit, title: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", "Images (*.png *.jpg *.jpeg)")
        if name:
            field.setText(name)

    def options(self) -> Options:
        chosen = tuple(
            str(self.sections.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.sections.count())
            if self.sections.item(i).checkState() == Qt.CheckState.Checked
        )
        logo = Path(self.logo.text().strip()) if self.logo.text().strip() else None
        picture = Path(self.picture.text().strip()) if self.picture.text().strip() else None
        return Options(
            paper=str(self.paper.currentData()),
            large_print=self.large.isChecked(),
            sections=chosen,
            logo=logo if logo is not None and logo.is_file() else None,
            cover=picture if picture is not None and picture.is_file() else None,
            booklet=self.booklet.isChecked() and self.kind.currentData() == "pack",
        )

    # ------------------------------------------------------------------ building

    def build(self) -> None:
        kind, options, event, log = self.kind.currentData(), self.options(), self.source, self.log
        if kind == "timing" and not log:
            self.status.setText("The timing report needs an event that has been run.")
            return
        if kind == "cards" and not event.participants:
            self.status.setText(
                "Place cards need a roster: import one first (File → Import roster)."
            )
            return
        if self.logo.text().strip() and options.logo is None:
            self.status.setText("The logo file isn't there: choose a PNG or JPEG.")
            return
        if self.picture.text().strip() and options.cover is None:
            self.status.setText("The cover picture isn't there: choose a PNG or JPEG.")
            return

        def make(progress: Callable[[int], None]) -> bytes:
            if kind == "pack":
                return build_pack(event, options, progress)
            if kind == "agenda":
                return build_agenda(event, options, progress)
            if kind == "cards":
                return build_cards(event, options, progress)
            if kind == "runsheet":
                return build_runsheet(event, options, progress)
            return build_timing(event, log, options, progress)

        self.build_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText("Building…")
        job = Job(self, make, failure="The handout could not be built")
        job.progress.connect(self.progress.setValue)
        job.done.connect(self._built)
        job.failed.connect(self._failed)
        self._job = job
        job.start()

    def _built(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.build_button.setEnabled(True)
        self.progress.setValue(100)
        for button in (self.save_button, self.print_button, self.open_button):
            button.setEnabled(True)
        self.print_button.setEnabled(self.document is not None)
        if self.document is not None:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        pages = self.document.pageCount() if self.document is not None else 0
        self.status.setText(
            f"Built: {pages} page{'s' if pages != 1 else ''}." if pages else "Built."
        )
        self.built.emit()

    def _failed(self, message: str) -> None:
        self.build_button.setEnabled(True)
        self.status.setText(message)

    def wait(self) -> None:
        """Until the build has finished and its result is shown (closing, tests)."""
        if self._job is not None:
            self._job.wait()

    # ------------------------------------------------------------------ using it

    def suggested_name(self) -> str:
        safe = "".join(c if c.isalnum() or c in " -_" else " " for c in self.source.title)
        return f"{' '.join(safe.split())[:60]} - {KINDS[self.kind.currentData()]}.pdf"

    def save_as(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the handout", str(Path.home() / self.suggested_name()), "PDF (*.pdf)"
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            write_output(path, self.pdf)
        except WriteError as exc:
            self.status.setText(f"Could not save {path.name}: {exc.reason}.")
            return
        self.status.setText(f"Saved {path}.")

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # Pages are printed as images: 300 dpi is sharp on paper; the printer's own
        # resolution (1200 dpi) would need half a gigabyte per A4 page.
        printer.setResolution(PRINT_DPI)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText("The printer could not be started. Is it switched on?")
            return
        area = painter.viewport()
        for page in range(self.document.pageCount()):
            if page:
                printer.newPage()
            image = self.document.render(page, QSize(area.width(), area.height()))
            painter.drawImage(area, image)
        painter.end()
        self.status.setText(f"Sent {self.document.pageCount()} page(s) to the printer.")

    def open_in_viewer(self) -> None:
        try:
            path = write_viewer_copy(self.suggested_name(), self.pdf)
        except WriteError as exc:
            self.status.setText(f"Could not write the PDF to open it: {exc.reason}.")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(f"No PDF viewer answered; the file is at {path}.")

    def done(self, result: int) -> None:
        self.wait()
        if self.view is not None:  # stop the preview's page rendering before it goes
            self.view.setDocument(None)
            self.document.close()
        super().done(result)
