"""Room Wi-Fi in the app: the switch, the join card, the phones, and the moderation queue.

`RoomWifi` owns the capture server (desktop.net) for the open event and turns accepted
arrivals into notes through the Room, so they are saved like any other note. `WifiDialog` is
the facilitator's switch with the address, QR code and join code; `ArrivalsPanel` is the
note-taker's queue (in every capture view): accept, edit then accept, or reject. Nothing a
phone sends reaches the notes, and so the projector, without a person accepting it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Note, NoteKind
from desktop.core.notes import KIND_LABELS, clean_text, groups
from desktop.net.inbox import Arrival, Device, Devices, Inbox, Refused, room_size

if TYPE_CHECKING:
    import asyncio

    from desktop.net.server import RoomServer
from desktop.net.link import DEFAULT_PORT, local_addresses, new_join_code, new_secret, qr_png
from desktop.store.wifi_state import read_state, write_state
from desktop.ui.live_views import LiveViews
from desktop.ui.room import Room
from desktop.ui.votes import VoteKeeper
from desktop.ui.widgets.keys import key_button, shortcut

ID = Qt.ItemDataRole.UserRole
REDRAW_MS = 300  # the queue is redrawn at most this often when phones send faster
# A note-taker reads the oldest few; drawing thousands of word-wrapped rows stalled the app's
# loop for tens of milliseconds a redraw (issue 14, item 12), so only these many are drawn.
SHOWN = 40
KEEP_MS = 250  # arrivals are on disk this soon after the phone is told they arrived
_running: set[asyncio.Task[None]] = set()  # kept until done, so none is collected half-way


def _spawn(coro: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine on the app's loop: scheduled when it runs (qasync), else to the end."""
    import asyncio  # not at import: the console paints before asyncio loads (app.run_gui)

    loop = asyncio.get_event_loop()
    if loop.is_running():
        task = loop.create_task(coro)
        _running.add(task)
        task.add_done_callback(_running.discard)
    else:
        loop.run_until_complete(coro)


