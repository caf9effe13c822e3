"""The built app (`make dist`): dist/intheroom runs on its own, with no Python of ours to lean on.

Every command runs in a bare environment (only PATH=/usr/bin:/bin and a HOME in tmp_path, no
locale, no venv, no PYTHONPATH), from tmp_path, the way a venue laptop with no Python would run
it. Skipped when there is no build, so a plain `pytest tests/dist` never fails for want of one;
these tests are not in pyproject's testpaths and `make dist` runs them after building.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop import __version__
from tests.conftest import ROOT

APP_DIR = ROOT / "dist" / "intheroom"
APP = APP_DIR / ("intheroom.exe" if sys.platform == "win32" else "intheroom")
BUNDLE = APP_DIR / "_internal"  # PyInstaller's contents folder: sys._MEIPASS in the app
SAMPLE = Path(__file__).with_name("sample-event.json")
TITLE = "Working together – Łódź, Αθήνα and Київ"  # Polish, Greek, Cyrillic: the bundled fonts

pytestmark = pytest.mark.skipif(not APP.is_file(), reason="no built app: run `make dist`")


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing of ours in it: `env -i PATH=/usr/bin:/bin HOME=…`."""
    if sys.platform == "win32":
        keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        env |= {"PATH": env.get("SYSTEMROOT", r"C:\Windows") + r"\System32"}
        env |= {"USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming")}
    else:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    return env | extra


