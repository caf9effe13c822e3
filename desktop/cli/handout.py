"""`intheroom handout`: the pack, the agenda handout, the timing report, place cards or the run
sheet, as a PDF (the pack also as a booklet or one web page)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_OK, AddCommand, UsageError, write_out
from desktop.store.documents import read_any_with_log

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


def _picture(option: str, value: str | None) -> Path | None:
    picture = Path(value) if value else None
    if picture is not None and (
        not picture.is_file() or picture.suffix.lower() not in (".png", ".jpg", ".jpeg")
    ):
        raise UsageError(f"{option} {value}: give a PNG or JPEG file that exists")
    return picture


def cmd_handout(args: argparse.Namespace) -> int:
    # Each kind's module is imported when it is asked for: a big pack's command time counts.
    from desktop.handout.pack import SECTIONS, Options, build_pack

    path = Path(args.file)
    event, log = read_any_with_log(path)
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
    options = Options(
        paper=args.paper,
        large_print=args.large_print,
        sections=args.sections or SECTIONS,
        logo=_picture("--logo", args.logo),
        cover=_picture("--cover", args.cover),
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
    write_out(args.output, data, path)
    large = ", large print" if args.large_print else ""
    large += ", booklet" if args.booklet else ""
    large += ", HTML" if args.format == "html" else ""
    print(f"wrote {out} ({args.kind}, {args.paper.upper()}{large})")
    return EXIT_OK


def add_handout(command: AddCommand) -> None:
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
