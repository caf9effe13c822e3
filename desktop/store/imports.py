"""Reading files people bring in (a roster CSV), with errors a person can act on."""

from __future__ import annotations

from pathlib import Path

from desktop.core.roster import Table, read_table
from desktop.store.errors import StoreError, describe_os_error

MAX_ROSTER_BYTES = 20_000_000  # a roster is never this big; a wrong file might be


def file_start(path: Path, count: int = 8) -> bytes:
    """The first `count` bytes of a file, to tell a Word or Excel file from a CSV; b"" when it
    can't be read (`read_roster` then says why, in words)."""
    try:
        with path.open("rb") as file:
            return file.read(count)
    except OSError:
        return b""


def read_roster(path: Path) -> Table:
    """The CSV's table; StoreError if the file can't be read, RosterError if it isn't a roster."""
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise StoreError(f"{path.name} is too big to be a roster: is it the right file?")
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise StoreError(f"Could not read {path.name}: {describe_os_error(exc)}.") from None
    return read_table(data)
