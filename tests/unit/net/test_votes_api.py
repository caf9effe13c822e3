"""The phones' vote and feedback routes (net/votes_api.py) with aiohttp's test client, against a
real event file: forged tokens, too many dots, a closed vote, a rejoin that gets no new dots."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from desktop.core import votes
from desktop.core.model import Event
from desktop.net.inbox import Devices, Inbox
from desktop.net.server import make_app
from desktop.store.eventfile import EventFile
from desktop.store.vote_desk import VoteDesk
from tests.helpers import FakeClock
from tests.unit.net.helpers import in_loop

SECRET = "Vote-Secret_For-Tests01"
CODE = "314159"


@dataclass
class Room:
    client: TestClient[Any, Any]
    desk: VoteDesk
    devices: Devices
    api: str = f"/api/{SECRET}"

    async def join(self, previous: str = "") -> str:
        body = {"code": CODE} | ({"device": previous} if previous else {})
        response = await self.client.post(f"{self.api}/join", json=body)
        assert response.status == 200, await response.text()
        return str((await response.json())["device"])

    async def vote(self, token: str, dots: object, vote: str = "v1") -> tuple[int, Any]:
        response = await self.client.post(
            f"{self.api}/vote",
            json={"vote": vote, "dots": dots},
            headers={"Authorization": f"Bearer {token}"},
        )
        return response.status, await response.json()

    async def look(self, token: str) -> tuple[int, Any]:
        response = await self.client.get(
            f"{self.api}/vote", headers={"Authorization": f"Bearer {token}"}
        )
        return response.status, await response.json()


@asynccontextmanager
async def room(tmp: Path) -> AsyncIterator[Room]:
    clock = FakeClock()
    file = EventFile.create(tmp / "e.room", Event(title="T"))
    desk = VoteDesk(file, clock=clock)
    devices = Devices(CODE, clock=clock)
    app = make_app(
        secret=SECRET,
        devices=devices,
        inbox=Inbox(clock=clock),
        tables=lambda: ["Table 1"],
        votes=lambda: desk,
    )
    try:
        async with TestClient(TestServer(app)) as client:
            yield Room(client, desk, devices)
    finally:
        file.close()


@in_loop
async def test_a_phone_sees_the_vote_places_dots_and_is_answered_once_on_disk(
    tmp_path: Path,
) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        assert await r.look(token) == (200, {"vote": None, "feedback": True})
        r.desk.open(["Trust", "Time", "Ego"])
        status, body = await r.look(token)
        assert status == 200
        assert body["vote"]["options"] == ["Trust", "Time", "Ego"]
        assert body["vote"]["mine"] == [0, 0, 0]
        assert "results" not in body["vote"]  # not until the facilitator reveals them
        status, body = await r.vote(token, [2, 0, 1])
        assert (status, body["vote"]["mine"], body["vote"]["voted"]) == (200, [2, 0, 1], 1)
        journal = (tmp_path / "e.room.journal").read_text()
        assert '"op":"ballot"' in journal


@in_loop
async def test_a_forged_or_missing_token_places_no_dot(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        r.desk.open(["A", "B"])
        for headers in ({"Authorization": "Bearer forged-token-123"}, {}):
            response = await r.client.post(
                f"{r.api}/vote", json={"vote": "v1", "dots": [1, 0]}, headers=headers
            )
            assert response.status == 403
        wrong_secret = await r.client.post(
            f"/api/{SECRET}x/vote", json={"vote": "v1", "dots": [1, 0]}
        )
        assert wrong_secret.status == 404
        assert r.desk.current() is not None and r.desk.current().ballots == ()  # type: ignore[union-attr]


@in_loop
async def test_too_many_dots_are_refused_in_words(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        r.desk.open(["A", "B"], dots=3)
        status, body = await r.vote(token, [3, 1])
        assert status == 400
        assert body["error"] == "You have 3 dots; this ballot places 4. Take some off first."
        assert votes.voted(r.desk.current()) == 0  # type: ignore[arg-type]


@in_loop
async def test_a_closed_vote_refuses_ballots_and_keeps_the_old_one(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        r.desk.open(["A", "B"])
        assert (await r.vote(token, [1, 1]))[0] == 200
        r.desk.close()
        status, body = await r.vote(token, [3, 0])
        assert (status, body["closed"]) == (409, True)
        assert "Voting has closed" in body["error"]
        assert r.desk.ballot(r.devices.by_token(token).id) == (1, 1)


@in_loop
async def test_a_rejoin_gets_its_own_ballot_back_not_new_dots(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        r.desk.open(["A", "B"], dots=3)
        assert (await r.vote(token, [3, 0]))[0] == 200
        again = await r.join(previous=token)
        assert again == token
        status, body = await r.look(again)
        assert body["vote"]["mine"] == [3, 0]
        status, body = await r.vote(again, [3, 1])
        assert status == 400
        status, body = await r.vote(again, [1, 1])  # a change of mind replaces the ballot
        assert (status, body["vote"]["voted"]) == (200, 1)
        assert [x.total for x in votes.results(r.desk.current())] == [1, 1]  # type: ignore[arg-type]


@in_loop
async def test_a_ballot_for_a_vote_that_has_gone_gets_the_new_one(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        r.desk.open(["A", "B"])
        r.desk.open(["C", "D", "E"])
        status, body = await r.vote(token, [1, 0], vote="v1")
        assert status == 409
        assert body["vote"]["id"] == "v2"


@in_loop
async def test_results_reach_phones_only_once_revealed(tmp_path: Path) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        r.desk.open(["A", "B"])
        await r.vote(token, [0, 2])
        r.desk.close()
        r.desk.reveal()
        _, body = await r.look(token)
        assert body["vote"]["results"] == [
            {"option": "B", "dots": 2, "place": 1},
            {"option": "A", "dots": 0, "place": 2},
        ]


@in_loop
async def test_a_feedback_form_waits_for_a_person_and_a_resend_is_not_a_second(
    tmp_path: Path,
) -> None:
    async with room(tmp_path) as r:
        token = await r.join()
        auth = {"Authorization": f"Bearer {token}"}
        form = {"key": "form-key-0001", "rating": 4, "found": "Useful", "change": "More time"}
        first = await r.client.post(f"{r.api}/feedback", json=form, headers=auth)
        again = await r.client.post(f"{r.api}/feedback", json=form, headers=auth)
        assert first.status == again.status == 202
        assert await first.json() == await again.json() == {"status": "waiting", "id": "f1"}
        assert len(r.desk.waiting()) == 1
        r.desk.decide("f1", accept=True)
        status = await r.client.get(f"{r.api}/feedback/form-key-0001", headers=auth)
        assert await status.json() == {"status": "accepted"}
        bad = await r.client.post(
            f"{r.api}/feedback", json={"key": "form-key-0002", "rating": 9}, headers=auth
        )
        assert bad.status == 400
        assert (await bad.json())["error"] == "Choose a rating from 1 to 5, or leave it out."


@in_loop
async def test_a_server_without_votes_says_so_quietly(tmp_path: Path) -> None:
    """No desk (the capture server alone): no vote and no form, never a 404 while looking."""
    devices = Devices(CODE, clock=FakeClock())
    app = make_app(secret=SECRET, devices=devices, inbox=Inbox(), tables=lambda: [])
    async with TestClient(TestServer(app)) as client:
        r = Room(client, None, devices)  # type: ignore[arg-type]
        token = await r.join()
        assert await r.look(token) == (200, {"vote": None, "feedback": False})
        assert (await r.vote(token, [1]))[0] == 404
