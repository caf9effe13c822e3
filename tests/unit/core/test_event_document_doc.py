"""docs/event-document.md says what `core/document.py` does: every field, every choice, and an
example that is a valid document. A field added to the code and not to the page fails here."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from desktop.core import document
from desktop.core.model import AtZero, NoteKind, ResourceKind, SegmentKind, TableMode
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "event-document.md"
MARKER = re.compile(r"<!-- fields: (\w+) -->\n((?:\|.*\n)+)")


def field_tables() -> dict[str, set[str]]:
    """Each `<!-- fields: NAME -->` table: NAME → the fields in its first column."""
    text = PAGE.read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for name, rows in MARKER.findall(text):
        fields = set()
        for row in rows.splitlines()[2:]:  # past the heading and the |---| line
            first = row.split("|")[1].strip()
            assert first.startswith("`") and first.endswith("`"), row
            fields.add(first.strip("`"))
        assert name not in tables, f"{name} is described twice"
        tables[name] = fields
    return tables


def spec_tables() -> dict[str, set[str]]:
    """Every table of fields document.py checks: its name → its fields."""
    found = {}
    for name, value in vars(document).items():
        if (
            isinstance(value, dict)
            and value
            and all(isinstance(f, document._Field) for f in value.values())
        ):
            found[name] = set(value)
    found["EVENT"] |= {"format", "version"}  # checked first, before the EVENT table
    return found


def test_the_page_describes_every_object_the_code_checks() -> None:
    assert set(field_tables()) == set(spec_tables())


@pytest.mark.parametrize("name", sorted(spec_tables()))
def test_the_page_lists_exactly_the_fields_the_code_checks(name: str) -> None:
    assert field_tables()[name] == spec_tables()[name]


@pytest.mark.parametrize("kinds", [SegmentKind, NoteKind, ResourceKind, AtZero, TableMode])
def test_every_choice_is_named_on_the_page(kinds: type[StrEnum]) -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert [k.value for k in kinds if f"`{k.value}`" not in text] == []


def test_the_example_is_a_valid_document_that_round_trips() -> None:
    text = PAGE.read_text(encoding="utf-8")
    example = re.search(r"## Example\n\n```json\n(.*?)\n```", text, re.DOTALL)
    assert example is not None
    event = document.decode(example.group(1))
    assert document.decode(document.encode(event)) == event
    assert event.agenda[1].materials == ("Flipchart", "Pens")


def test_the_version_on_the_page_is_the_code_s() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert f"versions {document.VERSION} and {document.NEWEST})" in text.splitlines()[0]
    assert re.search(rf"^\| {document.VERSION} \|", text, re.MULTILINE)
