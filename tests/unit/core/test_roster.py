"""Rosters from the CSVs a tired organiser exports: encodings, delimiters, headings, sectors,
and importing one again onto an event that already has a roster and a table plan."""

from __future__ import annotations

import msgspec
import pytest

from desktop.core.model import Event, Participant, Pin, TablePlan
from desktop.core.roster import (
    RosterError,
    build_roster,
    change_in_words,
    check_mapping,
    field_of,
    guess_mapping,
    merge_roster,
    read_table,
    sector_of,
)
from desktop.core.seating import table_of
from desktop.core.table_plan import add_late_arrival, without_unknown

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


def test_utf8_is_read_without_a_caution() -> None:
    assert read_table(EVENTBRITE.encode("utf-8")).caution == ""
    table = read_table(EVENTBRITE.encode("utf-8"))
    assert build_roster(table, guess_mapping(table.headings)).warnings == []


def test_windows_1252_is_said_to_be_a_guess_with_a_name_to_check() -> None:
    data = "Name,Organisation\nJo Brown,NHS Fife\nRenée Côté,NHS Highland\n".encode("cp1252")
    table = read_table(data)
    assert table.encoding == "Windows-1252"
    assert table.caution == (
        "⚠ The file isn't UTF-8, so it was read as Windows-1252 (Western European): a guess. "
        "Check that “Renée Côté” reads right. If names show odd characters, save the list "
        "again as “CSV UTF-8” and import that."
    )
    roster = build_roster(table, guess_mapping(table.headings))
    assert roster.warnings[0] == table.caution  # the dialog and `intheroom roster` show it


def test_the_name_to_check_is_never_an_email_address() -> None:
    data = "Email,Name\nzoë@example.org,Zoe Brown\nr@example.org,Renée Côté\n"
    assert "“Renée Côté”" in read_table(data.encode("cp1252")).caution


JAPANESE = "氏名,所属\n山田 太郎,東京都庁\n佐藤 花子,横浜市役所\nコーヒー 次郎,さいたま市\n"


def test_shift_jis_is_read_as_japanese_and_said_to_be_a_guess() -> None:
    # Read as Windows-1252 today, silently: “ŽR“c ‘¾˜Y” instead of 山田 太郎.
    table = read_table(JAPANESE.encode("shift_jis"))
    assert table.encoding == "Shift-JIS"
    assert table.headings == ("氏名", "所属")
    roster = build_roster(table, {"name": 0, "organisation": 1})
    assert [p.name for p in roster.participants] == ["山田 太郎", "佐藤 花子", "コーヒー 次郎"]
    assert "read as Japanese (Shift-JIS): a guess" in roster.warnings[0]
    assert "“山田 太郎”" in roster.warnings[0]


def test_shift_jis_that_windows_1252_can_read_is_still_said_to_be_a_guess() -> None:
    # Katakana alone are all bytes Windows-1252 defines: the guess is wrong, and says so.
    table = read_table("Name,Organisation\nタナカ,NHS Fife\n".encode("shift_jis"))
    assert table.encoding == "Windows-1252"
    assert "a guess. Check that “ƒ^ƒiƒJ” reads right" in table.caution


def test_bytes_no_encoding_we_know_can_read_are_counted() -> None:
    table = read_table(b"Name\nAnn\x81e\x8d Brown\n")
    assert table.rows[0][0] == "Ann\ufffde\ufffd Brown"
    assert table.caution.startswith("⚠ 2 characters were unreadable as Windows-1252 (shown as �)")


def test_hidden_characters_are_taken_out_of_every_value_but_joiners_stay() -> None:
    data = (
        "Name,Organisation,Sector,Email\n"
        "Jo\x00 Brown,NHS\x00 Fife,Health\x00,jo\x00@example.org\n"
        "\u202eAnn Lee\u202c,\u2067Council\u2069,\u202dcouncil,\u200bann@example.org\n"
        "Mar\u200fy\u200e Smith,Fife\x1b[31m College,education,\n"
        "Zahra Mohammadi,دانشگاه\u200cها,education,\n"
    ).encode("utf-8")
    table = read_table(data)
    roster = build_roster(table, guess_mapping(table.headings, table.rows))
    assert [(p.name, p.organisation, p.sector, p.email) for p in roster.participants] == [
        ("Jo Brown", "NHS Fife", "health", "jo@example.org"),
        ("Ann Lee", "Council", "local authority", "ann@example.org"),
        ("Mary Smith", "Fife[31m College", "education", ""),
        ("Zahra Mohammadi", "دانشگاه\u200cها", "education", ""),  # Persian keeps its ZWNJ
    ]


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


