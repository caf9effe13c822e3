"""Capturing notes: cleaning pasted text, default kinds, tables, themes, filters and counts."""

from __future__ import annotations

import pytest

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind, TablePlan
from desktop.core.notes import (
    NoteFilter,
    clean_text,
    counts,
    counts_in_words,
    groups,
    kind_for,
    next_note_id,
    themes,
)


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("“Trust” takes time – years, even", "“Trust” takes time – years, even"),  # smart kept
        ("zero\u200bwidth\u200d join\ufeff", "zerowidth join"),
        ("non\u00a0breaking\u202fspaces", "non breaking spaces"),
        ("tab\tseparated\t\tcells", "tab separated cells"),
        ("• first point\n• second point", "first point\nsecond point"),
        ("\uf0b7 Symbol-font bullet\r\n\uf0a7 another", "Symbol-font bullet\nanother"),
        ("- a dash list\n* a star list", "a dash list\na star list"),
        ("-3 degrees stays", "-3 degrees stays"),
        ("  leading and trailing  \n\n\n\n", "leading and trailing"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("para one\n\n\n\npara two", "para one\n\npara two"),
        ("bell\x07 and escape\x1b gone", "bell and escape gone"),
        ("Ciarán, Łukasz, Siobhán, Zoë", "Ciarán, Łukasz, Siobhán, Zoë"),
        ("\u200b \u00a0\t", ""),
    ],
)
def test_pasted_text_is_cleaned_but_not_changed(pasted: str, kept: str) -> None:
    assert clean_text(pasted) == kept


@pytest.mark.parametrize(
    "kept",
    [
        "می\u200cخواهم با هم کار کنیم",  # Persian: "I want…", spelt with a ZWNJ
        "نمی\u200cدانم",  # "I don't know"
        "Family \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 came",  # one emoji
        "Nurse \U0001f469\U0001f3fd\u200d\u2695\ufe0f and \U0001f3f3\ufe0f\u200d\U0001f308",
        "क्\u200dष and क्\u200cष",  # Devanagari: the joiners choose the conjunct's form
    ],
)
def test_cleaning_keeps_the_joiners_words_and_emoji_are_spelt_with(kept: str) -> None:
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("Trust \u202eit\u202c matters", "Trust it matters"),  # override and its pop
        ("\u2067Trust\u2069 and \u2066time\u2069", "Trust and time"),  # isolates
        ("nul\x00 and C1\x85\x9b controls", "nul and C1 controls"),
        ("\u200d\u200c", ""),  # joiners with nothing to join
        ("\u200dstart and end\u200c", "start and end"),
        ("a \u200d b", "a b"),
    ],
)
def test_cleaning_still_takes_out_what_hides_or_turns_text(pasted: str, kept: str) -> None:
    assert clean_text(pasted) == kept


def test_a_ten_thousand_character_note_survives_cleaning() -> None:
    text = ("Relationships are key. " * 500)[:10_000]
    assert clean_text(text) == text.strip()


def seg(kind: str, ident: str = "s1") -> Segment:
    return Segment(id=ident, kind=SegmentKind(kind), title="x", minutes=5)


@pytest.mark.parametrize(
    ("segment", "kind"),
    [
        ("breakout", NoteKind.SHARE_BACK),
        ("share_back", NoteKind.SHARE_BACK),
        ("talk", NoteKind.QUOTE),
        ("reflection", NoteKind.REFLECTION),
        ("feedback", NoteKind.FEEDBACK),
        ("close", NoteKind.FINAL),
    ],
)
def test_the_kind_follows_the_segment(segment: str, kind: NoteKind) -> None:
    assert kind_for(seg(segment)) is kind


def test_no_segment_means_a_share_back() -> None:
    assert kind_for(None) is NoteKind.SHARE_BACK


def note(
    i: int, kind: str = "share_back", group: str = "", theme: str = "", text: str = ""
) -> Note:
    return Note(id=f"n{i}", kind=NoteKind(kind), text=text or f"note {i}", group=group, theme=theme)