def app(
    tmp_path: Path, *argv: str, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the built app with `argv` in tmp_path, in a bare environment."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(APP), *argv],
        cwd=tmp_path,
        env=bare_env(home, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def test_the_environment_is_bare(tmp_path: Path) -> None:
    env = bare_env(tmp_path)
    assert not {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "INTHEROOM_RESOURCES"} & env.keys()
    assert str(ROOT) not in json.dumps(env)


def test_version(tmp_path: Path) -> None:
    done = app(tmp_path, "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"intheroom {__version__}\n", "")


def test_validate_a_sample_document(tmp_path: Path) -> None:
    done = app(tmp_path, "validate", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"ok: sample-event.json — “{TITLE}” · 3 segments, 42 min")
    report = json.loads(app(tmp_path, "validate", "--json", str(SAMPLE)).stdout)
    assert (report["ok"], report["title"], report["segments"]) == (True, TITLE, 3)


def test_validate_refuses_a_broken_document_with_every_problem(tmp_path: Path) -> None:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["agenda"][2]["minutes"] = "ten"
    del doc["title"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    done = app(tmp_path, "validate", str(broken))
    assert done.returncode == 2
    assert "title: missing" in done.stdout
    assert "agenda[2].minutes: expected a whole number of minutes" in done.stdout
    assert "Traceback" not in done.stderr


def test_handout_prints_the_pack_with_the_title(tmp_path: Path) -> None:
    done = app(tmp_path, "handout", str(SAMPLE), "-o", "pack.pdf")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "pack.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert TITLE in text
    assert "Reflect & Connect Pack" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name for name in fonts), fonts  # resources/fonts came along


def test_agenda_handout(tmp_path: Path) -> None:
    done = app(tmp_path, "handout", str(SAMPLE), "--kind", "agenda", "-o", "agenda.pdf")
    assert done.returncode == 0, done.stderr
    text = " ".join(PdfReader(tmp_path / "agenda.pdf").pages[0].extract_text().split())
    assert "Table conversations" in text


def test_tables_plans_twelve_people_in_fours_for_two_rounds(tmp_path: Path) -> None:
    done = app(tmp_path, "tables", "--people", "12", "--size", "4", "--rounds", "2", "--json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert len(plan["rounds"]) == 2
    for round_ in plan["rounds"]:
        assert sorted(len(table) for table in round_) == [4, 4, 4]
        assert sorted(str(p) for table in round_ for p in table) == sorted(
            str(n) for n in range(1, 13)
        )
    # The fewest possible: a second-round table of 4 draws on only 3 first-round tables.
    assert (plan["repeats"], plan["max_meetings"]) == (3, 2)


def test_templates_and_demo_come_from_the_bundle(tmp_path: Path) -> None:
    listing = app(tmp_path, "new", "--template")
    assert listing.returncode == 0, listing.stderr
    assert "community-event" in listing.stdout
    made = app(tmp_path, "demo", "--file", "demo.room", "--no-open")
    assert made.returncode == 0, made.stderr
    assert app(tmp_path, "validate", "demo.room").returncode == 0


def test_snapshot_draws_the_room_display_with_qt(tmp_path: Path) -> None:
    done = app(
        tmp_path,
        "snapshot",
        str(SAMPLE),
        "--view",
        "display",
        "--segment",
        "2",
        "--size",
        "800x450",
        "-o",
        "display.png",
        QT_QPA_PLATFORM="offscreen",
    )
    assert done.returncode == 0, done.stderr
    head = (tmp_path / "display.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (800, 450)


def test_the_window_opens_and_stays_up(tmp_path: Path) -> None:
    assert app(tmp_path, "demo", "--file", "demo.room", "--no-open").returncode == 0
    home = tmp_path / "home"
    with subprocess.Popen(
        [str(APP), "open", "demo.room"],
        cwd=tmp_path,
        env=bare_env(home, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as running:
        deadline = time.monotonic() + 6
        while running.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        still_up = running.poll() is None
        running.terminate()  # SIGTERM; on Windows TerminateProcess
        _, err = running.communicate(timeout=30)
    assert still_up, err
    for trouble in ("Traceback", "something went wrong", "Could not load the Qt platform"):
        assert trouble not in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux desktop install")
def test_linux_install_puts_the_app_its_menu_entry_icon_and_file_type_in_home(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    installer = BUNDLE / "linux" / "install.sh"  # as shipped in a copied build
    env = bare_env(home)
    done = subprocess.run(
        ["sh", str(installer)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"In the Room {__version__} is installed" in done.stdout
    share = home / ".local" / "share"
    entry = (share / "applications" / "intheroom.desktop").read_text(encoding="utf-8")
    lib = home / ".local" / "lib" / "intheroom"
    assert f'Exec="{lib}/intheroom" %f' in entry
    assert "MimeType=application/x-intheroom-event;" in entry
    assert (share / "mime" / "packages" / "intheroom.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "intheroom.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "intheroom.svg").is_file()
    version = subprocess.run(
        [str(home / ".local" / "bin" / "intheroom"), "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.stdout == f"intheroom {__version__}\n"

    gone = subprocess.run(
        ["sh", str(lib / "_internal" / "linux" / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert gone.returncode == 0, gone.stderr
    assert not lib.exists()
    assert not (home / ".local" / "bin" / "intheroom").exists()
    assert not (share / "applications" / "intheroom.desktop").exists()


def test_the_bundle_holds_what_we_need_and_not_what_we_dont() -> None:
    resources = BUNDLE / "resources"
    for needed in (
        "fonts/DejaVuSans.ttf",
        "fonts/LICENSE-DejaVu.txt",
        "phone/index.html",
        "sounds/chime-up.wav",
        "templates/community-event.json",
        "demo/demo-extras.json",
        "icons/intheroom-256.png",
    ):
        assert (resources / needed).is_file(), needed
    if sys.platform.startswith("linux"):  # for a copied build: intheroom/_internal/linux/install.sh
        for name in ("install.sh", "intheroom.desktop", "intheroom-mime.xml"):
            assert (BUNDLE / "linux" / name).is_file(), name
    assert not (resources / "screenshots").exists()
    assert not list(resources.rglob("*.py"))
    names = [path.name for path in BUNDLE.rglob("*")]
    for unwanted in ("QtWebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "ffmpegmediaplugin", "qgtk3"):
        assert not [name for name in names if unwanted in name], unwanted
