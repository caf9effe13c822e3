"""What phones on the room Wi-Fi send, waiting for a note-taker: the moderation queue, the devices
that joined with the code, per-device rate limits and the rules a note must follow.

Pure: no aiohttp, no Qt, no I/O. Clocks are passed in, so tests advance time instead of waiting.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Literal

from desktop.core.notes import clean_text

Clock = Callable[[], float]
Status = Literal["queued", "accepted", "rejected"]

KINDS: tuple[str, ...] = ("share_back", "reflection", "feedback")
KIND_WORDS = "share-back, reflection or feedback"
NOTE_TAKER = "note-taker"  # the "table" of someone sending for no table in particular
MAX_TEXT = 2000  # characters, after tidying
MAX_DEVICES = 200  # when the event has no roster to size the room from
ROOM_MARGIN = 20  # phones beyond the roster: note-takers, facilitators, a second phone
NOTES_PER_MINUTE = 10.0
NOTES_BURST = 5
STATUS_PER_MINUTE = 240.0  # "what became of my note?": a phone polls each waiting note every 5 s
STATUS_BURST = 40
WRONG_CODES_PER_MINUTE = 5.0  # per address: 1,000,000 codes take months at this rate
WRONG_CODES_BURST = 10
# New phones per address: 300 phones behind one venue router all join within a minute, while
# one phone can no longer take a room's slots in a second (30 at once, then 10 a second).
JOINS_PER_MINUTE = 600.0
JOINS_BURST = 30
NEVER_SENT_GRACE = 60.0  # seconds: a full room may expire a phone that joined and never sent
_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


class Refused(Exception):
    """A request we turn down, with a message a person on a phone can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(Refused):
    """The note (or request) breaks a rule: fix it and send again."""


class Forbidden(Refused):
    """Wrong join code, or a device that isn't (or is no longer) connected."""


class NotFound(Refused):
    """No such arrival (or it was already decided)."""


class RoomFull(Refused):
    """Every place in the room is taken by a phone that has sent something: not a wrong code."""


class TooMany(Refused):
    """Over a rate limit: try again in `retry_after` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """A phone's note that passed validation, before it joins the queue."""

    key: str
    kind: str
    table: str
    text: str


@dataclass(frozen=True, slots=True)
class Arrival:
    """One note sent from a phone, as it waits in (or left) the moderation queue."""

    id: str
    key: str  # the phone's idempotency key: a retry carries the same one
    device: str  # Device.id of the phone that sent it
    kind: str  # one of KINDS
    table: str  # a table name, or NOTE_TAKER
    text: str
    received: float  # wall-clock seconds since the epoch

    @property
    def received_iso(self) -> str:
        """Local time, as notes store it: "2023-07-06T10:42:13"."""
        return datetime.fromtimestamp(self.received).isoformat(timespec="seconds")

    @property
    def group(self) -> str:
        """What a Note's `group` should be: the table, or nothing for a note-taker."""
        return "" if self.table == NOTE_TAKER else self.table


def parse_note(body: object, tables: Iterable[str]) -> NoteDraft:
    """A note from a phone's JSON body, checked against the rules, or `Invalid` saying what to fix.

    `tables` are the tables a phone may choose now; NOTE_TAKER is always allowed too."""
    if not isinstance(body, Mapping):
        raise Invalid("Send the note as a JSON object.")
    key = body.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise Invalid("This note has no valid key. Reload the page and send it again.")
    kind = body.get("kind")
    if kind not in KINDS:
        raise Invalid(f"Choose what the note is: {KIND_WORDS}.")
    table = body.get("table")
    allowed = {*tables, NOTE_TAKER}
    if not isinstance(table, str) or table not in allowed:
        raise Invalid("Choose your table from the list (the tables may have changed).")
    raw = body.get("text")
    if not isinstance(raw, str):
        raise Invalid("Type your note before sending.")
    text = clean_text(raw)
    if not text:
        raise Invalid("Type your note before sending.")
    if len(text) > MAX_TEXT:
        raise Invalid(
            f"That note is {len(text):,} characters; the limit is {MAX_TEXT:,}. "
            "Split it into two notes."
        )
    return NoteDraft(key=key, kind=str(kind), table=table, text=text)


