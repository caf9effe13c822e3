"""The event document: every kind of broken document gets its message, by place."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.document import (
    DocumentError,
    decode,
    encode,
    from_builtins,
    to_builtins,
    validate,
)
from desktop.core.model import (
    AtZero,
    Contact,
    Contributor,
    Event,
    Note,
    NoteKind,
    Participant,
    Pin,
    Resource,
    ResourceKind,
    Segment,
    SegmentKind,
    TableMode,
    TablePlan,
)
from desktop.store.templates import demo_event
from tests.helpers import good_document


def messages(doc: Any) -> list[str]:
    return [str(p) for p in validate(doc)]


def test_the_design_example_is_valid_and_decodes() -> None:
    event = from_builtins(good_document())
    assert event.agenda[0].kind is SegmentKind.TALK
    assert event.notes[1].group == "Table 2"
    assert event.contributor("c1").name == "TracyAnne Millar"
    assert event.planned_minutes == 42


def with_change(path: str, value: Any) -> dict[str, Any]:
    """good_document() with one value set ("agenda[2].minutes") or removed (value=...)."""
    doc = good_document()
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return doc


BROKEN = [
    # (what is wrong, change, the message expected)
    (
        "red before amber",
        ("agenda[0].red_seconds", 300),
        "agenda[0].red_seconds: red (5:00 before the end) must come after amber (2:00 before the "
        "end) — "
        "make red_seconds smaller than amber_seconds",
    ),
    (
        "at_zero misspelt",
        ("agenda[1].at_zero", "holds"),
        'agenda[1].at_zero: unknown choice for what happens at zero "holds" — did you mean "hold"?',
    ),
    (
        "minutes in words",
        ("agenda[2].minutes", "ten"),
        'agenda[2].minutes: expected a whole number of minutes (1-600), got "ten"',
    ),
    (
        "minutes quoted",
        ("agenda[1].minutes", "20"),
        'agenda[1].minutes: expected a whole number of minutes (1-600), got "20" — '
        "write 20 without quotes",
    ),
    (
        "minutes fractional",
        ("agenda[0].minutes", 12.5),
        "agenda[0].minutes: expected a whole number of minutes (1-600), got 12.5",
    ),
    (
        "minutes zero",
        ("agenda[0].minutes", 0),
        "agenda[0].minutes: expected a whole number of minutes (1-600), got 0",
    ),
    (
        "minutes true",
        ("agenda[0].minutes", True),
        "agenda[0].minutes: expected a whole number of minutes (1-600), got true",
    ),
    (
        "minutes missing",
        ("agenda[0].minutes", ...),
        "agenda[0].minutes: missing — how many minutes, e.g. 20",
    ),
    (
        "misspelt field",
        ("agenda[0].minuts", 12),
        'agenda[0].minuts: unknown field — did you mean "minutes"?',
    ),
    (
        "unknown kind",
        ("agenda[1].kind", "break-out"),
        'agenda[1].kind: unknown segment kind "break-out" — did you mean "breakout"?',
    ),
    (
        "note kind",
        ("notes[2].kind", "thought"),
        "notes[2].kind: expected a note kind: one of quote, share_back, reflection, action, "
        'feedback, final; got "thought"',
    ),
    (
        "date in UK style",
        ("date", "06/07/2023"),
        'date: expected date like "2023-07-06" (YYYY-MM-DD), got "06/07/2023"',
    ),
    ("date not in the calendar", ("date", "2023-02-30"), 'date: "2023-02-30" is not a real date'),
    (
        "time with am",
        ("start", "10am"),
        'start: expected time of day like "09:30" (HH:MM, 24-hour), got "10am"',
    ),
    ("time out of range", ("start", "25:00"), 'start: "25:00" is not a real time of day'),
    ("title missing", ("title", ...), "title: missing — give the event a title"),
    ("title blank", ("title", "   "), "title: must not be empty"),
    ("empty note", ("notes[0].text", ""), "notes[0].text: must not be empty"),
    ("questions not a list", ("questions", "Why?"), 'questions: expected a list [...], got "Why?"'),
    (
        "agenda item not an object",
        ("agenda[1]", "Tables"),
        'agenda[1]: expected an object {...}, got "Tables"',
    ),
    ("title a number", ("title", 7), "title: expected text in quotes, got 7"),
    (
        "dangling contributor",
        ("notes[0].contributor", "c9"),
        'notes[0].contributor: no contributor has the id "c9" (known: c1)',
    ),
    (
        "dangling speaker",
        ("agenda[0].contributor", "c2"),
        'agenda[0].contributor: no contributor has the id "c2" (known: c1)',
    ),
    (
        "dangling segment",
        ("notes[1].segment", "s9"),
        'notes[1].segment: no agenda segment has the id "s9" (known: s1, s2, s3)',
    ),
    (
        "duplicate id",
        ("agenda[1].id", "s1"),
        'agenda[1].id: "s1" is already used by agenda[0] — ids must be unique',
    ),
    (
        "resource kind",
        ("resources[0].kind", "video"),
        "resources[0].kind: expected a resource kind: one of read, watch, listen, other; "
        'got "video"',
    ),
    (
        "bad capture time",
        ("notes[1].time", "10:42"),
        'notes[1].time: expected date and time like "2023-07-06T10:42:13", got "10:42"',
    ),
    (
        "contact not an object",
        ("contact", "hello@example.org"),
        'contact: expected an object {...}, got "hello@example.org"',
    ),
    (
        "wrong format",
        ("format", "intheroom.pack"),
        'format: expected "intheroom.event", got "intheroom.pack" — this is not an In the Room '
        "event document (export one from the app, or start from a template)",
    ),
    (
        "newer version",
        ("version", 3),
        "version: made by a newer In the Room (document version 3; this app reads version 2) — "
        "update In the Room to open it",
    ),
    ("version text", ("version", "1"), 'version: expected 1, got "1"'),
]


@pytest.mark.parametrize(
    ("change", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_each_broken_document_gets_its_message(change: tuple[str, Any], expected: str) -> None:
    assert messages(with_change(*change)) == [expected]


def test_every_problem_is_listed_at_once_in_document_order() -> None:
    doc = good_document()
    doc["date"] = "6 July"
    doc["agenda"][0]["minuts"] = doc["agenda"][0].pop("minutes")
    doc["agenda"][2]["minutes"] = "ten"
    doc["notes"][0]["contributor"] = "c7"
    found = messages(doc)
    assert found == [
        'date: expected date like "2023-07-06" (YYYY-MM-DD), got "6 July"',
        'agenda[0].minuts: unknown field — did you mean "minutes"?',
        "agenda[0].minutes: missing — how many minutes, e.g. 20",
        'agenda[2].minutes: expected a whole number of minutes (1-600), got "ten"',
        'notes[0].contributor: no contributor has the id "c7" (known: c1)',
    ]
    with pytest.raises(DocumentError) as refused:
        from_builtins(doc)
    assert [str(p) for p in refused.value.problems] == found


def test_a_newer_document_is_refused_without_noise_about_its_new_fields() -> None:
    doc = good_document() | {"version": 3, "sparkles": True}
    assert messages(doc) == [
        "version: made by a newer In the Room (document version 3; this app reads version 2) — "
        "update In the Room to open it"
    ]


def test_a_field_given_twice_is_reported() -> None:
    text = '{"format": "intheroom.event", "version": 1, "title": "A", "title": "B"}'
    with pytest.raises(DocumentError) as refused:
        decode(text)
    assert str(refused.value) == "title: appears twice in the same object — keep one of them"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the document is empty — expected an event document"),
        ("  \n ", "the document is empty — expected an event document"),
        (
            '{"format": "intheroom.event",\n "version": 1,\n "title": "Cut',
            "line 3, column 11: not valid JSON (Unterminated string starting at) — the document "
            "ends too early — is the file cut short? Export it again",
        ),
        (
            '{"format": "intheroom.event",\n "version": 1\n "title": "X"}',
            "line 3, column 2: not valid JSON (Expecting ',' delimiter) — a comma is missing "
            'between two items, or a quote inside a text is not escaped (\\")',
        ),
        (
            '{\n  “title”: "Word pasted"\n}',
            "line 2, column 3: not valid JSON (Expecting property name enclosed in double quotes)"
            ' — curly quotes (“ ” ‘ ’) found — JSON needs straight double quotes (")',
        ),
        (
            '{"title": "x",}',
            "line 1, column 15: not valid JSON (Expecting property name enclosed in double "
            "quotes) — field names need double quotes, and the last item takes no trailing comma",
        ),
        (
            "{} {}",
            "line 1, column 4: not valid JSON (Extra data) — there is more after the end of the "
            "document — keep one {...} per file",
        ),
        ("[1, 2]", "expected an event document {...}, got a list"),
    ],
)
def test_text_that_is_not_a_document(text: str, expected: str) -> None:
    with pytest.raises(DocumentError) as refused:
        decode(text)
    assert str(refused.value) == expected


def test_non_utf8_bytes_name_the_line_and_the_fix() -> None:
    data = '{"format": "intheroom.event",\n "title": "Caf\xe9"}'.encode("cp1252")
    with pytest.raises(DocumentError) as refused:
        decode(data)
    assert str(refused.value) == (
        "line 2: this is not UTF-8 text (byte 0xe9) — save the file as UTF-8 and try again"
    )


def test_a_byte_order_mark_from_notepad_is_fine() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(good_document(), ensure_ascii=False).encode("utf-8")
    assert decode(data).title.startswith("Collaboration is messy")


def test_encode_writes_format_and_version_first_and_leaves_out_empty_fields() -> None:
    data = json.loads(encode(from_builtins(good_document())))
    assert list(data)[:2] == ["format", "version"]
    assert data["notes"][0] == {
        "id": "n1",
        "kind": "quote",
        "text": "The relationships are key.",
        "contributor": "c1",
    }


# ------------------------------------------------------------------------- round trip

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
names = st.text(st.characters(exclude_categories=("Cs", "Cc", "Z")), min_size=1, max_size=20)
ids = st.from_regex(r"[a-z][0-9]{1,3}", fullmatch=True)
dates = st.dates().map(lambda d: d.isoformat()) | st.just("")
clock_times = st.times().map(lambda t: t.strftime("%H:%M")) | st.just("")
moments = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat()) | st.just("")


@st.composite
def events(draw: st.DrawFn) -> Event:
    contributors = draw(
        st.lists(
            st.builds(Contributor, id=ids, name=names, role=texts, organisation=texts, bio=texts),
            max_size=4,
            unique_by=lambda c: c.id,
        )
    )
    speaker = st.sampled_from(["", *(c.id for c in contributors)])
    agenda = draw(
        st.lists(
            st.builds(
                Segment,
                id=ids,
                kind=st.sampled_from(SegmentKind),
                title=names,
                minutes=st.integers(1, 600),
                contributor=speaker,
                prompt=texts,
                amber_seconds=st.integers(31, 3600),
                red_seconds=st.integers(0, 30),
                at_zero=st.sampled_from(AtZero),
                facilitator_notes=texts,
                materials=st.lists(names, max_size=3).map(tuple),
            ),
            max_size=6,
            unique_by=lambda s: s.id,
        )
    )
    segment = st.sampled_from(["", *(s.id for s in agenda)])
    notes = draw(
        st.lists(
            st.builds(
                Note,
                id=ids,
                kind=st.sampled_from(NoteKind),
                text=names,
                contributor=speaker,
                group=texts,
                theme=texts,
                segment=segment,
                time=moments,
            ),
            max_size=8,
            unique_by=lambda n: n.id,
        )
    )
    return Event(
        title=draw(names),
        theme=draw(texts),
        date=draw(dates),
        start=draw(clock_times),
        finish=draw(clock_times),
        venue=draw(texts),
        summary=draw(texts),
        questions=tuple(draw(st.lists(names, max_size=4))),
        resources=tuple(
            draw(
                st.lists(
                    st.builds(
                        Resource,
                        title=names,
                        kind=st.sampled_from(ResourceKind),
                        minutes=st.none() | st.integers(0, 999),
                        link=texts,
                    ),
                    max_size=3,
                )
            )
        ),
        contributors=tuple(contributors),
        participants=tuple(
            draw(
                st.lists(
                    st.builds(
                        Participant,
                        id=ids,
                        name=names,
                        organisation=texts,
                        sector=texts,
                        email=texts,
                    ),
                    max_size=5,
                    unique_by=lambda p: p.id,
                )
            )
        ),
        agenda=tuple(agenda),
        notes=tuple(notes),
        contact=draw(st.builds(Contact, email=texts, url=texts)),
    )


@settings(max_examples=150, deadline=None)
@given(events())
def test_round_trip_is_lossless(event: Event) -> None:
    data = encode(event)
    again = decode(data)
    assert again == event
    assert encode(again) == data


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(list(good_document())), inner, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_any_json_gets_problems_or_an_event_never_a_crash(raw: Any) -> None:
    problems = validate(raw)
    if not problems:
        assert isinstance(from_builtins(raw), Event)
    else:
        assert all(p.message for p in problems)


def test_an_exported_event_names_the_public_format_and_version() -> None:
    """The contract's header as written, not the constants: what other tools read."""
    data = json.loads(encode(from_builtins(good_document())))
    assert (data["format"], data["version"]) == ("intheroom.event", 1)
    assert messages(data | {"format": "intheroom.pack"})[0].startswith(
        'format: expected "intheroom.event", got "intheroom.pack"'
    )


