"""Importing a roster onto an event that has one: who stays (with their id, so the table plan
keeps them where they sit), who is new, who is no longer listed, and all of it in words for the
organiser to read before saying yes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msgspec.structs import replace

from desktop.core.model import Event, Participant
from desktop.core.names import name_key


@dataclass(frozen=True)
class RosterChange:
    """What importing a roster does to the event's roster: who stays (with the same id, so
    the table plan keeps them where they sit), who is new, who is no longer listed."""

    participants: tuple[Participant, ...]  # the new roster, in the file's order
    kept: tuple[Participant, ...]  # as in the file, with their ids from the old roster
    new: tuple[Participant, ...]  # with fresh ids
    gone: tuple[Participant, ...]  # as on the old roster
    before: int  # how many the old roster had
    planned: bool  # the event has a table plan


def _ids_in(event: Event) -> set[str]:
    """Every participant id the event knows of: roster, plan and its rules."""
    plan = event.tables
    ids = {p.id for p in event.participants}
    ids.update(i for round_ in plan.rounds for table in round_ for i in table)
    ids.update(i for group in plan.keep_apart + plan.keep_together for i in group)
    ids.update(pin.person for pin in plan.pinned)
    return ids


def merge_roster(event: Event, incoming: Sequence[Participant]) -> RosterChange:
    """The imported people with the ids of those already on the event's roster, so the table
    plan and its rules still point at the right people.

    A person matches an existing participant by e-mail when both have one, else by name
    (accents, case and spaces ignored); namesakes are matched in roster order. A kept person
    takes the file's details, except where the file leaves one blank: then the old one stays.
    New people get ids the event has never used (not those of people who left).
    """
    existing = list(event.participants)
    free = set(range(len(existing)))
    match: dict[int, int] = {}  # incoming index → existing index

    by_email: dict[str, list[int]] = {}
    for i, person in enumerate(existing):
        if person.email:
            by_email.setdefault(person.email.casefold(), []).append(i)
    for j, person in enumerate(incoming):
        for i in by_email.get(person.email.casefold(), []) if person.email else []:
            if i in free:
                match[j] = i
                free.discard(i)
                break
    by_name: dict[str, list[int]] = {}
    for i, person in enumerate(existing):
        by_name.setdefault(name_key(person.name), []).append(i)
    for j, person in enumerate(incoming):
        if j in match:
            continue
        for i in by_name.get(name_key(person.name), []):
            if i in free and not (person.email and existing[i].email):
                match[j] = i
                free.discard(i)
                break

    taken = _ids_in(event)
    highest = max((int(i[1:]) for i in taken if i.startswith("p") and i[1:].isdigit()), default=0)
    people: list[Participant] = []
    kept: list[Participant] = []
    new: list[Participant] = []
    for j, person in enumerate(incoming):
        if j in match:
            old = existing[match[j]]
            blank = {  # a list without a sector or e-mail column doesn't wipe them out
                f: getattr(old, f)
                for f in ("organisation", "sector", "email")
                if not getattr(person, f) and getattr(old, f)
            }
            person = replace(person, id=old.id, **blank)
            kept.append(person)
        else:
            highest += 1
            while f"p{highest}" in taken:
                highest += 1
            person = replace(person, id=f"p{highest}")
            new.append(person)
        people.append(person)
    gone = tuple(existing[i] for i in sorted(free))
    return RosterChange(
        tuple(people), tuple(kept), tuple(new), gone, len(existing), bool(event.tables.rounds)
    )


def _names(people: Sequence[Participant], most: int = 5) -> str:
    names = [p.name for p in people[:most]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def change_in_words(change: RosterChange) -> str:
    """What the import will do, for the organiser to read before saying yes."""
    coming = len(change.participants)
    if not change.before:
        return f"{_people(coming)} will be imported."
    kept, new, gone = len(change.kept), len(change.new), len(change.gone)
    parts = [
        f"all {kept} kept" if kept == change.before else f"{kept} kept" if kept else "nobody kept"
    ]
    if new:
        parts.append(f"{new} new")
    if gone:
        parts.append(f"{gone} no longer listed")
    words = [f"Replaces the roster of {change.before}: {', '.join(parts)}."]
    for label, people in (("New", change.new), ("No longer listed", change.gone)):
        if people and kept:
            words.append(f"{label}: {_names(people)}.")
    if not change.planned:
        return " ".join(words)
    if not kept:
        words.append(
            "⚠ Nobody on the current roster is in this file, so the table plan will be left "
            "empty: make a new one in File ▸ Edit the event ▸ Tables."
        )
        return " ".join(words)
    plan = "The table plan keeps everyone still listed in their seats"
    if gone:
        plan += f" and takes out the {gone} no longer listed"
    words.append(plan + ".")
    if new:
        who = "The new person is" if new == 1 else f"The {new} new people are"
        words.append(
            f"{who} not seated yet: File ▸ Edit the event ▸ Tables ▸ Seat late arrivals seats "
            "them from the round shown on, at the smallest tables, without moving anyone."
        )
    return " ".join(words)
