"""Helpers the tests share, without Qt (core tests import it too); GUI ones: gui/helpers.py."""

from __future__ import annotations

import datetime as dt

DAY = dt.datetime(2026, 11, 23, 10, 0).timestamp()  # 10:00 local on the day (the demo's start)


class FakeClock:
    """Seconds since the epoch that only move when a test says so (time is a parameter)."""

    def __init__(self, start: float = DAY) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    @property
    def t(self) -> float:  # the name the clock and console tests use
        return self.now

    @t.setter
    def t(self, value: float) -> None:
        self.now = value
