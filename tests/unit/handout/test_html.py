"""The pack as one HTML page: the same sections and words as the PDF, safe, self-contained."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.core.model import Note, NoteKind
from desktop.handout.html import build_pack_html
from desktop.handout.pack import Options
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.unit.handout.helpers import ORDER, event_with


class Outline(HTMLParser):
    """The page's headings, and every address it would fetch (src, link href, url())."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.fetches: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("h1", "h2", "h3"):
            self._in = tag
            self.headings.append((tag, ""))
        if tag in ("img", "script", "iframe", "audio", "video", "source") and found.get("src"):
            self.fetches.append(found["src"] or "")
        if tag == "link":
            self.fetches.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def outline(page: bytes) -> Outline:
    parser = Outline()
    parser.feed(page.decode("utf-8"))
    return parser


def test_the_html_pack_has_the_pdf_s_sections_in_order_under_one_title() -> None:
    page = build_pack_html(demo_event())
    found = outline(page)
    assert found.headings[0] == ("h1", demo_event().title)
    sections = [text for tag, text in found.headings if tag == "h2" and text != "Contents"]
    assert sections == ORDER
    assert [tag for tag, _ in found.headings].count("h1") == 1
    html = page.decode()
    assert '<html lang="en">' in html and "@media print" in html
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    for note in demo_event().notes:
        assert " ".join(note.text.split()) in said, note.text


def test_nothing_is_fetched_and_pictures_are_inline(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 20), (31, 78, 121)).save(logo)
    page = build_pack_html(demo_event(), Options(logo=logo, cover=logo))
    found = outline(page)
    assert len(found.fetches) == 2 and all(
        s.startswith("data:image/png;base64,") for s in found.fetches
    )
    assert "default-src 'none'" in page.decode()
    assert not re.search(r"url\(", page.decode())


def test_typed_markup_is_shown_not_run() -> None:
    note = Note(id="m", kind=NoteKind.FEEDBACK, text='<script>alert(1)</script> & "x"')
    html = build_pack_html(event_with(note)).decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in html


def test_the_command_writes_html_and_refuses_a_pdf_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    room = tmp_path / "demo.room"
    EventFile.create(room, demo_event()).close()
    out = tmp_path / "pack.html"
    assert main(["handout", str(room), "--format", "html", "-o", str(out)]) == 0
    assert "(pack, A4, HTML)" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    assert main(["handout", str(room), "--format", "html", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "try" in capsys.readouterr().err and not (tmp_path / "p.pdf").exists()