def test_a_table_plan_names_people_on_the_roster_once_a_round() -> None:
    raw = to_builtins(demo_event())
    people = [p["id"] for p in raw["participants"]]
    raw["tables"] = {
        "rounds": [[people[:3], [*people[3:5], "zz", people[0]]]],
        "pinned": [{"person": "q", "table": 0}],
        "locked": [[1]],
        "mode": "mixed",
        "keep_apart": [[people[0], "nobody"]],
    }
    places = {p.place: p.message for p in validate(raw)}
    assert 'no participant has the id "zz"' in places["tables.rounds[0][1][2]"]
    assert "seated twice in round 1" in places["tables.rounds[0][1][3]"]
    assert 'did you mean "mix"' in places["tables.mode"]
    assert "[round, table]" in places["tables.locked[0]"]
    assert "tables.pinned[0].table" in places and "tables.pinned[0].person" in places
    assert "tables.keep_apart[0][1]" in places


def test_a_table_plan_round_trips() -> None:
    event = demo_event()
    ids = [p.id for p in event.participants]
    plan = TablePlan(
        rounds=((tuple(ids[:4]), tuple(ids[4:8])),),
        size=4,
        keep_apart=((ids[0], ids[1]),),
        pinned=(Pin(person=ids[2], table=2),),
        locked=((1, 1),),
        mode=TableMode.PAIRS,
    )
    event = msgspec.structs.replace(event, tables=plan)
    assert decode(encode(event)) == event


