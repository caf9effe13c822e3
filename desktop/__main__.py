"""`intheroom`: opens the app with no arguments; sub-commands do the headless jobs.

Exit codes: 0 done; 1 could not do it (a file is locked, missing or can't be written);
2 bad input (a broken document, wrong options); 3 a fault inside In the Room.
No traceback reaches a user unless they ask with --debug.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core import document
from desktop.core.export import notes_to_csv, to_markdown
from desktop.core.export_votes import feedback_to_csv, votes_to_csv
from desktop.core.model import Event
from desktop.core.timetable import format_clock, format_duration, timetable
from desktop.store.errors import StoreError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_FAULT = 0, 1, 2, 3
EXPORT_FORMATS = ("json", "md", "csv")
CSV_TABLES = {"notes": notes_to_csv, "votes": votes_to_csv, "feedback": feedback_to_csv}


class UsageError(Exception):
    """The command line asks for something that can't be done as asked."""


# ------------------------------------------------------------------------------ helpers


def _room_path(value: str) -> Path:
    path = Path(value)
    if path.suffix == "":
        return path.with_suffix(".room")
    if path.suffix != ".room":
        raise UsageError(f"{path.name}: event files end in .room — try {path.with_suffix('.room')}")
    return path


def load_any(path: Path) -> Event:
    """An event from a `.room` file or an event document (JSON)."""
    from desktop.store.eventfile import read_event

    if path.suffix == ".room":
        return read_event(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no file at {path}. Check the name and folder.") from None
    except OSError as exc:
        raise StoreError(f"Could not read {path}: {exc.strerror}.") from None
    return document.decode(data)


def summary(event: Event) -> str:
    """One line saying what an event holds."""
    parts = [f"“{event.title}”"]
    slots = timetable(event)
    if slots:
        span = ""
        if slots[0].start is not None and slots[-1].end is not None:
            span = f" ({format_clock(slots[0].start)}–{format_clock(slots[-1].end)})"
        parts.append(f"{len(slots)} segments, {format_duration(event.planned_minutes)}{span}")
    else:
        parts.append("no agenda yet")
    for name, items in (
        ("contributor", event.contributors),
        ("participant", event.participants),
        ("note", event.notes),
    ):
        parts.append(f"{len(items)} {name}{'' if len(items) == 1 else 's'}")
    return " · ".join(parts)


def _write_out(out: str | None, data: bytes, source: Path) -> None:
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from desktop.store.atomic import write_atomic
    from desktop.store.errors import describe_os_error

    target = Path(out)
    if target.exists() and target.resolve() == source.resolve():
        raise UsageError(f"{target.name} is the file being exported; choose another -o name")
    if not target.parent.is_dir():
        raise StoreError(f"The folder {target.parent} does not exist.")
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise StoreError(f"Could not write {target}: {describe_os_error(exc)}.") from None


# ----------------------------------------------------------------------------- commands


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    path = Path(args.file) if getattr(args, "file", None) else None
    return run_gui(path)


def cmd_capture(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    path = _room_path(args.file)
    if not path.exists():
        raise StoreError(f"There is no file at {path}. Check the name and folder.")
    return run_gui(path, capture=True)


def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        event = load_any(path)
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
    path = Path(args.file)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lstrip(".").lower() if args.output else ""
        fmt = {"markdown": "md", "txt": "md"}.get(suffix, suffix)
        if fmt not in EXPORT_FORMATS:
            fmt = "json"
    event = load_any(path)
    if fmt == "json":
        data = document.encode(event)
    elif fmt == "md":
        data = to_markdown(event).encode("utf-8")
    else:
        # A BOM so that Excel reads the file as UTF-8 (accents, Ł, Gaelic names) when opened.
        text = CSV_TABLES[args.table](event)
        to_file = args.output not in (None, "-")
        data = text.encode("utf-8-sig" if to_file else "utf-8")
    _write_out(args.output, data, path)
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
    path = _room_path(args.file)
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
    target = _room_path(args.file)
    event = load_any(source)  # refused here, before anything is written
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


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.paths import data_dir
    from desktop.store.eventfile import EventFile
    from desktop.store.templates import demo_event_with_plan as demo_event

    path = _room_path(args.file) if args.file else data_dir() / "demo.room"
    if not path.exists():
        EventFile.create(path, demo_event()).close()
        print(f"made the demo event at {path}")
    elif args.reset:
        with EventFile.open(path) as room:
            room.replace_event(demo_event())
        print(f"reset the demo event at {path}")
    if args.no_open:
        print(path)
        return EXIT_OK
    args.file = str(path)
    return cmd_gui(args)


def _size(value: str) -> tuple[int, int]:
    width, sep, height = value.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT like 1920x1080, got {value!r}")
    w, h = int(width), int(height)
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{value}: choose between 320x240 and 7680x4320")
    return w, h


def _left(value: str) -> float:
    from desktop.ui.snapshot import parse_left

    try:
        return parse_left(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_snapshot(args: argparse.Namespace) -> int:
    import time

    from desktop.store.eventfile import read_room
    from desktop.ui.snapshot import render, staged_log, staged_moment

    path = Path(args.file)
    if path.suffix == ".room":
        event, log = read_room(path)
    else:
        event, log = load_any(path), []
    now = time.time()
    if args.at is not None and args.segment is not None:
        raise UsageError("--at and --segment each choose a moment: give one of them.")
    if args.segment is not None:
        if not event.agenda:
            raise UsageError(f"{path.name} has no agenda, so there is no segment to show.")
        if not 1 <= args.segment <= len(event.agenda):
            raise UsageError(
                f"--segment {args.segment}: {path.name} has segments 1 to {len(event.agenda)}."
            )
        log, now = staged_log(event, args.segment - 1, now, args.left)
    elif args.left is not None:
        raise UsageError("--left needs --segment N: which segment has that much time left?")
    elif args.at is not None:
        log, now = staged_moment(event, args.at, now)
    out = Path(args.output)
    if out.suffix.lower() != ".png":
        raise UsageError(f"{out.name}: snapshots are PNG pictures — try {out.with_suffix('.png')}")
    data = render(event, log, view=args.view, size=args.size, now=now, theme=args.theme)
    _write_out(args.output, data, path)
    print(f"wrote {out} ({args.view}, {args.size[0]}×{args.size[1]})")
    return EXIT_OK


HANDOUT_KINDS = ("pack", "agenda", "timing", "cards", "runsheet")


def _sections(value: str) -> tuple[str, ...]:
    from desktop.handout.pack import SECTIONS

    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [part for part in chosen if part not in SECTIONS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown section {', '.join(unknown) or '(none given)'}; choose from "
            + ", ".join(SECTIONS)
        )
    return chosen


def cmd_handout(args: argparse.Namespace) -> int:
    # Each kind's module is imported when it is asked for: a big pack's command time counts.
    from desktop.handout.pack import SECTIONS, Options, build_pack
    from desktop.store.eventfile import read_room

    path = Path(args.file)
    if path.suffix == ".room":
        event, log = read_room(path)
    else:
        event, log = load_any(path), []
    out = Path(args.output)
    if args.format == "html":
        if args.kind != "pack" or args.booklet:
            raise UsageError("--format html is for the pack, and not as a booklet")
        if out.suffix.lower() not in (".html", ".htm"):
            raise UsageError(
                f"{out.name}: the HTML pack is a web page — try {out.with_suffix('.html')}"
            )
    elif out.suffix.lower() != ".pdf":
        raise UsageError(f"{out.name}: handouts are PDFs — try {out.with_suffix('.pdf')}")
    logo = Path(args.logo) if args.logo else None
    if logo is not None and (
        not logo.is_file() or logo.suffix.lower() not in (".png", ".jpg", ".jpeg")
    ):
        raise UsageError(f"--logo {args.logo}: give a PNG or JPEG file that exists")
    picture = Path(args.cover) if args.cover else None
    if picture is not None and (
        not picture.is_file() or picture.suffix.lower() not in (".png", ".jpg", ".jpeg")
    ):
        raise UsageError(f"--cover {args.cover}: give a PNG or JPEG file that exists")
    options = Options(
        paper=args.paper,
        large_print=args.large_print,
        sections=args.sections or SECTIONS,
        logo=logo,
        cover=picture,
        booklet=args.booklet,
    )
    if args.booklet and args.kind != "pack":
        raise UsageError(f"--booklet is for the pack; leave it out for --kind {args.kind}")
    if args.format == "html":
        from desktop.handout.html import build_pack_html

        data = build_pack_html(event, options)
    elif args.kind == "pack":
        data = build_pack(event, options)
    elif args.kind == "agenda":
        from desktop.handout.agenda import build_agenda

        data = build_agenda(event, options)
    elif args.kind == "runsheet":
        from desktop.handout.runsheet import build_runsheet

        data = build_runsheet(event, options)
    elif args.kind == "cards":
        from desktop.handout.cards import NoRoster, build_cards

        try:
            data = build_cards(event, options)
        except NoRoster as exc:
            raise UsageError(f"{path.name}: {exc}") from None
    else:
        if not log:
            raise UsageError(
                f"{path.name} has no run log yet: the timing report needs an event that was run "
                "with the clock (intheroom open FILE.room)."
            )
        from desktop.handout.timing import build_timing

        data = build_timing(event, log, options)
    _write_out(args.output, data, path)
    large = ", large print" if args.large_print else ""
    large += ", booklet" if args.booklet else ""
    large += ", HTML" if args.format == "html" else ""
    print(f"wrote {out} ({args.kind}, {args.paper.upper()}{large})")
    return EXIT_OK


# ------------------------------------------------------------------------------- parser


def cmd_tables(args: argparse.Namespace) -> int:
    from desktop.cli_tables import TablesUsageError, run

    try:
        return run(args)
    except TablesUsageError as exc:
        raise UsageError(str(exc)) from None


def add_tables_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.cli_tables import add_arguments

    add_arguments(p)


def cmd_roster(args: argparse.Namespace) -> int:
    from desktop.cli_roster import RosterUsageError, run

    try:
        return run(args)
    except RosterUsageError as exc:
        raise UsageError(str(exc)) from None


def add_roster_arguments(p: argparse.ArgumentParser) -> None:
    from desktop.cli_roster import add_arguments

    add_arguments(p)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intheroom",
        description="In the Room: run in-room sessions offline. With no command, opens the app.",
        epilog="Exit codes: 0 done, 1 could not do it, 2 bad input, 3 a fault in In the Room.",
    )
    parser.add_argument("--version", action="version", version=f"intheroom {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full details of any fault")
    parser.set_defaults(run=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> Any:
        p = sub.add_parser(name, help=help, description=help)
        # SUPPRESS: a sub-command's default must not undo `intheroom --debug COMMAND`.
        p.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="show full details of any fault",
        )
        p.set_defaults(run=run)
        return p

    p = command("open", cmd_gui, "open an event file in the app")
    p.add_argument("file", metavar="FILE.room")

    p = command(
        "capture",
        cmd_capture,
        "a capture window for typing notes; hands over to the app if it has the file open",
    )
    p.add_argument("file", metavar="FILE.room")

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

    p = command("import", cmd_import, "make an event file from an event document (JSON)")
    p.add_argument("document", metavar="DOC.json")
    p.add_argument("file", metavar="FILE.room")
    p.add_argument("--replace", action="store_true", help="replace the event in an existing file")

    p = command("export", cmd_export, "write an event out as a document (json), Markdown or CSV")
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: from -o's ending, else json")
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: the screen)")
    p.add_argument(
        "--table",
        choices=tuple(CSV_TABLES),
        default="notes",
        help="with csv: the notes (default), the votes' results, or the feedback forms",
    )

    p = command("validate", cmd_validate, "check an event file or document; list every problem")
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("--json", action="store_true", help="print the result as JSON")

    p = command(
        "handout",
        cmd_handout,
        "print the pack, the agenda, the timing report, place cards or the facilitator's run "
        "sheet (private notes and materials) as PDF "
        "(cards: four to a page, two with --large-print); the pack also as a booklet or a web page",
    )
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True, help="or OUT.html")
    p.add_argument("--kind", choices=HANDOUT_KINDS, default="pack")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument("--large-print", action="store_true", help="all text at 16 pt or more")
    p.add_argument(
        "--sections", type=_sections, metavar="LIST", help="the pack's sections, comma-separated"
    )
    p.add_argument(
        "--logo", metavar="IMAGE", help="the organiser's logo (PNG or JPEG) on the cover"
    )
    p.add_argument("--cover", metavar="IMAGE", help="a picture (PNG or JPEG) for the cover")
    p.add_argument(
        "--format",
        choices=("pdf", "html"),
        default="pdf",
        help="html: the pack as one accessible web page (WCAG 2.2 AA) for a website",
    )
    p.add_argument(
        "--booklet",
        action="store_true",
        help="the pack as a booklet: half-size pages two to a sheet in folding order; print "
        "double-sided (flip on the short edge), fold and staple",
    )

    p = command("snapshot", cmd_snapshot, "draw the console or the room display to a PNG")
    p.add_argument("file", metavar="FILE", help="a .room file or an event document")
    p.add_argument("--view", choices=("console", "display"), default="display")
    p.add_argument(
        "--segment", type=int, metavar="N", help="show segment N (1 = the first) a third through"
    )
    p.add_argument(
        "--left",
        type=_left,
        metavar="M:SS",
        help="with --segment: M:SS left in it (--left=-1:20 is 1:20 over time)",
    )
    p.add_argument(
        "--at", choices=("before", "end"), help="the room before the start, or after the end"
    )
    p.add_argument(
        "--size", type=_size, default=(1280, 720), metavar="WxH", help="default 1280x720"
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="the display's")
    p.add_argument("-o", "--output", metavar="OUT.png", required=True)

    p = command("tables", cmd_tables, "plan who sits at which table, round by round")
    add_tables_arguments(p)

    p = command("roster", cmd_roster, "import a roster (CSV) into an event file, as the app does")
    add_roster_arguments(p)

    p = command("demo", cmd_demo, "open the demo event (made on first use)")
    p.add_argument(
        "--file", metavar="FILE.room", help="where the demo lives (default: data folder)"
    )
    p.add_argument("--reset", action="store_true", help="put the demo back as it was")
    p.add_argument("--no-open", action="store_true", help="make it and print its path only")
    return parser


