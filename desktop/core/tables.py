"""The table planner's old address: it now lives in `desktop.core.planner` (how it works:
docs/planner.md). Kept so that `from desktop.core.tables import …` goes on working."""

from __future__ import annotations

from desktop.core.planner import *  # noqa: F403 - the same public names, one list of them
from desktop.core.planner import __all__ as __all__
