"""Event documents in and out of files (`store/documents.py`): the one place they meet the disk."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from desktop.core import document
from desktop.store import atomic
from desktop.store.documents import (
    WriteError,
    read_any,
    read_any_with_log,
    read_document,
    write_document,
    write_output,
    write_viewer_copy,
)
from desktop.store.errors import StoreError
from desktop.store.eventfile import EventFile
from tests.helpers import good_document


def doc_file(folder: Path, data: bytes, name: str = "event.json") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_document_round_trips_through_a_file(tmp_path: Path) -> None:
    event = document.decode(json.dumps(good_document()).encode())
    path = tmp_path / "out.json"
    write_document(path, event)
    assert read_document(path) == event
    assert read_any(path) == event
    assert read_any_with_log(path) == (event, [])
    assert path.read_bytes() == document.encode(event)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left


def test_a_room_file_reads_as_any_event_with_its_run_log(tmp_path: Path) -> None:
    event = document.decode(json.dumps(good_document()).encode())
    room = tmp_path / "event.room"
    with EventFile.create(room, event) as file:
        file.append_run({"t": 1000.0, "do": "start"})
    assert read_any(room) == event
    assert read_any_with_log(room) == (event, [{"t": 1000.0, "do": "start"}])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "the document is empty"),
        (b'{"format":', "is the file cut short?"),
        (b"\xff\xfe\x00garbage", "this is not UTF-8 text"),
        (b"\x00garbage", "not valid JSON"),
        (b"[1, 2]", "expected an event document"),
    ],
)
def test_a_damaged_document_is_refused_in_words(tmp_path: Path, data: bytes, words: str) -> None:
    path = doc_file(tmp_path, data)
    with pytest.raises(document.DocumentError) as refused:
        read_any(path)
    assert words in str(refused.value)
    assert path.read_bytes() == data  # never touched


def test_an_invalid_document_names_each_problem_by_its_place(tmp_path: Path) -> None:
    doc = good_document()
    doc["agenda"][0]["minuts"] = doc["agenda"][0].pop("minutes")
    path = doc_file(tmp_path, json.dumps(doc).encode())
    with pytest.raises(document.DocumentError) as refused:
        read_document(path)
    places = [p.place for p in refused.value.problems]
    assert "agenda[0].minuts" in places


def test_no_file_or_a_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"There is no file at .*nope\.json\. Check the name"):
        read_any(tmp_path / "nope.json")
    with pytest.raises(StoreError, match="is a folder, not an event document"):
        read_document(tmp_path)
    with pytest.raises(StoreError, match="There is no event file at"):
        read_any(tmp_path / "nope.room")


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (errno.EIO, "could not be read — was the USB stick removed? Put it back"),
        (errno.EACCES, "you may not read it — ask for access"),
    ],
)
def test_an_unreadable_document_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int, words: str
) -> None:
    path = doc_file(tmp_path, json.dumps(good_document()).encode())

    def broken(self: Path) -> bytes:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(StoreError) as refused:
        read_document(path)
    said = str(refused.value)
    assert said.startswith(f"Could not read {path}: ") and words in said
    assert "written" not in said and "save to another folder" not in said  # reading it


def test_a_failed_write_says_why_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = document.decode(json.dumps(good_document()).encode())
    path = doc_file(tmp_path, b"the old one")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(WriteError) as failed:
        write_document(path, event)
    assert failed.value.reason.startswith("the disk is full")
    assert str(failed.value) == f"Could not write {path}: {failed.value.reason}."
    assert isinstance(failed.value, StoreError)  # the CLI's exit code 1, the UI's banner
    assert path.read_bytes() == b"the old one"
    assert [p.name for p in tmp_path.iterdir()] == ["event.json"]


def test_no_folder_no_write(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match=r"the folder .*gone does not exist"):
        write_output(tmp_path / "gone" / "pack.pdf", b"%PDF")
    assert not (tmp_path / "gone").exists()


def test_a_copy_for_the_viewer_goes_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    path = write_viewer_copy("Team day - Pack.pdf", b"%PDF-1.4")
    assert path == tmp_path / "intheroom-handouts" / "Team day - Pack.pdf"
    assert path.read_bytes() == b"%PDF-1.4"


def test_a_viewer_copy_that_cannot_be_written_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    monkeypatch.setattr("tempfile.tempdir", str(blocker))
    with pytest.raises(WriteError):
        write_viewer_copy("x.pdf", b"%PDF")
