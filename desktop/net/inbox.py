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
MAX_DEVICES = 200
NOTES_PER_MINUTE = 10.0
NOTES_BURST = 5
WRONG_CODES_PER_MINUTE = 5.0  # per address: 1,000,000 codes take months at this rate
WRONG_CODES_BURST = 10
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
        tokens = self._tokens(key)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def take(self, key: str) -> float:
        """Use one go if there is one (returns 0), else the seconds to wait (and takes nothing)."""
        tokens = self._tokens(key)
        if tokens < 1.0:
            return (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens - 1.0, self._clock())
        return 0.0

    def forget(self, key: str) -> None:
        self._buckets.pop(key, None)

    def _tokens(self, key: str) -> float:
        now = self._clock()
        tokens, at = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + max(0.0, now - at) * self.rate)


@dataclass(frozen=True, slots=True)
class Device:
    """A phone that joined with the code. `token` is its secret; `id` and `label` are not."""

    id: str
    label: str  # "Phone 3", for the console's list
    token: str
    joined: float
    revoked: bool = False


class Devices:
    """The phones that joined this event with the 6-digit code; any can be disconnected."""

    def __init__(
        self,
        join_code: str,
        clock: Clock = time.time,
        max_devices: int = MAX_DEVICES,
        new_token: Callable[[], str] = lambda: secrets.token_urlsafe(24),
    ) -> None:
        self.join_code = join_code
        self._clock = clock
        self._max = max_devices
        self._new_token = new_token
        self._devices: dict[str, Device] = {}  # by id, in joining order
        self._by_token: dict[str, str] = {}

    def join(self, code: object) -> Device:
        """A new device for whoever typed the right code; `Forbidden` for a wrong one."""
        typed = re.sub(r"[\s-]", "", code) if isinstance(code, str) else ""
        if not hmac.compare_digest(typed.encode(), self.join_code.encode()):
            raise Forbidden("That code isn't right. Check the code on the screen and try again.")
        if sum(not d.revoked for d in self._devices.values()) >= self._max:
            raise Forbidden("The room is full: ask the facilitator to disconnect unused phones.")
        number = len(self._devices) + 1
        device = Device(
            id=f"p{number}",
            label=f"Phone {number}",
            token=self._new_token(),
            joined=self._clock(),
        )
        self._devices[device.id] = device
        self._by_token[device.token] = device.id
        return device

    def by_token(self, token: str) -> Device:
        """The connected device with this token; `Forbidden` if unknown or disconnected."""
        found = self._by_token.get(token)
        if found is None:
            raise Forbidden("This phone isn't connected. Enter the code on the screen again.")
        device = self._devices[found]
        if device.revoked:
            raise Forbidden("This phone was disconnected by the facilitator.")
        return device

    def joined(self) -> list[Device]:
        """Every device that joined, in joining order (disconnected ones marked `revoked`)."""
        return list(self._devices.values())

    def revoke(self, device_id: str) -> Device:
        """Disconnect a device: everything it sends from now on is refused."""
        try:
            device = replace(self._devices[device_id], revoked=True)
        except KeyError:
            raise NotFound("No such phone.") from None
        self._devices[device_id] = device
        return device

    def __len__(self) -> int:
        return len(self._devices)

    def to_state(self) -> list[dict[str, Any]]:
        return [asdict(d) for d in self._devices.values()]

    def restore(self, state: list[dict[str, Any]]) -> None:
        """Put back the phones `to_state` kept, so they carry on after a restart."""
        for row in state:
            device = Device(**row)
            self._devices[device.id] = device
            self._by_token[device.token] = device.id
