"""What a roster's columns mean: headings matched to our fields, sectors to our short list.

Headings from booking and form tools (Eventbrite, Microsoft Forms, Google Forms, Ticket Tailor,
…) are matched by their words, and where two columns fit one field the better one wins (the
participant's e-mail over the buyer's, a filled column over an empty one). What people write for
their sector is put into `SECTORS`; what can't be told is left for the organiser to map.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from desktop.core.roster_csv import RosterError

FIELDS = ("name", "first_name", "last_name", "organisation", "sector", "email")
FIELD_LABELS = {
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "organisation": "Organisation",
    "sector": "Sector",
    "email": "E-mail",
}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# How headings in exports (Eventbrite, Microsoft Forms, Google Forms, Ticket Tailor, …) are read.
# A heading is tried against these in turn: the first that fits decides, so "Company email" is an
# e-mail column and "Employer address" no column of ours.
CONSENT_WORDS = _word_set(
    "consent consents consented permission permissions opt optin optout opted agree agreed "
    "agreement subscribe subscribed subscription unsubscribe unsubscribed marketing newsletter "
    "newsletters gdpr contacted"
)
# Not a person's name, and never their organisation: references, ids and numbers.
REFERENCE_WORDS = _word_set(
    "ref refs reference id ids number num nr code ticket barcode qr order booking username "
    "user login uid uuid registration reg"
)
# Columns we don't import, even with "name" or "organisation" in them.
OTHER_WORDS = _word_set(
    "address addr phone telephone tel mobile fax postcode zip street city town county country "
    "website web url linkedin twitter date time timestamp modified created submitted started "
    "completed job title role position department dept team grade dietary diet access "
    "requirements allergies pronouns prefix suffix salutation status type quantity price paid "
    "fee fees currency tier total amount payment event course session venue workshop "
    "product item"
)
# Someone other than the participant: their name or e-mail is only a last resort.
SOMEONE_ELSE_WORDS = _word_set(
    "buyer purchaser booker billing invoice manager emergency kin supervisor sponsor "
    "referee assistant"
)
# A name, but not the one to use first ("Badge name" beside "Full name").
SECONDARY_NAME_WORDS = _word_set("preferred badge nickname display known")
SECTOR_PHRASES = (
    "sector",
    "sectors",
    "service area",
    "area of work",
    "field of work",
    "industry",
    "type of organisation",
    "type of organization",
    "organisation type",
    "organization type",
    "kind of organisation",
    "kind of organization",
)
FIRST_NAME_PHRASES = ("first name", "firstname", "forename", "given name", "christian name")
LAST_NAME_PHRASES = ("last name", "lastname", "surname", "family name")
ORGANISATION_WORDS = _word_set(
    "organisation organization org employer company trust council agency workplace employing"
)
NAME_ALONE = _word_set("attendee participant delegate fullname")
_PLURALS = {
    "names": "name",
    "forenames": "forename",
    "surnames": "surname",
    "emails": "email",
    "organisations": "organisation",
    "organizations": "organization",
    "companies": "company",
    "employers": "employer",
}

SECTORS = (
    "health",
    "social care",
    "local authority",
    "third sector",
    "housing",
    "police & justice",
    "education",
    "government",
    "other",
)
# What people write, and the sector it means (lower case, & and "and" both accepted).
SECTOR_WORDS: dict[str, str] = {
    "nhs": "health",
    "health": "health",
    "healthcare": "health",
    "health board": "health",
    "primary care": "health",
    "gp": "health",
    "hospital": "health",
    "social care": "social care",
    "social work": "social care",
    "care": "social care",
    "hscp": "social care",
    "health and social care": "social care",
    "health & social care partnership": "social care",
    "local authority": "local authority",
    "local government": "local authority",
    "council": "local authority",
    "la": "local authority",
    "third sector": "third sector",
    "voluntary": "third sector",
    "voluntary sector": "third sector",
    "charity": "third sector",
    "charitable": "third sector",
    "third": "third sector",
    "community": "third sector",
    "ngo": "third sector",
    "not for profit": "third sector",
    "social enterprise": "third sector",
    "housing": "housing",
    "housing association": "housing",
    "police": "police & justice",
    "justice": "police & justice",
    "police & justice": "police & justice",
    "police and justice": "police & justice",
    "prison": "police & justice",
    "prisons": "police & justice",
    "criminal justice": "police & justice",
    "fire": "police & justice",
    "fire and rescue": "police & justice",
    "education": "education",
    "school": "education",
    "university": "education",
    "college": "education",
    "higher education": "education",
    "government": "government",
    "scottish government": "government",
    "civil service": "government",
    "central government": "government",
    "public body": "government",
    "other": "other",
}


def _norm(heading: str) -> str:
    return re.sub(r"[^a-z ]+", " ", heading.lower().replace("-", " ")).strip()


def _words(heading: str) -> list[str]:
    """The heading's words in lower case, "e-mail" as "email", plurals as singulars."""
    text = re.sub(r"\be mail", "email", _norm(heading))
    return [_PLURALS.get(word, word) for word in text.split()]


