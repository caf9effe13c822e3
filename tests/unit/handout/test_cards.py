"""Place cards, read back from the PDF: a card per person, both halves the right way up once
folded, the right tables, names as typed, and never an e-mail."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from msgspec.structs import replace
from pypdf import PdfReader

from desktop.core.model import Event, Participant
from desktop.core.names import binds, surname_key
from desktop.handout import cards
from desktop.handout.cards import NoRoster, build_cards, cards_of, fit_name
from desktop.handout.pack import Options
from desktop.handout.styles import card_style
from desktop.store.eventfile import EventFile
from desktop.store.templates import demo_event
from tests.conftest import ARTIFACTS
from tests.helpers import run_cli
from tests.unit.handout.helpers import demo_plan, planned, roster

A4_HEIGHT = 841.89
EXTRA = (
    Participant(
        id="x1",
        name="Seònaid Mhoireach",
        organisation="Comhairle nan Eilean Siar",
        email="seonaid@private.example",
    ),
    Participant(
        id="x2",
        name="Wojciech Żółkiewski",
        organisation="Perth & Kinross Association of Voluntary Service",
        email="wojtek@private.example",
    ),
    Participant(id="x3", name="Grzegorz Brzęczyszczykiewicz-Chrząszczewski"),
)


def with_extra(event: Event) -> Event:
    """The event with three more people on the roster, seated nowhere."""
    return replace(event, participants=event.participants + EXTRA)


@dataclass(frozen=True)
class Drawn:
    text: str
    x: float
    y: float
    upright: bool  # False: turned round 180°


def drawn(pdf: bytes, page: int) -> list[Drawn]:
    """Every piece of text on a page, where it is and which way up."""
    found: list[Drawn] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        found.append(Drawn(text.strip(), x, y, cm[0] * tm[0] > 0))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


def page_words(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()).replace("- ", "-") for page in reader.pages]


@pytest.fixture(scope="module")
def four_up() -> bytes:
    pdf = build_cards(with_extra(demo_plan()))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "cards_demo.pdf").write_bytes(pdf)
    return pdf


def test_a_card_for_everyone_in_table_order_with_their_tables(four_up: bytes) -> None:
    event = with_extra(demo_plan())
    cards = cards_of(event)
    assert len(cards) == 27
    # Table 1's cards first, then Table 2's ...; people not seated last, A–Z.
    firsts = [c.tables[0] for c in cards]
    assert firsts[:4] == ["Table 1"] * 4 and firsts[-4:] == ["Table 6", "", "", ""]
    assert [c.name for c in cards[-3:]] == [EXTRA[2].name, EXTRA[0].name, EXTRA[1].name]
    texts = page_words(four_up)
    assert len(texts) == 7  # 27 cards, four to a page
    people = {p.id: p for p in event.participants}
    for r, tables in enumerate(event.tables.rounds):
        for t, table in enumerate(tables):
            for person_id in table:
                card = next(c for c in cards if c.name == people[person_id].name)
                assert card.tables[r] == f"Table {t + 1}"
    for i, card in enumerate(cards):
        page = texts[i // 4]
        assert page.count(card.name) == 2, card.name  # on both halves of the fold
        if card.tables[0]:
            later = " · ".join(f"Round {r + 2}: {t}" for r, t in enumerate(card.tables[1:]))
            assert page.count(later) == 2, card.name
            assert page.count(f"Round 1: {card.tables[0]}") >= 2, card.name  # which round
    # The Gaelic and Polish names, and the longest, come out whole.
    last = texts[-1]
    for name in ("Seònaid Mhoireach", "Wojciech Żółkiewski", "Brzęczyszczykiewicz-Chrząszczewski"):
        assert last.count(name) == 2


def test_no_email_is_ever_printed(four_up: bytes) -> None:
    reader = PdfReader(io.BytesIO(four_up))
    assert not any("@" in page.extract_text() for page in reader.pages)
    meta = reader.metadata
    assert meta is not None and meta.title == (
        "Place cards – Collaboration is messy – why people are the key to partnership working"
    )
    assert "private.example" not in str(dict(meta))


def test_the_top_half_is_turned_round_so_the_folded_tent_reads_both_ways(four_up: bytes) -> None:
    # A4 four-up: cards 297.6 pt tall, folded at their middle (148.8 pt up from their foot).
    card_height = A4_HEIGHT / 2
    first = cards_of(with_extra(demo_plan()))[0]
    pieces = [d for d in drawn(four_up, 0) if d.text in first.name.split()]
    word = first.name.split()[0]
    upright = [d for d in pieces if d.text == word and d.upright]
    turned = [d for d in pieces if d.text == word and not d.upright]
    assert len(upright) == 1 and len(turned) == 1
    # The first card is top left: its lower half is the upright face, its upper half the other.
    fold = card_height + card_height / 2
    assert card_height < upright[0].y < fold < turned[0].y < A4_HEIGHT
    assert upright[0].x < 297.6 and turned[0].x < 297.6
    # Mirror images across the fold: the same distance from it, one on each side.
    assert abs((fold - upright[0].y) - (turned[0].y - fold)) < 1
    # Fold and cut guides are there.
    texts = [d.text for d in drawn(four_up, 0)]
    assert texts.count("fold") == 4 and "✂ cut" in texts


def test_two_to_a_page_in_large_print_and_on_letter() -> None:
    event = with_extra(demo_plan())
    pdf = build_cards(event, Options(paper="letter", large_print=True))
    (ARTIFACTS / "cards_demo_two_up.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 14  # 27 cards, two to a page
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert [d.text for d in drawn(pdf, 0)].count("fold") == 2
    with pytest.raises(ValueError, match="two or four"):
        build_cards(event, per_page=3)


def test_without_a_plan_cards_carry_names_only_a_to_z() -> None:
    event = with_extra(demo_event())
    cards = cards_of(event)
    assert all(c.tables == () for c in cards)
    assert [c.name for c in cards] == sorted((c.name for c in cards), key=surname_key)
    assert cards[0].name == "Grzegorz Brzęczyszczykiewicz-Chrząszczewski"  # A–Z by surname
    assert cards[-1].name == "Wojciech Żółkiewski"
    text = " ".join(page_words(build_cards(event)))
    assert "Table" not in text and "Round" not in text


def test_no_roster_is_a_clear_error() -> None:
    with pytest.raises(NoRoster, match="no one on the roster"):
        build_cards(replace(demo_event(), participants=()))


def test_a_300_person_roster_builds_with_progress() -> None:
    event = planned(roster(300), 30, 3)
    seen: list[int] = []
    pdf = build_cards(event, progress=seen.append)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 75
    assert seen[-1] == 100 and seen == sorted(seen)


def test_names_are_fitted_never_cut() -> None:
    style = card_style(4)
    width = 105 * 2.8346 - 2 * style.padding
    assert fit_name("Euan Stewart", width, style.name) == (["Euan Stewart"], style.name)
    lines, size = fit_name("Alasdair MacDhòmhnaill", width, style.name)
    assert lines == ["Alasdair", "MacDhòmhnaill"] and 0.9 * style.name < size <= style.name
    lines, size = fit_name("Grzegorz Brzęczyszczykiewicz-Chrząszczewski", width, style.name)
    assert "".join(lines).replace(" ", "") == "GrzegorzBrzęczyszczykiewicz-Chrząszczewski"
    assert 12 < size < style.name


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("Mairead Nic a' Phearsain", "Nic a' Phearsain"),
        ("Róisín Mac Giolla Phádraig", "Mac Giolla Phádraig"),
        ("Anna Maria van der Berg", "van der Berg"),
    ],
)
def test_a_surname_with_a_particle_stays_on_one_line(name: str, surname: str) -> None:
    style = card_style(4)
    width = 105 * 2.8346 - 2 * style.padding
    lines, _ = fit_name(name, width, style.name)
    assert " ".join(lines) == name and not any(binds(line.split()[-1]) for line in lines)
    assert len(lines) != 2 or lines[1] == surname  # on two lines: given names, then surname
    for count in (2, 3):
        for line in cards._split(name.split(), count)[0][:-1]:
            assert not binds(line.split()[-1])  # no line ends "Nic", "Mac", "a'", "van"


# ----------------------------------------------------------------------------- the command


def test_handout_command_prints_place_cards(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    room = tmp_path / "plan.room"
    EventFile.create(room, with_extra(demo_plan())).close()
    out = tmp_path / "cards.pdf"
    code, said, err = run_cli(capsys, "handout", str(room), "--kind", "cards", "-o", str(out))
    assert (code, err) == (0, "")
    assert said == f"wrote {out} (cards, A4)\n"
    assert len(PdfReader(str(out)).pages) == 7
    code, said, _ = run_cli(
        capsys, "handout", str(room), "--kind", "cards", "--large-print", "-o", str(out)
    )
    assert code == 0 and len(PdfReader(str(out)).pages) == 14


def test_handout_command_without_a_roster_says_so_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = tmp_path / "event.json"
    doc.write_text(json.dumps({"format": "intheroom.event", "version": 1, "title": "T"}))
    out = tmp_path / "cards.pdf"
    code, said, err = run_cli(capsys, "handout", str(doc), "--kind", "cards", "-o", str(out))
    assert code == 2 and said == ""
    assert err.startswith("intheroom: event.json: There is no one on the roster yet")
    assert "Import roster" in err and "Traceback" not in err
    assert not out.exists()
