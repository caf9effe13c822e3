"""Room Wi-Fi under abuse (issue 14, items 8-11): nobody in without the code, nobody fills the
room, guesses codes past the limit, comes back after being disconnected, or crashes a handler."""

from __future__ import annotations

import asyncio
import json

import pytest

from desktop.net.inbox import NEVER_SENT_GRACE
from tests.unit.net.helpers import CODE, in_loop, room


async def _raw_post(port: int, path: str, body: bytes) -> tuple[int, dict[str, object]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(rest or b"{}")


# --- item 8: one phone can't fill the room --------------------------------------------------


@in_loop
async def test_one_address_cant_take_every_place_in_a_second() -> None:
    async with room() as r:
        answers = [
            (await r.client.post(f"{r.api}/join", json={"code": CODE})).status for _ in range(60)
        ]
        assert answers.count(200) == 30  # the burst; then 10 a second
        assert set(answers[30:]) == {429}
        limited = await r.client.post(f"{r.api}/join", json={"code": CODE})
        assert "joining at once" in (await limited.json())["error"]  # not "wrong codes"
        r.clock.now += 1
        assert (await r.client.post(f"{r.api}/join", json={"code": CODE})).status == 200


@in_loop
async def test_a_full_room_makes_a_place_from_phones_that_never_sent() -> None:
    async with room(max_devices=3) as r:
        quiet = [await r.join() for _ in range(2)]
        talker = await r.join()
        assert (await r.post(talker, key="talker-key-1")).status == 202
        full = await r.client.post(f"{r.api}/join", json={"code": CODE})
        assert full.status == 503
        assert "The room is full" in (await full.json())["error"]
        r.clock.now += NEVER_SENT_GRACE
        newcomer = await r.join()  # the oldest phone that never sent gave up its place
        forgotten = await r.client.get(
            f"{r.api}/tables", headers={"Authorization": f"Bearer {quiet[0]}"}
        )
        assert forgotten.status == 403
        for token in (quiet[1], talker, newcomer):
            ok = await r.client.get(f"{r.api}/tables", headers={"Authorization": f"Bearer {token}"})
            assert ok.status == 200


# --- item 9: wrong codes counted when an attempt starts; a full room is no wrong code -------


@in_loop
async def test_headers_first_bodies_later_tries_no_more_codes_than_the_limit() -> None:
    async with room() as r:
        port = r.client.port
        path = f"{r.api}/join"
        conns = []
        for _ in range(30):  # every request's headers, and no body yet
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            body = json.dumps({"code": "000000"}).encode()
            writer.write(
                f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            )
            await writer.drain()
            conns.append((reader, writer, body))
        await asyncio.sleep(0.2)  # the server has read every request's headers
        for _, writer, body in conns:
            writer.write(body)
            await writer.drain()
        statuses = []
        for reader, writer, _ in conns:
            data = await reader.read()
            statuses.append(int(data.split()[1]))
            writer.close()
        assert statuses.count(403) <= 10  # the wrong-code burst, however the bodies are timed
        assert statuses.count(403) + statuses.count(429) == 30


@in_loop
async def test_a_full_room_is_not_a_wrong_code() -> None:
    async with room(max_devices=1) as r:
        await r.join()
        for _ in range(15):
            full = await r.client.post(f"{r.api}/join", json={"code": CODE})
            assert full.status == 503
            assert "wrong codes" not in (await full.json())["error"]
        r.devices.max_devices = 2
        assert (await r.client.post(f"{r.api}/join", json={"code": CODE})).status == 200


# --- item 10: disconnect means it -----------------------------------------------------------


@in_loop
async def test_a_disconnected_phone_cant_join_again_with_the_code() -> None:
    async with room() as r:
        token = await r.join()
        r.devices.revoke(r.devices.by_token(token).id)
        again = await r.client.post(f"{r.api}/join", json={"code": CODE, "device": token})
        assert again.status == 403
        assert (await again.json())["barred"] is True
        assert len(r.devices) == 1
        # ...and that is not a wrong code either: the room carries on for everyone else
        for _ in range(12):
            await r.client.post(f"{r.api}/join", json={"code": CODE, "device": token})
        assert (await r.client.post(f"{r.api}/join", json={"code": CODE})).status == 200


@in_loop
async def test_joining_again_never_resets_the_notes_limit() -> None:
    async with room() as r:
        token = await r.join()
        for i in range(5):
            assert (await r.post(token, key=f"limit-key-{i}")).status == 202
        assert (await r.post(token, key="limit-key-5")).status == 429
        again = await r.join(device=token)  # the phone says who it was
        assert again == token
        assert (await r.post(again, key="limit-key-5")).status == 429
        assert len(r.devices) == 1


@in_loop
async def test_a_new_join_code_keeps_joined_phones_and_refuses_the_old_one() -> None:
    async with room() as r:
        token = await r.join()
        r.devices.join_code = "135790"
        old = await r.client.post(f"{r.api}/join", json={"code": CODE})
        assert old.status == 403
        assert (await r.post(token, key="after-rotate")).status == 202
        new = await r.client.post(f"{r.api}/join", json={"code": "135 790"})
        assert new.status == 200


# --- item 11: deep JSON, status polling --------------------------------------------------------


@pytest.mark.parametrize("path", ["/join", "/notes"])
@in_loop
async def test_deeply_nested_json_under_8_kb_is_400(
    path: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with room() as r:
        token = await r.join()
        deep = b"[" * 8000 + b"]" * 100
        response = await r.client.post(
            f"{r.api}{path}", data=deep, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status == 400
        assert "isn't JSON" in (await response.json())["error"]
    assert "RecursionError" not in caplog.text


@in_loop
async def test_status_polling_is_limited_per_phone() -> None:
    async with room() as r:
        token, other = await r.join(), await r.join()
        answers = [(await r.status(token, "poll-key-01"))[0] for _ in range(45)]
        assert answers[:40] == [200] * 40
        assert set(answers[40:]) == {429}
        assert (await r.status(other, "poll-key-01"))[0] == 200  # another phone's own allowance
        r.clock.now += 1
        assert (await r.status(token, "poll-key-01"))[0] == 200
