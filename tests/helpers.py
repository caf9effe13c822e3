"""Helpers the tests share, without Qt (core tests import it too); GUI ones: gui/helpers.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

DAY = dt.datetime(2026, 11, 23, 10, 0).timestamp()  # 10:00 local on the day (the demo's start)


class FakeClock:
    """Seconds since the epoch that only move when a test says so (time is a parameter).

    With a `step`, each reading is that much later than the one before: a search given a time
    budget then stops after budget / step readings, however fast or slow the machine.
    """

    def __init__(self, start: float = DAY, step: float = 0.0) -> None:
        self.now = start
        self.step = step
        self._readings = 0  # counted, so that a thousand steps of 0.001 add up to exactly 1

    def __call__(self) -> float:
        if not self.step:
            return self.now
        self._readings += 1
        return self.now + (self._readings - 1) * self.step

    def advance(self, seconds: float) -> None:
        self.now += seconds

    @property
    def t(self) -> float:  # the name the clock and console tests use
        return self.now

    @t.setter
    def t(self, value: float) -> None:
        self.now = value


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`intheroom ARGV…` in this process: (exit code, what it printed, what it said on stderr).
    argparse's own exits (--help, a bad option) come out as SystemExit."""
    from desktop.cli.main import main  # the command line loads the store: only when used

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def good_document() -> dict[str, Any]:
    """A small valid event document, in the shape of DESIGN.md's example."""
    return {
        "format": "intheroom.event",
        "version": 1,
        "title": "Collaboration is messy – why people are the key to partnership working",
        "theme": "Collaborating & Influencing",
        "date": "2023-07-06",
        "start": "10:00",
        "venue": "Digital community event",
        "summary": "We explored how successful and practical collaboration can be achieved ...",
        "questions": ["Who do you admire as a natural collaborator?"],
        "resources": [{"title": "A guide", "kind": "watch", "minutes": 14, "link": ""}],
        "contributors": [{"id": "c1", "name": "TracyAnne Millar", "role": "Employee Director"}],
        "participants": [{"id": "p1", "name": "Mòrag Dòmhnallach", "sector": "health"}],
        "agenda": [
            {
                "id": "s1",
                "kind": "talk",
                "title": "TracyAnne's story",
                "minutes": 12,
                "contributor": "c1",
            },
            {"id": "s2", "kind": "breakout", "title": "Tables", "minutes": 20, "prompt": "Why?"},
            {"id": "s3", "kind": "share_back", "title": "One thing from each table", "minutes": 10},
        ],
        "notes": [
            {
                "id": "n1",
                "kind": "quote",
                "text": "The relationships are key.",
                "contributor": "c1",
            },
            {
                "id": "n2",
                "kind": "share_back",
                "text": "Trust",
                "group": "Table 2",
                "theme": "Trust",
                "segment": "s3",
                "time": "2023-07-06T10:42:13",
            },
            {"id": "n3", "kind": "reflection", "text": "Be more willing to be influenced!"},
        ],
        "contact": {"email": "hello@example.org", "url": "https://example.org/events"},
    }
