"""In the Room: run in-room sessions offline (agenda clock, room display, capture, handout)."""

__version__ = "0.1.0"
