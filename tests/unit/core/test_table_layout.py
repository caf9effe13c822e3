"""The room display's table layout, without Qt: names measured as plain numbers."""

from __future__ import annotations

from desktop.core.table_layout import TextWidths, lay_out_tables, name_lines


def widths(tables: int, people: int, name: float = 600.0) -> TextWidths:
    """`tables` tables of `people` names, each two words `name` wide at the reference size."""
    person = (name / 2 - 10, name / 2 - 10)
    return TextWidths(
        names=tuple(tuple(person for _ in range(people)) for _ in range(tables)),
        header=300.0,
        line=1.2,
        space=20.0,
        indent=80.0,
    )


def test_a_small_plan_fits_one_page_a_big_one_pages_evenly() -> None:
    small = lay_out_tables(widths(6, 4), 1000, 600, range(40, 19, -1))
    assert len(small.pages) == 1 and sorted(small.pages[0]) == list(range(6))
    big = lay_out_tables(widths(30, 10), 1000, 600, range(40, 19, -1))
    assert len(big.pages) > 1
    sizes = [len(page) for page in big.pages]
    assert max(sizes) - min(sizes) <= 1  # never one lonely table on the last page
    assert sorted(t for page in big.pages for t in page) == list(range(30))


def test_fewer_names_come_out_bigger() -> None:
    few = lay_out_tables(widths(2, 3), 1000, 600, range(60, 19, -1))
    many = lay_out_tables(widths(12, 8), 1000, 600, range(60, 19, -1))
    assert few.size > many.size


def test_a_long_name_goes_on_over_a_second_line() -> None:
    assert name_lines([100, 100, 100], 10, 220, 20) == [2, 1]
    assert name_lines([300], 10, 220, 20) == []  # a word wider than the line: no fit
