"""People's names: how they sort, split and break over lines, and when two are the same.

Everywhere a name is compared or ordered goes through here: the delegate list and place cards
(by surname, Gaelic, Irish and continental particles kept with the surname), the room display's
table lists (broken between words, never after "Mac"), the roster import (a person already on
the roster found again by name). Accents and case never decide, and letters Unicode does not
split (Ł, ø, ß) fold too, so "Łukasz" files under L. No Qt, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not split into a base letter and an accent (Ł is not L + a mark).
_FOLDED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def name_key(name: str) -> str:
    """How a name sorts in a list people scan by eye: accents and case ignored, so
    "Łukasz" files under L and "Ùisdean" under U."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return " ".join(bare.casefold().translate(_FOLDED).split())


# Words that start a surname rather than end the given names: Gaelic (Mac, Nic, Ní, Ó, Uí,
# Mhic, "Bean Uí"), Irish O', and the Dutch, German, French, Italian and Portuguese particles.
# Compared folded (accents and case gone), so "Ní" and "Ni", "Ó" and "O" are one.
SURNAME_PARTICLES = frozenset(
    {"mac", "mc", "nic", "ni", "o", "o'", "ui", "mhic", "bean"}
    | {"de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "del", "della", "dos"}
    | {"st", "st."}
)
_APOSTROPHE = re.compile(r"['’ʼ]\s*")  # O'Neill and O' Neill both file as "oneill"


def split_name(name: str) -> tuple[str, str]:
    """A name as (given names, surname): the surname is the last word, or runs from the first
    particle after the first word ("Róisín", "Mac Giolla Phádraig"). A particle ends no name
    ("Rowan Bean" is Bean), and a one-word name is all surname ("", "Cher")."""
    words = name.split()
    start = len(words) - 1
    for i in range(1, len(words) - 1):
        if name_key(words[i]) in SURNAME_PARTICLES:
            start = i
            break
    return " ".join(words[:start]), " ".join(words[start:])


def binds(word: str) -> bool:
    """A word that belongs on one line with the next: a surname particle ("Mac", "Nic", "van",
    "Mac-") or an elided one ("a'" in "Nic a' Phearsain")."""
    return name_key(word.rstrip("-")) in SURNAME_PARTICLES or word.endswith(("'", "’"))


def name_units(name: str) -> list[str]:
    """A name's words, each particle joined to the word after it: the pieces a name may be
    broken between over lines ("Róisín", "Mac Giolla", "Phádraig")."""
    units: list[str] = []
    for word in name.split():
        if units and binds(units[-1].split()[-1]):
            units[-1] += " " + word
        else:
            units.append(word)
    return units


def surname_key(name: str) -> str:
    """How a name sorts in a delegate list: surname first, then the given names, accents, case
    and apostrophes ignored ("Siobhán Ní Bhriain" → "ni bhriain siobhan", "Liam O'Neill" →
    "oneill liam"); a one-word name sorts by itself."""
    given, surname = split_name(name)
    key = " ".join(part for part in (name_key(surname), name_key(given)) if part)
    return _APOSTROPHE.sub("", key)
