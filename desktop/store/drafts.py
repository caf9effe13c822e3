"""Drafts: what is being typed in one note box, kept beside the event file.

Each note box has its own draft (``NAME.room.draft`` for the console's, ``NAME.room.draft-window``
for a capture window's), so two boxes on one file never overwrite or delete each other's words.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from pathlib import Path

import msgspec

from desktop.store.atomic import write_atomic
from desktop.store.errors import save_failed


class Draft:
    """The draft of one note box (`box` names it; "" is the console's)."""

    def __init__(self, event_file: Path, box: str = "") -> None:
        if box and not re.fullmatch(r"[a-z0-9-]+", box):
            raise ValueError(f"a draft's box name is a plain word, not {box!r}")
        suffix = f".draft-{box}" if box else ".draft"
        self.path = event_file.with_name(event_file.name + suffix)

    def save(self, draft: Mapping[str, str]) -> None:
        """Keep the note being typed, so a crash mid-sentence loses nothing (SaveError if not)."""
        try:
            write_atomic(self.path, msgspec.json.encode(dict(draft)))
        except OSError as exc:
            raise save_failed(self.path, exc) from None

    def load(self) -> dict[str, str]:
        """The draft left by the last session ({} when none, or unreadable)."""
        try:
            data = msgspec.json.decode(self.path.read_bytes())
        except (OSError, msgspec.DecodeError, RecursionError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str)}

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()