# ------------------------------------------------------------------ guessing the columns


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        # Wrong guesses from a walkthrough: each is what it says, or not ours at all.
        ("Workplace email", "email"),
        ("Company email", "email"),
        ("Employer address", None),
        ("Name of organisation", "organisation"),
        ("Delegate Ref", None),
        ("Email consent", None),
        # And their neighbours.
        ("Work e-mail", "email"),
        ("E-mail address", "email"),
        ("Mail", "email"),
        ("Happy to be contacted by email?", None),
        ("Email opt-in", None),
        ("Permission to share your e-mail", None),
        ("Company", "organisation"),
        ("Employer", "organisation"),
        ("NHS Board or Trust", "organisation"),
        ("Council", "organisation"),
        ("Agency", "organisation"),
        ("Organization Name", "organisation"),
        ("Your organisation", "organisation"),
        ("Company phone", None),
        ("Organisation website", None),
        ("Type of organisation", "sector"),
        ("Which sector do you work in?", "sector"),
        ("Service area", "sector"),
        ("Full name", "name"),
        ("Name", "name"),
        ("Delegate", "name"),
        ("What is your name?", "name"),
        ("Delegate No.", None),
        ("Attendee #", None),
        ("Participant ID", None),
        ("Booking reference", None),
        ("Event Name", None),
        ("Job Title", None),
        ("First Name", "first_name"),
        ("Forename", "first_name"),
        ("Surname", "last_name"),
        ("Last modified time", None),
        ("First time at one of our events?", None),
    ],
)
def test_what_a_heading_is_taken_for(heading: str, field: str | None) -> None:
    assert field_of(heading) == field
    assert guess_mapping([heading]) == ({field: 0} if field else {})


def test_the_walkthrough_headings_together() -> None:
    headings = [
        "Delegate Ref",
        "Delegate name",
        "Name of organisation",
        "Employer address",
        "Workplace email",
        "Email consent",
    ]
    assert guess_mapping(headings) == {"name": 1, "organisation": 2, "email": 4}
    table = read_table(
        (",".join(headings) + "\n101,Jo Brown,NHS Fife,1 High St,jo@nhs.scot,Yes\n").encode()
    )
    person = build_roster(table, guess_mapping(table.headings)).participants[0]
    assert (person.name, person.organisation, person.email) == (
        "Jo Brown",
        "NHS Fife",
        "jo@nhs.scot",
    )


# As Eventbrite's attendee report exports it: the buyer's details beside the attendee's.
EVENTBRITE_ATTENDEES = (
    "Order #,Order Date,First Name,Surname,Email,Quantity,Ticket Type,Attendee #,Group,"
    "Order Type,Currency,Total Paid,Eventbrite Fees,Attendee Status,Job Title,Company,"
    "Work Address 1,Work City,Work Postcode,Work Phone,Which sector do you work in?,"
    "Email consent,Buyer Surname,Buyer First Name,Buyer Email,Event Name\n"
    "1234567890,2024-05-01 10:02,Siobhán,Ní Bhriain,siobhan@nhs.scot,1,General Admission,"
    "987654321,,Free Order,GBP,0.00,0.00,Attending,Nurse Director,NHS Lothian,"
    "1 Waverley Gate,Edinburgh,EH1 3EG,0131 000 0000,Health,Yes,Brown,Jo,jo@nhs.scot,"
    "Collaboration is messy\n"
)
# As Microsoft Forms exports responses: the form's own columns, then the questions asked.
# An anonymous form fills its "Email" with "anonymous" and leaves "Name" empty.
MICROSOFT_FORMS = (
    "ID,Start time,Completion time,Email,Name,Last modified time,Full name,"
    "Name of organisation,Email address,Type of organisation,"
    "Can we add you to our mailing list?\n"
    "1,5/1/24 10:01:02,5/1/24 10:03:40,anonymous,,,Łukasz Żółć,Cyrenians,"
    "lukasz@example.org,Charity,Yes\n"
)


def test_an_eventbrite_attendee_report() -> None:
    table = read_table(EVENTBRITE_ATTENDEES.encode())
    mapping = guess_mapping(table.headings, table.rows)
    assert {k: table.headings[v] for k, v in mapping.items()} == {
        "first_name": "First Name",
        "last_name": "Surname",
        "organisation": "Company",
        "sector": "Which sector do you work in?",
        "email": "Email",
    }
    assert guess_mapping(table.headings) == mapping  # the headings alone say as much
    person = build_roster(table, mapping).participants[0]
    assert (person.name, person.email, person.sector) == (
        "Siobhán Ní Bhriain",
        "siobhan@nhs.scot",
        "health",
    )


def test_a_microsoft_forms_export() -> None:
    table = read_table(MICROSOFT_FORMS.encode())
    mapping = guess_mapping(table.headings, table.rows)
    assert {k: table.headings[v] for k, v in mapping.items()} == {
        "name": "Full name",
        "organisation": "Name of organisation",
        "sector": "Type of organisation",
        "email": "Email address",
    }
    assert guess_mapping(table.headings) == mapping  # the more specific headings win anyway
    roster = build_roster(table, mapping)
    assert roster.participants[0].sector == "third sector" and not roster.warnings


