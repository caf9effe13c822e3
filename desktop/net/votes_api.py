"""Room Wi-Fi routes for dot-voting and the feedback form (issue 21), beside server.py's.

  GET  /api/<secret>/vote             Bearer device  -> {vote: {...} | null, feedback: bool}
  POST /api/<secret>/vote             Bearer device {vote, dots}  -> {vote: {...}}
  POST /api/<secret>/feedback         Bearer device {key, rating, found, change} -> 202 {status, id}
  GET  /api/<secret>/feedback/<key>   Bearer device  -> {status}  ("unknown" if never seen)

A phone is told its ballot counted only once it is on disk (the desk's `kept()`). The results go
to phones only when the facilitator reveals them. Nothing here touches the event file: the desk
(`desktop.store.vote_desk.VoteDesk` in the app) does, handed in as a getter since the open event
can change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from aiohttp import web

from desktop.core import votes
from desktop.core.model import FeedbackAnswer, FeedbackStatus, Vote, VoteState
from desktop.net import server  # its checks: secret, token, body, JSON answers
from desktop.net.inbox import RateLimiter, TooMany

BALLOTS_PER_MINUTE = 60.0  # a phone sends its whole ballot a moment after the last tap
BALLOTS_BURST = 20
LOOKS_PER_MINUTE = 60.0  # "is there a vote?": a phone asks every few seconds
LOOKS_BURST = 20


class Desk(Protocol):
    """What the routes need from the votes of the open event."""

    def current(self) -> Vote | None: ...
    def ballot(self, device: str) -> tuple[int, ...]: ...
    def cast(self, device: str, vote_id: object, dots: object) -> Vote: ...
    def send_feedback(self, device: str, body: object) -> FeedbackAnswer: ...
    def status(self, device: str, key: str) -> FeedbackStatus | None: ...
    async def kept(self) -> None: ...


DeskOf = Callable[[], Desk | None]
DESK: web.AppKey[DeskOf] = web.AppKey("vote_desk")
_BALLOTS: web.AppKey[RateLimiter] = web.AppKey("ballot_limiter", RateLimiter)
_LOOKS: web.AppKey[RateLimiter] = web.AppKey("vote_look_limiter", RateLimiter)


def add_routes(app: web.Application, desk: DeskOf) -> None:
    """Register the vote and feedback routes on the capture server's app."""
    app[DESK] = desk
    app[_BALLOTS] = RateLimiter(BALLOTS_PER_MINUTE, BALLOTS_BURST)
    app[_LOOKS] = RateLimiter(LOOKS_PER_MINUTE, LOOKS_BURST)
    app.router.add_get("/api/{secret}/vote", _get_vote)
    app.router.add_post("/api/{secret}/vote", _post_vote)
    app.router.add_post("/api/{secret}/feedback", _post_feedback)
    app.router.add_get("/api/{secret}/feedback/{key}", _feedback_status)


def vote_for_phone(vote: Vote | None, mine: tuple[int, ...]) -> dict[str, Any] | None:
    """What a phone sees: the options, its own dots, and the results once revealed."""
    if vote is None:
        return None
    shown: dict[str, Any] = {
        "id": vote.id,
        "title": vote.title,
        "options": list(vote.options),
        "dots": vote.dots,
        "open": vote.state is VoteState.OPEN,
        "mine": list(mine) or [0] * len(vote.options),
        "voted": votes.voted(vote),
        "revealed": vote.revealed,
    }
    if vote.revealed:
        shown["results"] = [
            {"option": r.option, "dots": r.total, "place": r.place} for r in votes.results(vote)
        ]
    return shown


def _desk(request: web.Request) -> Desk:
    desk = request.app[DESK]()
    if desk is None:
        raise web.HTTPNotFound()
    return desk


def _refuse(exc: votes.VoteError) -> web.Response:
    if isinstance(exc, votes.VoteClosed):
        return server._error(409, exc.message, closed=True)
    if isinstance(exc, votes.NoVote):
        return server._error(409, exc.message, changed=True)
    return server._error(400, exc.message)


async def _get_vote(request: web.Request) -> web.StreamResponse:
    server._check_secret(request)
    device = server._device(request)
    wait = request.app[_LOOKS].take(device.id)
    if wait:
        raise TooMany("Checking for a vote too often; this phone will look again later.", wait)
    desk = request.app[DESK]()
    vote = desk.current() if desk is not None else None
    mine = desk.ballot(device.id) if desk is not None and vote is not None else ()
    # feedback: whether this laptop takes feedback forms (the page shows the form only then)
    return server._json({"vote": vote_for_phone(vote, mine), "feedback": desk is not None})


async def _post_vote(request: web.Request) -> web.StreamResponse:
    server._check_secret(request)
    device = server._device(request)
    body = await server._json_body(request)
    desk = _desk(request)
    if not isinstance(body, Mapping):
        return server._error(400, "Send the ballot as a JSON object.")
    wait = request.app[_BALLOTS].take(device.id)
    if wait:
        raise TooMany("That's a lot of changes at once. Your dots will go in a moment.", wait)
    try:
        vote = desk.cast(device.id, body.get("vote"), body.get("dots"))
    except votes.VoteError as exc:
        current = desk.current()
        refused = _refuse(exc)
        if current is not None and isinstance(exc, votes.NoVote):
            refused = server._error(
                409, exc.message, vote=vote_for_phone(current, desk.ballot(device.id))
            )
        return refused
    request.app[server._DEVICES].sent(device.id)  # a phone that voted keeps its place
    await desk.kept()  # on disk before the phone hears "counted"
    return server._json({"vote": vote_for_phone(vote, desk.ballot(device.id))})


async def _post_feedback(request: web.Request) -> web.StreamResponse:
    server._check_secret(request)
    device = server._device(request)
    body = await server._json_body(request)
    desk = _desk(request)
    wait = request.app[_BALLOTS].take(device.id)
    if wait:
        raise TooMany("That's a lot at once. Your form will go in a moment.", wait)
    try:
        answer = desk.send_feedback(device.id, body)
    except votes.VoteError as exc:
        return _refuse(exc)
    request.app[server._DEVICES].sent(device.id)
    await desk.kept()
    return server._json({"status": answer.status.value, "id": answer.id}, status=202)


async def _feedback_status(request: web.Request) -> web.StreamResponse:
    server._check_secret(request)
    device = server._device(request)
    wait = request.app[_LOOKS].take(device.id)
    if wait:
        raise TooMany("Checking too often; this phone will ask again later.", wait)
    desk = request.app[DESK]()
    status = desk.status(device.id, request.match_info["key"]) if desk is not None else None
    return server._json({"status": status.value if status is not None else "unknown"})
