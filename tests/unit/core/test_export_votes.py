"""Votes and feedback forms out as Markdown and CSV (core/export_votes.py, and `intheroom export
--format csv --table votes|feedback`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.core import document, votes
from desktop.core.export import to_markdown
from desktop.core.export_votes import feedback_to_csv, votes_to_csv
from desktop.core.model import Event, FeedbackStatus


def voted_event() -> Event:
    vote = votes.new_vote("v1", ["Trust", "=HYPERLINK(1)", "Time"], dots=3)
    vote = votes.cast(vote, "p1", [1, 0, 2])
    vote = votes.cast(vote, "p2", [0, 0, 3])
    vote = votes.close(votes.set_counts(vote, [4, 0, 0]))
    forms = (
        votes.feedback_answer(
            "f1", {"rating": 5, "found": "Great *day*"}, status=FeedbackStatus.ACCEPTED
        ),
        votes.feedback_answer("f2", {"rating": 3, "change": "More breaks"}),  # waiting
        votes.feedback_answer(
            "f3", {"rating": 4, "change": "Less talk"}, status=FeedbackStatus.ACCEPTED
        ),
    )
    return Event(title="T", votes=(vote,), feedback=forms)


def test_markdown_lists_the_themes_in_vote_order_with_counts_and_the_accepted_forms() -> None:
    text = to_markdown(voted_event())
    assert (
        "## The room's votes\n\n### Which themes matter most? (2 phones voted)\n\n"
        "| Place | Theme | Dots |\n|---|---|---|\n"
        # equal totals share a place and keep the options' order
        "| 1 | Trust | 5 |\n| 1 | Time | 5 |\n| 3 | \\=HYPERLINK(1) | 0 |"
    ) in text
    assert (
        "## Feedback forms\n\n2 people answered; 2 gave a rating, 4.5 out of 5 on average." in text
    )
    assert "| People | 0 | 0 | 0 | 1 | 1 |" in text
    assert "- Great \\*day\\*" in text
    assert "More breaks" not in text  # still waiting for a person


def test_csv_of_votes_and_of_forms_keeps_formulas_as_text() -> None:
    rows = list(csv.reader(io.StringIO(votes_to_csv(voted_event()))))
    assert rows[0] == ["vote", "title", "place", "option", "phone_dots", "typed", "total", "state"]
    assert rows[1:] == [
        ["v1", "Which themes matter most?", "1", "Trust", "1", "4", "5", "closed"],
        ["v1", "Which themes matter most?", "1", "Time", "5", "0", "5", "closed"],
        ["v1", "Which themes matter most?", "3", "'=HYPERLINK(1)", "0", "0", "0", "closed"],
    ]
    forms = list(csv.reader(io.StringIO(feedback_to_csv(voted_event()))))
    assert [r[:4] for r in forms[1:]] == [
        ["f1", "5", "Great *day*", ""],
        ["f3", "4", "", "Less talk"],
    ]


def test_an_event_without_votes_exports_as_before() -> None:
    text = to_markdown(Event(title="T"))
    assert "votes" not in text and "Feedback forms" not in text


@pytest.mark.parametrize("table", ["votes", "feedback"])
def test_the_cli_exports_each_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    doc = tmp_path / "e.json"
    doc.write_bytes(document.encode(voted_event()))
    assert json.loads(doc.read_text())["version"] == 2
    out = tmp_path / f"{table}.csv"
    assert main(["export", str(doc), "--format", "csv", "--table", table, "-o", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("vote," if table == "votes" else "id,rating,")
