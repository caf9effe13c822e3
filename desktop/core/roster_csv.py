"""Reading a roster CSV's bytes into headings and rows, before any column means anything.

UTF-8, UTF-8 with a BOM and UTF-16 are read as they say; other bytes are a guess (Windows-1252,
or Shift-JIS when that can't be right) and the organiser is told what to check. Comma, semicolon
or tab is found by looking. `RosterError` lives here because reading is the first step that can
refuse a file; `desktop.core.roster` hands it on. No I/O: the caller reads the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.text import one_line


class RosterError(ValueError):
    """The file can't be read as a roster; the message says where and what to do."""


@dataclass(frozen=True)
class Table:
    """The CSV as read: its headings and rows (all text)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str
    delimiter: str
    caution: str = ""  # when the encoding is a guess or bytes were unreadable: what to check


RESAVE = "save the list again as “CSV UTF-8” and import that"
# A Japanese letter or mark: kana, kanji, CJK punctuation, full-width forms.
_JAPANESE = re.compile("[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff9f]")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (with or without BOM) or UTF-16; else a
    guess (see `guess_encoding`)."""
    if not data.strip():
        raise RosterError("The file is empty: export the list again, with its heading row.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise RosterError(
                "The file says it is UTF-16 but is cut short or damaged: save the list again "
                "as “CSV UTF-8” and import that."
            ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return guess_encoding(data)


def guess_encoding(data: bytes) -> tuple[str, str]:
    """Bytes that aren't UTF-8, read the likeliest way: Windows-1252, as Excel and Word save a
    CSV in Western Europe; but Shift-JIS when Windows-1252 can't be right (a byte it leaves
    undefined, as Shift-JIS's 、。ー and common kanji have) and the bytes read as Japanese."""
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        pass
    try:
        japanese = data.decode("cp932")
    except UnicodeDecodeError:
        japanese = ""
    if _JAPANESE.search(japanese) and not re.search("[\ue000-\uf8ff]", japanese):
        return japanese, "Shift-JIS"
    return data.decode("cp1252", errors="replace"), "Windows-1252"


def _encoding_caution(text: str, encoding: str, rows: Sequence[Sequence[str]]) -> str:
    """What to check when the encoding was a guess or some bytes could not be read, in words,
    with a value to look at."""
    lost = text.count("\ufffd") if encoding in ("Windows-1252", "UTF-8 with BOM") else 0
    if lost:
        return (
            f"⚠ {lost} character{' was' if lost == 1 else 's were'} unreadable as "
            f"{encoding} (shown as �): the file is in another encoding. To be sure of the "
            f"names, {RESAVE}."
        )
    if encoding not in ("Windows-1252", "Shift-JIS"):
        return ""
    # Never an e-mail address: those are kept for the organiser only, never printed.
    sample = next((c for row in rows for c in row if not c.isascii() and "@" not in c), "")
    check = f" Check that “{sample}” reads right." if sample else ""
    what = (
        "Windows-1252 (Western European)" if encoding == "Windows-1252" else "Japanese (Shift-JIS)"
    )
    return (
        f"⚠ The file isn't UTF-8, so it was read as {what}: a guess.{check} If names show "
        f"odd characters, {RESAVE}."
    )


def read_table(data: bytes) -> Table:
    """Headings and rows from CSV bytes, with the delimiter found by looking."""
    text, encoding = decode(data)
    lines = [line for line in text.splitlines() if line.strip()]
    sample = "\n".join(lines[:20])
    counts = {d: min(line.count(d) for line in lines[:20]) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], sample.count(d)))
    if counts[delimiter] == 0:
        delimiter = max((",", ";", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [
            tuple(cell.strip() for cell in row) for row in reader if any(c.strip() for c in row)
        ]
    except csv.Error as exc:  # a cell past the field size limit, an unclosed quote at the end
        raise RosterError(
            f"Line {reader.line_num} can't be read as CSV ({exc}): save the list again as "
            "“CSV UTF-8” and import that."
        ) from None
    if not rows:
        raise RosterError("The file has no rows: export the list again, with its heading row.")
    headings, body = tuple(one_line(h) for h in rows[0]), rows[1:]
    if not body:
        raise RosterError(
            "The file has a heading row but no people under it: check it's the right export."
        )
    width = len(headings)
    body = [row + ("",) * (width - len(row)) if len(row) < width else row[:width] for row in body]
    return Table(
        headings,
        tuple(body),
        encoding,
        {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter],
        _encoding_caution(text, encoding, body),
    )
