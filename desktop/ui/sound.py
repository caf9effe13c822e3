"""Soft chimes at two minutes left and at time's up; silent, and said once, where there's no sound.

QtMultimedia plays on its own threads, so a chime never blocks the clock. Without an audio
device (or without QtMultimedia's system libraries) the chimes stay silent and the log says why,
once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QUrl

from desktop.paths import resources_dir

log = logging.getLogger(__name__)

FILES = {"amber": "chime-amber.wav", "up": "chime-up.wav"}


class Chimes(QObject):
    """Plays a chime by name unless muted. `played` records what was asked for (for tests)."""

    def __init__(self, parent: QObject | None = None, *, muted: bool = False) -> None:
        super().__init__(parent)
        self.muted = muted
        self.played: list[str] = []
        self.silent_reason = ""
        self._effects: dict[str, Any] = {}
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except (ImportError, OSError) as exc:  # e.g. libpulse missing on Linux
            self._silence(f"sound is unavailable ({exc})")
            return
        if not QMediaDevices.audioOutputs():
            self._silence("there is no audio output device")
            return
        for name, file in FILES.items():
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resources_dir() / "sounds" / file)))
            effect.setVolume(0.6)
            self._effects[name] = effect

    def _silence(self, reason: str) -> None:
        self.silent_reason = reason
        log.warning("Chimes are off: %s.", reason)

    def play(self, name: str) -> None:
        if self.muted:
            return
        self.played.append(name)
        if not self._loaded:
            self._load()
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
