"""What leaves the app as text: Markdown that shows notes as typed, CSV a spreadsheet won't run."""

from __future__ import annotations

import csv
import io
import re

import pytest

from desktop.core.export import csv_cell, md_text, notes_to_csv, to_markdown
from desktop.core.model import Contributor, Event, Note, NoteKind, Resource, Segment, SegmentKind
from desktop.net.inbox import parse_note

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![x](https://tracker.example/pixel.png)",
    "[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "**bold** and _italic_ and `code` and ~~gone~~",
    "# Not a heading\n> not a quote\n- not a list\n+ nor this\n1. nor this\n2) nor this",
    "a line\n===\nanother\n---",
    "pipes | in | cells",
    "AT&amp;T &lt;b&gt; &#60;script&#62;",
    "back\\slash \\[escaped\\]",
    "“Trust” takes time – years, even!",
]


def unescape(markdown: str) -> str:
    """What CommonMark shows for text made only of backslash escapes and the three entities
    (a test's stand-in for a renderer: we add no Markdown dependency)."""
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("typed", HOSTILE)
def test_markdown_text_shows_what_was_typed_and_nothing_more(typed: str) -> None:
    escaped = md_text(typed)
    assert unescape(escaped) == typed  # every escape is one CommonMark undoes, and only those
    assert "<" not in escaped and ">" not in escaped  # no HTML, no autolink
    assert "](" not in escaped.replace("\\](", "")  # no inline link or image
    # Every character that starts emphasis, code, a link or a cell is escaped.
    assert not re.search(r"(?<!\\)[*_`\[\]~|]", escaped.replace("\\\\", ""))
    # No line starts a heading, a quote, a list or a setext underline.
    assert not re.search(r"(?m)^\s*(?:[#>+=-]|\d+[.)])", escaped)


def event_with_hostile_text() -> Event:
    return Event(
        title="<b>Event</b> [home](javascript:alert(1))",
        theme="<img src=x onerror=alert(1)>",
        summary="# heading?\n<script>alert(1)</script>",
        questions=("Who *inspires* you? [x](javascript:alert(2))",),
        resources=(
            Resource(title="A guide <i>", link="javascript:alert(3)"),
            Resource(title="Safe", link="https://example.org/a_guide"),
        ),
        contributors=(Contributor(id="c1", name="<b>Tracy</b>", role="[role](x)"),),
        agenda=(Segment(id="s1", kind=SegmentKind.TALK, title="<u>Talk</u> | x", minutes=10),),
        notes=(
            Note(id="n1", kind=NoteKind.QUOTE, text="<script>steal()</script>", contributor="c1"),
            Note(
                id="n2",
                kind=NoteKind.SHARE_BACK,
                text="[x](javascript:alert(4))\n<img src=x onerror=alert(5)>",
                theme="<script>theme</script>",
                group="Table <2>",
            ),
        ),
    )


def test_the_markdown_export_escapes_html_and_links_everywhere() -> None:
    out = to_markdown(event_with_hostile_text())
    # Today: <script>, <img onerror> and [x](javascript:…) pass through as they were typed.
    assert "<" not in out.replace("<https://example.org/a_guide>", "")
    assert "](" not in out.replace("\\](", "")
    assert "javascript:alert(3)" in out and "<javascript:" not in out  # a link only to the web
    assert "### &lt;script&gt;theme&lt;/script&gt;" in out
    assert (
        "- \\[x\\]\\(javascript:alert(4))\n  &lt;img src=x onerror=alert(5)&gt; (Table &lt;2&gt;)"
        in out
    )
    assert "- &lt;script&gt;steal()&lt;/script&gt; — &lt;b&gt;Tracy&lt;/b&gt;" in out
    assert "| &lt;u&gt;Talk&lt;/u&gt; \\| x |" in out
    assert out.startswith("# &lt;b&gt;Event&lt;/b&gt; \\[home\\]\\(javascript:alert(1))\n")
    assert "\\# heading?\n&lt;script&gt;" in out


def test_markdown_keeps_ordinary_text_readable() -> None:
    typed = "Trust is key (Table 2): 3 ideas, one step! Health & Social Care; 10-12"
    assert md_text(typed) == typed


def rows(event: Event) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(notes_to_csv(event))))


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (
            '=HYPERLINK("http://evil.example","Click")',
            '\'=HYPERLINK("http://evil.example","Click")',
        ),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),  # spaces a spreadsheet may trim
        ("\n=1+1", "'\n=1+1"),
        ("＝1+1", "'＝1+1"),  # full-width forms LibreOffice reads as formulas
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        ("-5", "-5"),  # a plain negative number computes nothing and stays a number
        ("-2.5", "-2.5"),
        ("-1,000", "-1,000"),
        ("Trust = time", "Trust = time"),
        ("e-mail me @ 10", "e-mail me @ 10"),
        ("", ""),
    ],
)
def test_a_csv_cell_never_starts_a_formula(typed: str, kept: str) -> None:
    assert csv_cell(typed) == kept


def test_every_column_of_the_csv_is_neutralised_notes_from_phones_included() -> None:
    phone = parse_note(
        {
            "key": "phone-key-1",
            "kind": "share_back",
            "table": "Table 1",
            "text": "=1+cmd|' /C calc'!A0",
        },
        ["Table 1"],
    )
    event = Event(
        title="x",
        contributors=(Contributor(id="c1", name="@Tracy"),),
        agenda=(Segment(id="s1", kind=SegmentKind.TALK, title="+Talk", minutes=5),),
        notes=(
            Note(
                id="n1",
                kind=NoteKind.SHARE_BACK,
                text=phone.text,
                group="-Table",
                theme="=Theme",
                segment="s1",
            ),
            Note(id="n2", kind=NoteKind.QUOTE, text="-5", contributor="c1"),
        ),
    )
    quote, share = rows(event)
    assert share["text"] == "'=1+cmd|' /C calc'!A0"  # today: =1+cmd|… as it came from the phone
    assert (share["table"], share["theme"], share["segment"]) == ("'-Table", "'=Theme", "'+Talk")
    assert (quote["text"], quote["contributor"]) == ("-5", "'@Tracy")
