"""Rosters from the CSVs a tired organiser exports: encodings, delimiters, headings, sectors."""

from __future__ import annotations

import pytest

from desktop.core.roster import (
    RosterError,
    build_roster,
    check_mapping,
    guess_mapping,
    read_table,
    sector_of,
)

EVENTBRITE = (
    "Order #,First Name,Last Name,Email,Organisation,Sector\r\n"
    "1,Siobhán,Ní Bhriain,siobhan@nhs.scot,NHS Lothian,NHS\r\n"
    "2,Łukasz,Żółć,lukasz@example.org,Edinburgh Cyrenians,Voluntary sector\r\n"
    "3,Ùisdean,MacLeòid,,Comhairle nan Eilean Siar,Council\r\n"
    "4,Siobhán,Ní Bhriain,SIOBHAN@nhs.scot,NHS Lothian,Health\r\n"
    "5,Zoë,Brown,zoe@example.org,Fife College,Higher ed\r\n"
)


def test_utf8_comma_file_with_first_and_last_names() -> None:
    table = read_table(EVENTBRITE.encode("utf-8"))
    assert (table.encoding, table.delimiter) == ("UTF-8", "comma")
    mapping = guess_mapping(table.headings)
    assert mapping == {"first_name": 1, "last_name": 2, "organisation": 4, "sector": 5, "email": 3}
    roster = build_roster(table, mapping)
    names = [p.name for p in roster.participants]
    assert names[:3] == ["Siobhán Ní Bhriain", "Łukasz Żółć", "Ùisdean MacLeòid"]
    assert [p.sector for p in roster.participants] == [
        "health",
        "third sector",
        "local authority",
        "health",
        "Higher ed",
    ]
    assert roster.duplicates == [(4, 1)]  # the same e-mail, in capitals
    assert roster.unknown_sectors == {"Higher ed": 1}
    mapped = build_roster(table, mapping, {"higher ed": "education"})
    assert mapped.participants[4].sector == "education" and not mapped.unknown_sectors
    assert [p.id for p in roster.participants] == ["p1", "p2", "p3", "p4", "p5"]


def test_semicolons_and_a_bom_from_excel() -> None:
    data = "\ufeffName;Organisation;Sector\nAnna Kowalska;Rada Miasta;Local Government\n"
    table = read_table(data.encode("utf-8"))
    assert (table.encoding, table.delimiter) == ("UTF-8 with BOM", "semicolon")
    assert table.headings[0] == "Name"  # the BOM is not part of the heading
    roster = build_roster(table, guess_mapping(table.headings))
    assert roster.participants[0].sector == "local authority"


def test_windows_1252_accents() -> None:
    data = "Full name\tEmployer\tService area\nRenée Côté\tNHS Highland\tHealth & Social Care\n"
    table = read_table(data.encode("cp1252"))
    assert (table.encoding, table.delimiter) == ("Windows-1252", "tab")
    roster = build_roster(table, guess_mapping(table.headings))
    assert roster.participants[0].name == "Renée Côté"
    assert roster.participants[0].sector == "social care"


def test_quoted_commas_and_short_rows() -> None:
    data = 'Name,Organisation,Sector\n"Smith, Jo","Police Scotland, Fife"\n'
    table = read_table(data.encode())
    roster = build_roster(table, guess_mapping(table.headings))
    person = roster.participants[0]
    assert (person.name, person.organisation, person.sector) == (
        "Smith, Jo",
        "Police Scotland, Fife",
        "",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"  \r\n ", "The file is empty"),
        (b"Name,Organisation\n", "a heading row but no people"),
    ],
)
def test_empty_files_are_said_plainly(data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        read_table(data)


def test_missing_name_columns_are_named() -> None:
    table = read_table(b"Email,Organisation\na@b.org,NHS\n")
    with pytest.raises(RosterError, match="There is no “Name” column") as caught:
        build_roster(table, guess_mapping(table.headings))
    assert "Columns found: “Email”, “Organisation”" in str(caught.value)
    half = read_table(b"First name,Organisation\nJo,NHS\n")
    with pytest.raises(RosterError, match="no “Last name” column to go with “First name”"):
        check_mapping(half.headings, guess_mapping(half.headings))
    other = read_table(b"Surname,Organisation\nBrown,NHS\n")
    with pytest.raises(RosterError, match="no “First name” column to go with “Last name”"):
        check_mapping(other.headings, guess_mapping(other.headings))


def test_rows_without_a_name_are_skipped_and_counted() -> None:
    table = read_table(b"Name,Sector\nJo,health\n,health\n")
    roster = build_roster(table, guess_mapping(table.headings))
    assert len(roster.participants) == 1 and roster.skipped == [2]


def test_two_thousand_rows() -> None:
    lines = ["Name,Organisation,Sector,Email"] + [
        f"Person {i},Org {i % 40},{['NHS', 'Council', 'Charity', 'Police'][i % 4]},p{i}@x.org"
        for i in range(2000)
    ]
    table = read_table("\n".join(lines).encode())
    roster = build_roster(table, guess_mapping(table.headings))
    assert len(roster.participants) == 2000 and not roster.duplicates
    assert {p.sector for p in roster.participants} == {
        "health",
        "local authority",
        "third sector",
        "police & justice",
    }


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("NHS", "health"),
        ("Third Sector", "third sector"),
        ("police and justice", "police & justice"),
        ("Housing Association", "housing"),
        ("Scottish Government", "government"),
        ("Univeristy", "education"),
        ("", ""),
        ("Space agency", None),
    ],
)
def test_sectors_normalised(written: str, sector: str | None) -> None:
    assert sector_of(written) == sector
