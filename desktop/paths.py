"""Where things live: the bundled resources, and the user's data folder (demo, logs, settings)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "In the Room"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside a PyInstaller build."""
    override = os.environ.get("INTHEROOM_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's In the Room folder (created on first use). INTHEROOM_HOME overrides it."""
    override = os.environ.get("INTHEROOM_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "intheroom"
    base.mkdir(parents=True, exist_ok=True)
    return base