def test_the_columns_values_break_a_tie() -> None:
    headings = ["Name", "First name", "Last name", "Email", "E-mail"]
    rows = [("", "Jo", "Brown", "anonymous", "jo@x.org")]
    assert guess_mapping(headings) == {"name": 0, "email": 3}  # the headings alone: leftmost
    assert guess_mapping(headings, rows) == {"first_name": 1, "last_name": 2, "email": 4}


def test_names_that_are_numbers_and_addresses_without_an_at_are_warned_of() -> None:
    table = read_table(b"Ref,Organisation,Opt in\n101,NHS Fife,Yes\n102,Cyrenians,No\n")
    roster = build_roster(table, {"name": 0, "organisation": 1, "email": 2})
    assert roster.warnings == [
        "⚠ No name in “Ref” has a letter in it (the first is “101”): it looks like a "
        "reference or number column. Choose the column with people's names.",
        "⚠ Nothing in “Opt in” looks like an e-mail address (the first is “Yes”). Choose the "
        "column with the addresses, or “— none —”.",
    ]
    some = read_table(b"Name,Email\nJo Brown,jo@x.org\n102,nobody\nAl Kay,al@x.org\n")
    assert build_roster(some, guess_mapping(some.headings)).warnings == [
        "⚠ 1 name has no letters in row 2: check them.",
        "⚠ 1 e-mail address has no @ in row 2: check them.",
    ]
    assert not build_roster(read_table(EVENTBRITE.encode()), {"name": 1}).warnings


# ------------------------------------------------------------------ importing onto a roster


def person(pid: str, name: str, email: str = "", organisation: str = "") -> Participant:
    return Participant(id=pid, name=name, email=email, organisation=organisation)


def forty() -> Event:
    """Forty people in a plan of two rounds of five tables of eight."""
    people = tuple(
        person(f"p{i}", f"Person {i}", f"person{i}@x.org" if i % 2 else "") for i in range(1, 41)
    )
    ids = [p.id for p in people]
    rounds = (
        tuple(tuple(ids[t * 8 : t * 8 + 8]) for t in range(5)),
        tuple(tuple(ids[t::5]) for t in range(5)),
    )
    plan = TablePlan(
        rounds=rounds,
        size=8,
        keep_apart=(("p1", "p2"),),
        pinned=(Pin(person="p40", table=5),),
    )
    return Event(title="Forty", participants=people, tables=plan)


def csv_of(people: list[Participant]) -> bytes:
    lines = ["Full name,Organisation,Email"] + [
        f"{p.name},{p.organisation},{p.email}" for p in people
    ]
    return "\n".join(lines).encode()


def test_a_late_booking_moves_nobody() -> None:
    event = forty()
    listed = list(event.participants)
    listed.insert(3, person("", "Late Booking", "late@x.org"))  # a booking at row 4
    listed.append(person("", "Walk In"))
    gone = listed.pop(11)  # Person 11 cancelled
    table = read_table(csv_of(listed))
    roster = build_roster(table, guess_mapping(table.headings, table.rows))
    assert [p.id for p in roster.participants][:5] == ["p1", "p2", "p3", "p4", "p5"]  # by row

    change = merge_roster(event, roster.participants)
    assert (len(change.kept), len(change.gone), change.before) == (39, 1, 40)
    assert [p.name for p in change.new] == ["Late Booking", "Walk In"]
    assert [p.id for p in change.new] == ["p41", "p42"]
    assert change.gone == (gone,)
    before = {p.name: p.id for p in event.participants}
    assert all(before[p.name] == p.id for p in change.kept)
    assert change_in_words(change) == (
        "Replaces the roster of 40: 39 kept, 2 new, 1 no longer listed. "
        "New: Late Booking, Walk In. No longer listed: Person 11. "
        "The table plan keeps everyone still listed in their seats and takes out the 1 no "
        "longer listed. The 2 new people are not seated yet: File ▸ Edit the event ▸ Tables ▸ "
        "Seat late arrivals seats them from the round shown on, at the smallest tables, "
        "without moving anyone."
    )

    after = without_unknown(msgspec.structs.replace(event, participants=change.participants))
    for r in range(2):
        for p in change.kept:
            assert table_of(after, r, p.id) == table_of(event, r, p.id) != ""
        assert table_of(after, r, "p41") == table_of(after, r, "p42") == ""
    assert "p11" not in {i for r in after.tables.rounds for t in r for i in t}
    assert after.tables.keep_apart == (("p1", "p2"),) and after.tables.pinned[0].person == "p40"
    # The new people can then be seated without moving anyone (Tables ▸ Seat late arrivals).
    seated = msgspec.structs.replace(after, tables=add_late_arrival(after, "p41", 0))
    for p in change.kept:
        assert table_of(seated, 1, p.id) == table_of(event, 1, p.id)


