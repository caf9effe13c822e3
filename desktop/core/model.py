"""The event as the room knows it: details, focus, people, agenda and notes.

Plain immutable values (msgspec structs: typed, frozen, cheap to encode). No I/O here;
`desktop.core.document` turns JSON into these and back, `desktop.store` keeps them on disk.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class SegmentKind(StrEnum):
    """What happens in a slot of the agenda; decides what the room display and capture do."""

    WELCOME = "welcome"
    TALK = "talk"
    BREAKOUT = "breakout"
    SHARE_BACK = "share_back"
    REFLECTION = "reflection"
    BREAK = "break"
    FEEDBACK = "feedback"
    CLOSE = "close"
    CUSTOM = "custom"


# How a segment's kind reads on the room display and the agenda handout ("" says nothing).
SEGMENT_WORDS: dict[SegmentKind, str] = {
    SegmentKind.WELCOME: "Welcome",
    SegmentKind.TALK: "Talk",
    SegmentKind.BREAKOUT: "Table conversations",
    SegmentKind.SHARE_BACK: "Share-back",
    SegmentKind.REFLECTION: "Reflection",
    SegmentKind.BREAK: "Break",
    SegmentKind.FEEDBACK: "Feedback",
    SegmentKind.CLOSE: "Close",
    SegmentKind.CUSTOM: "",
}


class NoteKind(StrEnum):
    """What a captured note is; decides where the pack prints it."""

    QUOTE = "quote"  # our contributors' learning
    SHARE_BACK = "share_back"  # our collective learning
    REFLECTION = "reflection"  # personal reflections: one key reflection
    ACTION = "action"  # personal reflections: one practical step
    FEEDBACK = "feedback"  # your feedback
    FINAL = "final"  # final reflections


class AtZero(StrEnum):
    """What a segment's clock does when its time runs out."""

    OVERTIME = "overtime"  # keep counting, into "+1:20 over"
    HOLD = "hold"  # stay at 0:00, "Time's up", until the facilitator moves on
    NEXT = "next"  # move on to the next segment by itself


AMBER_SECONDS = 120  # default: warn when two minutes are left
RED_SECONDS = 30  # default: urgent in the last thirty seconds


class ResourceKind(StrEnum):
    """How a resource is taken in: printed as "14 mins read / watch / listen"."""

    READ = "read"
    WATCH = "watch"
    LISTEN = "listen"
    OTHER = "other"