def _open_if_just_a_file(argv: list[str]) -> list[str]:
    """`intheroom FILE.room` means `intheroom open FILE.room` (desktop entries, file types)."""
    for i, arg in enumerate(argv):
        if arg.startswith("-"):
            continue
        if arg.lower().endswith(".room"):
            return [*argv[:i], "open", *argv[i:]]
        break
    return argv


def _utf8_output() -> None:
    """Pipes and files get UTF-8 on every system. Windows would write its ANSI code page there
    (cp1252), which has no Greek or Cyrillic: `intheroom validate doc.json > out.txt` failed."""
    for stream in (sys.stdout, sys.stderr):
        utf8 = stream.encoding.lower() in ("utf-8", "utf8")
        if isinstance(stream, io.TextIOWrapper) and not utf8:
            stream.reconfigure(encoding="utf-8", errors=stream.errors)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _utf8_output()
    parser = build_parser()
    args = parser.parse_args(_open_if_just_a_file(sys.argv[1:] if argv is None else list(argv)))
    try:
        return int(args.run(args))
    except document.DocumentError as exc:
        name = getattr(args, "document", None) or getattr(args, "file", "") or "the document"
        for problem in exc.problems:
            print(problem)
        count = len(exc.problems)
        print(
            f"intheroom: {Path(name).name} was refused: {count} problem{'s' if count > 1 else ''}"
            " (listed above). Nothing was written.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"intheroom: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as exc:
        print(f"intheroom: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"intheroom: something went wrong inside In the Room ({type(exc).__name__}). "
                "Nothing was left half-written. Run the same command with --debug to see the "
                "details, and send them to us (see README: Reporting a problem).",
                file=sys.stderr,
            )
        return EXIT_FAULT


if __name__ == "__main__":
    sys.exit(main())
