"""The agenda handout's table plan, read back as text: every table, every name, no e-mail."""

from __future__ import annotations

import io
import re

from msgspec.structs import replace
from pypdf import PdfReader

from desktop.core.model import Participant, TablePlan
from desktop.core.names import name_key, surname_key
from desktop.core.seating import placements
from desktop.handout.agenda import INDEX_FROM, build_agenda
from desktop.handout.pack import Options
from desktop.store.templates import demo_event, load_template
from tests.conftest import ARTIFACTS
from tests.unit.handout.helpers import (
    demo_plan,
    pages,
    planned,
    roster,
    words,
)


def round_text(body: str, number: int) -> str:
    """The text of one round: from its heading to the next round's (or the end)."""
    start = body.index(f"Round {number}")
    following = body.find(f"Round {number + 1}", start)
    return body[start : following if following != -1 else len(body)]


def test_every_round_prints_its_tables_with_names_and_organisations() -> None:
    event = demo_plan()
    pdf = build_agenda(event)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "agenda_plan_demo.pdf").write_bytes(pdf)
    body = words(pdf)
    plan_text = body[body.index("Your tables") :]
    assert "24 people, 3 rounds" in plan_text
    assert "Round 1 · 10:40 Table conversations" in plan_text  # the breakout that uses it
    people = {p.id: p for p in event.participants}
    for r, tables in enumerate(event.tables.rounds):
        text = round_text(plan_text, r + 1)
        for t, table in enumerate(tables):
            # A table's people come after its heading and before the next table's.
            start = text.index(f"Table {t + 1} ")
            end = text.find(f"Table {t + 2} ", start)
            seat = text[start : end if end != -1 else len(text)]
            for person_id in table:
                person = people[person_id]
                assert f"{person.name} {person.organisation}" in seat, (r, t, person.name)
    for name in ("Mòrag Dòmhnallach", "Łukasz Żółkiewski", "Catrìona NicLeòid"):
        assert plan_text.count(name) == 3  # once a round
    assert "@" not in body and "private.example" not in body


def test_a_24_person_three_round_plan_takes_two_pages_after_the_agenda() -> None:
    # Names at 9 pt and organisations at 8 pt (issue 16) take two pages, each round whole.
    pdf = build_agenda(demo_plan())
    texts = pages(pdf)
    assert len(texts) == 3
    assert "Your tables" not in texts[0]
    assert texts[1].startswith("Your tables") and "Round 2" in texts[1]
    assert texts[2].startswith("Round 3")
    assert "Find your table" not in " ".join(texts)  # a small roster needs no A–Z list


def test_without_a_plan_the_agenda_is_as_before() -> None:
    for event in (demo_event(), replace(demo_event(), tables=TablePlan(rounds=()))):
        pdf = build_agenda(event)
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
        body = words(pdf)
        assert "Your tables" not in body and "Find your table" not in body
        assert body.endswith("being influenced?")  # the questions are still the last thing


