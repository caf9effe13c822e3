"""Reading the event document's JSON text, and the problems a document can be refused for.

`Problem` and `DocumentError` live here because reading is the first step that can refuse a
document; `desktop.core.document` hands them on. A fault in the JSON is named by line and column
with a hint for the fix, and a key written twice in one object is remembered (plain `json` keeps
the last one silently) so that the checks can name it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where it is, and what to do about it."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class DocumentError(ValueError):
    """A document was refused; `problems` lists every reason, each by its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Object(dict[str, Any]):
    """A JSON object that remembers keys it saw twice (plain json keeps the last silently)."""

    repeated: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.repeated = tuple(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return obj


_CURLY_QUOTES = "“”‘’„«»"


def parse_json(data: str | bytes) -> Any:
    """Parse JSON text, or raise DocumentError naming the line and column of the fault."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DocumentError(
                [
                    Problem(
                        f"line {line}",
                        f"this is not UTF-8 text (byte 0x{data[exc.start]:02x}) — "
                        "save the file as UTF-8 and try again",
                    )
                ]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise DocumentError([Problem("", "the document is empty — expected an event document")])
    try:
        return json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as exc:
        raise DocumentError([_syntax_problem(text, exc)]) from None
    except RecursionError:
        raise DocumentError([Problem("", "the document is nested too deeply to read")]) from None


def _syntax_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    place = f"line {exc.lineno}, column {exc.colno}"
    near = text[max(0, exc.pos - 1) : exc.pos + 1]
    if any(q in near for q in _CURLY_QUOTES):
        hint = 'curly quotes (“ ” ‘ ’) found — JSON needs straight double quotes (")'
    elif exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        hint = "the document ends too early — is the file cut short? Export it again"
    elif exc.msg.startswith("Expecting ',' delimiter"):
        hint = 'a comma is missing between two items, or a quote inside a text is not escaped (\\")'
    elif exc.msg.startswith("Expecting property name"):
        hint = "field names need double quotes, and the last item takes no trailing comma"
    elif exc.msg == "Extra data":
        hint = "there is more after the end of the document — keep one {...} per file"
    elif exc.msg.startswith("Invalid control character"):
        hint = "a text runs over a line break — close its quote, or write the break as \\n"
    else:
        hint = "check the punctuation here"
    return Problem(place, f"not valid JSON ({exc.msg}) — {hint}")
