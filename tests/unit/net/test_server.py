"""The capture server's HTTP API with aiohttp's test client: joining, posting, retries, limits and
every way in that must stay shut. Plain asyncio (no plugin): each test runs in `asyncio.run`."""

from __future__ import annotations

import asyncio
import json
import re
import socket
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from desktop.net.server import (
    MAX_BODY,
    SOMETHING_WRONG,
    RoomServer,
    join_url,
    local_addresses,
    new_join_code,
    new_secret,
    phone_files,
    qr_png,
    qr_svg,
)
from tests.conftest import ROOT
from tests.unit.net.helpers import CODE, SECRET, TABLES, XSS, in_loop, room


async def raw_get(client: TestClient[Any, Any], path: str) -> tuple[int, bytes]:
    """GET a path exactly as written: no client-side normalising of `..` or `%2e`."""
    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# --- the page -----------------------------------------------------------------------------------


@in_loop
async def test_the_page_and_its_files_are_served_with_strict_headers() -> None:
    async with room() as r:
        page = await r.client.get(f"/j/{SECRET}/")
        assert page.status == 200
        assert page.content_type == "text/html"
        assert "<title>In the Room" in await page.text()
        headers = page.headers
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "aiohttp" not in headers["Server"] and "Python" not in headers["Server"]
        for name, kind in [("phone.css", "text/css"), ("phone.js", "text/javascript")]:
            asset = await r.client.get(f"/j/{SECRET}/{name}")
            assert (asset.status, asset.content_type) == (200, kind)
            assert asset.headers["X-Content-Type-Options"] == "nosniff"


@in_loop
async def test_the_link_without_a_slash_goes_to_the_page() -> None:
    async with room() as r:
        response = await r.client.get(f"/j/{SECRET}", allow_redirects=False)
        assert response.status == 302
        assert response.headers["Location"] == f"/j/{SECRET}/"


@in_loop
async def test_a_wrong_secret_looks_exactly_like_a_path_that_isnt_there() -> None:
    async with room() as r:
        answers = []
        for path in [
            f"/j/{SECRET[:-1]}x/",
            f"/j/{SECRET[:-1]}x/phone.js",
            f"/api/{SECRET[:-1]}x/notes/some-key-1",
            "/no/such/path",
            "/v/abcdefghjk/clock",  # "/" is the typed link's page now (issue 15, item 4)
        ]:
            response = await r.client.get(path)
            body = await response.read()
            answers.append((response.status, response.content_type, body))
        assert len(set(answers)) == 1
        assert answers[0][0] == 404
        joined = await r.client.post(f"/api/{SECRET[:-1]}x/join", json={"code": CODE})
        assert (joined.status, await joined.read()) == (404, answers[0][2])
        assert len(r.devices) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/j/{s}/../../pyproject.toml",
        "/j/{s}/..%2f..%2fpyproject.toml",
        "/j/{s}/%2e%2e/%2e%2e/pyproject.toml",
        "/j/{s}/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/j/{s}/%252e%252e%252fpyproject.toml",
        "/j/{s}/..\\..\\pyproject.toml",
        "/j/{s}//etc/passwd",
        "/j/{s}/%2fetc%2fpasswd",
        "/j/{s}/%2Fetc%2Fpasswd",
        "/j/{s}/phone.js%00.html",
        "/j/{s}/phone.js/",
        "/j/{s}/index.html",
        "/j/{s}/.",
        "/j/{s}/./phone.js/..",
        "/j/{s}/phone",
        "/j/{s}/PHONE.JS",
        "/j/{s}/../../../../../../etc/passwd",
        "/j/",
        "/j",
        "/api/{s}/",
        "/api/{s}/notes",
    ],
)
@in_loop
async def test_nothing_but_the_whitelisted_files_can_be_reached(path: str) -> None:
    async with room() as r:
        status, body = await raw_get(r.client, path.format(s=SECRET))
        assert status in (404, 405), body
        assert b"[tool" not in body and b"root:" not in body and b"<" not in body


@in_loop
async def test_the_whitelisted_files_are_the_ones_on_disk() -> None:
    files = phone_files()
    async with room() as r:
        status, body = await raw_get(r.client, f"/j/{SECRET}/phone.js")
        assert (status, body) == (200, files["phone.js"])


# --- joining ------------------------------------------------------------------------------------


@in_loop
async def test_the_right_code_joins_and_gets_the_tables_the_wrong_one_doesnt() -> None:
    async with room() as r:
        wrong = await r.client.post(f"{r.api}/join", json={"code": "000000"})
        assert wrong.status == 403
        assert (await wrong.json())["error"].startswith("That code isn't right")
        right = await r.client.post(f"{r.api}/join", json={"code": "042 917"})
        assert right.status == 200
        data = await right.json()
        assert data["tables"] == TABLES
        assert data["note_taker"] == "note-taker"
        assert data["kinds"] == ["share_back", "reflection", "feedback"]
        assert r.devices.by_token(data["device"]).label == "Phone 1"


