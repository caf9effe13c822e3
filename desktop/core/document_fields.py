"""Checking one value of the event document against what its field takes.

Each check appends a `Problem` by place, with a hint that says what to write (a close match for a
misspelt choice or field name); none of them knows about events. `desktop.core.document` builds
its tables of fields (`EVENT`, `SEGMENT`, …) from these.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.document_json import Problem

Check = Callable[[Any, str, list[Problem]], None]


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = False
    hint: str = ""


def _show(value: Any) -> str:
    """A value as the user wrote it, short enough for a message."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, str):
        shown = json.dumps(value if len(value) <= 40 else value[:37] + "…", ensure_ascii=False)
        return shown
    if isinstance(value, int | float):
        return repr(value)
    return "a list" if isinstance(value, list) else "an object"


def _join(place: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{place}[{name}]"
    return f"{place}.{name}" if place else name


def _suggest(word: str, choices: Iterable[str]) -> str:
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower().replace("-", "_"), options, n=1, cutoff=0.6)
    return close[0] if close else ""


def _text(*, non_empty: bool = False) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if not isinstance(value, str):
            problems.append(Problem(place, f"expected text in quotes, got {_show(value)}"))
        elif non_empty and not value.strip():
            problems.append(Problem(place, "must not be empty"))

    return check


def _short_text(most: int) -> Check:
    text_check = _text(non_empty=True)

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        before = len(problems)
        text_check(value, place, problems)
        if len(problems) == before and len(value) > most:
            problems.append(
                Problem(
                    place,
                    f"too long for a checklist item ({len(value)} characters, at most {most}) "
                    '— keep it short, e.g. "flipchart and pens", and put the rest in '
                    "facilitator_notes",
                )
            )

    return check


def _whole(what: str, bounds: tuple[int, int], *, nullable: bool = False) -> Check:
    lo, hi = bounds
    expected = f"expected a whole number of {what} ({lo}-{hi})"

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if value is None and nullable:
            return
        if isinstance(value, int) and not isinstance(value, bool):
            if not lo <= value <= hi:
                problems.append(Problem(place, f"{expected}, got {value}"))
            return
        message = f"{expected}, got {_show(value)}"
        if isinstance(value, str) and value.strip().isdigit():
            message += f" — write {value.strip()} without quotes"
        problems.append(Problem(place, message))

    return check


def _pattern(regex: str, example: str, parse: Callable[[str], object], what: str) -> Check:
    compiled = re.compile(regex)

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if value == "":
            return
        if not isinstance(value, str) or not compiled.fullmatch(value):
            problems.append(Problem(place, f"expected {what} like {example}, got {_show(value)}"))
            return
        try:
            parse(value)
        except ValueError:
            problems.append(Problem(place, f"{_show(value)} is not a real {what}"))

    return check


_date = _pattern(r"\d{4}-\d{2}-\d{2}", '"2023-07-06" (YYYY-MM-DD)', dt.date.fromisoformat, "date")
_clock = _pattern(
    r"\d{2}:\d{2}", '"09:30" (HH:MM, 24-hour)', lambda s: dt.time.fromisoformat(s), "time of day"
)
_moment = _pattern(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?",
    '"2023-07-06T10:42:13"',
    dt.datetime.fromisoformat,
    "date and time",
)


def _choice(kinds: type[StrEnum], what: str) -> Check:
    values = [k.value for k in kinds]

    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if isinstance(value, str) and value in values:
            return
        if isinstance(value, str) and (close := _suggest(value, values)):
            problems.append(
                Problem(place, f'unknown {what} {_show(value)} — did you mean "{close}"?')
            )
        else:
            problems.append(
                Problem(place, f"expected a {what}: one of {', '.join(values)}; got {_show(value)}")
            )

    return check


def _flag(value: Any, place: str, problems: list[Problem]) -> None:
    if not isinstance(value, bool):
        problems.append(Problem(place, f"expected true or false, got {_show(value)}"))


def _list(item: Check) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        if not isinstance(value, list):
            problems.append(Problem(place, f"expected a list [...], got {_show(value)}"))
            return
        for i, element in enumerate(value):
            item(element, _join(place, i), problems)

    return check


def _object(spec: Mapping[str, _Field]) -> Check:
    def check(value: Any, place: str, problems: list[Problem]) -> None:
        _check_object(value, place, spec, problems)

    return check


def _check_object(
    value: Any, place: str, spec: Mapping[str, _Field], problems: list[Problem]
) -> bool:
    if not isinstance(value, dict):
        problems.append(Problem(place, f"expected an object {{...}}, got {_show(value)}"))
        return False
    for key in getattr(value, "repeated", ()):
        problems.append(
            Problem(_join(place, key), "appears twice in the same object — keep one of them")
        )
    for key in value:
        if key in spec:
            continue
        close = _suggest(key, spec)
        hint = f'did you mean "{close}"?' if close else f"known fields: {', '.join(spec)}"
        problems.append(Problem(_join(place, key), f"unknown field — {hint}"))
    for name, field in spec.items():
        if name in value:
            field.check(value[name], _join(place, name), problems)
        elif field.required:
            problems.append(Problem(_join(place, name), f"missing — {field.hint}"))
    return True
