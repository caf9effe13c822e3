"""`intheroom new`, `import`, `export` and `validate`: event files and event documents."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    AddCommand,
    UsageError,
    room_path,
    summary,
    write_out,
)
from desktop.core import document
from desktop.core.model import Event
from desktop.core.timetable import format_duration
from desktop.store.documents import read_any

EXPORT_FORMATS = ("json", "md", "csv")
CSV_TABLES = ("notes", "votes", "feedback")  # what `export --format csv --table` writes


# ----------------------------------------------------------------------------- commands


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        event = read_any(path)
    except document.DocumentError as exc:
        if args.json:
            problems = [{"place": p.place, "message": p.message} for p in exc.problems]
            print(
                json.dumps(
                    {"file": str(path), "ok": False, "problems": problems}, ensure_ascii=False
                )
            )
            return EXIT_BAD_INPUT
        raise
    if args.json:
        counts = {
            "segments": len(event.agenda),
            "minutes": event.planned_minutes,
            "contributors": len(event.contributors),
            "participants": len(event.participants),
            "notes": len(event.notes),
        }
        report = {"file": str(path), "ok": True, "problems": [], "title": event.title, **counts}
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"ok: {path.name} — {summary(event)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    # Imported here, not with the parser: `intheroom` opening the app never exports.
    from desktop.core.export import notes_to_csv, to_markdown
    from desktop.core.export_votes import feedback_to_csv, votes_to_csv

    path = Path(args.file)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lstrip(".").lower() if args.output else ""
        fmt = {"markdown": "md", "txt": "md"}.get(suffix, suffix)
        if fmt not in EXPORT_FORMATS:
            fmt = "json"
    event = read_any(path)
    if fmt == "json":
        data = document.encode(event)
    elif fmt == "md":
        data = to_markdown(event).encode("utf-8")
    else:
        # A BOM so that Excel reads the file as UTF-8 (accents, Ł, Gaelic names) when opened.
        tables = {"notes": notes_to_csv, "votes": votes_to_csv, "feedback": feedback_to_csv}
        text = tables[args.table](event)
        to_file = args.output not in (None, "-")
        data = text.encode("utf-8-sig" if to_file else "utf-8")
    write_out(args.output, data, path)
    if args.output not in (None, "-"):
        print(f"exported {path.name} as {fmt} to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from desktop.store import templates
    from desktop.store.eventfile import EventFile

    if args.template == "" or args.file is None:
        if args.file is None and args.template is None:
            raise UsageError("name the new event file, e.g. intheroom new team-day.room")
        print("Templates (intheroom new FILE.room --template NAME):")
        for t in templates.list_templates():
            print(f"  {t.name:<20} {t.title} — {t.segments} segments, {format_duration(t.minutes)}")
        return EXIT_OK
    path = room_path(args.file)
    if args.template:
        event = templates.load_template(args.template)
    else:
        event = templates.blank_event(path.stem.replace("-", " ").replace("_", " ").capitalize())
    if args.title:
        event = _retitled(event, args.title)
    EventFile.create(path, event).close()
    print(f"created {path} — {summary(event)}")
    return EXIT_OK


def _retitled(event: Event, title: str) -> Event:
    import msgspec

    return msgspec.structs.replace(event, title=title)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.store.eventfile import EventFile

    source = Path(args.document)
    target = room_path(args.file)
    event = read_any(source)  # refused here, before anything is written
    if target.exists():
        if not args.replace:
            raise UsageError(
                f"{target.name} already exists. Choose another name, or add --replace to replace "
                "its event (the current version is kept as a backup beside it)."
            )
        with EventFile.open(target) as room:
            room.replace_event(event)
    else:
        EventFile.create(target, event).close()
    print(f"imported {source.name} into {target} — {summary(event)}")
    return EXIT_OK


# ------------------------------------------------------------------------------ parsers


def add_new(command: AddCommand) -> None:
    p = command("new", cmd_new, "make a new event file, blank or from a template")
    p.add_argument("file", metavar="FILE.room", nargs="?")
    p.add_argument(
        "--template",
        metavar="NAME",
        nargs="?",
        const="",
        help="start from this template; without NAME, list the templates",
    )
    p.add_argument("--title", help="the event's title")


def add_import(command: AddCommand) -> None:
    p = command("import", cmd_import, "make an event file from an event document (JSON)")
    p.add_argument("document", metavar="DOC.json")
    p.add_argument("file", metavar="FILE.room")
    p.add_argument("--replace", action="store_true", help="replace the event in an existing file")


def add_export(command: AddCommand) -> None:
    p = command("export", cmd_export, "write an event out as a document (json), Markdown or CSV")
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: from -o's ending, else json")
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: the screen)")
    p.add_argument(
        "--table",
        choices=CSV_TABLES,
        default="notes",
        help="with csv: the notes (default), the votes' results, or the feedback forms",
    )


def add_validate(command: AddCommand) -> None:
    p = command("validate", cmd_validate, "check an event file or document; list every problem")
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
