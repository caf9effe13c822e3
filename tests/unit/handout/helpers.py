"""What the handout tests share: a PDF's text without its footers, the pack's headings, and
events with rosters (accented names, e-mails) seated at tables."""

from __future__ import annotations

import io
import re

from msgspec.structs import replace
from pypdf import PdfReader

from desktop.core.model import Contact, Contributor, Event, Note, Participant, TablePlan
from desktop.store.templates import demo_event

ORDER = [
    "How to use this pack",
    "Our focus",
    "Our community",
    "Our contributors",
    "Our contributors' learning",
    "Our collective learning",
    "Personal reflections",
    "Your feedback",
    "Final reflections",
    "Moving forward",
]


def pages(pdf: bytes) -> list[str]:
    """Each page's text, white space runs as one space, the footer ("… Page N") taken off."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = [re.sub(r"\s+", " ", page.extract_text()).strip() for page in reader.pages]
    return [
        re.sub(r"^.*? · (Reflect & Connect Pack|Agenda|Timing report) Page \d+ ?", "", t)
        for t in texts
    ]


def words(pdf: bytes) -> str:
    """The PDF's text without footers, white space runs as one space."""
    return " ".join(pages(pdf))


UNICODE = {
    "Gaelic": "Siobhán Ní Bhriain agus Ùisdean MacLeòid",
    "Polish": "Łukasz Żółć i Grzegorz Brzęczyszczykiewicz",
    "Greek": "Αλέξανδρος Παπαδόπουλος",
    "Cyrillic": "Олена Коваленко",
}


def event_with(*notes: Note, **more: object) -> Event:
    """An event with these notes, markup in its title and accents in its names."""
    base = Event(
        title="Unicode & <markup>",
        contributors=(Contributor(id="c1", name=UNICODE["Gaelic"], role="Stiùiriche"),),
        notes=notes,
        contact=Contact(email="fàilte@example.org", url="https://example.org/events"),
    )
    return replace(base, **more)


FIRST = [
    "Seònaid", "Wojciech", "Mòrag", "Łukasz", "Eilidh", "Agnieszka", "Ùisdean", "Zofia",
    "Calum", "Bożena", "Ruairidh", "Tomasz", "Catrìona", "Grzegorz", "Ailsa", "Dùghall",
    "Niamh", "Małgorzata", "Iain", "Fiona",
]  # fmt: skip
LAST = [
    "Mhoireach", "Żółkiewski", "MacLeòid", "Nowak", "Wiśniewska", "NicIllinnein", "Fraser",
    "Ó Súilleabháin", "Kowalczyk", "Docherty", "Zielińska", "Caimbeul", "Stewart", "Grant",
    "Dąbrowski",
]  # fmt: skip
ORGS = ["NHS Western Isles", "Police Scotland", "Comhairle nan Eilean Siar", "Fife Council"]


def shifted(ids: list[str], tables: int, rounds: int) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """A plan with even tables: person i sits at (i + (i // tables) × round) mod tables."""
    plan = []
    for r in range(rounds):
        seats: list[list[str]] = [[] for _ in range(tables)]
        for i, person in enumerate(ids):
            seats[(i + (i // tables) * r) % tables].append(person)
        plan.append(tuple(tuple(seat) for seat in seats))
    return tuple(plan)


def roster(count: int) -> tuple[Participant, ...]:
    """`count` (up to 300) people with different names, each with an e-mail."""
    return tuple(
        Participant(
            id=f"p{i}",
            name=f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST)]}",
            organisation=ORGS[i % len(ORGS)],
            sector="health",
            email=f"person{i}@private.example",
        )
        for i in range(count)
    )


def planned(people: tuple[Participant, ...], tables: int, rounds: int) -> Event:
    """The demo event with this roster seated at `tables` tables for `rounds` rounds."""
    plan = shifted([p.id for p in people], tables, rounds)
    return replace(demo_event(), participants=people, tables=TablePlan(rounds=plan))


def with_emails(event: Event) -> Event:
    people = tuple(replace(p, email=f"{p.id}@private.example") for p in event.participants)
    return replace(event, participants=people)


def demo_plan(rounds: int = 3) -> Event:
    """The demo's 24 people (Gaelic and Polish names among them) at six tables."""
    event = with_emails(demo_event())
    plan = shifted([p.id for p in event.participants], 6, rounds)
    return replace(event, tables=TablePlan(rounds=plan))
