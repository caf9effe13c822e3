"""Colours and words for the clock's warning levels, in one place.

The palette is Okabe and Ito's, which stays distinct for the common colour-blindnesses, and no
level is told by colour alone: each has words ("2 minutes left", "Time's up") and a mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.clock import Level


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    panel: str  # behind the question and messages
    flash: str  # the slow flash at time's up


LIGHT = Palette(
    background="#ffffff", text="#111111", muted="#4a4a4a", panel="#eef2f6", flash="#ffd9c7"
)
DARK = Palette(
    background="#101418", text="#f4f4f4", muted="#b9c0c8", panel="#1f2731", flash="#5a2510"
)
THEMES = {"light": LIGHT, "dark": DARK}

# Level: (pill background, pill text, mark). Each pairing has a contrast of at least 5:1.
LEVELS: dict[Level, tuple[str, str, str]] = {
    Level.CALM: ("#0072B2", "#ffffff", ""),
    Level.AMBER: ("#E69F00", "#000000", "▲ "),
    Level.RED: ("#D55E00", "#000000", "■ "),
    Level.UP: ("#D55E00", "#000000", "■ "),
}
PAUSED = ("#6b6b6b", "#ffffff", "‖ ")
