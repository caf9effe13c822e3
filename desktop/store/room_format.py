"""The event file's format: its tables, how they are read from bytes and made from an Event.

A file's bytes either give tables and an Event, or raise `Damaged` saying why in words (any kind
of garbage, however odd, is damage, never a crash), or `NewerFileError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import msgspec

from desktop import __version__
from desktop.core import document
from desktop.core.model import Event
from desktop.store.errors import NewerFileError

ROOM_FORMAT = "intheroom.room"
ROOM_VERSION = 1
# How to bring a file from version v to v + 1; each takes and returns the raw tables. Empty
# while there is only one version; the first format change adds its step here (and a test).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
# votes and feedback (issue 21) are list tables too; a file from before them has neither, and
# reads as having none.
LIST_TABLES = ("agenda", "notes", "participants", "votes", "feedback")
OPTIONAL_TABLES = ("votes", "feedback")
TABLES = ("meta", "event", *LIST_TABLES, "runlog")

Raw = dict[str, dict[str, dict[str, Any]]]


class Damaged(Exception):
    """Why a file's bytes are not a usable event file."""


def rows(raw: Raw, table: str) -> list[dict[str, Any]]:
    docs = raw.get(table, {})
    return [docs[key] for key in sorted(docs, key=int)]


def _table(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): dict(row) for i, row in enumerate(rows, start=1)}


def raw_from_event(event: Event, saved_at: float = 0.0) -> Raw:
    """The tinydb tables for an event (a new file, an import)."""
    body = document.plain(event)
    lists = {name: body.pop(name, []) for name in LIST_TABLES}
    for name in OPTIONAL_TABLES:  # a file without votes looks as it did before them
        if not lists[name]:
            del lists[name]
    return {
        "meta": _table([meta_row(saved_at)]),
        "event": _table([body]),
        **{name: _table(rows) for name, rows in lists.items()},
        "runlog": {},
    }


def meta_row(saved_at: float) -> dict[str, Any]:
    return {"format": ROOM_FORMAT, "version": ROOM_VERSION, "app": __version__, "saved": saved_at}


def event_from_raw(raw: Raw) -> Event:
    """The Event held in the tables; DocumentError when they don't make a valid one."""
    details = rows(raw, "event")
    doc: dict[str, Any] = {"format": document.FORMAT, "version": document.VERSION}
    doc.update(details[0] if details else {})
    for name in LIST_TABLES:
        doc[name] = rows(raw, name)
    return document.from_builtins(doc)


def parse_room(data: bytes) -> tuple[Raw, Event]:
    """Tables and event from a file's bytes; Damaged or NewerFileError when unusable."""
    raw, event, _ = parse_room_versioned(data)
    return raw, event


def parse_room_versioned(data: bytes) -> tuple[Raw, Event, int]:
    """As parse_room, migrating an older file in memory; also the version the file was in."""
    if not data.strip():
        raise Damaged("the file is empty" if not data else "the file holds only blank space")
    try:
        return _parse(data)
    except (Damaged, NewerFileError):
        raise
    except RecursionError:
        raise Damaged("it is nested too deeply to be an event file") from None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, msgspec.MsgspecError):
        raise Damaged("its tables are garbled") from None


def _parse(data: bytes) -> tuple[Raw, Event, int]:
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise Damaged("the file is cut short or garbled") from None
    if not isinstance(raw, dict):
        raise Damaged("this is not an In the Room event file")
    if raw.get("format") == document.FORMAT:
        raise Damaged("this is an event document, not an event file — import it instead")
    meta_rows = rows(raw, "meta") if isinstance(raw.get("meta"), dict) else []
    meta = meta_rows[0] if meta_rows and isinstance(meta_rows[0], dict) else {}
    if meta.get("format") != ROOM_FORMAT:
        raise Damaged("this is not an In the Room event file")
    version = meta.get("version")
    if not isinstance(version, int) or version < 1:
        raise Damaged("its format version is unreadable")
    if version > ROOM_VERSION:
        raise NewerFileError(
            f"This event file was saved by a newer In the Room (file version {version}; this app "
            f"reads version {ROOM_VERSION}). Update In the Room to open it."
        )
    for table in TABLES:
        if not isinstance(raw.setdefault(table, {}), dict):
            raise Damaged(f"its {table} table is garbled")
    try:
        for step in range(version, ROOM_VERSION):
            raw = MIGRATIONS[step](raw)
        if version < ROOM_VERSION:
            first = next(iter(raw["meta"]))
            raw["meta"][first]["version"] = ROOM_VERSION
        return raw, event_from_raw(raw), version
    except document.DocumentError as exc:
        raise Damaged(f"its content is not valid: {exc.problems[0]}") from None
    except (ValueError, TypeError, AttributeError):
        raise Damaged("its tables are garbled") from None