@in_loop
async def test_guessing_codes_is_slowed_down_per_address() -> None:
    async with room() as r:
        for attempt in range(10):
            response = await r.client.post(f"{r.api}/join", json={"code": f"{attempt:06d}"})
            assert response.status == 403
        limited = await r.client.post(f"{r.api}/join", json={"code": CODE})  # even the right one
        assert limited.status == 429
        assert int(limited.headers["Retry-After"]) == 12
        assert "Too many wrong codes" in (await limited.json())["error"]
        r.clock.now += 12
        assert (await r.client.post(f"{r.api}/join", json={"code": CODE})).status == 200


# --- notes --------------------------------------------------------------------------------------


@in_loop
async def test_a_note_is_queued_and_the_ui_is_told() -> None:
    async with room() as r:
        token = await r.join()
        response = await r.post(token, text="  Trust takes time\nand care ")
        assert response.status == 202
        assert await response.json() == {"status": "queued", "id": "a1"}
        [arrival] = r.inbox.pending()
        assert (arrival.table, arrival.text, arrival.device) == (
            "Table 2",
            "Trust takes time\nand care",
            "p1",
        )
        assert r.arrivals == [1]


@in_loop
async def test_a_retry_with_the_same_key_never_duplicates() -> None:
    async with room() as r:
        token = await r.join()
        first = await r.post(token, key="blip-key-0001")
        retries = await asyncio.gather(*(r.post(token, key="blip-key-0001") for _ in range(8)))
        assert {(x.status, json.dumps(await x.json())) for x in [first, *retries]} == {
            (202, json.dumps({"status": "queued", "id": "a1"}))
        }
        assert len(r.inbox) == 1
        assert r.arrivals == [1]  # told once


@in_loop
async def test_a_retry_isnt_charged_to_the_rate_limit_and_reports_the_decision() -> None:
    async with room() as r:
        token = await r.join()
        for i in range(5):
            assert (await r.post(token, key=f"burst-key-{i}")).status == 202
        r.inbox.accept("a1")
        retry = await r.post(token, key="burst-key-0")
        assert (retry.status, await retry.json()) == (202, {"status": "accepted", "id": "a1"})


@in_loop
async def test_status_follows_moderation_and_is_private_to_the_phone() -> None:
    async with room() as r:
        mine, theirs = await r.join(), await r.join()
        await r.post(mine, key="status-key-1")
        await r.post(mine, key="status-key-2")
        assert await r.status(mine, "status-key-1") == (200, {"status": "queued"})
        r.inbox.accept("a1", edited_text="Trust takes years")
        r.inbox.reject("a2")
        assert await r.status(mine, "status-key-1") == (200, {"status": "accepted"})
        assert await r.status(mine, "status-key-2") == (200, {"status": "rejected"})
        assert await r.status(mine, "never-sent-1") == (200, {"status": "unknown"})
        assert await r.status(theirs, "status-key-1") == (200, {"status": "unknown"})


@in_loop
async def test_too_many_notes_get_429_with_when_to_try_again() -> None:
    async with room() as r:
        token = await r.join()
        for i in range(5):
            assert (await r.post(token, key=f"rate-key-{i}")).status == 202
        limited = await r.post(token, key="rate-key-5")
        assert limited.status == 429
        assert limited.headers["Retry-After"] == "6"
        data = await limited.json()
        assert data["retry_after"] == 6
        assert "in a moment" in data["error"]
        assert len(r.inbox) == 5
        other = await r.join()  # another phone has its own allowance
        assert (await r.post(other, key="rate-key-5")).status == 202
        r.clock.now += 6
        assert (await r.post(token, key="rate-key-5")).status == 202


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ({"kind": "quote"}, "share-back, reflection or feedback"),
        ({"table": "Table 99"}, "Choose your table"),
        ({"text": "   "}, "Type your note"),
        ({"text": "x" * 2001}, "the limit is 2,000"),
        ({"key": "../../etc"}, "no valid key"),
    ],
)
@in_loop
async def test_a_bad_note_is_400_with_the_reason(note: dict[str, object], message: str) -> None:
    async with room() as r:
        token = await r.join()
        response = await r.post(token, **note)
        assert response.status == 400
        assert message in (await response.json())["error"]
        assert len(r.inbox) == 0


