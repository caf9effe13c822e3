"""Every console command with its keys, in one table: the menus, the buttons and the shortcut
sheet are all built from it, so a key shown is a key that works."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str  # the console method is on_<name>
    text: str  # menu and button text ("&" marks the menu accelerator)
    keys: tuple[str, ...]  # QKeySequence strings, the first one shown
    help: str  # one line for the shortcut sheet and the tooltip
    menu: str


COMMANDS: tuple[Command, ...] = (
    Command(
        "start_pause", "&Start / pause", ("Space",), "Start the agenda, pause, resume", "Clock"
    ),
    Command("next", "&Next segment", ("Right", "N"), "Move on to the next segment", "Clock"),
    Command("previous", "&Previous segment", ("Left", "P"), "Go back a segment", "Clock"),
    Command("add_minute", "Add a minute", ("+", "="), "One more minute for this segment", "Clock"),
    Command("take_minute", "Take a minute", ("-",), "One minute less for this segment", "Clock"),
    Command("add_five", "Add 5 minutes", ("Ctrl++", "Ctrl+="), "Five more minutes", "Clock"),
    Command("take_five", "Take 5 minutes", ("Ctrl+-",), "Five minutes less", "Clock"),
    Command("set_time", "Set time &left…", ("T",), "Set exactly how long is left", "Clock"),
    Command("restart", "&Restart segment", ("R",), "Start this segment's time again", "Clock"),
    Command("jump", "&Jump to segment", ("J",), "Pick a segment in the agenda, Enter", "Clock"),
    Command(
        "catch_up", "&Catch up…", ("C",), "Propose shorter segments to finish on time", "Clock"
    ),
    Command("finish", "&Finish early", ("Ctrl+E",), "End the event now", "Clock"),
    Command("undo", "&Undo clock action", ("Ctrl+Z",), "Take back the last clock action", "Clock"),
    Command(
        "back_to_clock",
        "Back to the c&lock",
        ("Escape",),
        "Leave a text box: Space, N and the rest drive the clock again",
        "Clock",
    ),
    Command("show_display", "Show room &display", ("D",), "Open or close the room display", "Room"),
    Command("blank", "&Blank the room display", ("B",), "Hold screen with the title", "Room"),
    Command("full_screen", "&Full screen", ("F",), "Room display full screen, or back", "Room"),
    Command("message", "Send a &message…", ("M",), "Type or pick a message for the room", "Room"),
    Command("clear_message", "C&lear the message", ("Shift+M",), "Take the message down", "Room"),
    Command(
        "room_wifi",
        "Room &Wi-Fi…",
        ("Ctrl+Shift+W",),
        "Let tables send share-backs from their phones",
        "Room",
    ),
    Command(
        "wrap_up",
        "Flash &wrap up for the speaker",
        ("W",),
        "On the speaker's timer only (Room Wi-Fi live views); W again stops it",
        "Room",
    ),
    Command(
        "vote",
        "Dot &vote and feedback…",
        ("Ctrl+Shift+V",),
        "Open a dot-vote on the themes, show results, take feedback forms",
        "Room",
    ),
    Command("mute", "&Mute chimes", ("S",), "Chimes at 2 minutes left and at time's up", "Room"),
    Command(
        "spotlight",
        "&Spotlight the note",
        ("L",),
        "Selected note on the room display, or off",
        "Notes",
    ),
    Command(
        "spotlight_theme",
        "Spotlight its &theme",
        ("Shift+L",),
        "The selected note's theme, with all its notes",
        "Notes",
    ),
    Command(
        "round", "Share-back &round…", ("G",), "Table by table, a timer each; G again ends", "Notes"
    ),
    Command("round_next", "Next table", ("]",), "The next table's turn", "Notes"),
    Command("round_back", "Previous table", ("[",), "Back to the table before", "Notes"),
    Command("round_skip", "Skip this table", ("K",), "Come back to it at the end", "Notes"),
    Command("note", "Type a &note", ("Ctrl+N",), "Put the cursor in the note box", "Notes"),
    Command(
        "capture_window",
        "&Capture window",
        ("Ctrl+Shift+N",),
        "Notes in a window of their own",
        "Notes",
    ),
    Command(
        "themes_board",
        "T&hemes board",
        ("Ctrl+Shift+T",),
        "Sort share-backs into themes",
        "Notes",
    ),
    Command("shortcuts", "&Keyboard shortcuts", ("F1", "Ctrl+/"), "This sheet", "Help"),
    Command(
        "guide",
        "Running your &first session…",
        ("Shift+F1",),
        "A short guide, inside the app",
        "Help",
    ),
    Command(
        "welcome", "&Welcome screen…", ("Ctrl+F1",), "The demo, templates, recent files", "Help"
    ),
    Command(
        "diagnostics",
        "Copy &diagnostics",
        ("Ctrl+Shift+F1",),
        "Versions and the log's end, for a support e-mail",
        "Help",
    ),
)

READY_MESSAGES = (
    "One minute to finish your conversation",
    "Please agree one thing to share from your table",
    "Please make your way back to your tables",
    "We'll start again shortly",
    "Thank you — please share one reflection before you go",
)


def markdown_table() -> str:
    """The shortcut sheet as a Markdown table, for the README (a test keeps them the same)."""
    rows = ["| keys | what it does |", "|---|---|"]
    for command in COMMANDS:
        keys = " or ".join(f"`{key}`" for key in command.keys)
        what = command.text.replace("&", "").rstrip("…")
        rows.append(f"| {keys} | {what} — {command.help} |")
    return "\n".join(rows)