class RoomWifi(QObject):
    """The capture service for the Room's open event. Off until switched on."""

    stateChanged = Signal()  # started, stopped, or failed to start (see `problem`)
    arrivalsChanged = Signal()  # something new waits, or was accepted or rejected
    devicesChanged = Signal()
    displayChanged = Signal(bool)  # show the join card on the room display, or not

    def __init__(self, room: Room, *, votes: VoteKeeper | None = None) -> None:
        super().__init__(room)
        self.room = room
        self.votes = votes if votes is not None else VoteKeeper(room)  # app.py hands one in
        self.server: RoomServer | None = None
        self.problem = ""
        self.notice = ""  # something to know after starting (a damaged state set aside)
        self.addresses: list[str] = []
        self.host = ""
        self.picked = False  # listening on the one network the facilitator picked, not on all
        self.on_display = False
        self._path: Path | None = None
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_MS)
        self._keep_timer.timeout.connect(self._keep)
        room.eventChanged.connect(self._event_changed)
        self.views = LiveViews(room, self)  # /clock and /speaker over the same server

    # ------------------------------------------------------------------ switching

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    async def start(self, port: int = DEFAULT_PORT, host: str = "0.0.0.0") -> None:
        """Listen for phones; on failure `problem` says why in words.

        What a previous run kept beside the event file (the link, the code, the phones and
        their notes) is taken up again, so nothing a phone sent is lost to a restart."""
        if self.running or self.room.current_event is None or self.room.file is None:
            return
        path = self.room.file.path
        loaded = read_state(path)
        saved = loaded.state or {}
        inbox, devices = Inbox(), _Devices(str(saved.get("join_code") or new_join_code()))
        notice = loaded.message
        try:
            inbox.restore(list(saved.get("arrivals", [])))
            devices.restore(list(saved.get("devices", [])))
        except (TypeError, ValueError):
            inbox, devices = Inbox(), _Devices(new_join_code())
            saved = {}
            notice = "Room Wi-Fi's saved state didn't fit this version; it starts afresh."
        devices.joined_hook = self._joined
        devices.max_devices = room_size(len(self.room.current_event.participants))
        from desktop.net.server import RoomServer  # aiohttp loads when Wi-Fi goes on

        server = RoomServer(
            secret=str(saved.get("secret") or new_secret()),
            join_code=devices.join_code,
            tables=self._tables,
            on_arrival=self._arrived,
            inbox=inbox,
            devices=devices,
            votes=self.votes.desk,  # dot-votes and feedback forms (ui/votes.py)
        )
        server.views.restore(saved.get("views"))  # a TV's link still works after a restart
        try:
            await server.start(host, port)
        except OSError as exc:
            self.problem = (
                f"Room Wi-Fi could not start on port {port}: "
                f"{exc.strerror or exc}. Try another port."
            )
            self.stateChanged.emit()
            return
        self.server, self.problem, self.notice = server, "", notice
        self.picked = host not in ("0.0.0.0", "::", "")
        self._path = path
        self._keep()
        self.addresses = local_addresses() or ["127.0.0.1"]
        self.host = host if self.picked else self.addresses[0]
        self.stateChanged.emit()

    def listen_on(self, host: str) -> None:
        """Listen only on `host`, the network the facilitator picked: same port, link and
        phones (the laptop's other networks can no longer reach it)."""
        self.host = host
        if self.server is not None and self.running and self.server.host != host:
            _spawn(self._listen_again(self.server, host))
        else:
            self.stateChanged.emit()

    async def _listen_again(self, server: RoomServer, host: str) -> None:
        port = server.port
        await server.stop()
        try:
            await server.start(host, port)
            self.picked, self.problem = True, ""
        except OSError as exc:
            self.problem = (
                f"Room Wi-Fi could not listen on {host} only ({exc.strerror or exc}); "
                "it listens on every network instead."
            )
            await server.start("0.0.0.0", port)
            self.picked = False
        self.stateChanged.emit()

    def change_join_code(self) -> None:
        """A new join code: phones that joined keep working, new ones need the new code."""
        if self.server is not None:
            self.server.devices.join_code = new_join_code()
            self._keep()
            self.stateChanged.emit()

    async def stop(self) -> None:
        if self._keep_timer.isActive():
            self._keep_timer.stop()
            self._keep()
        server, self.server = self.server, None
        if server is not None:
            await server.stop()
        self.show_on_display(False)
        self.stateChanged.emit()
        self.arrivalsChanged.emit()
        self.devicesChanged.emit()

    def _keep(self) -> None:
        """Write the state beside the event file now (every change, so a crash loses none)."""
        if self.server is None or self._path is None:
            return
        state = {
            "secret": self.server.secret,
            "join_code": self.server.devices.join_code,
            "views": dict(self.server.views.tokens),
            "devices": self.server.devices.to_state(),
            # Decided notes are in the event already: only what phones ask about is kept.
            "arrivals": [
                row if row["status"] == "queued" else row | {"text": ""}
                for row in self.server.inbox.to_state()
            ],
        }
        try:
            write_state(self._path, state)
        except OSError as exc:
            self.problem = (
                f"Room Wi-Fi could not keep its notes beside the event file ({exc.strerror}); "
                "accept waiting notes soon."
            )
            self.stateChanged.emit()

    def keep_now(self) -> None:
        self._keep()

    def _arrived(self) -> None:
        # A busy room sends many notes a second: write them together, within KEEP_MS.
        if not self._keep_timer.isActive():
            self._keep_timer.start()
        self.arrivalsChanged.emit()

    def _joined(self) -> None:
        # 300 phones joining in a minute: written together like arrivals, not 300 fsyncs on
        # the app's loop (a phone whose place was lost in a crash just joins again).
        if not self._keep_timer.isActive():
            self._keep_timer.start()
        self.devicesChanged.emit()

    def _changed_devices(self) -> None:
        self._keep()  # a disconnect is on disk at once: the bar must survive a crash
        self.devicesChanged.emit()

    def switch(self, on: bool, port: int = DEFAULT_PORT) -> None:
        _spawn(self.start(port) if on else self.stop())

    def _event_changed(self) -> None:
        path = self.room.file.path if self.room.file is not None else None
        if self.running and path != self._path:  # the event closed or another opened
            _spawn(self.stop())

    def _tables(self) -> list[str]:
        event = self.room.current_event
        return groups(event) if event is not None else []

    # ------------------------------------------------------------------ what to show

    @property
    def url(self) -> str:
        return self.server.url(self.host) if self.server is not None and self.running else ""

    @property
    def typed_url(self) -> str:
        """The link a person can type (no token: the join code is the key), in the QR too."""
        return self.server.typed_url(self.host) if self.server is not None and self.running else ""

    @property
    def join_code(self) -> str:
        return self.server.devices.join_code if self.server is not None else ""

    def qr(self, border: int = 4) -> bytes:
        return qr_png(self.typed_url, border=border) if self.typed_url else b""

    def show_on_display(self, shown: bool) -> None:
        shown = shown and self.running
        if shown != self.on_display:
            self.on_display = shown
            self.displayChanged.emit(shown)

    # ------------------------------------------------------------------ moderating

    def pending(self) -> list[Arrival]:
        return self.server.inbox.pending() if self.server is not None else []

    def accept(self, arrival_id: str, text: str | None = None) -> Note | None:
        """Keep an arrival as a note (edited first, if `text`), saved like any other."""
        if self.server is None or self.room.current_event is None:
            return None
        edited = clean_text(text) if text is not None else None
        if edited == "":
            return None
        arrival = self.server.inbox.accept(arrival_id, edited)
        view = self.room.view()
        segment = view.segment.id if view is not None and view.segment is not None else ""
        note = Note(
            id=self.room.new_note_id(),
            kind=NoteKind(arrival.kind),
            text=edited if edited is not None else arrival.text,
            group=arrival.group,
            segment=segment,
            time=arrival.received_iso,
        )
        self.room.add_note(note)
        self._keep()
        self.arrivalsChanged.emit()
        return note

    def reject(self, arrival_id: str) -> None:
        if self.server is not None:
            with contextlib.suppress(Refused):
                self.server.inbox.reject(arrival_id)
            self._keep()
            self.arrivalsChanged.emit()

    def revoke(self, device_id: str) -> None:
        if self.server is not None:
            with contextlib.suppress(Refused):
                self.server.devices.revoke(device_id)
            self._changed_devices()


