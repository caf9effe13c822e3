"""No widget of ours hides a Qt method under a name of its own (issue 19, item 5).

A method called `move` or `render` on a QWidget subclass replaces QWidget's: Qt's own callers
and a reader both expect the Qt one. Overriding a virtual on purpose (`data`, `accept`,
`paintEvent`) is fine; those are named here or are camelCase, as Qt names them.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

import desktop.ui

# Qt virtuals with one-word lowercase names that we override on purpose.
VIRTUALS = {
    "accept",
    "reject",
    "done",
    "data",
    "flags",
    "event",
    "paint",
    "parent",
    "index",
    "sort",
}


def shadows(cls: type) -> set[str]:
    """`Class.method` for each snake_case method of `cls`, or of a plain mixin it is built from
    (the console and the editor are), that a Qt base class also has."""
    qt = [b for b in cls.__mro__ if b.__module__.startswith("PySide6")]
    ours = [b for b in cls.__mro__ if b is cls or not (issubclass(b, QObject) or b in qt)]
    found = set()
    for owner in ours:
        if owner is object:
            continue
        for name, value in vars(owner).items():
            if name.startswith("_") or name != name.lower() or name in VIRTUALS:
                continue
            if callable(value) and any(name in vars(base) for base in qt):
                found.add(f"{owner.__name__}.{name}")
    return found


def shadowing() -> set[str]:
    """What `shadows` finds in every QObject subclass defined under desktop/ui."""
    found: set[str] = set()
    for info in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            ours = inspect.isclass(cls) and cls.__module__ == module.__name__
            if ours and issubclass(cls, QObject):
                found |= shadows(cls)
    return found


def test_no_ui_class_shadows_a_qt_method() -> None:
    assert shadowing() == set()


def test_the_scan_catches_a_move_or_render_but_not_a_paint_event() -> None:
    class Shadowing(QWidget):
        def move(self, step: int) -> None:  # type: ignore[override]
            pass

        def render(self) -> None:  # type: ignore[override]
            pass

        def paintEvent(self, event: object) -> None:
            pass

        def data(self) -> None:
            pass

    assert shadows(Shadowing) == {"Shadowing.move", "Shadowing.render"}


def test_the_scan_looks_inside_the_mixins_a_window_is_built_from() -> None:
    class Pane:
        def move(self, step: int) -> None:
            pass

        def keep(self) -> None:
            pass

    class Window(Pane, QWidget):  # type: ignore[misc]
        pass

    assert shadows(Window) == {"Pane.move"}