def test_a_300_person_plan_has_an_a_to_z_list_for_the_door() -> None:
    people = roster(300)
    event = planned(people, 30, 3)
    pdf = build_agenda(event)
    (ARTIFACTS / "agenda_plan_300.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 12
    body = words(pdf)
    assert "Look yourself up by surname in “Find your table”" in body
    index = body[body.index("Find your table Everyone A–Z") :]
    plan = event.tables.rounds
    where = {
        person: [t + 1 for tables in plan for t, table in enumerate(tables) if person in table]
        for person in (p.id for p in people)
    }
    positions = []
    for person in people:
        line = f"{person.name} {' '.join(str(t) for t in where[person.id])}"
        assert index.count(line) == 1, line
        positions.append((surname_key(person.name), index.index(line)))
    assert [p for _, p in sorted(positions)] == sorted(p for _, p in positions)  # A–Z by surname
    # Big rosters show names only in the tables; the organisations are left to the roster.
    assert "NHS Western Isles" not in body
    assert "private.example" not in body
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[-2:] == ["Your tables", "Find your table"]


def test_the_index_starts_at_the_size_where_tables_get_hard_to_scan() -> None:
    small = words(build_agenda(planned(roster(INDEX_FROM - 1), 5, 2)))
    big = words(build_agenda(planned(roster(INDEX_FROM), 5, 2)))
    assert "Find your table" not in small and "Find your table" in big
    assert "Police Scotland" in small  # organisations shown below the size


def test_one_round_and_large_print_on_letter() -> None:
    event = demo_plan(rounds=1)
    pdf = build_agenda(event, Options(paper="letter", large_print=True))
    reader = PdfReader(io.BytesIO(pdf))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    body = words(pdf)
    assert "24 people at 6 tables." in body
    assert "Round 2" not in body
    for person in event.participants:
        assert person.name in body


def test_names_sort_as_people_read_them() -> None:
    names = ["Zofia", "Łukasz", "Ùisdean", "anna", "Lachlan", "Seònaid", "Ada"]
    assert sorted(names, key=name_key) == [
        "Ada", "anna", "Lachlan", "Łukasz", "Seònaid", "Ùisdean", "Zofia"
    ]  # fmt: skip
    event = demo_plan()
    placed = placements(event)
    assert len(placed) == 24 and all(len(p.tables) == 3 for p in placed)
    first = next(p for p in placed if p.person.id == event.tables.rounds[0][2][0])
    assert first.tables[0] == "Table 3"
    assert re.fullmatch(r"Table \d", first.tables[2])


def test_a_round_heading_does_not_repeat_a_breakout_called_after_its_round() -> None:
    """The world café's breakouts are called "Round 1", "Round 2": their time is what's new."""
    cafe = load_template("world-cafe")
    event = replace(cafe, participants=demo_plan().participants, tables=demo_plan().tables)
    body = words(build_agenda(event))
    plan_text = body[body.index("Your tables") :]
    for number, when in ((1, "09:45"), (2, "10:10"), (3, "10:35")):
        assert f"Round {number} · {when} Table 1" in plan_text
        assert f"Round {number} · {when} Round {number}" not in plan_text
    # A breakout with a title of its own keeps it (the demo's).
    assert "Round 1 · 10:40 Table conversations" in words(build_agenda(demo_plan()))


# Who a delegate list is for: Polish and Gaelic names, surnames with particles, one mononym.
DELEGATES = [
    "Agnieszka Kowalczyk", "Róisín Mac Giolla Phádraig", "Mòrag NicLeòid", "Siobhán Ní Bhriain",
    "Seán Ó Súilleabháin", "Łukasz Żółkiewski", "Małgorzata Wiśniewska", "Cher",
    "Ùisdean Mac an tSaoi", "Liam O'Neill", "Pieter van der Berg", "Zofia Adamska",
]  # fmt: skip


def test_find_your_table_goes_by_surname_under_the_surname_s_letter() -> None:
    people = tuple(
        replace(person, name=DELEGATES[i]) if i < len(DELEGATES) else person
        for i, person in enumerate(roster(INDEX_FROM))
    )
    event = planned(people, 8, 2)
    pdf = build_agenda(event)
    (ARTIFACTS / "agenda_plan_surnames.pdf").write_bytes(pdf)
    body = words(pdf)
    assert "Look yourself up by surname" in body
    index = body[body.index("Find your table Everyone A–Z by surname") :]
    where = {p.person.id: p.tables for p in placements(event)}

    def line(person: Participant) -> str:
        return f"{person.name} {' '.join(t.removeprefix('Table ') for t in where[person.id])}"

    # Each name as its owner writes it (never "Kowalczyk, Agnieszka"), Polish and Gaelic intact,
    # under the letter its surname files under, not its first name's.
    letters = re.findall(r"(?:^| )([A-ZŁ]) (?=\S)", index)
    assert letters == sorted(set(letters))  # one heading a letter, A–Z
    for name, letter in (
        ("Agnieszka Kowalczyk", "K"),
        ("Zofia Adamska", "A"),
        ("Łukasz Żółkiewski", "Z"),
        ("Mòrag NicLeòid", "N"),
        ("Siobhán Ní Bhriain", "N"),
        ("Róisín Mac Giolla Phádraig", "M"),
        ("Seán Ó Súilleabháin", "O"),
        ("Pieter van der Berg", "V"),
        ("Cher", "C"),
    ):
        person = next(p for p in people if p.name == name)
        at = index.index(line(person))
        heading = max(m.start() for m in re.finditer(r"(?:^| )[A-ZŁ] (?=\S)", index[: at + 1]))
        assert index[heading : heading + 3].strip() == letter, name
    assert "Kowalczyk, Agnieszka" not in body
    order = sorted(people, key=lambda p: (surname_key(p.name), p.id))
    at = [index.index(line(p)) for p in order]
    assert at == sorted(at)
    assert index.index("Zofia Adamska") < index.index("Agnieszka Kowalczyk")
    assert index.index("Róisín Mac Giolla Phádraig") < index.index("Mòrag NicLeòid")
    assert index.index("Siobhán Ní Bhriain") < index.index("Mòrag NicLeòid")
