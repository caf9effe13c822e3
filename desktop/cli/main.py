"""The parser and `main`: each command lives in its group's module, this only puts them together
and turns what goes wrong into a message and an exit code.

Exit codes: 0 done; 1 could not do it (a file is locked, missing or can't be written);
2 bad input (a broken document, wrong options); 3 a fault inside In the Room.
No traceback reaches a user unless they ask with --debug.
"""

from __future__ import annotations

import argparse
import io
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.cli import documents, handout, roster, tables, windows
from desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_FAULT,
    EXIT_OK,
    Handler,
    UsageError,
)
from desktop.core.document import DocumentError
from desktop.store.errors import StoreError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="intheroom",
        description="In the Room: run in-room sessions offline. With no command, opens the app.",
        epilog="Exit codes: 0 done, 1 could not do it, 2 bad input, 3 a fault in In the Room.",
    )
    parser.add_argument("--version", action="version", version=f"intheroom {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full details of any fault")
    parser.set_defaults(run=windows.cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        # SUPPRESS: a sub-command's default must not undo `intheroom --debug COMMAND`.
        p.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="show full details of any fault",
        )
        p.set_defaults(run=handler)
        return p

    # In the order `intheroom --help` lists them.
    windows.add_open(command)
    windows.add_capture(command)
    documents.add_new(command)
    documents.add_import(command)
    documents.add_export(command)
    documents.add_validate(command)
    handout.add_handout(command)
    windows.add_snapshot(command)
    tables.add_tables(command)
    roster.add_roster(command)
    windows.add_demo(command)
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
    except DocumentError as exc:
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