def test_people_are_matched_by_email_then_by_name() -> None:
    event = Event(
        title="Matching",
        participants=(
            person("p1", "Siobhán Ní Bhriain", "siobhan@nhs.scot"),
            person("p2", "Jo Brown", "jo.brown@fife.gov.uk"),
            person("p3", "Ùisdean  MacLeòid"),
            person("p4", "Sam Lee"),
            person("p5", "Sam Lee", "sam.lee@police.scot"),
            person("p7", "Ali Khan"),
        ),
    )
    incoming = [
        person("", "Siobhan Ni Bhriain-Smith", "SIOBHAN@nhs.scot"),  # new surname, same e-mail
        person("", "Jo Brown", "jo@cyrenians.org"),  # a namesake: both have e-mails, they differ
        person("", "uisdean macleoid", "uisdean@cne-siar.gov.uk"),  # by name, accents ignored
        person("", "Sam Lee"),  # namesakes in order: the first Sam Lee…
        person("", "SAM LEE"),  # …then the second
    ]
    change = merge_roster(event, incoming)
    assert [p.id for p in change.participants] == ["p1", "p8", "p3", "p4", "p5"]
    assert [p.name for p in change.gone] == ["Jo Brown", "Ali Khan"]
    assert change.participants[0].name == "Siobhan Ni Bhriain-Smith"  # the file's details win
    assert change_in_words(change) == (
        "Replaces the roster of 6: 4 kept, 1 new, 2 no longer listed. New: Jo Brown. "
        "No longer listed: Jo Brown, Ali Khan."
    )  # no plan: nothing said about one


def test_new_ids_are_never_ones_the_event_used() -> None:
    plan = TablePlan(rounds=((("p1", "p9"),),), keep_together=(("p1", "p12"),))
    event = Event(
        title="Ids", participants=(person("p1", "Ann"), person("host", "Bo")), tables=plan
    )
    change = merge_roster(event, [person("", "Cy"), person("", "Ann"), person("", "Di")])
    assert [p.id for p in change.participants] == ["p13", "p1", "p14"]
    left = merge_roster(forty(), [person("", "Person 1"), person("", "Someone New")])
    assert [p.id for p in left.participants] == ["p1", "p41"]  # not p2, who left


@pytest.mark.parametrize(
    ("event", "incoming", "words"),
    [
        (Event(title="Empty"), [person("", "Ann"), person("", "Bo")], "2 people will be imported."),
        (Event(title="Empty"), [person("", "Ann")], "1 person will be imported."),
        (
            Event(title="Same", participants=(person("p1", "Ann"), person("p2", "Bo"))),
            [person("", "Bo"), person("", "Ann")],
            "Replaces the roster of 2: all 2 kept.",
        ),
        (
            forty(),
            [person("", "Someone Else")],
            "Replaces the roster of 40: nobody kept, 1 new, 40 no longer listed. ⚠ Nobody on "
            "the current roster is in this file, so the table plan will be left empty: make a "
            "new one in File ▸ Edit the event ▸ Tables.",
        ),
        (
            forty(),
            [*forty().participants, person("", "Late")],
            "Replaces the roster of 40: all 40 kept, 1 new. New: Late. The table plan keeps "
            "everyone still listed in their seats. The new person is not seated yet: File ▸ "
            "Edit the event ▸ Tables ▸ Seat late arrivals seats them from the round shown on, "
            "at the smallest tables, without moving anyone.",
        ),
    ],
)
def test_the_change_in_words(event: Event, incoming: list[Participant], words: str) -> None:
    assert change_in_words(merge_roster(event, incoming)) == words


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Name\nA\n".encode("utf-16")[:-1], "UTF-16 but is cut short"),
        (b"Name,Notes\nAnna," + b"x" * 200_000 + b"\n", "Line 2 can't be read as CSV"),
    ],
)
def test_unreadable_files_are_said_plainly(data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        read_table(data)


def test_a_list_without_some_columns_keeps_what_the_roster_knew() -> None:
    event = Event(
        title="Fuller",
        participants=(
            Participant(
                id="p1",
                name="Mòrag NicLeòid",
                organisation="NHS Highland",
                sector="health",
                email="morag@nhs.scot",
            ),
        ),
    )
    change = merge_roster(event, [Participant(id="", name="Morag NicLeoid", organisation="NHS H")])
    (kept,) = change.kept
    assert (kept.id, kept.name, kept.organisation) == ("p1", "Morag NicLeoid", "NHS H")
    assert (kept.sector, kept.email) == ("health", "morag@nhs.scot")