def _has(words: Sequence[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(
        list(words[i : i + len(wanted)]) == wanted for i in range(len(words) - len(wanted) + 1)
    )


def field_of(heading: str) -> str | None:
    """The field of ours a heading means, or None for a column we don't import."""
    words = _words(heading)
    if not words or CONSENT_WORDS.intersection(words):
        return None  # "Email consent", "Happy to be contacted?": a yes or no, not an address
    if any(w.startswith("email") for w in words) or "mail" in words:
        return "email"
    if any(_has(words, phrase) for phrase in SECTOR_PHRASES):
        return "sector"
    if (
        "#" in heading
        or "№" in heading
        or REFERENCE_WORDS.intersection(words)
        or words[-1] == "no"
        or OTHER_WORDS.intersection(words)
    ):
        return None  # "Delegate Ref", "Attendee #", "Employer address", "Job title"
    if any(_has(words, phrase) for phrase in FIRST_NAME_PHRASES) or words == ["first"]:
        return "first_name"
    if any(_has(words, phrase) for phrase in LAST_NAME_PHRASES) or words == ["last"]:
        return "last_name"
    if ORGANISATION_WORDS.intersection(words) or _has(words, "place of work"):
        return "organisation"  # "Name of organisation" too
    if "name" in words or (len(words) == 1 and words[0] in NAME_ALONE):
        return "name"
    return None


def _rank(heading: str, values: Sequence[str] | None, name: str) -> tuple[int, int, int]:
    """How good a column is for a field, higher first: what its values look like, then whose
    it is (the participant's, not the buyer's), then how specific the heading is."""
    words = _words(heading)
    fit = 2
    if values is not None:
        filled = [v for v in values if v.strip()]
        if not filled:
            fit = 0  # an empty column (Microsoft Forms' "Name" for an anonymous form)
        elif name == "email" and not any("@" in v for v in filled):
            fit = 1  # "anonymous", "Yes"
        elif name in ("name", "first_name", "last_name") and not any(
            ch.isalpha() for v in filled for ch in v
        ):
            fit = 1  # numbers
    whose = 2
    if SOMEONE_ELSE_WORDS.intersection(words):
        whose = 0
    elif name == "name" and SECONDARY_NAME_WORDS.intersection(words):
        whose = 1
    return fit, whose, len(words)


def guess_mapping(
    headings: Sequence[str], rows: Sequence[Sequence[str]] | None = None
) -> dict[str, int]:
    """Our field → the column it is in, from the headings (what can't be matched is left out).

    Where two columns fit one field the more specific heading wins ("Full name" over
    Microsoft Forms' "Name", "Email" over "Buyer Email"); with `rows`, so does the column
    whose values look right (addresses with an @, names with letters, not an empty column).
    """
    candidates: list[tuple[tuple[int, int, int], int, str]] = []
    for column, heading in enumerate(headings):
        name = field_of(heading)
        if name is None:
            continue
        values = None if rows is None else [row[column] for row in rows if column < len(row)]
        candidates.append((_rank(heading, values, name), column, name))
    candidates.sort(key=lambda c: (tuple(-n for n in c[0]), c[1]))
    mapping: dict[str, int] = {}
    ranks: dict[str, tuple[int, int, int]] = {}
    for rank, column, name in candidates:
        if name not in mapping:
            mapping[name] = column
            ranks[name] = rank
    split = [ranks[n] for n in ("first_name", "last_name") if n in mapping]
    if "name" in mapping and split:
        if len(split) == 2 and min(split)[:2] > ranks["name"][:2]:
            mapping.pop("name")  # "First name" and "Last name" filled in, "Name" not
        else:
            mapping.pop("first_name", None)
            mapping.pop("last_name", None)
    return dict(sorted(mapping.items(), key=lambda item: FIELDS.index(item[0])))


def check_mapping(headings: Sequence[str], mapping: Mapping[str, int]) -> None:
    """RosterError naming what is missing when nothing gives a name."""
    if "name" in mapping or ("first_name" in mapping and "last_name" in mapping):
        return
    shown = ", ".join(f"“{h}”" for h in headings)
    if "first_name" in mapping or "last_name" in mapping:
        have, missing = (
            ("First name", "Last name") if "first_name" in mapping else ("Last name", "First name")
        )
        raise RosterError(
            f"There is no “{missing}” column to go with “{have}”. Columns found: {shown}. "
            "Choose which column holds it."
        )
    raise RosterError(
        f"There is no “Name” column (or “First name” and “Last name”). Columns found: {shown}. "
        "Choose which column holds people's names."
    )


def sector_of(written: str) -> str | None:
    """Our sector for what was written; None when we can't tell (the organiser maps it)."""
    key = " ".join(written.lower().replace(" and ", " & ").split())
    if not key:
        return ""
    if key in SECTORS:
        return key
    plain = key.replace(" & ", " and ")
    for candidate in (key, plain):
        if candidate in SECTOR_WORDS:
            return SECTOR_WORDS[candidate]
    close = difflib.get_close_matches(key, list(SECTOR_WORDS), n=1, cutoff=0.85)
    return SECTOR_WORDS[close[0]] if close else None