class _Devices(Devices):
    """Devices that say when a phone joins, so the list on screen and on disk follow."""

    joined_hook: Callable[[], None] = staticmethod(lambda: None)

    def join(self, code: object, previous: object = None, address: str = "") -> Device:
        device = super().join(code, previous, address)
        self.joined_hook()
        return device


def describe(arrival: Arrival) -> str:
    where = arrival.group or "Note-taker"
    kind = KIND_LABELS.get(NoteKind(arrival.kind), arrival.kind)
    return f"{where} · {kind}: {arrival.text}"


class ArrivalsPanel(QWidget):
    """Notes from phones waiting for a note-taker: Enter accepts, E edits, Delete rejects."""

    def __init__(self, wifi: RoomWifi) -> None:
        super().__init__()
        self.wifi = wifi
        self.setAccessibleName("Notes from phones")
        self.title = QLabel("")
        self.title.setAccessibleName("Notes from phones waiting")
        self.list = QListWidget()
        self.list.setAccessibleName("Notes from phones, waiting to be accepted")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(140)
        buttons = QHBoxLayout()
        for text, key, slot in (
            ("Accept", Qt.Key.Key_Return, self.accept_current),
            ("Edit", Qt.Key.Key_E, self.edit_current),
            ("Reject", Qt.Key.Key_Delete, self.reject_current),
        ):
            button = key_button(
                self.list,
                text,
                key,
                slot,
                accessible=f"{text} the selected note from a phone",
                context=Qt.ShortcutContext.WidgetShortcut,
            )
            buttons.addWidget(button)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Edit the note from a phone, then Ctrl+Enter to accept")
        self.editor.setPlaceholderText("Edit, then Ctrl+Enter to accept it, Esc to leave it")
        self.editor.setMaximumHeight(90)
        self.editor.hide()
        self._editing = ""
        for keys, slot in (("Ctrl+Return", self.accept_edited), ("Esc", self.stop_editing)):
            shortcut(self.editor, keys, slot, context=Qt.ShortcutContext.WidgetShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self._items: dict[str, QListWidgetItem] = {}
        self._drawn = 0.0
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._draw)
        wifi.arrivalsChanged.connect(self.refresh)
        wifi.stateChanged.connect(self._draw)
        self._draw()

    def refresh(self) -> None:
        """Bring the list up to date now, or within REDRAW_MS when a busy room sends faster:
        new arrivals appended, decided ones taken out, the rest left alone."""
        now = time.monotonic()
        if now - self._drawn < REDRAW_MS / 1000:
            if not self._redraw.isActive():
                self._redraw.start()
            return
        self._draw()

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        everything = self.wifi.pending()
        waiting = everything[:SHOWN]
        wanted = {a.id for a in waiting}
        for arrival_id in [i for i in self._items if i not in wanted]:
            self.list.takeItem(self.list.row(self._items.pop(arrival_id)))
        new = [a for a in waiting if a.id not in self._items]
        for arrival in new:
            item = QListWidgetItem(describe(arrival))
            item.setData(ID, arrival.id)
            self._items[arrival.id] = item
            self.list.addItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        count = len(everything)
        shown = f" (the oldest {len(waiting)} shown)" if count > len(waiting) else ""
        self.title.setText(
            f"From phones: {count:,} waiting{shown} — Enter accepts, E edits, Delete rejects"
            if count
            else "From phones: nothing waiting"
        )
        self.setVisible(self.wifi.running or count > 0)

    def _current(self) -> str:
        item = self.list.currentItem()
        return str(item.data(ID)) if item is not None else ""

    def accept_current(self) -> None:
        if arrival_id := self._current():
            self.wifi.accept(arrival_id)
            self._draw()

    def reject_current(self) -> None:
        if arrival_id := self._current():
            self.wifi.reject(arrival_id)
            self._draw()

    def edit_current(self) -> None:
        """Put the selected arrival in the edit box; Ctrl+Enter there accepts the edit."""
        arrival_id = self._current()
        match = next((a for a in self.wifi.pending() if a.id == arrival_id), None)
        if match is not None:
            self._editing = match.id
            self.editor.setPlainText(match.text)
            self.editor.show()
            self.editor.setFocus()

    def accept_edited(self) -> None:
        if self._editing and self.wifi.accept(self._editing, self.editor.toPlainText()):
            self.stop_editing()
            self._draw()

    def stop_editing(self) -> None:
        self._editing = ""
        self.editor.hide()
        self.list.setFocus()