class Inbox:
    """The moderation queue: arrivals wait here until a note-taker accepts or rejects them.

    A retry (same device, same key) never makes a second arrival; it gets the first one back."""

    def __init__(self, clock: Clock = time.time) -> None:
        self._clock = clock
        self._arrivals: dict[str, Arrival] = {}  # by id, in arrival order
        self._by_key: dict[tuple[str, str], str] = {}
        self._status: dict[str, Status] = {}
        self._count = 0

    def add(self, device: str, draft: NoteDraft) -> Arrival:
        """Queue a note from `device`; the same arrival again if this key was seen before."""
        known = self.find(device, draft.key)
        if known is not None:
            return known
        self._count += 1
        arrival = Arrival(
            id=f"a{self._count}",
            key=draft.key,
            device=device,
            kind=draft.kind,
            table=draft.table,
            text=draft.text,
            received=self._clock(),
        )
        self._arrivals[arrival.id] = arrival
        self._by_key[(device, draft.key)] = arrival.id
        self._status[arrival.id] = "queued"
        return arrival

    def find(self, device: str, key: str) -> Arrival | None:
        found = self._by_key.get((device, key))
        return self._arrivals[found] if found is not None else None

    def get(self, arrival_id: str) -> Arrival:
        try:
            return self._arrivals[arrival_id]
        except KeyError:
            raise NotFound("That note isn't in the inbox.") from None

    def pending(self) -> list[Arrival]:
        """Arrivals waiting for a decision, oldest first."""
        return [a for a in self._arrivals.values() if self._status[a.id] == "queued"]

    def accept(self, arrival_id: str, edited_text: str | None = None) -> Arrival:
        """Take an arrival into the event (the caller turns it into a Note), with the note-taker's
        edit if there is one."""
        arrival = self._waiting(arrival_id)
        if edited_text is not None:
            text = clean_text(edited_text)
            if not text:
                raise Invalid("An accepted note can't be empty; reject it instead.")
            arrival = replace(arrival, text=text)
            self._arrivals[arrival_id] = arrival
        self._status[arrival_id] = "accepted"
        return arrival

    def reject(self, arrival_id: str) -> Arrival:
        arrival = self._waiting(arrival_id)
        self._status[arrival_id] = "rejected"
        return arrival

    def status(self, device: str, key: str) -> Status | None:
        """What became of a phone's note: None if this inbox never saw it."""
        found = self._by_key.get((device, key))
        return self._status[found] if found is not None else None

    def status_of(self, arrival_id: str) -> Status:
        self.get(arrival_id)
        return self._status[arrival_id]

    def __len__(self) -> int:
        return len(self._arrivals)

    def to_state(self) -> list[dict[str, Any]]:
        """Everything in the inbox as plain values, to keep on disk."""
        return [asdict(a) | {"status": self._status[a.id]} for a in self._arrivals.values()]

    def restore(self, state: list[dict[str, Any]]) -> None:
        """Put back what `to_state` kept (after a restart); ValueError if it doesn't fit."""
        for row in state:
            status = row.get("status")
            if status not in ("queued", "accepted", "rejected"):
                raise ValueError(f"unknown status {status!r}")
            arrival = Arrival(**{k: v for k, v in row.items() if k != "status"})
            self._arrivals[arrival.id] = arrival
            self._by_key[(arrival.device, arrival.key)] = arrival.id
            self._status[arrival.id] = status
            number = arrival.id[1:]
            if number.isdigit():
                self._count = max(self._count, int(number))

    def _waiting(self, arrival_id: str) -> Arrival:
        arrival = self.get(arrival_id)
        if self._status[arrival_id] != "queued":
            raise NotFound(f"That note was already {self._status[arrival_id]}.")
        return arrival