class _Value(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Base for every value: immutable, keyword-only, empty fields left out of JSON."""


class Resource(_Value, frozen=True):
    """Something offered for consideration: an article, a video, a podcast."""

    title: str
    kind: ResourceKind = ResourceKind.READ
    minutes: int | None = None
    link: str = ""


class Contributor(_Value, frozen=True):
    """A speaker or storyteller whose words are quoted in the pack."""

    id: str
    name: str
    role: str = ""
    organisation: str = ""
    bio: str = ""


class Participant(_Value, frozen=True):
    """Someone on the roster. The e-mail is for the organiser only and is never printed."""

    id: str
    name: str
    organisation: str = ""
    sector: str = ""
    email: str = ""


class Segment(_Value, frozen=True):
    """One slot of the agenda, planned in whole minutes."""

    id: str
    kind: SegmentKind
    title: str
    minutes: int
    contributor: str = ""  # a Contributor.id
    prompt: str = ""  # the question for the tables, shown on the room display
    amber_seconds: int = AMBER_SECONDS  # seconds left when the clock turns amber
    red_seconds: int = RED_SECONDS  # seconds left when it turns red
    at_zero: AtZero = AtZero.OVERTIME
    # For the facilitator only: the console and the run sheet show them; the room display,
    # the agenda handout and the pack never do.
    facilitator_notes: str = ""  # what to say, how to run it
    materials: tuple[str, ...] = ()  # what to bring: "flipchart", "pens", a video link


class Note(_Value, frozen=True):
    """Something said in the room, captured by a note-taker."""

    id: str
    kind: NoteKind
    text: str
    contributor: str = ""  # a Contributor.id, for quotes
    group: str = ""  # the table it came from, e.g. "Table 2"
    theme: str = ""
    segment: str = ""  # the Segment.id it was captured in
    time: str = ""  # when it was captured, ISO 8601 local time "2023-07-06T10:42:13"


class TableMode(StrEnum):
    """How the table planner seats people."""

    MIX = "mix"  # tables that mix sectors and organisations, new faces each round
    PAIRS = "pairs"  # 1:1 conversations, a public-sector leader with a voluntary-sector one


class Pin(_Value, frozen=True):
    """A person who stays at one table every round (a table host in a world café)."""

    person: str  # a Participant.id
    table: int  # 1-based: Table 1 is 1


class TablePlan(_Value, frozen=True):
    """Who sits where in each round of breakouts, and the rules the plan was made with.

    `rounds` holds participant ids: rounds → tables → people. Table k (1-based) is "Table k".
    The n-th breakout of the agenda uses round n (the last round once there are more
    breakouts than rounds). `locked` lists (round, table) pairs, both 1-based, that a new
    plan keeps as they are.
    """

    rounds: tuple[tuple[tuple[str, ...], ...], ...] = ()
    size: int = 0  # people per table asked for (0: by number of tables)
    tables: int = 0  # number of tables asked for (0: by size)
    keep_apart: tuple[tuple[str, ...], ...] = ()
    keep_together: tuple[tuple[str, ...], ...] = ()
    pinned: tuple[Pin, ...] = ()
    locked: tuple[tuple[int, int], ...] = ()
    mode: TableMode = TableMode.MIX


class Contact(_Value, frozen=True):
    """How people reach the organiser afterwards ("Moving forward" in the pack)."""

    email: str = ""
    url: str = ""


class VoteState(StrEnum):
    """Whether phones may still change their dots."""

    OPEN = "open"
    CLOSED = "closed"  # frozen: nothing changes any more (typed counts neither)


class Ballot(_Value, frozen=True):
    """One phone's dots in a vote: `dots[i]` on the vote's option i (stacking allowed)."""

    device: str  # the phone (Room Wi-Fi's device id, "p3"): one ballot each
    dots: tuple[int, ...]
    time: str = ""  # when it last changed, ISO 8601 local time


class Vote(_Value, frozen=True):
    """A dot-vote: the room's choice among themes (or options typed on the spot).

    Results are the phones' dots plus `counts` typed from a flipchart, option by option."""

    id: str
    options: tuple[str, ...]
    title: str = ""
    dots: int = 3  # dots each phone may place
    state: VoteState = VoteState.OPEN
    revealed: bool = False  # the results are on the room display (and may be printed)
    ballots: tuple[Ballot, ...] = ()
    counts: tuple[int, ...] = ()  # typed by the facilitator, per option ("" = none typed)
    segment: str = ""  # the Segment.id it was run in
    opened: str = ""
    closed: str = ""


class FeedbackStatus(StrEnum):
    """Where a feedback form stands: phones' answers wait for a person, like share-backs."""

    WAITING = "waiting"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class FeedbackAnswer(_Value, frozen=True):
    """One feedback form: a 1-5 rating and the pack's two questions."""

    id: str
    rating: int | None = None  # 1 (poor) to 5 (very good); None: not given
    found: str = ""  # "How did you find today?"
    change: str = ""  # "What would you change?"
    status: FeedbackStatus = FeedbackStatus.ACCEPTED
    device: str = ""  # the phone that sent it ("" when typed in)
    key: str = ""  # the phone's idempotency key: a resend is the same answer
    time: str = ""


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One event: everything the console, the room display, capture and the pack need."""

    title: str
    theme: str = ""
    date: str = ""  # YYYY-MM-DD, "" while not yet set
    start: str = ""  # HH:MM
    finish: str = ""  # HH:MM, the planned finish the agenda must fit
    venue: str = ""
    summary: str = ""
    questions: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    participants: tuple[Participant, ...] = ()
    agenda: tuple[Segment, ...] = ()
    notes: tuple[Note, ...] = ()
    contact: Contact = Contact()
    tables: TablePlan = TablePlan()
    votes: tuple[Vote, ...] = ()
    feedback: tuple[FeedbackAnswer, ...] = ()

    @property
    def planned_minutes(self) -> int:
        """The agenda's total length as planned."""
        return sum(segment.minutes for segment in self.agenda)

    def contributor(self, contributor_id: str) -> Contributor | None:
        """The contributor with this id, or None."""
        return next((c for c in self.contributors if c.id == contributor_id), None)

    def notes_of(self, kind: NoteKind) -> tuple[Note, ...]:
        """The notes of one kind, in the order they were taken."""
        return tuple(note for note in self.notes if note.kind is kind)


# Where the pack prints each kind of note, in the pack's order (DESIGN.md, "The event document").
NOTE_SECTIONS: dict[NoteKind, str] = {
    NoteKind.QUOTE: "Our contributors' learning",
    NoteKind.SHARE_BACK: "Our collective learning",
    NoteKind.REFLECTION: "Personal reflections — one key reflection",
    NoteKind.ACTION: "Personal reflections — one practical step",
    NoteKind.FEEDBACK: "Your feedback",
    NoteKind.FINAL: "Final reflections",
}


def resource_label(resource: Resource) -> str:
    """How the pack introduces a resource: "14 mins read", "1 min watch", "listen"."""
    if resource.minutes:
        unit = "min" if resource.minutes == 1 else "mins"
        return f"{resource.minutes} {unit} {resource.kind.value}"
    return resource.kind.value
