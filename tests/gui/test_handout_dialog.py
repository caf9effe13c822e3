"""The Handout dialog: build off the UI thread, preview, save, print."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from msgspec.structs import replace
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.store.templates import demo_event
from desktop.ui.dialogs.handout import HandoutDialog
from tests.conftest import ARTIFACTS


@pytest.fixture
def dialog(qtbot: QtBot) -> HandoutDialog:
    shown = HandoutDialog(demo_event(), [{"t": 1_800_000_000.0, "do": "start"}])
    qtbot.addWidget(shown)
    shown.show()
    return shown


def build(dialog: HandoutDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.built, timeout=30_000):
        dialog.build_button.click()
    dialog.wait()


def test_builds_the_pack_off_the_ui_thread_and_previews_it(
    dialog: HandoutDialog, qtbot: QtBot
) -> None:
    build(dialog, qtbot)
    assert dialog.progress.value() == 100
    assert dialog.document is not None and dialog.document.pageCount() >= 5
    assert dialog.status.text().startswith("Built: ")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)  # let the preview paint its first page for the picture
    assert dialog.grab().save(str(ARTIFACTS / "handout_dialog.png"))


def test_agenda_in_large_print_on_letter_saved_where_asked(
    dialog: HandoutDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData("agenda"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.large.setChecked(True)
    assert not dialog.sections.isEnabled()
    build(dialog, qtbot)
    target = tmp_path / "agenda"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_as()
    saved = tmp_path / "agenda.pdf"
    reader = PdfReader(str(saved))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert dialog.status.text() == f"Saved {saved}."


def test_print_goes_through_the_print_dialog(
    dialog: HandoutDialog, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData("agenda"))
    build(dialog, qtbot)
    printed = tmp_path / "printed.pdf"

    def accept(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog.print_()
    assert printed.stat().st_size > 1000 and len(PdfReader(str(printed)).pages) == 1


def test_timing_without_a_run_and_a_missing_logo_are_said(qtbot: QtBot) -> None:
    empty = HandoutDialog(demo_event(), [])
    qtbot.addWidget(empty)
    empty.kind.setCurrentIndex(empty.kind.findData("timing"))
    empty.build()
    assert "needs an event that has been run" in empty.status.text()
    empty.kind.setCurrentIndex(empty.kind.findData("pack"))
    empty.logo.setText("/nowhere/logo.png")
    empty.build()
    assert "logo file isn't there" in empty.status.text()


def test_place_cards_without_a_roster_are_said(qtbot: QtBot) -> None:
    empty = HandoutDialog(replace(demo_event(), participants=()), [])
    qtbot.addWidget(empty)
    empty.kind.setCurrentIndex(empty.kind.findData("cards"))
    assert empty.kind.currentText() == "Place cards"
    assert not empty.sections.isEnabled() and not empty.logo.isEnabled()
    assert empty.suggested_name().endswith(" - Place cards.pdf")
    empty.build()
    assert "Place cards need a roster" in empty.status.text()
    assert not empty.save_button.isEnabled() and empty._job is None  # nothing was started


def test_place_cards_are_built_in_the_dialog(qtbot: QtBot) -> None:
    dialog = HandoutDialog(demo_event(), [])
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cards"))
    dialog.build()
    dialog.wait()
    assert dialog.pdf.startswith(b"%PDF") and dialog.save_button.isEnabled()
    assert dialog.status.text().startswith("Built")


def test_the_run_sheet_is_built_in_the_dialog(qtbot: QtBot) -> None:
    dialog = HandoutDialog(demo_event(), [])
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("runsheet"))
    assert dialog.kind.currentText() == "Facilitator's run sheet"
    dialog.build()
    dialog.wait()
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "Materials checklist" in words and "Run sheet" in words


def test_a_booklet_with_a_cover_picture_is_built_in_the_dialog(
    dialog: HandoutDialog, qtbot: QtBot, tmp_path: Path
) -> None:
    from PIL import Image

    picture = tmp_path / "cover.jpg"
    Image.new("RGB", (400, 250), (200, 120, 60)).save(picture)
    dialog.picture.setText(str(picture))
    dialog.booklet.setChecked(True)
    build(dialog, qtbot)
    assert dialog.document is not None
    size = dialog.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (842, 595)  # A5 pages on A4 sheets
    dialog.picture.setText(str(tmp_path / "gone.jpg"))
    dialog.build_button.click()
    assert dialog.status.text() == "The cover picture isn't there: choose a PNG or JPEG."
    dialog.kind.setCurrentIndex(dialog.kind.findData("agenda"))
    assert not dialog.booklet.isEnabled() and not dialog.options().booklet
