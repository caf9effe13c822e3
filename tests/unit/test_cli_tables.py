"""`intheroom tables`: a plan for N people or an event's roster, in words or JSON."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from desktop.store.eventfile import EventFile, read_event
from desktop.store.templates import demo_event
from tests.helpers import run_cli


def test_people_size_rounds_as_json_seats_everyone_once_a_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "tables", "--people", "15", "--size", "3", "--rounds", "7", "--seed", "1", "--json"
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) >= {"rounds", "repeats", "max_meetings", "seconds"}
    assert len(result["rounds"]) == 7
    for round_ in result["rounds"]:
        assert sorted(p for t in round_ for p in t) == list(range(1, 16))
    pairs = [frozenset(p) for r in result["rounds"] for t in r for p in combinations(t, 2)]
    assert result["repeats"] == len(pairs) - len(set(pairs)) == 0
    assert result["max_meetings"] == 1


def test_the_plan_in_words_ends_with_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "tables", "--people", "26", "--size", "4", "--rounds", "2")
    assert code == 0
    assert "Round 1" in out and "Round 2" in out and "Table 7:" in out and "Table 8" not in out
    assert "0 repeat pairings; no pair meets twice" in out.splitlines()[-1]


def test_an_event_roster_is_planned_by_name_and_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.room"
    EventFile.create(path, demo_event()).close()
    code, out, _ = run_cli(capsys, "tables", str(path), "--rounds", "3", "--size", "4", "--save")
    assert code == 0
    assert "Seònaid NicIllinnein" in out and "sectors per table: at least" in out
    assert "@" not in out  # e-mail addresses are never printed
    saved = read_event(path).tables
    assert len(saved.rounds) == 3 and saved.size == 4
    ids = {p.id for p in demo_event().participants}
    assert all({i for t in r for i in t} == ids for r in saved.rounds)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--rounds", "3"], "Give an event file, or --people N"),
        (["--people", "10", "--rounds", "3"], "Give --size S"),
        (["--people", "10", "--size", "4", "--tables", "2", "--rounds", "3"], "not both"),
        (["--people", "0", "--size", "4", "--rounds", "3"], "nobody"),
        (["--people", "10", "--size", "4", "--rounds", "0"], "--rounds must be 1 or more"),
        (["--people", "10", "--size", "4", "--rounds", "2", "--save"], "--save needs"),
        (["--people", "1", "--size", "4", "--rounds", "2"], "Give --people 2 or more"),
        (["--people", "26", "--tables", "7", "--pairs", "--rounds", "2"], "two by two"),
        (["--people", "10", "--size", "4", "--rounds", "2", "--seed", "-5"], "--seed must be 0"),
        (["--people", "10", "--tables", "0", "--rounds", "2"], "--tables must be 1 or more"),
        (["--people", "10", "--size", "1", "--rounds", "2"], "--size must be 2 or more"),
        (["--people", "10", "--size", "4", "--rounds", "2", "--budget", "-1"], "--budget must"),
        (["--people", "10", "--size", "4", "--rounds", "2", "--budget", "nan"], "--budget must"),
    ],
)
def test_bad_options_are_explained_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run_cli(capsys, "tables", *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_room_that_must_repeat_says_so_first_and_ends_at_its_least(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "tables", "--people", "40", "--size", "8", "--rounds", "4")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Note: 40 people in tables of 8 for 4 rounds: some pairs must meet twice; "
        "with 7 tables of 6 nobody would."
    )
    assert "no pair meets more than twice; that is the least this room allows" in lines[-1]


def test_json_gives_the_least_max_meetings_the_room_allows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(
        capsys, "tables", "--people", "24", "--size", "6", "--rounds", "4", "--json"
    )
    assert code == 0
    result = json.loads(out)  # nothing but the JSON on stdout
    assert set(result) >= {
        "rounds", "repeats", "max_meetings", "seconds", "sectors_min", "sectors_mean",
        "colleagues", "broken", "max_meetings_bound",
    }  # fmt: skip
    assert result["max_meetings_bound"] == result["max_meetings"] == 2
    assert result["repeats"] == 48
