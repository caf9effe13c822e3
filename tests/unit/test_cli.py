"""The command line: exit codes, messages, and broken input that writes nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.__main__ import main
from desktop.core import document
from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import list_templates
from tests.conftest import ROOT
from tests.helpers import good_document, run_cli


def write_doc(folder: Path, doc: dict, name: str = "event.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"intheroom {__version__}"


@pytest.mark.parametrize("command", ["open", "new", "import", "export", "validate", "demo"])
def test_help_on_each_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"usage: intheroom {command}" in capsys.readouterr().out


def test_validate_a_good_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "validate", str(write_doc(tmp_path, good_document())))
    assert code == 0
    assert out == (
        "ok: event.json — “Collaboration is messy – why people are the key to partnership "
        "working” · 3 segments, 42 min (10:00–10:42) · 1 contributor · 1 participant · 3 notes\n"
    )


def test_validate_lists_every_problem_one_per_line_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = good_document()
    doc["agenda"][2]["minutes"] = "ten"
    doc["agenda"][0]["minuts"] = 5
    code, out, err = run_cli(capsys, "validate", str(write_doc(tmp_path, doc)))
    assert code == 2
    assert out.splitlines() == [
        'agenda[0].minuts: unknown field — did you mean "minutes"?',
        'agenda[2].minutes: expected a whole number of minutes (1-600), got "ten"',
    ]
    assert (
        err
        == "intheroom: event.json was refused: 2 problems (listed above). Nothing was written.\n"
    )


def test_validate_json_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = good_document()
    doc["date"] = "tomorrow"
    code, out, _ = run_cli(capsys, "validate", "--json", str(write_doc(tmp_path, doc)))
    assert code == 2
    report = json.loads(out)
    assert report["ok"] is False
    assert report["problems"] == [
        {"place": "date", "message": 'expected date like "2023-07-06" (YYYY-MM-DD), got "tomorrow"'}
    ]
    code, out, _ = run_cli(capsys, "validate", "--json", str(write_doc(tmp_path, good_document())))
    assert (code, json.loads(out)["notes"]) == (0, 3)


def test_validate_a_truncated_file_gives_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cut.json"
    text = json.dumps(good_document(), indent=2)[:200]
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(capsys, "validate", str(path))
    assert code == 2
    # The place is inside the cut file, never past its end.
    line = int(out.split(",")[0].removeprefix("line "))
    assert out.startswith(f"line {line}, column ") and 1 < line <= text.count("\n") + 1
    assert "is the file cut short?" in out


def test_validate_a_room_file_and_a_damaged_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "day.room"
    EventFile.create(path, document.from_builtins(good_document())).close()
    code, out, _ = run_cli(capsys, "validate", str(path))
    assert (code, out.startswith("ok: day.room — “Collaboration is messy")) == (0, True)
    path.write_bytes(b"\x00garbage")
    code, _, err = run_cli(capsys, "validate", str(path))
    assert code == 1
    assert err == (
        "intheroom: day.room can't be read: the file is cut short or garbled. "
        "There is no good backup beside it.\n"
    )
    assert path.read_bytes() == b"\x00garbage"


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "validate", str(tmp_path / "nope.json"))
    assert code == 1
    assert "There is no file at" in err


def test_import_then_export_round_trips(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write_doc(tmp_path, good_document())
    room = tmp_path / "day.room"
    code, out, _ = run_cli(capsys, "import", str(source), str(room))
    assert code == 0 and out.startswith("imported event.json into")
    exported = tmp_path / "again.json"
    code, _, _ = run_cli(capsys, "export", str(room), "-o", str(exported))
    assert code == 0
    assert document.decode(exported.read_bytes()) == document.decode(source.read_bytes())


def test_import_of_a_broken_document_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = good_document()
    doc["notes"][0]["kind"] = "qoute"
    source = write_doc(tmp_path, doc)
    code, out, _ = run_cli(capsys, "import", str(source), str(tmp_path / "day.room"))
    assert code == 2
    assert out == 'notes[0].kind: unknown note kind "qoute" — did you mean "quote"?\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_import_refuses_to_replace_unless_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write_doc(tmp_path, good_document())
    room = tmp_path / "day.room"
    run_cli(capsys, "import", str(source), str(room))
    before = room.read_bytes()
    code, _, err = run_cli(capsys, "import", str(source), str(room))
    assert code == 2 and "already exists" in err and "--replace" in err
    assert room.read_bytes() == before
    changed = good_document() | {"title": "Second thoughts"}
    code, _, _ = run_cli(
        capsys, "import", "--replace", str(write_doc(tmp_path, changed)), str(room)
    )
    assert code == 0
    assert read_event(room).title == "Second thoughts"
    assert list(tmp_path.glob("day.room.backup-*"))  # the replaced version is kept


def test_new_lists_templates_and_makes_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run_cli(capsys, "new", "--template")
    assert code == 0
    names = [t.name for t in list_templates()]
    assert {"community-event", "conference-tables", "world-cafe"} <= set(names)
    for name in names:
        assert f"  {name}" in out
    code, out, _ = run_cli(capsys, "new", str(tmp_path / "team-day"))
    assert code == 0
    assert read_event(tmp_path / "team-day.room").title == "Team day"
    code, _, _ = run_cli(
        capsys,
        "new",
        str(tmp_path / "cafe.room"),
        "--template",
        "world-cafe",
        "--title",
        "Café Łódź",
    )
    assert code == 0
    event = read_event(tmp_path / "cafe.room")
    assert event.title == "Café Łódź" and len(event.agenda) >= 5


def test_new_with_an_unknown_template_suggests_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_cli(capsys, "new", str(tmp_path / "x.room"), "--template", "world-caffe")
    assert code == 1
    assert 'There is no template called "world-caffe". Did you mean "world-cafe"?' in err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_an_existing_file_and_a_wrong_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_cli(capsys, "new", str(tmp_path / "a.room"))
    code, _, err = run_cli(capsys, "new", str(tmp_path / "a.room"))
    assert code == 1 and "a.room already exists" in err
    code, _, err = run_cli(capsys, "new", str(tmp_path / "a.json"))
    assert code == 2 and "event files end in .room" in err


def test_export_markdown_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = good_document()
    doc["notes"][1]["text"] = 'Say "no" & <mean> it,\nkindly'
    source = write_doc(tmp_path, doc)
    code, out, _ = run_cli(capsys, "export", str(source), "--format", "md")
    assert code == 0
    assert out.startswith("# Collaboration is messy")
    assert (
        '## Our collective learning\n\n### Trust\n\n- Say "no" & &lt;mean&gt; it,\n  kindly '
        "(Table 2)" in out
    )
    assert "- The relationships are key. — TracyAnne Millar" in out
    target = tmp_path / "notes.csv"
    code, _, _ = run_cli(capsys, "export", str(source), "-o", str(target))
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["kind"] for r in rows] == ["quote", "share_back", "reflection"]
    assert rows[1]["text"] == 'Say "no" & <mean> it,\nkindly'
    assert rows[1]["segment"] == "One thing from each table"


def test_export_of_a_broken_document_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = write_doc(tmp_path, good_document() | {"version": 9})
    code, out, _ = run_cli(capsys, "export", str(source), "-o", str(tmp_path / "out.md"))
    assert code == 2 and "made by a newer In the Room" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_an_internal_fault_is_one_line_unless_debug(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.cli.documents as cli

    def boom(path: Path) -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(cli, "read_any", boom)
    code, _, err = run_cli(capsys, "validate", str(tmp_path / "x.json"))
    assert code == 3
    assert "something went wrong inside In the Room (ZeroDivisionError)" in err
    assert "Traceback" not in err
    code, _, err = run_cli(capsys, "--debug", "validate", str(tmp_path / "x.json"))
    assert code == 3 and "Traceback" in err


def test_demo_is_made_once_and_reset_on_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.room"
    code, out, _ = run_cli(capsys, "demo", "--file", str(path), "--no-open")
    assert code == 0 and out.splitlines()[-1] == str(path)
    event = read_event(path)
    kinds = {n.kind.value for n in event.notes}
    assert kinds == {"quote", "share_back", "reflection", "action", "feedback", "final"}
    assert event.participants
    with EventFile.open(path) as room:
        room.replace_event(document.from_builtins(good_document()))
    run_cli(capsys, "demo", "--file", str(path), "--no-open")
    assert (
        read_event(path).title
        == "Collaboration is messy – why people are the key to partnership working"
    )
    assert len(read_event(path).notes) == 3  # kept: the demo is only made when missing
    run_cli(capsys, "demo", "--file", str(path), "--no-open", "--reset")
    assert read_event(path).notes == event.notes


def test_no_screen_is_a_clear_error_not_an_abort(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run_cli(capsys)
    assert code == 1
    assert "There is no screen to open the app on" in err


def test_the_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("intheroom") or str(Path(sys.executable).parent / "intheroom")
    if not Path(script).exists():
        pytest.skip("the project is not installed in this environment")
    source = write_doc(tmp_path, good_document() | {"start": "9am"})
    done = subprocess.run(
        [script, "validate", str(source)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 2
    assert done.stdout == 'start: expected time of day like "09:30" (HH:MM, 24-hour), got "9am"\n'