class WifiDialog(QDialog):
    """The facilitator's switch for room Wi-Fi, with what phones need to join."""

    def __init__(self, wifi: RoomWifi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wifi = wifi
        self.setWindowTitle("Room Wi-Fi — In the Room")
        self.setAccessibleName("Room Wi-Fi")
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName("Port")
        self.switch_button = QPushButton("")
        self.switch_button.clicked.connect(self.toggle)
        self.address = QComboBox()
        self.address.setAccessibleName("The laptop's address on the room's network")
        self.address.currentTextChanged.connect(self._address_chosen)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Room Wi-Fi status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel("")
        self.code.setAccessibleName("Join code")
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.code.setFont(font)
        self.qr = QLabel("")
        self.qr.setAccessibleName("QR code with the join link")
        self.on_display = QCheckBox("Show the join card on the room &display")
        self.on_display.setAccessibleName("Show the join card on the room display")
        self.on_display.toggled.connect(wifi.show_on_display)
        self.devices = QListWidget()
        self.devices.setAccessibleName("Phones that joined")
        self.devices.setMaximumHeight(120)
        revoke = QPushButton("Dis&connect the selected phone")
        revoke.setAccessibleName("Disconnect the selected phone; it can't join again")
        revoke.setToolTip("It can't join again during this event, even with the code.")
        revoke.clicked.connect(self._revoke)
        self.new_code = QPushButton("New &join code")
        self.new_code.setAccessibleName("New join code")
        self.new_code.setToolTip("Phones that joined keep working; new phones need the new code.")
        self.new_code.clicked.connect(wifi.change_join_code)

        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.port)
        row.addWidget(self.switch_button)
        row.addStretch(1)
        port_label = QLabel("&Port:")
        port_label.setBuddy(self.port)
        form.addRow(port_label, row)
        address_label = QLabel("&Address:")
        address_label.setBuddy(self.address)
        form.addRow(address_label, self.address)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code)
        code_row.addWidget(self.new_code)
        code_row.addStretch(1)
        form.addRow("Join code:", code_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.on_display)
        layout.addWidget(QLabel("Phones that joined:"))
        layout.addWidget(self.devices)
        layout.addWidget(revoke)
        wifi.stateChanged.connect(self.refresh)
        wifi.devicesChanged.connect(self.refresh)
        wifi.arrivalsChanged.connect(self.refresh)
        wifi.displayChanged.connect(self._display_changed)
        self.refresh()

    def toggle(self) -> None:
        self.wifi.switch(not self.wifi.running, self.port.value())

    def _address_chosen(self, host: str) -> None:
        if host and (host != self.wifi.host or not self.wifi.picked):
            self.wifi.listen_on(host)

    def _display_changed(self, shown: bool) -> None:
        self.on_display.blockSignals(True)
        self.on_display.setChecked(shown)
        self.on_display.blockSignals(False)

    def _revoke(self) -> None:
        item = self.devices.currentItem()
        if item is not None:
            self.wifi.revoke(str(item.data(ID)))

    def refresh(self) -> None:
        wifi = self.wifi
        on = wifi.running
        self.switch_button.setText("&Stop room Wi-Fi" if on else "&Start room Wi-Fi")
        self.switch_button.setAccessibleName("Stop room Wi-Fi" if on else "Start room Wi-Fi")
        self.port.setEnabled(not on)
        self.on_display.setEnabled(on)
        self.new_code.setEnabled(on)
        self.address.blockSignals(True)
        self.address.clear()
        self.address.addItems(wifi.addresses if on else [])
        self.address.setCurrentText(wifi.host)
        self.address.blockSignals(False)
        if on and wifi.server is not None:
            self.port.setValue(wifi.server.port)
            waiting = len(wifi.pending())
            where = (
                f"Listening only on {wifi.server.host}, the network picked above."
                if wifi.picked
                else "Listening on every network this laptop is on: pick the room's network "
                "above to listen on that one only."
            )
            self.status.setText(
                "".join(f"{line}\n" for line in (wifi.notice, wifi.problem) if line)
                + "On. Phones on the same Wi-Fi open this link (or scan the code) and type the "
                f"join code:\n{wifi.typed_url}\n(or the link with this event's key: {wifi.url})"
                f"\n{where}\n{waiting} note{'s' if waiting != 1 else ''} "
                "waiting in the capture view. Nothing leaves this room."
            )
            code = wifi.join_code
            self.code.setText(f"{code[:3]} {code[3:]}")
            pixmap = QPixmap()
            pixmap.loadFromData(wifi.qr())
            self.qr.setPixmap(pixmap)
        else:
            self.status.setText(
                wifi.problem
                or "Off. Switch it on to let tables send share-backs from their phones over "
                "this room's Wi-Fi (no internet needed). Nothing leaves the room."
            )
            self.code.setText("—")
            self.qr.clear()
        self.devices.clear()
        if wifi.server is not None:
            for device in wifi.server.devices.joined():
                state = " (disconnected: can't join again)" if device.revoked else ""
                item = QListWidgetItem(device.label + state)
                item.setData(ID, device.id)
                self.devices.addItem(item)
