"""The log file: where it goes, that it rotates, that uncaught errors reach it, and that the
diagnostics carry versions and no personal data. No Qt needed."""

from __future__ import annotations

import logging
import platform
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import __version__
from desktop.logs import (
    diagnostics,
    log_file,
    log_uncaught_exceptions,
    scrub,
    setup_logging,
    stop_logging,
    tail,
)


@pytest.fixture(autouse=True)
def _no_log_left_open() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    stop_logging()
    root.setLevel(level)
    logging.getLogger("aiohttp.access").setLevel(logging.NOTSET)


def ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "intheroom", False)]


def test_the_log_lives_in_the_data_folder(tmp_path: Path) -> None:
    path = setup_logging()
    assert path == log_file() == tmp_path / "home" / "logs" / "intheroom.log"
    logging.getLogger("desktop.test").info("hello from the test")
    text = path.read_text(encoding="utf-8")
    assert f"In the Room {__version__} starting (Python {platform.python_version()}" in text
    assert "INFO desktop.test: hello from the test" in text


def test_phone_requests_are_not_logged_one_by_one(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "x.log")
    access = logging.getLogger("aiohttp.access")
    access.info('192.168.1.23 "POST /api/Zq3x-Secret/join HTTP/1.1" 202')
    access.warning("a phone sent something odd")
    text = path.read_text(encoding="utf-8")
    assert "Zq3x-Secret" not in text and "192.168.1.23" not in text
    assert "a phone sent something odd" in text


def test_setting_up_twice_keeps_one_file_handler(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a.log")
    setup_logging(tmp_path / "b.log")
    assert len(ours()) == 1
    stop_logging()
    assert ours() == []


def test_the_log_rotates_at_its_size_and_keeps_three(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs" / "intheroom.log", max_bytes=2_000, backups=3)
    log = logging.getLogger("desktop.rotation")
    for n in range(400):
        log.info("line %04d of a long session", n)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["intheroom.log", "intheroom.log.1", "intheroom.log.2", "intheroom.log.3"]
    for file in path.parent.iterdir():
        assert file.stat().st_size <= 2_000
    assert "line 0399" in path.read_text(encoding="utf-8")
    assert "line 0000" not in "".join(p.read_text(encoding="utf-8") for p in path.parent.iterdir())


def test_the_default_size_is_one_megabyte_times_three(tmp_path: Path) -> None:
    setup_logging(tmp_path / "x.log")
    (handler,) = ours()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)


def test_uncaught_exceptions_are_logged_with_their_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen.append(args[0]))
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_type))
    path = setup_logging(tmp_path / "x.log")
    log_uncaught_exceptions()
    try:
        raise ValueError("the clock went backwards")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    def worker() -> None:
        raise KeyError("no such table")

    thread = threading.Thread(target=worker, name="plan-worker")
    thread.start()
    thread.join()
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL desktop.logs: Uncaught exception\nTraceback" in text
    assert "ValueError: the clock went backwards" in text
    assert "Uncaught exception in thread plan-worker" in text
    assert "KeyError: 'no such table'" in text
    assert seen == [ValueError, KeyError]  # the hooks that were there still run


def test_emails_never_reach_the_file(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "x.log")
    logging.getLogger("desktop.test").warning("could not send to jo.bloggs+events@nhs.scot.uk")
    text = path.read_text(encoding="utf-8")
    assert "@" not in text
    assert "could not send to <e-mail>" in text


def test_scrub_takes_out_emails_home_folder_and_event_file_names() -> None:
    home = str(Path.home())
    text = (
        f"save failed: Could not write {home}/events/Jane Smith coaching.room: disk full; "
        "ask Mairi.MacLeod@example.org or x_y@sub.example.co.uk; backup "
        "jane-smith.room.backup-20261123-100000"
    )
    clean = scrub(text)
    assert "@" not in clean and "Mairi" not in clean and "x_y" not in clean
    assert home not in clean and "~/events/" in clean
    assert "jane-smith" not in clean and "<event>.room.backup-20261123-100000" in clean
    assert "coaching" not in clean and "~/events/<event>.room: disk full" in clean
    said = "WARNING desktop.ui.room: save failed: Could not save Team day.room: disk full"
    assert scrub(said) == (
        "WARNING desktop.ui.room: save failed: Could not save <event>.room: disk full"
    )
    assert scrub(scrub(said)) == scrub(said)


def test_diagnostics_have_versions_and_the_last_100_lines_scrubbed(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs" / "intheroom.log", max_bytes=4_000, backups=3)
    log = logging.getLogger("desktop.test")
    for n in range(250):
        log.info("step %03d", n)
    stop_logging()
    with path.open("a", encoding="utf-8") as stream:  # a line written before scrubbing existed
        stream.write("2026-11-23 10:00:00 INFO old: mail sam@example.org about 'Team day.room'\n")
    report = diagnostics(path)
    assert report.startswith("In the Room diagnostics\n")
    assert f"In the Room: {__version__}" in report
    assert f"Python: {platform.python_version()}" in report
    assert f"OS: {platform.platform()}" in report
    assert "Qt: " in report and "Build: from source" in report
    lines = report.split("Last 100 lines of the log")[1].splitlines()[1:]
    assert len(lines) == 100
    assert lines[-1].endswith("mail <e-mail> about '<event>.room'")
    assert lines[-2].endswith("step 249") and lines[0].endswith("step 151")
    assert "@" not in report


def test_tail_reaches_into_the_rotated_files(tmp_path: Path) -> None:
    path = tmp_path / "intheroom.log"
    (tmp_path / "intheroom.log.1").write_text("a\nb\nc\n", encoding="utf-8")
    path.write_text("d\n", encoding="utf-8")
    assert tail(path, 3) == ["b", "c", "d"]
    assert tail(tmp_path / "missing.log") == []


def test_diagnostics_of_an_empty_log_say_so(tmp_path: Path) -> None:
    assert "(the log is empty)" in diagnostics(tmp_path / "none.log")


def test_the_app_starts_its_log_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.app import _start_logging

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    _start_logging()
    assert len(ours()) == 1
    assert "starting" in log_file().read_text(encoding="utf-8")
