"""The event templates shipped in `resources/templates/`, and the demo event built from one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import msgspec

from desktop.core import document
from desktop.core.model import Event
from desktop.paths import resources_dir
from desktop.store.errors import StoreError

DEMO_TEMPLATE = "community-event"


@dataclass(frozen=True)
class Template:
    """A ready-made event to start from."""

    name: str
    title: str
    minutes: int
    segments: int


def _folder() -> Path:
    return resources_dir() / "templates"


def _load(path: Path) -> Event:
    try:
        return document.decode(path.read_bytes())
    except OSError as exc:
        raise StoreError(f"Could not read the template {path.name}: {exc.strerror}.") from None
    except document.DocumentError as exc:  # a broken template is our bug, said plainly
        raise StoreError(f"The template {path.name} is broken:\n{exc}") from None


def list_templates() -> list[Template]:
    """Every shipped template, by name."""
    found = []
    for path in sorted(_folder().glob("*.json")):
        event = _load(path)
        found.append(Template(path.stem, event.title, event.planned_minutes, len(event.agenda)))
    return found


def load_template(name: str) -> Event:
    """The event a template describes; StoreError naming the templates there are."""
    path = _folder() / f"{name}.json"
    if not path.is_file():
        names = [t.stem for t in sorted(_folder().glob("*.json"))]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f'Did you mean "{close[0]}"? ' if close else ""
        raise StoreError(
            f'There is no template called "{name}". {hint}Templates: {", ".join(names)}.'
        )
    return _load(path)


def demo_event() -> Event:
    """The demo: the community-event template with a roster and notes of every kind."""
    base = document.to_builtins(load_template(DEMO_TEMPLATE))
    extras_path = resources_dir() / "demo" / "demo-extras.json"
    try:
        extras = document.parse_json(extras_path.read_bytes())
    except OSError as exc:
        raise StoreError(f"Could not read the demo notes: {exc.strerror}.") from None
    base.update(extras)
    try:
        return document.from_builtins(base)
    except document.DocumentError as exc:
        raise StoreError(f"The demo event is broken:\n{exc}") from None


def blank_event(title: str) -> Event:
    """A new event with nothing but a title."""
    return msgspec.convert({"title": title}, Event)


def demo_event_with_plan() -> Event:
    """The demo with a table plan: one round per breakout, tables of four, the same every time
    (the planner stops on its own well before its time budget, so the seed decides)."""
    from desktop.core.model import SegmentKind
    from desktop.core.table_plan import make_plan

    event = demo_event()
    breakouts = sum(1 for s in event.agenda if s.kind is SegmentKind.BREAKOUT)
    planned = make_plan(event, max(1, breakouts), size=4, seed=1, budget=30.0)
    return msgspec.structs.replace(event, tables=planned.plan)
