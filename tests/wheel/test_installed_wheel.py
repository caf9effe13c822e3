"""The wheel is the app: built from this tree, installed into a fresh venv, run from elsewhere.

One wheel is built (from a copy of the tree, so no stale `build/` can leak into it) and installed
with its dependencies into a new venv, as `pipx install` would. Every command then runs that
venv's `intheroom` from a folder outside the repository, with a scratch HOME and no PYTHONPATH,
so nothing can come from the checkout: templates, the handout's fonts, Qt's snapshot and the
demo must all come out of the wheel. Dependencies come from PyPI through pip's cache, pinned by
constraints.txt; the first run on a machine downloads PySide6 (about 15 s here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

# What the app reads at run time, relative to its resources folder; each must be in the wheel.
NEEDED = [
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/LICENSE-DejaVu.txt",
    "templates/community-event.json",
    "templates/world-cafe.json",
    "phone/index.html",
    "phone/phone.js",
    "phone/phone-vote.js",
    "phone/phone.css",
    "sounds/chime-amber.wav",
    "sounds/chime-up.wav",
    "guide/first-session.md",
    "icons/intheroom-256.png",
    "icons/intheroom.svg",
    "demo/demo-extras.json",
]
# What stays out: the README's pictures and the script that made the chimes.
LEFT_OUT = ["screenshots/console.png", "sounds/make_chimes.py"]
SOURCES = ["desktop", "resources", "pyproject.toml", "setup.py", "README.md"]
SCRIPTS = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def pip_env() -> dict[str, str]:
    """pip pinned by constraints.txt, also inside the isolated build environment."""
    return os.environ | {"PIP_CONSTRAINT": str(ROOT / "constraints.txt")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of this tree."""
    work = tmp_path_factory.mktemp("wheel-build")
    src = work / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, src / name)
    out = work / "out"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
        check=True,
        env=pip_env(),
        timeout=300,
    )
    (built,) = out.glob("intheroom-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its dependencies in it; its scripts folder."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    scripts = venv / SCRIPTS
    subprocess.run(
        [str(scripts / f"python{EXE}"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        env=pip_env(),
        timeout=600,
    )
    return scripts


def run(
    scripts: Path, cwd: Path, *argv: str, program: str = "intheroom"
) -> subprocess.CompletedProcess[str]:
    """Run one of the venv's programs in `cwd`, with nothing of this checkout to lean on."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("INTHEROOM_", "XDG_", "PYTHON", "VIRTUAL_ENV", "PIP_"))
    }
    env |= {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "APPDATA": str(home / "AppData" / "Roaming"),
        "PATH": str(scripts) + os.pathsep + os.environ.get("PATH", ""),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # No PYTHONIOENCODING or PYTHONUTF8 either: the app itself must print UTF-8 to our pipe.
    return subprocess.run(
        [str(scripts / f"{program}{EXE}"), *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def test_the_wheel_carries_the_resources_and_not_the_rest(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    inside = "desktop/_resources/"
    missing = [name for name in NEEDED if inside + name not in names]
    assert not missing, f"not in {wheel.name}: {missing}"
    assert not [name for name in LEFT_OUT if inside + name in names]
    assert not [name for name in names if name.startswith("resources/")]


def test_the_installed_app_finds_its_resources_inside_the_venv(
    installed: Path, tmp_path: Path
) -> None:
    script = (
        "import sys; from desktop.paths import resources_dir; r = resources_dir(); "
        "print(r); sys.exit(any(not (r / n).is_file() for n in sys.argv[1:]))"
    )
    done = run(installed, tmp_path, "-c", script, *NEEDED, program="python")
    assert done.returncode == 0, done.stdout + done.stderr
    found = Path(done.stdout.strip())
    assert found.is_relative_to(installed.parent), found
    assert not found.is_relative_to(ROOT), found


def test_new_handout_snapshot_and_demo_from_another_folder(installed: Path, tmp_path: Path) -> None:
    made = run(installed, tmp_path, "new", "ev.room", "--template", "community-event")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "ev.room").is_file()

    pack = run(installed, tmp_path, "handout", "ev.room", "-o", "pack.pdf")
    assert pack.returncode == 0, pack.stderr
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(tmp_path / "pack.pdf").pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts

    shot = run(installed, tmp_path, "snapshot", "ev.room", "--view", "display", "-o", "room.png")
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "room.png").read_bytes().startswith(b"\x89PNG")

    demo = run(installed, tmp_path, "demo", "--no-open")
    assert demo.returncode == 0, demo.stderr
    made_at = Path(demo.stdout.strip().splitlines()[-1])
    assert made_at.name == "demo.room"
    assert made_at.is_file()
    assert made_at.is_relative_to(tmp_path / "home"), made_at