class RateLimiter:
    """A token bucket per key: `burst` at once, then `per_minute` on average. Never sleeps."""

    def __init__(
        self,
        per_minute: float = NOTES_PER_MINUTE,
        burst: int = NOTES_BURST,
        clock: Clock = time.monotonic,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("a rate limit needs a positive rate and a burst of at least 1")
        self.rate = per_minute / 60.0  # tokens a second
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def wait(self, key: str) -> float:
        """Seconds until `key` may go again: 0 if it may go now. Takes nothing."""
        tokens = self.available(key)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def take(self, key: str) -> float:
        """Use one go if there is one (returns 0), else the seconds to wait (and takes nothing)."""
        tokens = self.available(key)
        if tokens < 1.0:
            return (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens - 1.0, self._clock())
        return 0.0

    def forget(self, key: str) -> None:
        self._buckets.pop(key, None)

    def available(self, key: str) -> float:
        """The goes `key` has now (fractions count toward the next one)."""
        now = self._clock()
        tokens, at = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + max(0.0, now - at) * self.rate)


class CodeAttempts:
    """Join attempts per network address, counted when they start, not when their code is read.

    A wrong code uses up a token (`WRONG_CODES_BURST` at once, then `WRONG_CODES_PER_MINUTE`),
    and an attempt whose body is still on its way holds one until it ends: sending the headers
    of 400 requests first and their bodies later tries no more codes than the limit. A full room
    or a right code costs nothing, so phones behind one router with the right code never hear
    "too many wrong codes"."""

    def __init__(
        self,
        per_minute: float = WRONG_CODES_PER_MINUTE,
        burst: int = WRONG_CODES_BURST,
        clock: Clock = time.monotonic,
    ) -> None:
        self._wrong = RateLimiter(per_minute, burst, clock)
        self._open: dict[str, int] = {}

    def begin(self, address: str) -> None:
        """Let an attempt from `address` start, or `TooMany` saying when to try again."""
        tokens = self._wrong.available(address)
        if tokens < 1.0:
            raise TooMany(
                "Too many wrong codes. Wait a minute, then try again.", self._wrong.wait(address)
            )
        held = self._open.get(address, 0)
        if tokens - held < 1.0:
            raise TooMany("Lots of phones are joining at once. This one will join in a moment.", 1)
        self._open[address] = held + 1

    def end(self, address: str, *, wrong: bool) -> None:
        """The attempt `begin` let start is over; `wrong`: it had a wrong code."""
        held = self._open.get(address, 1) - 1
        if held > 0:
            self._open[address] = held
        else:
            self._open.pop(address, None)
        if wrong:
            self._wrong.take(address)

    def open(self, address: str) -> int:
        return self._open.get(address, 0)


@dataclass(frozen=True, slots=True)
class Device:
    """A phone that joined with the code. `token` is its secret; `id` and `label` are not."""

    id: str
    label: str  # "Phone 3", for the console's list
    token: str
    joined: float
    revoked: bool = False  # disconnected by the facilitator: barred for the rest of the event
    sent: bool = False  # has sent a note (a phone that never did may be expired from a full room)
    address: str = ""  # the network address it joined from