# ------------------------------------------------------- facilitator notes and materials


def test_facilitator_notes_and_materials_read_and_round_trip() -> None:
    doc = good_document()
    doc["agenda"][1]["facilitator_notes"] = "Hosts stay put.\nAsk for one thing per table."
    doc["agenda"][1]["materials"] = ["Flipchart", "Pens", "https://example.org/video"]
    event = from_builtins(doc)
    assert event.agenda[1].facilitator_notes.startswith("Hosts stay put.")
    assert event.agenda[1].materials == ("Flipchart", "Pens", "https://example.org/video")
    assert decode(encode(event)) == event


def test_a_version_1_document_without_them_still_reads_and_writes_without_them() -> None:
    event = from_builtins(good_document())
    assert event.agenda[0].facilitator_notes == "" and event.agenda[0].materials == ()
    written = to_builtins(event)["agenda"][0]
    assert "facilitator_notes" not in written and "materials" not in written


@pytest.mark.parametrize(
    ("materials", "expected"),
    [
        ("pens", 'agenda[2].materials: expected a list [...], got "pens"'),
        (["pens", 5], "agenda[2].materials[1]: expected text in quotes, got 5"),
        ([" "], "agenda[2].materials[0]: must not be empty"),
        (
            ["x" * 201],
            "agenda[2].materials[0]: too long for a checklist item (201 characters, at most "
            '200) — keep it short, e.g. "flipchart and pens", and put the rest in '
            "facilitator_notes",
        ),
    ],
)
def test_bad_materials_are_named_by_their_place(materials: Any, expected: str) -> None:
    doc = good_document()
    doc["agenda"][2]["materials"] = materials
    assert messages(doc) == [expected]


def test_facilitator_notes_must_be_text() -> None:
    doc = good_document()
    doc["agenda"][0]["facilitator_notes"] = ["say hello"]
    assert messages(doc) == ["agenda[0].facilitator_notes: expected text in quotes, got a list"]
