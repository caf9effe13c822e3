"""Checks across the fields of an event document, once each field has been checked alone.

Ids are unique in their list and every reference finds its item; the table plan seats people on
the roster, each once a round; a ballot has a count for each option and no more dots than its
vote gives; a segment's red warning comes after its amber.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.core.document_fields import _show
from desktop.core.document_json import Problem
from desktop.core.model import AMBER_SECONDS, RED_SECONDS
from desktop.core.timetable import format_minutes_seconds


def _check_ids_and_references(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    ids: dict[str, dict[str, str]] = {}
    for collection in ("contributors", "participants", "agenda", "notes", "votes", "feedback"):
        seen = ids.setdefault(collection, {})
        for i, item in enumerate(_items(raw, collection)):
            ident = item.get("id")
            if not isinstance(ident, str) or not ident.strip():
                continue
            place = f"{collection}[{i}].id"
            if ident in seen:
                problems.append(
                    Problem(
                        place,
                        f"{_show(ident)} is already used by {seen[ident]} — ids must be unique",
                    )
                )
            else:
                seen[ident] = f"{collection}[{i}]"
    references = (
        ("agenda", "contributor", "contributors"),
        ("notes", "contributor", "contributors"),
        ("notes", "segment", "agenda"),
        ("votes", "segment", "agenda"),
    )
    for collection, field, target in references:
        for i, item in enumerate(_items(raw, collection)):
            ref = item.get(field)
            if isinstance(ref, str) and ref and ref not in ids[target]:
                known = ", ".join(list(ids[target])[:8]) or "none yet"
                problems.append(
                    Problem(
                        f"{collection}[{i}].{field}",
                        f"no {target[:-1] if target != 'agenda' else 'agenda segment'} has the id "
                        f"{_show(ref)} (known: {known})",
                    )
                )


def _check_table_plan(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """The plan names people on the roster, each at most once a round."""
    plan = raw.get("tables")
    if not isinstance(plan, dict):
        return
    known = {p.get("id") for p in _items(raw, "participants")}

    def check(person: Any, place: str) -> None:
        if isinstance(person, str) and person.strip() and person not in known:
            problems.append(
                Problem(
                    place, f"no participant has the id {_show(person)} — add them to the roster"
                )
            )

    for r, round_ in enumerate(_lists(plan.get("rounds"))):
        seen: set[str] = set()
        for t, table in enumerate(_lists(round_)):
            for i, person in enumerate(_lists(table)):
                place = f"tables.rounds[{r}][{t}][{i}]"
                check(person, place)
                if isinstance(person, str) and person in seen:
                    problems.append(
                        Problem(place, f"{_show(person)} is seated twice in round {r + 1}")
                    )
                if isinstance(person, str):
                    seen.add(person)
    for field in ("keep_apart", "keep_together"):
        for g, group in enumerate(_lists(plan.get(field))):
            for i, person in enumerate(_lists(group)):
                check(person, f"tables.{field}[{g}][{i}]")
    for i, pin in enumerate(_lists(plan.get("pinned"))):
        if isinstance(pin, dict):
            check(pin.get("person"), f"tables.pinned[{i}].person")


def _check_votes(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """A ballot has a count for each option and no more dots than the vote gives; one each."""
    for v, vote in enumerate(_items(raw, "votes")):
        options, dots = vote.get("options"), vote.get("dots", 3)
        if not isinstance(options, list) or not isinstance(dots, int):
            continue
        counts = vote.get("counts")
        if isinstance(counts, list) and counts and len(counts) != len(options):
            problems.append(
                Problem(
                    f"votes[{v}].counts",
                    f"expected one count per option ({len(options)}), got {len(counts)}",
                )
            )
        seen: set[str] = set()
        for b, ballot in enumerate(_lists(vote.get("ballots"))):
            if not isinstance(ballot, dict):
                continue
            place = f"votes[{v}].ballots[{b}]"
            device, given = ballot.get("device"), ballot.get("dots")
            if isinstance(device, str) and device in seen:
                problems.append(Problem(place, f"{_show(device)} has a second ballot — keep one"))
            if isinstance(device, str):
                seen.add(device)
            if not isinstance(given, list) or not all(isinstance(d, int) for d in given):
                continue
            if len(given) != len(options):
                problems.append(
                    Problem(
                        f"{place}.dots",
                        f"expected one count per option ({len(options)}), got {len(given)}",
                    )
                )
            elif sum(given) > dots:
                problems.append(
                    Problem(f"{place}.dots", f"places {sum(given)} dots; each phone has {dots}")
                )


def _lists(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_warnings(raw: Mapping[str, Any], problems: list[Problem]) -> None:
    """Red comes after amber: it must be the smaller number of seconds left."""
    for i, item in enumerate(_items(raw, "agenda")):
        amber = item.get("amber_seconds", AMBER_SECONDS)
        red = item.get("red_seconds", RED_SECONDS)
        whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (amber, red))
        if whole and red > amber:
            problems.append(
                Problem(
                    f"agenda[{i}].red_seconds",
                    f"red ({format_minutes_seconds(red)} before the end) must come after amber "
                    f"({format_minutes_seconds(amber)} before the end) — "
                    "make red_seconds smaller than amber_seconds",
                )
            )


def _items(raw: Mapping[str, Any], collection: str) -> Iterable[Mapping[str, Any]]:
    value = raw.get(collection)
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))
