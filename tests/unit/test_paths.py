"""Where the app finds its resources, and the user's data folder on each system."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from desktop import paths
from tests.conftest import ROOT


@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No INTHEROOM_* or XDG_* settings, and a scratch home; returns the home."""
    for name in ("INTHEROOM_HOME", "INTHEROOM_RESOURCES", "XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    return home


def test_resources_come_through_importlib_resources(no_overrides: Path) -> None:
    # An editable install maps desktop._resources to the repository's resources/ folder.
    assert paths.resources_dir() == ROOT / "resources"
    assert (paths.resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
    assert Path(str(importlib.resources.files("desktop._resources"))) == ROOT / "resources"


def test_resources_without_an_install_are_beside_the_package(
    no_overrides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_installed(name: str) -> object:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(importlib.resources, "files", not_installed)
    assert paths.resources_dir() == ROOT / "resources"


def test_resources_in_a_built_app_and_by_override(
    no_overrides: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.resources_dir() == tmp_path / "bundle" / "resources"
    monkeypatch.setenv("INTHEROOM_RESOURCES", str(tmp_path / "mine"))
    assert paths.resources_dir() == tmp_path / "mine"


# The folders earlier versions used: users' demos and logs are there, so they must not move.
def test_linux_data_folder_is_where_it_always_was(
    no_overrides: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert paths.platform_data_dir("linux") == no_overrides / ".local" / "share" / "intheroom"
    monkeypatch.setenv("XDG_DATA_HOME", "")
    assert paths.platform_data_dir("linux") == no_overrides / ".local" / "share" / "intheroom"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.platform_data_dir("linux") == tmp_path / "xdg" / "intheroom"


def test_windows_data_folder_is_in_appdata(
    no_overrides: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert paths.platform_data_dir("win32") == tmp_path / "Roaming" / "In the Room"


def test_macos_data_folder_is_in_application_support(no_overrides: Path) -> None:
    expected = no_overrides / "Library" / "Application Support" / "In the Room"
    assert paths.platform_data_dir("darwin") == expected


def test_data_folder_is_made_on_first_use_and_can_be_moved(
    no_overrides: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paths, "platform_data_dir", lambda: tmp_path / "system" / "In the Room")
    assert paths.data_dir() == tmp_path / "system" / "In the Room"
    assert (tmp_path / "system" / "In the Room").is_dir()
    monkeypatch.setenv("INTHEROOM_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()
