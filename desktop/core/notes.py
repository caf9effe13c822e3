"""Capturing notes: cleaning what was typed or pasted, what kind a note is, and finding them again.

Pure functions over the model; the capture view and the store call them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.model import Event, Note, NoteKind, Segment, SegmentKind
from desktop.core.seating import table_labels
from desktop.core.text import without_hidden

# Alt+1…6 in the capture view, in this order.
NOTE_KINDS: tuple[NoteKind, ...] = tuple(NoteKind)

KIND_LABELS: dict[NoteKind, str] = {
    NoteKind.QUOTE: "Quote",
    NoteKind.SHARE_BACK: "Share-back",
    NoteKind.REFLECTION: "Reflection",
    NoteKind.ACTION: "Practical step",
    NoteKind.FEEDBACK: "Feedback",
    NoteKind.FINAL: "Final reflection",
}

# What a note is by default, from the segment it is typed in.
KIND_FOR_SEGMENT: dict[SegmentKind, NoteKind] = {
    SegmentKind.WELCOME: NoteKind.SHARE_BACK,
    SegmentKind.TALK: NoteKind.QUOTE,
    SegmentKind.BREAKOUT: NoteKind.SHARE_BACK,
    SegmentKind.SHARE_BACK: NoteKind.SHARE_BACK,
    SegmentKind.REFLECTION: NoteKind.REFLECTION,
    SegmentKind.BREAK: NoteKind.SHARE_BACK,
    SegmentKind.FEEDBACK: NoteKind.FEEDBACK,
    SegmentKind.CLOSE: NoteKind.FINAL,
    SegmentKind.CUSTOM: NoteKind.SHARE_BACK,
}

DEFAULT_TABLES = 12
MAX_NOTE_CHARACTERS = 20_000

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000\t\v\f"), " ")
# Bullets Word and Outlook leave at the start of pasted lines (including Symbol-font ones).
_BULLET = re.compile(r"^[ ]*(?:[•◦▪▫●○■□‣⁃∙·\uf0b7\uf0a7\uf0d8\uf076]|[-*](?= ))[ ]*")


def clean_text(text: str) -> str:
    """What was typed or pasted, tidied: smart quotes and dashes kept; hidden characters out
    (but not the joiners words and emoji are spelt with: see `desktop.core.text`); odd spaces,
    tabs and stray bullets normalised; line breaks kept; ends trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = without_hidden(text.translate(_SPACES))
    lines = [re.sub(r" {2,}", " ", _BULLET.sub("", line)).rstrip() for line in text.split("\n")]
    cleaned = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()


def kind_for(segment: Segment | None) -> NoteKind:
    """The kind a note typed during `segment` most likely is."""
    return KIND_FOR_SEGMENT[segment.kind] if segment is not None else NoteKind.SHARE_BACK


def table_names(count: int = DEFAULT_TABLES) -> list[str]:
    return [f"Table {i}" for i in range(1, count + 1)]


def groups(event: Event) -> list[str]:
    """The tables to pick from: the table plan's tables when there is a plan, else Table 1…N
    (N at least the default, or the highest in use); then any other names already typed, in
    first-use order."""
    used = list(dict.fromkeys(n.group for n in event.notes if n.group))  # few distinct names
    names = table_labels(event)
    if not names:
        numbered = [int(m.group(1)) for g in used if (m := re.fullmatch(r"Table (\d+)", g))]
        names = table_names(max([DEFAULT_TABLES, *numbered]))
    extra = list(dict.fromkeys(g for g in used if g not in names))
    return names + extra


def themes(event: Event) -> list[str]:
    """Themes already used, most used first (for autocomplete)."""
    counted = Counter(n.theme for n in event.notes if n.theme)
    return [theme for theme, _ in counted.most_common()]


def next_note_id(notes: Iterable[Note]) -> str:
    """A fresh id: "n" and one more than the highest "n<number>" in use."""
    highest = 0
    for note in notes:
        if note.id.startswith("n") and note.id[1:].isdigit():
            highest = max(highest, int(note.id[1:]))
    return f"n{highest + 1}"


@dataclass(frozen=True)
class NoteFilter:
    """What the notes list shows: "" means any."""

    kind: str = ""
    group: str = ""
    theme: str = ""
    text: str = ""

    def matches(self, note: Note) -> bool:
        if self.kind and note.kind != self.kind:
            return False
        if self.group and note.group != self.group:
            return False
        if self.theme and note.theme != self.theme:
            return False
        if self.text:
            needle = self.text.casefold()
            return any(needle in field.casefold() for field in (note.text, note.theme, note.group))
        return True


def counts(notes: Sequence[Note]) -> tuple[dict[NoteKind, int], dict[str, int]]:
    """How many notes of each kind (every kind listed) and from each table (tables in use)."""
    by_kind = {kind: 0 for kind in NOTE_KINDS}
    by_group: Counter[str] = Counter()
    for note in notes:
        by_kind[note.kind] += 1
        if note.group:
            by_group[note.group] += 1
    return by_kind, dict(sorted(by_group.items(), key=lambda item: table_order(item[0])))


def table_order(name: str) -> tuple[int, str]:
    """Sort key: Table 1, Table 2 … Table 10, then named tables, then none."""
    match = re.fullmatch(r"Table (\d+)", name)
    if match:
        return int(match.group(1)), ""
    return (1_000_000, name) if name else (2_000_000, "")


def counts_in_words(notes: Sequence[Note]) -> str:
    """ "Share-back 12 · Quote 4 — Table 1: 3 · Table 2: 2" (kinds with none left out)."""
    by_kind, by_group = counts(notes)
    kinds = " · ".join(f"{KIND_LABELS[k]} {n}" for k, n in by_kind.items() if n)
    tables = " · ".join(f"{g}: {n}" for g, n in by_group.items())
    total = f"{len(notes)} note{'s' if len(notes) != 1 else ''}"
    return " — ".join(part for part in (total, kinds, tables) if part)


def grouped(notes: Iterable[Note]) -> list[Note]:
    """Notes in the order a reader wants them within a section: by theme (first seen first),
    then by table, then as they were taken."""
    listed = list(notes)
    first_seen = {theme: i for i, theme in reversed(list(enumerate(n.theme for n in listed)))}
    return sorted(
        listed,
        key=lambda n: (n.theme == "", first_seen[n.theme], table_order(n.group), n.time),
    )