def room_size(roster: int) -> int:
    """How many phones the room holds for a roster of `roster` people: everyone, plus a margin
    (`MAX_DEVICES` when there is no roster to go by)."""
    if roster <= 0:
        return MAX_DEVICES
    return roster + max(ROOM_MARGIN, roster // 4)


WRONG_CODE = "That code isn't right. Check the code on the screen and try again."
BARRED = "This phone was disconnected by the facilitator."
ROOM_FULL = "The room is full: ask the facilitator to disconnect unused phones."


class Barred(Forbidden):
    """A phone the facilitator disconnected: refused for the rest of the event."""


class WrongCode(Forbidden):
    """The join code typed isn't this event's (counted against the address's wrong codes)."""


class Devices:
    """The phones that joined this event with the 6-digit code; any can be disconnected, and a
    disconnected phone stays barred (its token is refused for joining again too).

    The room holds `max_devices` connected phones; when it is full, a phone that joined more than
    `NEVER_SENT_GRACE` seconds ago and never sent anything gives up its place (from the address
    holding most such phones first), so one address filling the room can't keep others out."""

    def __init__(
        self,
        join_code: str,
        clock: Clock = time.time,
        max_devices: int = MAX_DEVICES,
        new_token: Callable[[], str] = lambda: secrets.token_urlsafe(24),
    ) -> None:
        self.join_code = join_code
        self.max_devices = max_devices
        self._clock = clock
        self._new_token = new_token
        self._devices: dict[str, Device] = {}  # by id, in joining order
        self._by_token: dict[str, str] = {}
        self._count = 0
        self._live = 0  # connected (not revoked) devices

    def join(self, code: object, previous: object = None, address: str = "") -> Device:
        """The device for whoever typed the right code: `WrongCode` for a wrong one, `Forbidden`
        for a phone the facilitator disconnected (it says so with `previous`, its old token),
        `RoomFull` when every place is taken. A phone that is still connected gets its own
        device back, with its note allowance as it was."""
        known = self._by_token.get(previous) if isinstance(previous, str) and previous else None
        mine = self._devices[known] if known is not None else None
        if mine is not None and mine.revoked:
            raise Barred(BARRED)
        typed = re.sub(r"[\s-]", "", code) if isinstance(code, str) else ""
        if not hmac.compare_digest(typed.encode(), self.join_code.encode()):
            raise WrongCode(WRONG_CODE)
        if mine is not None:
            return mine
        if self._live >= self.max_devices and not self._expire_one():
            raise RoomFull(ROOM_FULL)
        self._count += 1
        device = Device(
            id=f"p{self._count}",
            label=f"Phone {self._count}",
            token=self._new_token(),
            joined=self._clock(),
            address=address,
        )
        self._devices[device.id] = device
        self._by_token[device.token] = device.id
        self._live += 1
        return device

    def _expire_one(self) -> bool:
        """Make one place in a full room: a phone that joined a while ago and never sent."""
        cutoff = self._clock() - NEVER_SENT_GRACE
        idle = [d for d in self._devices.values() if not d.revoked and not d.sent]
        if not any(d.joined <= cutoff for d in idle):
            return False
        per_address: dict[str, int] = {}
        for d in idle:
            per_address[d.address] = per_address.get(d.address, 0) + 1
        victim = min(
            (d for d in idle if d.joined <= cutoff),
            key=lambda d: (-per_address[d.address], d.joined),
        )
        self.forget(victim.id)
        return True

    def forget(self, device_id: str) -> None:
        """Let a connected phone's place go: its token is unknown from now on (it may join
        again with the code). A disconnected phone is never forgotten: it stays barred."""
        device = self._devices.get(device_id)
        if device is None or device.revoked:
            return
        del self._devices[device_id]
        del self._by_token[device.token]
        self._live -= 1

    def by_token(self, token: str) -> Device:
        """The connected device with this token; `Forbidden` if unknown or disconnected."""
        found = self._by_token.get(token)
        if found is None:
            raise Forbidden("This phone isn't connected. Enter the code on the screen again.")
        device = self._devices[found]
        if device.revoked:
            raise Barred(BARRED)
        return device

    def sent(self, device_id: str) -> None:
        """`device_id` sent a note: it keeps its place in a full room."""
        device = self._devices.get(device_id)
        if device is not None and not device.sent:
            self._devices[device_id] = replace(device, sent=True)

    def joined(self) -> list[Device]:
        """Every device that joined, in joining order (disconnected ones marked `revoked`)."""
        return list(self._devices.values())

    def revoke(self, device_id: str) -> Device:
        """Disconnect a device: everything it sends from now on is refused, and so is its
        joining again, for the rest of the event."""
        try:
            device = self._devices[device_id]
        except KeyError:
            raise NotFound("No such phone.") from None
        if not device.revoked:
            device = replace(device, revoked=True)
            self._devices[device_id] = device
            self._live -= 1
        return device

    def __len__(self) -> int:
        return len(self._devices)

    def to_state(self) -> list[dict[str, Any]]:
        return [asdict(d) for d in self._devices.values()]

    def restore(self, state: list[dict[str, Any]]) -> None:
        """Put back the phones `to_state` kept, so they carry on (and stay barred) after a
        restart."""
        for row in state:
            device = Device(**row)
            self._devices[device.id] = device
            self._by_token[device.token] = device.id
            self._live += not device.revoked
            number = device.id[1:]
            if number.isdigit():
                self._count = max(self._count, int(number))
