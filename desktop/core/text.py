"""Characters that change how text reads without showing themselves, and taking them out.

Kept: the zero-width non-joiner and joiner (U+200C, U+200D) between two letters. Persian, Urdu
and the Indic scripts spell words with them (Persian می‌خواهم, "I want", has a ZWNJ), and emoji
families, rainbow flags and professions are emoji joined by ZWJ: without them a word changes or
a family falls apart into four people.

Taken out: control characters (NUL, bell, escape, the C1 block), bidi marks, embeddings,
overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: one can turn the rest of a
line around, so a name or a note reads differently from what it is), zero-width spaces, word
joiners, byte-order marks and soft hyphens. A joiner with nothing to join (at the start or end,
or beside a space) goes too, so text of nothing but joiners is empty.
"""

from __future__ import annotations

import re

JOINERS = "\u200c\u200d"
# Tab, line feed, vertical tab, form feed and carriage return are left to the caller: a note
# keeps its line breaks, a name turns them into spaces.
_HIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_STRAY_JOINERS = re.compile(rf"(?<!\S)[{JOINERS}]+|[{JOINERS}]+(?!\S)")


def without_hidden(text: str) -> str:
    """`text` with the characters that hide or turn text around taken out; joiners kept
    where they join two characters."""
    return _STRAY_JOINERS.sub("", _HIDDEN.sub("", text))


def one_line(text: str) -> str:
    """A name or a heading as one line: hidden characters out, any run of spaces, tabs or line
    breaks as one space, ends trimmed."""
    return " ".join(without_hidden(text).split())
