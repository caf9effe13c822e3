"""Makes the chimes in this folder: soft bell tones, synthesised, so they are ours to ship (CC0).

Run from the checkout: python resources/sounds/make_chimes.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def bell(path: Path, notes: list[tuple[float, float]], seconds: float = 1.6) -> None:
    """Each note is (frequency in Hz, start in seconds); partials decay like a small bell."""
    frames = int(RATE * seconds)
    samples = [0.0] * frames
    for frequency, start in notes:
        first = int(start * RATE)
        for i in range(first, frames):
            t = (i - first) / RATE
            attack = min(1.0, t / 0.01)
            decay = math.exp(-3.2 * t)
            tone = (
                math.sin(2 * math.pi * frequency * t)
                + 0.35 * math.sin(2 * math.pi * frequency * 2.76 * t) * math.exp(-4 * t)
                + 0.15 * math.sin(2 * math.pi * frequency * 5.4 * t) * math.exp(-7 * t)
            )
            samples[i] += 0.22 * attack * decay * tone
    peak = max(1e-9, max(abs(s) for s in samples))
    scale = min(1.0, 0.5 / peak)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * scale * 32767)) for s in samples))


if __name__ == "__main__":
    here = Path(__file__).parent
    bell(here / "chime-amber.wav", [(659.25, 0.0)])  # one soft E5: two minutes left
    bell(here / "chime-up.wav", [(783.99, 0.0), (523.25, 0.35)], seconds=2.0)  # G5 then C5
