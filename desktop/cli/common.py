"""What every command shares: exit codes, the usage error, `.room` names, a one-line summary
of an event, and where a command's output goes (the screen or a file, written atomically)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from desktop.core.model import Event
from desktop.core.timetable import format_clock, format_duration, timetable
from desktop.store.documents import write_output

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_FAULT = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


class AddCommand(Protocol):
    """Adds a sub-command to the parser: its name, what runs it and its one-line help."""

    def __call__(self, name: str, handler: Handler, help: str) -> argparse.ArgumentParser: ...


class UsageError(Exception):
    """The command line asks for something that can't be done as asked (exit code 2)."""


def room_path(value: str) -> Path:
    """An event file's path from the command line: `.room` added when there is no ending."""
    path = Path(value)
    if path.suffix == "":
        return path.with_suffix(".room")
    if path.suffix != ".room":
        raise UsageError(f"{path.name}: event files end in .room — try {path.with_suffix('.room')}")
    return path


def summary(event: Event) -> str:
    """One line saying what an event holds."""
    parts = [f"“{event.title}”"]
    slots = timetable(event)
    if slots:
        span = ""
        if slots[0].start is not None and slots[-1].end is not None:
            span = f" ({format_clock(slots[0].start)}–{format_clock(slots[-1].end)})"
        parts.append(f"{len(slots)} segments, {format_duration(event.planned_minutes)}{span}")
    else:
        parts.append("no agenda yet")
    for name, items in (
        ("contributor", event.contributors),
        ("participant", event.participants),
        ("note", event.notes),
    ):
        parts.append(f"{len(items)} {name}{'' if len(items) == 1 else 's'}")
    return " · ".join(parts)


def write_out(out: str | None, data: bytes, source: Path) -> None:
    """`data` to the screen (no `-o`, or `-o -`) or to the file `out`, never over `source`."""
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(out)
    if target.exists() and target.resolve() == source.resolve():
        raise UsageError(f"{target.name} is the file being exported; choose another -o name")
    write_output(target, data)
