"""The room display: what the projector shows, readable from the back of the room.

It only renders `room.view()`; every size is a share of the window (sizing.py), so it looks the
same from 800×600 to 4K. The countdown is at least a quarter of the window's height, except
while "Find your table" shares the screen (during a breakout, and while people arrive or move to
one): then the segment and the countdown keep a side column and the tables of the round fill the
rest, a page at a time, the names as big as the room allows (table_plan.py, table_grid.py).

The window and its clock page are in window.py; the holding screen, the spotlight and the join
card in pages.py; the label, the room's words and the progress bar in parts.py.
"""

from __future__ import annotations

from desktop.ui.display.parts import Bar, room_words
from desktop.ui.display.table_grid import TableCard, TableGrid, break_name
from desktop.ui.display.window import RoomDisplay

__all__ = ["Bar", "RoomDisplay", "TableCard", "TableGrid", "break_name", "room_words"]