@in_loop
async def test_tables_are_checked_against_the_current_list() -> None:
    tables = ["Table 1"]
    async with room(tables=lambda: tables) as r:
        token = await r.join()
        assert (await r.post(token, key="table-key-1", table="Table 2")).status == 400
        tables.append("Table 2")
        assert (await r.post(token, key="table-key-1", table="Table 2")).status == 202
        listed = await r.client.get(f"{r.api}/tables", headers={"Authorization": f"Bearer {token}"})
        assert (await listed.json())["tables"] == ["Table 1", "Table 2"]


@in_loop
async def test_a_body_over_8_kb_is_413_json() -> None:
    async with room() as r:
        token = await r.join()
        response = await r.post(token, text="x" * MAX_BODY)
        assert response.status == 413
        assert response.content_type == "application/json"
        assert "8 KB" in (await response.json())["error"]
        raw = await r.client.post(f"{r.api}/join", data=b"{" + b" " * (MAX_BODY + 10) + b"}")
        assert raw.status == 413
        assert len(r.inbox) == 0


@in_loop
async def test_the_biggest_allowed_note_fits_under_the_cap() -> None:
    async with room() as r:
        token = await r.join()
        # As the phone sends it: JSON.stringify leaves non-ASCII as UTF-8 (4 bytes an emoji).
        note = {"key": "k" * 32, "kind": "reflection", "table": TABLES[3], "text": "🙂" * 2000}
        response = await r.client.post(
            f"{r.api}/notes",
            data=json.dumps(note, ensure_ascii=False).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        assert response.status == 202


@pytest.mark.parametrize(
    "data", [b"{not json", b"\xff\xfe{}", b"", b'{"code": "042917"', b"[1, 2]", b'"text"']
)
@in_loop
async def test_bad_json_is_400_json(data: bytes) -> None:
    async with room() as r:
        token = await r.join()
        for path, headers in [
            ("/join", {}),
            ("/notes", {"Authorization": f"Bearer {token}"}),
        ]:
            response = await r.client.post(f"{r.api}{path}", data=data, headers=headers)
            assert response.status in (400, 403)  # a list for a join is just a wrong code
            assert response.content_type == "application/json"
            assert "error" in await response.json()
        assert len(r.inbox) == 0


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic abc", "Bearer made-up"])
@in_loop
async def test_no_token_or_a_made_up_one_is_403(header: str | None) -> None:
    async with room() as r:
        headers = {"Authorization": header} if header is not None else {}
        body = {"key": "key-0001-aaaa", "kind": "share_back", "table": "Table 1", "text": "hi"}
        response = await r.client.post(f"{r.api}/notes", json=body, headers=headers)
        assert response.status == 403
        assert "isn't connected" in (await response.json())["error"]
        assert len(r.inbox) == 0


@in_loop
async def test_a_revoked_phone_gets_403_everywhere_and_others_carry_on() -> None:
    async with room() as r:
        token, other = await r.join(), await r.join()
        assert (await r.post(token, key="before-revoke")).status == 202
        r.devices.revoke(r.devices.by_token(token).id)
        refused = await r.post(token, key="after-revoke1")
        assert refused.status == 403
        assert "disconnected by the facilitator" in (await refused.json())["error"]
        assert (await r.post(token, key="before-revoke")).status == 403  # retries too
        assert (await r.status(token, "before-revoke"))[0] == 403
        tables = await r.client.get(f"{r.api}/tables", headers={"Authorization": f"Bearer {token}"})
        assert tables.status == 403
        assert (await r.post(other, key="after-revoke1")).status == 202
        assert len(r.inbox) == 2


@in_loop
async def test_xss_in_notes_and_table_names_only_ever_comes_back_as_json_data() -> None:
    payload = f"{XSS}\n<script>alert(3)</script>"
    async with room() as r:
        joined = await r.client.post(f"{r.api}/join", json={"code": CODE})
        assert joined.content_type == "application/json"
        assert (await joined.json())["tables"] == TABLES  # exactly, as data
        token = (await joined.json())["device"]
        response = await r.post(token, key="xss-key-0001", table=XSS, text=payload)
        assert response.status == 202
        assert response.content_type == "application/json"
        [arrival] = r.inbox.pending()
        assert (arrival.table, arrival.text) == (XSS, payload)  # kept as typed; escaped on show
        for path in ["/join", "/notes"]:
            bad = await r.client.post(f"{r.api}{path}", data=XSS.encode())
            assert bad.content_type == "application/json"
            assert XSS not in await bad.text()  # an error never echoes the request
        page = await (await r.client.get(f"/j/{SECRET}/")).text()
        assert XSS not in page and "Table 1" not in page  # the page is static; data comes as JSON


def test_the_phone_page_draws_data_with_text_content_only() -> None:
    script = (ROOT / "resources" / "phone" / "phone.js").read_text(encoding="utf-8")
    html = (ROOT / "resources" / "phone" / "index.html").read_text(encoding="utf-8")
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ]:
        assert sink not in script, sink
    assert script.count(".textContent = ") >= 10
    assert "<script>" not in html  # no inline script: the CSP would block it anyway
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from outside
    assert "http" not in (ROOT / "resources" / "phone" / "phone.css").read_text(encoding="utf-8")


