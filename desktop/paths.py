"""Where things live: the bundled resources, and the user's data folder (demo, logs, settings)."""

from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path

APP_NAME = "In the Room"
# The data folder's name: "intheroom" on Linux (~/.local/share/intheroom), "In the Room" on
# Windows and macOS. These are the folders earlier versions used; users' demos and logs are there.
LINUX_FOLDER = "intheroom"


def resources_dir() -> Path:
    """The app's `resources/` folder, wherever the app was installed from.

    In a wheel (or an editable install) it is the package `desktop._resources`, found through
    importlib.resources; in a PyInstaller build, `resources/` inside the bundle. A checkout run
    without installing (PYTHONPATH=.) falls back to `resources/` beside the package.
    INTHEROOM_RESOURCES overrides all of these.
    """
    override = os.environ.get("INTHEROOM_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    try:
        found = importlib.resources.files("desktop._resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"
    return Path(str(found))


def platform_data_dir(platform: str = sys.platform) -> Path:
    """The data folder the system's conventions give for `platform` (platformdirs).

    Linux: $XDG_DATA_HOME/intheroom, else ~/.local/share/intheroom. Windows: %APPDATA%/In the
    Room (the roaming profile). macOS: ~/Library/Application Support/In the Room. None of these
    is created here: data_dir() does that for the one in use.
    """
    if platform == "win32":
        # %APPDATA% first, as earlier versions did; platformdirs asks the shell when it is unset.
        appdata = os.environ.get("APPDATA")
        if appdata:
            return Path(appdata) / APP_NAME
        from platformdirs.windows import Windows

        return Path(Windows(APP_NAME, appauthor=False, roaming=True).user_data_dir)
    if platform == "darwin":
        from platformdirs.macos import MacOS

        return Path(MacOS(APP_NAME).user_data_dir)
    from platformdirs.unix import Unix

    return Path(Unix(LINUX_FOLDER).user_data_dir)


def data_dir() -> Path:
    """The user's In the Room folder (created on first use). INTHEROOM_HOME overrides it."""
    override = os.environ.get("INTHEROOM_HOME")
    base = Path(override) if override else platform_data_dir()
    base.mkdir(parents=True, exist_ok=True)
    return base
