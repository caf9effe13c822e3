"""`intheroom open`, `capture`, `demo` and `snapshot`: the app's windows, on a screen or drawn
to a picture without one."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_OK, AddCommand, UsageError, room_path, write_out
from desktop.core.run_log import Entry
from desktop.store.documents import read_any_with_log
from desktop.store.errors import StoreError


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    path = Path(args.file) if getattr(args, "file", None) else None
    return run_gui(path)


def cmd_capture(args: argparse.Namespace) -> int:
    from desktop.app import run_gui

    path = room_path(args.file)
    if not path.exists():
        raise StoreError(f"There is no file at {path}. Check the name and folder.")
    return run_gui(path, capture=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.paths import data_dir
    from desktop.store.eventfile import EventFile

    path = room_path(args.file) if args.file else data_dir() / "demo.room"
    if not path.exists() or args.reset:
        # Only to make or reset it: opening the demo needs no template.
        from desktop.store.templates import demo_event_with_plan as demo_event

        if not path.exists():
            EventFile.create(path, demo_event()).close()
            print(f"made the demo event at {path}")
        else:
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
    from desktop.core.staging import parse_left

    try:
        return parse_left(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_snapshot(args: argparse.Namespace) -> int:
    import time

    from desktop.app import snapshot_png
    from desktop.core.staging import staged_log, staged_moment

    path = Path(args.file)
    event, stored = read_any_with_log(path)
    log: list[Entry] = list(stored)
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
    data = snapshot_png(event, log, view=args.view, size=args.size, now=now, theme=args.theme)
    write_out(args.output, data, path)
    print(f"wrote {out} ({args.view}, {args.size[0]}×{args.size[1]})")
    return EXIT_OK


# ------------------------------------------------------------------------------ parsers


def add_open(command: AddCommand) -> None:
    p = command("open", cmd_gui, "open an event file in the app")
    p.add_argument("file", metavar="FILE.room")


def add_capture(command: AddCommand) -> None:
    p = command(
        "capture",
        cmd_capture,
        "a capture window for typing notes; hands over to the app if it has the file open",
    )
    p.add_argument("file", metavar="FILE.room")


def add_snapshot(command: AddCommand) -> None:
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


def add_demo(command: AddCommand) -> None:
    p = command("demo", cmd_demo, "open the demo event (made on first use)")
    p.add_argument(
        "--file", metavar="FILE.room", help="where the demo lives (default: data folder)"
    )
    p.add_argument("--reset", action="store_true", help="put the demo back as it was")
    p.add_argument("--no-open", action="store_true", help="make it and print its path only")