@in_loop
async def test_an_unexpected_error_is_500_and_says_nothing_about_our_insides(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> list[str]:
        raise RuntimeError("/home/organiser/secret/path.py line 42 internals")

    async with room(tables=broken) as r:
        response = await r.client.post(f"{r.api}/join", json={"code": CODE})
        assert response.status == 500
        assert await response.json() == {"error": SOMETHING_WRONG}
        text = await response.text()
        assert "internals" not in text and "Traceback" not in text and "RuntimeError" not in text
    assert "internals" in caplog.text  # the log keeps it for us
    assert SECRET not in caplog.text  # but not the event's secret


@in_loop
async def test_a_failing_ui_callback_still_queues_the_note(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken() -> None:
        raise RuntimeError("UI gone")

    async with room(on_arrival=broken) as r:
        token = await r.join()
        assert (await r.post(token)).status == 202
        assert len(r.inbox.pending()) == 1
    assert "on_arrival failed" in caplog.text


@in_loop
async def test_the_wrong_method_is_405_json() -> None:
    async with room() as r:
        response = await r.client.delete(f"{r.api}/notes")
        assert response.status == 405
        assert await response.json() == {"error": "Not allowed."}


# --- the server on a real socket, and the helpers -----------------------------------------------


@in_loop
async def test_room_server_starts_on_a_free_port_and_stops() -> None:
    server = RoomServer(secret=SECRET, join_code=CODE, tables=lambda: ["Table 1"])
    await server.start("127.0.0.1", 0)
    assert server.running and server.port > 0
    url = server.url("127.0.0.1")
    assert url == f"http://127.0.0.1:{server.port}/j/{SECRET}/"
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as page:
            assert page.status == 200
        async with session.post(
            f"http://127.0.0.1:{server.port}/api/{SECRET}/join", json={"code": CODE}
        ) as joined:
            assert (await joined.json())["tables"] == ["Table 1"]
    await server.stop()
    assert not server.running
    await server.stop()  # twice is harmless
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", server.port)
    await server.start("127.0.0.1", 0)  # turned on again: same event, same phones
    async with aiohttp.ClientSession() as session, session.get(server.url("127.0.0.1")) as page:
        assert page.status == 200
    await server.stop()


@in_loop
async def test_a_port_in_use_is_an_oserror_and_nothing_is_left_running() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = RoomServer(secret=SECRET, join_code=CODE, tables=lambda: [])
        with pytest.raises(OSError):
            await server.start("127.0.0.1", taken.getsockname()[1])
        assert not server.running


def test_secrets_codes_and_links() -> None:
    secrets_made = {new_secret() for _ in range(50)}
    assert len(secrets_made) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", s) for s in secrets_made)
    codes = [new_join_code() for _ in range(200)]
    assert all(re.fullmatch(r"[0-9]{6}", c) for c in codes)
    assert len(set(codes)) > 150
    assert join_url("192.168.1.20", 8765, "abc") == "http://192.168.1.20:8765/j/abc/"
    assert join_url("fe80::1", 8765, "abc") == "http://[fe80::1]:8765/j/abc/"


def test_qr_codes_for_the_console_and_the_display() -> None:
    url = join_url("192.168.100.200", 8765, new_secret())
    png = qr_png(url)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 200
    svg = qr_svg(url)
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg


def test_local_addresses_are_lan_ipv4_never_loopback() -> None:
    for address in local_addresses():
        parts = address.split(".")
        assert len(parts) == 4 and all(p.isdigit() for p in parts)
        assert not address.startswith("127.")


def test_local_addresses_prefer_private_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoRoute:
        def __init__(self, *args: object) -> None:
            pass

        def __enter__(self) -> NoRoute:
            return self

        def __exit__(self, *args: object) -> None:
            pass

        def connect(self, address: object) -> None:
            raise OSError("Network is unreachable")

    infos = [(0, 0, 0, "", (ip, 0)) for ip in ["127.0.1.1", "169.254.3.4", "8.8.4.4", "10.1.2.3"]]
    monkeypatch.setattr("desktop.net.link.socket.socket", NoRoute)
    monkeypatch.setattr("desktop.net.link.socket.getaddrinfo", lambda *a: infos)
    assert local_addresses() == ["10.1.2.3", "8.8.4.4", "169.254.3.4"]
