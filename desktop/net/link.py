"""The join link and its codes, without the server: the app shows them before aiohttp loads.

`desktop.net.server` pulls in aiohttp (~0.15 s); the console only needs these until the
facilitator switches Room Wi-Fi on.
"""

from __future__ import annotations

import io
import ipaddress
import secrets
import socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import segno

DEFAULT_PORT = 8765


def new_secret() -> str:
    """The per-event secret in the join link: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def new_join_code() -> str:
    """Six random digits for the screen: "042917"."""
    return f"{secrets.randbelow(1_000_000):06d}"


def join_url(host: str, port: int, secret: str) -> str:
    """The link in the QR code: the phone page for this event."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/j/{secret}/"


def phone_url(host: str, port: int) -> str:
    """The link a person can type: "http://192.168.1.20:8765/" (the join code is the key)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def view_url(host: str, port: int, token: str, view: str) -> str:
    """A live view's link: "http://192.168.1.20:8765/v/k7mp3x9q2a/clock"."""
    return f"{phone_url(host, port)}v/{token}/{view}"


def _qr(url: str) -> segno.QRCode:
    """The QR code of `url` at error level M (a smudge on a screen still scans)."""
    import segno  # with urllib and email behind it (~20 ms): loaded when a QR is first drawn

    return segno.make(url, error="m")


def qr_png(url: str, scale: int = 8, border: int = 4) -> bytes:
    """A QR code of `url` as PNG bytes (Qt shows it with QPixmap.loadFromData); `border` is
    its quiet zone in modules (4 by the standard; 2 scans well on a screen's own white)."""
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def qr_svg(url: str, scale: int = 8) -> str:
    """A QR code of `url` as a standalone SVG document."""
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="svg", scale=scale, border=4, xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def local_addresses() -> list[str]:
    """The laptop's IPv4 addresses on local networks (not 127.*), most likely first.

    Connecting a UDP socket sends nothing: it only asks the OS which address would route to a
    private range. Host-name lookup is the fallback. Empty when not on any network."""
    found: list[str] = []
    for probe in ("192.168.255.255", "10.255.255.255", "172.31.255.255", "169.254.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe_socket:
                probe_socket.connect((probe, 9))
                found.append(probe_socket.getsockname()[0])
        except OSError:
            continue
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found.extend(str(info[4][0]) for info in infos)
    except OSError:
        pass
    usable: list[ipaddress.IPv4Address] = []
    for text in found:
        try:
            address = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if not (address.is_loopback or address.is_unspecified or address.is_multicast):
            usable.append(address)
    ordered = sorted(
        dict.fromkeys(usable), key=lambda a: (a.is_link_local, not a.is_private, a.packed)
    )
    return [str(a) for a in ordered]
