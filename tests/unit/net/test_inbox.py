"""The capture inbox, pure: dedupe, moderation, rate limits, devices and the rules a note follows.

Every clock is a fake one advanced by hand; nothing here waits on real time."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.net.inbox import (
    MAX_TEXT,
    NEVER_SENT_GRACE,
    NOTE_TAKER,
    CodeAttempts,
    Devices,
    Forbidden,
    Inbox,
    Invalid,
    NoteDraft,
    NotFound,
    RateLimiter,
    RoomFull,
    TooMany,
    WrongCode,
    parse_note,
)
from tests.helpers import FakeClock

TABLES = ["Table 1", "Table 2", "Table 3"]
KEY = "k3y-0000-aaaa"

START = 1_700_000_000.0  # this file's clock starts here


def draft(key: str = KEY, text: str = "Trust takes time", table: str = "Table 2") -> NoteDraft:
    return NoteDraft(key=key, kind="share_back", table=table, text=text)


def body(**changes: object) -> dict[str, object]:
    note: dict[str, object] = {
        "key": KEY,
        "kind": "share_back",
        "table": "Table 2",
        "text": "Trust takes time",
    }
    note.update(changes)
    return note


# --- the queue ----------------------------------------------------------------------------------


def test_a_retry_returns_the_same_arrival_never_a_second() -> None:
    inbox = Inbox(clock=FakeClock(START))
    first = inbox.add("p1", draft())
    again = inbox.add("p1", draft(text="a retry can't change what was queued"))
    assert again == first
    assert len(inbox) == 1
    assert inbox.pending() == [first]


def test_the_same_key_from_another_device_is_another_note() -> None:
    inbox = Inbox(clock=FakeClock(START))
    mine = inbox.add("p1", draft())
    theirs = inbox.add("p2", draft())
    assert mine.id != theirs.id
    assert [a.device for a in inbox.pending()] == ["p1", "p2"]


def test_arrivals_record_who_what_where_and_when() -> None:
    clock = FakeClock(1_688_640_133.0)
    inbox = Inbox(clock=clock)
    arrival = inbox.add("p3", draft(table=NOTE_TAKER))
    assert (arrival.device, arrival.key, arrival.kind) == ("p3", KEY, "share_back")
    assert arrival.received == 1_688_640_133.0
    assert arrival.received_iso.startswith("2023-07-0")
    assert arrival.group == ""  # a note-taker's note belongs to no table
    assert inbox.add("p3", draft(key="other-key-1")).group == "Table 2"


def test_pending_is_oldest_first_and_decided_ones_leave_it() -> None:
    inbox = Inbox(clock=FakeClock(START))
    a, b, c = (inbox.add("p1", draft(key=f"key-{i}-abcdef")) for i in range(3))
    assert inbox.pending() == [a, b, c]
    inbox.reject(b.id)
    assert inbox.pending() == [a, c]


def test_accept_returns_the_arrival_for_the_caller_to_save() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft())
    accepted = inbox.accept(arrival.id)
    assert accepted == arrival
    assert inbox.status("p1", KEY) == "accepted"
    assert inbox.pending() == []


def test_accept_with_an_edit_keeps_the_edit_tidied_and_line_breaks() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft(text="trust take time"))
    accepted = inbox.accept(arrival.id, edited_text="  Trust takes time\u200b\n\nand care  ")
    assert accepted.text == "Trust takes time\n\nand care"
    assert inbox.get(arrival.id).text == "Trust takes time\n\nand care"
    assert (accepted.id, accepted.key, accepted.device) == (arrival.id, KEY, "p1")


def test_an_empty_edit_is_refused_and_the_arrival_stays_queued() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft())
    with pytest.raises(Invalid, match="reject it instead"):
        inbox.accept(arrival.id, edited_text=" \n ")
    assert inbox.status("p1", KEY) == "queued"


def test_reject_and_status() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft())
    assert inbox.status("p1", KEY) == "queued"
    assert inbox.reject(arrival.id) == arrival
    assert inbox.status("p1", KEY) == "rejected"
    assert inbox.status_of(arrival.id) == "rejected"
    assert inbox.status("p1", "never-seen-key") is None
    assert inbox.status("p2", KEY) is None  # another phone can't ask about my note


def test_a_decided_arrival_cant_be_decided_again() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft())
    inbox.accept(arrival.id)
    with pytest.raises(NotFound, match="already accepted"):
        inbox.reject(arrival.id)
    with pytest.raises(NotFound, match="already accepted"):
        inbox.accept(arrival.id)
    with pytest.raises(NotFound):
        inbox.accept("a999")


def test_a_retry_after_the_decision_still_finds_the_same_arrival() -> None:
    inbox = Inbox(clock=FakeClock(START))
    arrival = inbox.add("p1", draft())
    inbox.accept(arrival.id)
    assert inbox.add("p1", draft()) == arrival
    assert inbox.status("p1", KEY) == "accepted"
    assert len(inbox) == 1


# --- rate limit ---------------------------------------------------------------------------------


def test_a_burst_of_five_then_one_every_six_seconds() -> None:
    clock = FakeClock(START)
    limiter = RateLimiter(per_minute=10, burst=5, clock=clock)
    assert [limiter.take("p1") for _ in range(5)] == [0.0] * 5
    assert limiter.take("p1") == pytest.approx(6.0)
    clock.advance(5.9)
    assert limiter.take("p1") == pytest.approx(0.1)
    clock.advance(0.1)
    assert limiter.take("p1") == 0.0
    assert limiter.take("p1") == pytest.approx(6.0)


def test_limits_are_per_device() -> None:
    limiter = RateLimiter(per_minute=10, burst=2, clock=FakeClock(START))
    assert limiter.take("p1") == limiter.take("p1") == 0.0
    assert limiter.take("p1") > 0
    assert limiter.take("p2") == 0.0


def test_a_refused_go_takes_nothing_and_wait_only_looks() -> None:
    clock = FakeClock(START)
    limiter = RateLimiter(per_minute=60, burst=1, clock=clock)
    assert limiter.wait("p1") == 0.0
    assert limiter.take("p1") == 0.0
    for _ in range(10):  # hammering while limited doesn't push the next go further away
        assert limiter.take("p1") == pytest.approx(1.0)
    assert limiter.wait("p1") == pytest.approx(1.0)
    clock.advance(1.0)
    assert limiter.take("p1") == 0.0


def test_a_long_quiet_spell_refills_no_more_than_the_burst() -> None:
    clock = FakeClock(START)
    limiter = RateLimiter(per_minute=10, burst=5, clock=clock)
    limiter.take("p1")
    clock.advance(3600)
    assert [limiter.take("p1") == 0.0 for _ in range(6)] == [True] * 5 + [False]
    limiter.forget("p1")
    assert limiter.take("p1") == 0.0


def test_a_rate_limit_needs_sense() -> None:
    with pytest.raises(ValueError):
        RateLimiter(per_minute=0)
    with pytest.raises(ValueError):
        RateLimiter(burst=0)


# --- devices ------------------------------------------------------------------------------------


def test_the_right_code_gives_a_random_token_each_time() -> None:
    devices = Devices("042917", clock=FakeClock(START))
    first = devices.join("042917")
    second = devices.join(" 042 917 ")  # spaces as people type them
    assert first.token != second.token
    assert len(first.token) >= 32
    assert [d.label for d in devices.joined()] == ["Phone 1", "Phone 2"]
    assert devices.by_token(second.token) == second


@pytest.mark.parametrize("code", ["042918", "42917", "", None, 42917, "0429170", "04291７"])
def test_a_wrong_code_is_refused_with_a_clear_message(code: object) -> None:
    devices = Devices("042917")
    with pytest.raises(Forbidden, match="code isn't right"):
        devices.join(code)
    assert len(devices) == 0


def test_unknown_and_revoked_tokens_are_refused_with_different_messages() -> None:
    devices = Devices("042917")
    phone = devices.join("042917")
    other = devices.join("042917")
    with pytest.raises(Forbidden, match="isn't connected"):
        devices.by_token("made-up")
    revoked = devices.revoke(phone.id)
    assert revoked.revoked
    with pytest.raises(Forbidden, match="disconnected by the facilitator"):
        devices.by_token(phone.token)
    assert devices.by_token(other.token) == other  # only that phone
    assert [d.revoked for d in devices.joined()] == [True, False]
    with pytest.raises(NotFound):
        devices.revoke("p99")


def test_a_new_code_keeps_joined_phones_and_the_old_code_stops_working() -> None:
    devices = Devices("111111")
    phone = devices.join("111111")
    devices.join_code = "222222"
    assert devices.by_token(phone.token) == phone
    with pytest.raises(Forbidden):
        devices.join("111111")
    devices.join("222222")


def test_the_room_has_a_limit() -> None:
    tokens = (f"token-{i}" for i in itertools.count())
    devices = Devices("123456", max_devices=2, new_token=lambda: next(tokens))
    first = devices.join("123456")
    devices.join("123456")
    with pytest.raises(RoomFull, match="room is full"):  # not Forbidden: no wrong code
        devices.join("123456")
    devices.revoke(first.id)  # disconnecting a phone makes room for another
    assert devices.join("123456").label == "Phone 3"
    with pytest.raises(RoomFull, match="room is full"):
        devices.join("123456")


def test_a_full_room_expires_never_sent_phones_from_the_busiest_address_first() -> None:
    clock = FakeClock(START)
    devices = Devices("123456", clock=clock, max_devices=4)
    honest = devices.join("123456", address="10.0.0.5")
    flood = [devices.join("123456", address="10.0.0.66") for _ in range(3)]
    with pytest.raises(RoomFull):  # nobody has had a chance to send yet
        devices.join("123456", address="10.0.0.7")
    clock.now += NEVER_SENT_GRACE
    devices.sent(flood[2].id)  # a phone that sent keeps its place
    newcomer = devices.join("123456", address="10.0.0.7")
    ids = [d.id for d in devices.joined()]
    assert flood[0].id not in ids  # the oldest never-sent phone of the busiest address went
    assert {honest.id, flood[1].id, flood[2].id, newcomer.id} <= set(ids)
    assert newcomer.label == "Phone 5"  # numbers are never given twice


def test_a_barred_phone_stays_barred_after_a_restart() -> None:
    devices = Devices("123456")
    phone = devices.join("123456")
    devices.revoke(phone.id)
    again = Devices("654321")
    again.restore(devices.to_state())
    with pytest.raises(Forbidden, match="disconnected by the facilitator"):
        again.join("654321", previous=phone.token)
    assert again.join("654321").label == "Phone 2"


def test_a_phone_that_joins_again_gets_its_own_device_back() -> None:
    devices = Devices("123456")
    phone = devices.join("123456")
    assert devices.join("123 456", previous=phone.token) == phone
    with pytest.raises(WrongCode):  # still needs the code
        devices.join("000000", previous=phone.token)
    assert devices.join("123456", previous="made-up").id == "p2"


def test_code_attempts_are_counted_when_they_start() -> None:
    clock = FakeClock(START)
    attempts = CodeAttempts(per_minute=5, burst=3, clock=clock)
    for _ in range(3):
        attempts.begin("10.0.0.9")
    with pytest.raises(TooMany, match="joining at once"):  # three still open hold the three goes
        attempts.begin("10.0.0.9")
    attempts.begin("10.0.0.10")  # another address has its own
    for _ in range(3):
        attempts.end("10.0.0.9", wrong=True)
    with pytest.raises(TooMany, match="Too many wrong codes") as caught:
        attempts.begin("10.0.0.9")
    assert caught.value.retry_after == pytest.approx(12)
    clock.now += 12
    attempts.begin("10.0.0.9")
    attempts.end("10.0.0.9", wrong=False)  # a right code costs nothing
    attempts.begin("10.0.0.9")


# --- validation ---------------------------------------------------------------------------------


def test_a_good_note_is_tidied_and_keeps_its_line_breaks() -> None:
    got = parse_note(body(text="  Trust\u200b takes time\r\n\r\nand  care \n"), TABLES)
    assert got == NoteDraft(
        key=KEY, kind="share_back", table="Table 2", text="Trust takes time\n\nand care"
    )


@pytest.mark.parametrize("kind", ["share_back", "reflection", "feedback"])
def test_the_three_kinds_a_phone_may_send(kind: str) -> None:
    assert parse_note(body(kind=kind), TABLES).kind == kind


def test_note_taker_is_always_a_choice() -> None:
    assert parse_note(body(table=NOTE_TAKER), []).table == NOTE_TAKER


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ([], "JSON object"),
        ("text", "JSON object"),
        (body(key=None), "no valid key"),
        (body(key="short"), "no valid key"),
        (body(key="has spaces in it"), "no valid key"),
        (body(key="x" * 65), "no valid key"),
        (body(kind="quote"), "share-back, reflection or feedback"),
        (body(kind=None), "share-back, reflection or feedback"),
        (body(kind=["share_back"]), "share-back, reflection or feedback"),
        (body(table="Table 9"), "Choose your table"),
        (body(table=""), "Choose your table"),
        (body(table=["Table 1"]), "Choose your table"),
        (body(text=""), "Type your note"),
        (body(text=" \n\t\u200b "), "Type your note"),
        (body(text=None), "Type your note"),
        (body(text=12), "Type your note"),
        (body(text="x" * (MAX_TEXT + 1)), "2,001 characters; the limit is 2,000"),
    ],
)
def test_every_refusal_says_what_to_fix(note: object, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        parse_note(note, TABLES)


def test_the_text_limit_counts_characters_after_tidying() -> None:
    assert len(parse_note(body(text="é" * MAX_TEXT), TABLES).text) == MAX_TEXT
    assert len(parse_note(body(text="  " + "🙂" * MAX_TEXT + "\n\n"), TABLES).text) == MAX_TEXT


@given(
    st.dictionaries(
        st.sampled_from(["key", "kind", "table", "text", "other"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=30), st.sampled_from(TABLES)),
    )
)
def test_any_body_is_either_a_valid_draft_or_a_clear_refusal(note: dict[str, object]) -> None:
    try:
        got = parse_note(note, TABLES)
    except Invalid as refused:
        assert refused.message.endswith(".")
    else:
        assert got.kind in {"share_back", "reflection", "feedback"}
        assert got.table in {*TABLES, NOTE_TAKER}
        assert 1 <= len(got.text) <= MAX_TEXT
        assert got.text == got.text.strip()