def test_tables_offered_are_numbered_then_named() -> None:
    event = Event(
        title="t",
        notes=(note(1, group="Table 14"), note(2, group="Hosts"), note(3, group="Table 2")),
    )
    names = groups(event)
    assert names[:2] == ["Table 1", "Table 2"] and names[13] == "Table 14"
    assert names[-1] == "Hosts" and len(names) == 15


def test_with_a_table_plan_its_tables_are_offered_then_other_names() -> None:
    plan = TablePlan(rounds=((("p1", "p2"), ("p3", "p4"), ("p5",)), (("p1", "p3"), ("p2",))))
    event = Event(
        title="t",
        tables=plan,
        notes=(note(1, group="Hosts"), note(2, group="Table 2"), note(3, group="Table 9")),
    )
    assert groups(event) == ["Table 1", "Table 2", "Table 3", "Hosts", "Table 9"]
    assert groups(Event(title="t", tables=plan)) == ["Table 1", "Table 2", "Table 3"]
    # An empty plan is no plan: the default tables again.
    assert len(groups(Event(title="t", tables=TablePlan(rounds=((),))))) == 12


def test_themes_most_used_first() -> None:
    event = Event(
        title="t",
        notes=(note(1, theme="Culture"), note(2, theme="Trust"), note(3, theme="Trust"), note(4)),
    )
    assert themes(event) == ["Trust", "Culture"]


def test_next_note_id_never_reuses_one() -> None:
    assert next_note_id([]) == "n1"
    assert next_note_id([note(7), Note(id="x99", kind=NoteKind.QUOTE, text="q"), note(3)]) == "n8"


def test_filters() -> None:
    a = note(1, group="Table 1", theme="Trust", text="Relationships are key")
    b = note(2, kind="quote", text="Be curious")
    assert NoteFilter().matches(a) and NoteFilter().matches(b)
    assert NoteFilter(kind="quote").matches(b) and not NoteFilter(kind="quote").matches(a)
    assert NoteFilter(group="Table 1").matches(a) and not NoteFilter(group="Table 1").matches(b)
    assert NoteFilter(theme="Trust").matches(a) and not NoteFilter(theme="Trust").matches(b)
    assert NoteFilter(text="RELATIONSHIP").matches(a) and not NoteFilter(text="zzz").matches(a)
    assert NoteFilter(text="trust").matches(a)  # the theme is searched too


def test_counts_by_kind_and_table_in_table_order() -> None:
    notes = [
        note(1, group="Table 10"),
        note(2, group="Table 2"),
        note(3, "quote"),
        note(4, group="Table 2"),
        note(5, group="Hosts"),
    ]
    by_kind, by_group = counts(notes)
    assert by_kind[NoteKind.SHARE_BACK] == 4 and by_kind[NoteKind.FINAL] == 0
    assert list(by_group.items()) == [("Table 2", 2), ("Table 10", 1), ("Hosts", 1)]
    assert counts_in_words(notes) == (
        "5 notes — Quote 1 · Share-back 4 — Table 2: 2 · Table 10: 1 · Hosts: 1"
    )
    assert counts_in_words([]) == "0 notes"


def test_grouped_by_theme_then_table_then_time() -> None:
    from desktop.core.notes import grouped

    notes = [
        Note(
            id="a",
            kind=NoteKind.SHARE_BACK,
            text="a",
            theme="Trust",
            group="Table 10",
            time="2023-07-06T11:00",
        ),
        Note(id="b", kind=NoteKind.SHARE_BACK, text="b", theme="", group="Table 1"),
        Note(id="c", kind=NoteKind.SHARE_BACK, text="c", theme="Culture", group="Table 2"),
        Note(
            id="d",
            kind=NoteKind.SHARE_BACK,
            text="d",
            theme="Trust",
            group="Table 2",
            time="2023-07-06T11:05",
        ),
        Note(
            id="e",
            kind=NoteKind.SHARE_BACK,
            text="e",
            theme="Trust",
            group="Table 2",
            time="2023-07-06T11:01",
        ),
        Note(id="f", kind=NoteKind.SHARE_BACK, text="f", theme="Trust", group=""),
    ]
    assert [n.id for n in grouped(notes)] == ["e", "d", "a", "f", "c", "b"]
