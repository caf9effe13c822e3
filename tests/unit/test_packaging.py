"""The packaging files that only run elsewhere (CI, Inno Setup) name files that exist.

The workflow and the Windows installer script run on GitHub's runners, not here: these checks
catch a renamed file or folder before a run there does.
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from desktop import __version__
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
ISS = ROOT / "packaging" / "windows" / "intheroom.iss"


def iss_path(relative: str) -> Path:
    """A path written in the .iss (Windows separators, relative to the script's folder)."""
    return (ISS.parent / Path(*PureWindowsPath(relative).parts)).resolve()


def test_every_repository_path_the_workflow_names_exists() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:packaging|tests|desktop)/[\w./-]+)", text))
    named |= set(re.findall(r"\b(constraints\.txt)\b", text))
    assert "packaging/intheroom.spec" in named and "tests/dist" in named
    missing = sorted(name for name in named if not (ROOT / name.rstrip(".")).exists())
    assert not missing


def test_the_installer_script_finds_the_build_and_the_icon() -> None:
    text = ISS.read_text(encoding="utf-8")
    source = re.search(r'#define SourceDir "([^"]+)"', text)
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.MULTILINE)
    assert source and icon
    assert iss_path(source.group(1)) == ROOT / "dist" / "intheroom"  # PyInstaller's COLLECT
    assert iss_path(icon.group(1)).is_file()


def test_the_installer_opens_room_files_with_the_app() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert r'Subkey: "Software\Classes\.room"' in text
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in text
    assert '#define AppExe "intheroom.exe"' in text


def test_the_version_suits_the_windows_installer() -> None:
    """Inno Setup's VersionInfoVersion takes up to four numbers and nothing else."""
    assert re.fullmatch(r"\d+(\.\d+){0,3}", __version__), __version__
