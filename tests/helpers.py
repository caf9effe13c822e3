"""Helpers the tests share, without Qt (core tests import it too); GUI ones: gui/helpers.py."""

from __future__ import annotations

import datetime as dt

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
