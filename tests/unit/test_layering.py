"""The architecture in DESIGN.md, checked from the source: who imports whom, and who writes files.

Each rule is a function over the parsed modules of a `desktop/` tree, returning what breaks it
("rule: module:line what"). The tests run every rule on this repository, and each on a small
tree in tmp_path with one rule broken on purpose, so a rule that can no longer see anything
fails too. (tests/unit/core/test_core_purity.py also imports the core for real, in a subprocess.)
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT


@dataclass(frozen=True)
class Module:
    """One parsed module: `desktop.ui.room` from `desktop/ui/room.py`."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def layer(self) -> str:
        """`core`, `ui`…, `app`, `paths`, `__main__`; `desktop` for the package itself."""
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else "desktop"


@dataclass(frozen=True)
class Import:
    target: str  # a module name, absolute
    line: int
    lazy: bool  # inside a function or `if TYPE_CHECKING:`: not run when the module loads


def parse_tree(root: Path) -> list[Module]:
    """Every module under root/desktop."""
    found = []
    for path in sorted((root / "desktop").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found.append(Module(".".join(parts), path, tree))
    return found


def _walk(tree: ast.Module) -> Iterator[tuple[ast.AST, bool]]:
    """Every node in `tree`, with whether it runs only later (in a function or for mypy)."""
    todo: list[tuple[ast.AST, bool]] = [(tree, False)]
    while todo:
        node, lazy = todo.pop()
        for child in ast.iter_child_nodes(node):
            later = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                later = True
            yield child, later
            todo.append((child, later))


@functools.cache
def imports_of(module: Module) -> list[Import]:
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    found = []
    for node, lazy in _walk(module.tree):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno, lazy) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            found.append(Import(base, node.lineno, lazy))
            # `from desktop import app` imports the module desktop.app
            found += [Import(f"{base}.{alias.name}", node.lineno, lazy) for alias in node.names]
    return found


@functools.cache
def calls_in(module: Module) -> list[tuple[ast.Call, str]]:
    """Every call, with what is called as written: `open`, `os.replace`, `path.write_text`."""
    return [
        (node, ast.unparse(node.func))
        for node in ast.walk(module.tree)
        if isinstance(node, ast.Call)
    ]


def where(module: Module, node: ast.AST) -> str:
    return f"{module.name}:{getattr(node, 'lineno', 0)}"


# ------------------------------------------------------------------------------- the layers

# "Layers import downwards only". What each part of desktop/ may import from desktop/; the
# package itself (`desktop`, its version) is open to all but the core. `paths` (where the
# resources and the user's folders are) and `logs` sit beside the layers, for those that need
# them.
USES: dict[str, set[str]] = {
    "core": {"core"},
    "store": {"store", "core", "paths", "desktop"},
    "handout": {"handout", "core", "paths", "desktop"},
    "net": {"net", "store", "core", "paths", "desktop"},
    "ui": {"ui", "net", "handout", "store", "core", "paths", "logs", "desktop"},
    "app": {"app", "ui", "net", "handout", "store", "core", "paths", "logs", "desktop"},
    "cli": {"cli", "handout", "store", "core", "paths", "logs", "desktop"},
    "__main__": {"cli"},
    "paths": {"paths", "desktop"},
    "logs": {"logs", "paths", "desktop"},
    "desktop": {"desktop"},
}
# The command line starts the windows (`intheroom open`, `snapshot`) but loads no Qt for the
# other commands: app and ui only from inside the function that needs them.
USES_LAZILY: dict[str, set[str]] = {"cli": {"app", "ui"}}

# What each layer may import from outside desktop/ besides the standard library: the core is
# pure (no Qt, tinydb or reportlab; numpy for the planner), the store is tinydb and never shows
# a dialog (no Qt), the handout is reportlab, the Room Wi-Fi aiohttp, and only the windows
# (ui, app) are Qt.
QT = {"PySide6", "shiboken6", "qasync"}
LIBRARIES: dict[str, set[str]] = {
    "core": {"numpy", "msgspec"},
    "store": {"tinydb", "msgspec"},
    "handout": {"reportlab", "pypdf", "segno", "msgspec"},
    "net": {"aiohttp", "segno", "msgspec"},
    "ui": {*QT, "msgspec"},
    "app": {*QT, "msgspec"},
    "cli": {"msgspec"},
    "__main__": set(),
    "paths": {"platformdirs"},
    "logs": set(),
    "desktop": set(),
}
# "core: pure Python domain: no Qt, no I/O": not even the standard library's files and sockets.
CORE_NO_IO = {
    "os",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "fileinput",
    "socket",
    "subprocess",
    "sqlite3",
    "asyncio",
    "threading",
    "urllib",
    "http",
}


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "desktop":
        return None
    return parts[1] if len(parts) > 1 else "desktop"


def rule_layers(modules: list[Module]) -> list[str]:
    """Layers import downwards only (USES); the command line the windows only lazily."""
    known = {m.name for m in modules}
    broken = []
    for module in modules:
        allowed = USES.get(module.layer, set())
        for imp in imports_of(module):
            target = layer_of(imp.target)
            if target is None or (imp.target not in known and target != "desktop"):
                continue  # `from desktop.core import model` also names desktop.core.model
            if target in allowed or (imp.lazy and target in USES_LAZILY.get(module.layer, ())):
                continue
            how = "inside a function" if imp.lazy else "at the top"
            broken.append(f"layers: {module.name}:{imp.line} imports {imp.target} ({how})")
    return sorted(set(broken))


def rule_libraries(modules: list[Module]) -> list[str]:
    """Each layer uses only its own libraries (LIBRARIES) and the standard library; the core
    no I/O modules of it either."""
    broken = []
    for module in modules:
        allowed = LIBRARIES.get(module.layer, set())
        for imp in imports_of(module):
            top = imp.target.split(".")[0]
            if top in ("desktop", "__future__") or not top:
                continue
            stdlib = top in sys.stdlib_module_names
            if module.layer == "core" and top in CORE_NO_IO:
                broken.append(f"libraries: {module.name}:{imp.line} does I/O with {top}")
            elif not stdlib and top not in allowed:
                broken.append(f"libraries: {module.name}:{imp.line} imports {top}")
    return sorted(set(broken))


def rule_core_opens_nothing(modules: list[Module]) -> list[str]:
    """No I/O in the core: no file opened, read or written."""
    broken = []
    for module in modules:
        if module.layer != "core":
            continue
        for call, name in calls_in(module):
            if name == "open" or name.rpartition(".")[2] in FILE_METHODS:
                broken.append(f"core I/O: {where(module, call)} calls {name}")
    return broken


def rule_store_shows_no_dialogs(modules: list[Module]) -> list[str]:
    """The store never shows dialogs (no Qt) nor asks at the terminal; it raises, the UI shows."""
    broken = []
    for module in modules:
        if module.layer != "store":
            continue
        for imp in imports_of(module):
            if imp.target.split(".")[0] in QT:
                broken.append(f"store dialogs: {module.name}:{imp.line} imports {imp.target}")
        for call, name in calls_in(module):
            if name in ("input", "print"):
                broken.append(f"store dialogs: {where(module, call)} calls {name}")
    return broken


def rule_main_only_calls_cli(modules: list[Module]) -> list[str]:
    """`python -m desktop` calls cli.main, nothing else."""
    broken = []
    for module in modules:
        if module.name != "desktop.__main__":
            continue
        for node in module.tree.body:
            if isinstance(node, ast.Import) and [a.name for a in node.names] == ["sys"]:
                continue
            if isinstance(node, ast.ImportFrom) and (
                node.module == "desktop.cli.main" and [a.name for a in node.names] == ["main"]
            ):
                continue
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                continue  # the docstring
            if ast.unparse(node) == "if __name__ == '__main__':\n    sys.exit(main())":
                continue
            broken.append(f"__main__: {where(module, node)} {ast.unparse(node).splitlines()[0]}")
    return broken


def rule_one_loop(modules: list[Module]) -> list[str]:
    """One asyncio loop (qasync) drives the app: only app.py makes or runs a loop."""
    loops = ("asyncio.run", "asyncio.Runner", "new_event_loop", "QEventLoop", "qasync.run")
    return [
        f"one loop: {where(module, call)} calls {name}"
        for module in modules
        if module.name != "desktop.app"
        for call, name in calls_in(module)
        if name.endswith(loops) or "set_event_loop" in name
    ]


# ------------------------------------------------------------------------- who writes files

FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes"}
WRITE_METHODS = {
    "write_text",
    "write_bytes",
    "mkdir",
    "touch",
    "unlink",
    "rmdir",
    "rename",
    "symlink_to",
    "hardlink_to",
}
OS_WRITES = {
    "replace",
    "rename",
    "renames",
    "remove",
    "unlink",
    "mkdir",
    "makedirs",
    "rmdir",
    "removedirs",
    "link",
    "symlink",
    "truncate",
    "ftruncate",
    "write",
}
WRITING_MODULES = {"shutil", "tempfile"}
QT_WRITERS = {"QSaveFile", "QFile", "QTemporaryFile", "QTemporaryDir"}


def _mode(call: ast.Call, position: int) -> str:
    """The mode given to an open() call, "" when none or not written out."""
    args = [
        *call.args[position : position + 1],
        *(k.value for k in call.keywords if k.arg == "mode"),
    ]
    for arg in args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
    return ""


def _writing_call(head: str, method: str) -> bool:
    """path.write_text, os.replace, shutil.copy, tempfile.mkstemp…"""
    if method in WRITE_METHODS or (head == "os" and method in OS_WRITES):
        return True
    return head.split(".")[0] in WRITING_MODULES


def _writes(module: Module) -> Iterator[tuple[ast.AST, str]]:
    for imp in imports_of(module):
        top, _, rest = imp.target.partition(".")
        if top in WRITING_MODULES:
            yield ast.Pass(lineno=imp.line), f"imports {imp.target}"
        if top == "os" and rest in OS_WRITES:
            yield ast.Pass(lineno=imp.line), f"imports {imp.target}"
        if top == "PySide6" and rest.rpartition(".")[2] in QT_WRITERS:
            yield ast.Pass(lineno=imp.line), f"imports {imp.target}"
    for call, name in calls_in(module):
        head, _, method = name.rpartition(".")
        if name in ("open", "io.open", "os.open", "codecs.open"):
            mode = _mode(call, 1)
            if name == "os.open" or any(c in mode for c in "wax+"):
                yield call, f"calls {name}({mode!r})"
        elif method == "open" and any(c in _mode(call, 0) for c in "wax+"):
            yield call, f"calls {name}({_mode(call, 0)!r})"  # Path.open("w")
        elif _writing_call(head, method):
            yield call, f"calls {name}"


def rule_ui_writes_no_files(modules: list[Module]) -> list[str]:
    """The UI never writes files; it asks the store. (QSettings, Qt's own store, is fine.)"""
    return [
        f"ui writes: {where(module, node)} {what}"
        for module in modules
        if module.layer == "ui"
        for node, what in _writes(module)
    ]


def rule_cli_opens_no_files(modules: list[Module]) -> list[str]:
    """No command opens a file itself: the store (or cli.common.write_out through it) does."""
    broken = []
    for module in modules:
        if module.layer != "cli":
            continue
        broken += [f"cli files: {where(module, node)} {what}" for node, what in _writes(module)]
        for call, name in calls_in(module):
            method = name.rpartition(".")[2]
            if name in ("open", "io.open", "os.open") or method in FILE_METHODS:
                broken.append(f"cli files: {where(module, call)} calls {name}")
            elif method == "open" and _mode(call, 0):
                broken.append(f"cli files: {where(module, call)} calls {name}({_mode(call, 0)!r})")
    return sorted(set(broken))


RULES: dict[str, Callable[[list[Module]], list[str]]] = {
    "layers": rule_layers,
    "libraries": rule_libraries,
    "core opens nothing": rule_core_opens_nothing,
    "store shows no dialogs": rule_store_shows_no_dialogs,
    "__main__ only calls cli.main": rule_main_only_calls_cli,
    "one loop": rule_one_loop,
    "ui writes no files": rule_ui_writes_no_files,
    "cli opens no files": rule_cli_opens_no_files,
}


def check(root: Path) -> list[str]:
    """Everything in the tree at `root` that breaks a rule."""
    modules = parse_tree(root)
    return [found for rule in RULES.values() for found in rule(modules)]


# Breaks found in the code as it is, each reported (issue 19) rather than allowed by a rule.
# The list must match exactly: a new break fails, and so does a fixed one left in the list.
KNOWN: set[str] = set()
# Allowed with a reason: none today. An entry is "rule: module:line what", as `check` says it.
ALLOWED: set[str] = set()


def test_the_code_keeps_every_rule_but_the_known_breaks() -> None:
    found = set(check(ROOT))
    assert found - ALLOWED == KNOWN
    assert found >= ALLOWED  # an allowance nobody needs any more goes


def test_the_rules_see_the_real_tree() -> None:
    """Guards against a checker that finds nothing because it reads nothing."""
    modules = {m.name: m for m in parse_tree(ROOT)}
    assert {"desktop.__main__", "desktop.core.clock", "desktop.ui.room", "desktop.cli.main"} <= set(
        modules
    )
    targets = {i.target for i in imports_of(modules["desktop.ui.room"])}
    assert "desktop.store.eventfile" in targets and "PySide6.QtCore" in targets
    assert set(USES) == set(LIBRARIES) >= {m.layer for m in modules.values()}


# ------------------------------------------------------------- each rule fails when broken

CLEAN = {
    "desktop/__init__.py": '__version__ = "0"\n',
    "desktop/__main__.py": (
        '"""python -m desktop."""\nimport sys\n\nfrom desktop.cli.main import main\n\n'
        'if __name__ == "__main__":\n    sys.exit(main())\n'
    ),
    "desktop/paths.py": "from platformdirs import user_data_dir\n",
    "desktop/app.py": (
        "import asyncio\n\nimport qasync\n\nfrom desktop.ui.room import Room\n\n"
        "def run() -> None:\n    with asyncio.Runner(loop_factory=qasync.QEventLoop) as r:\n"
        "        r.run(Room())\n"
    ),
    "desktop/core/__init__.py": "",
    "desktop/core/clock.py": "import time\n\nimport numpy\n\nNOW = time.time\n",
    "desktop/store/__init__.py": "",
    "desktop/store/eventfile.py": (
        "import os\n\nimport tinydb\n\nfrom desktop.core.clock import NOW\n\n"
        "def save(path: str) -> None:\n    with open(path, 'wb') as f:\n        f.write(b'')\n"
        "    os.replace(path, path)\n"
    ),
    "desktop/handout/__init__.py": "",
    "desktop/handout/pack.py": "import reportlab\n\nfrom desktop.core.clock import NOW\n",
    "desktop/net/__init__.py": "",
    "desktop/net/server.py": "import aiohttp\n\nfrom desktop.store.eventfile import save\n",
    "desktop/ui/__init__.py": "",
    "desktop/ui/room.py": (
        "from PySide6.QtCore import QSettings\n\nfrom desktop.handout.pack import NOW\n"
        "from desktop.net.server import save\n\n"
        "def remember(s: QSettings, path: str) -> None:\n"
        "    s.setValue('last', path)\n    save(path)\n    open(path).read()\n"
    ),
    "desktop/cli/__init__.py": "",
    "desktop/cli/main.py": (
        "from desktop.store.eventfile import save\n\n"
        "def main() -> int:\n    from desktop.app import run\n\n    run()\n    return 0\n"
    ),
}

BROKEN = {
    "core imports Qt": (
        "desktop/core/clock.py",
        "from PySide6.QtCore import QTimer\n",
        "libraries",
    ),
    "core imports tinydb": ("desktop/core/clock.py", "import tinydb\n", "libraries"),
    "core imports reportlab": ("desktop/core/clock.py", "import reportlab.pdfgen\n", "libraries"),
    "core reads a file": ("desktop/core/clock.py", "open('x').read()\n", "core opens nothing"),
    "core imports pathlib": ("desktop/core/clock.py", "import pathlib\n", "libraries"),
    "core imports the store": (
        "desktop/core/clock.py",
        "def f() -> None:\n    from desktop.store.eventfile import save\n",
        "layers",
    ),
    "store imports ui": (
        "desktop/store/eventfile.py",
        "from desktop.ui.room import remember\n",
        "layers",
    ),
    "store imports net": ("desktop/store/eventfile.py", "import desktop.net.server\n", "layers"),
    "store imports cli": ("desktop/store/eventfile.py", "from desktop.cli import main\n", "layers"),
    "store imports Qt": (
        "desktop/store/eventfile.py",
        "from PySide6.QtWidgets import QMessageBox\n",
        "store shows no dialogs",
    ),
    "store asks at the terminal": (
        "desktop/store/eventfile.py",
        "input('sure?')\n",
        "store shows no dialogs",
    ),
    "handout imports the store": (
        "desktop/handout/pack.py",
        "from desktop.store import eventfile\n",
        "layers",
    ),
    "handout imports Qt": ("desktop/handout/pack.py", "import PySide6.QtGui\n", "libraries"),
    "net imports ui": ("desktop/net/server.py", "from desktop.ui.room import remember\n", "layers"),
    "net imports ui, relatively": ("desktop/net/server.py", "from ..ui import room\n", "layers"),
    "ui imports cli": ("desktop/ui/room.py", "from desktop.cli.main import main\n", "layers"),
    "ui imports app": (
        "desktop/ui/room.py",
        "def g() -> None:\n    import desktop.app\n",
        "layers",
    ),
    "ui imports tinydb": ("desktop/ui/room.py", "import tinydb\n", "libraries"),
    "cli imports ui at the top": (
        "desktop/cli/main.py",
        "from desktop.ui.room import remember\n",
        "layers",
    ),
    "cli imports app at the top": ("desktop/cli/main.py", "import desktop.app\n", "layers"),
    "cli imports Qt": ("desktop/cli/main.py", "import PySide6\n", "libraries"),
    "cli opens a file": ("desktop/cli/main.py", "open('out.pdf', 'wb')\n", "cli opens no files"),
    "cli reads a file": (
        "desktop/cli/main.py",
        "from pathlib import Path\nPath('x').read_text()\n",
        "cli opens no files",
    ),
    "__main__ does more": (
        "desktop/__main__.py",
        "print('hello')\n",
        "__main__ only calls cli.main",
    ),
    "__main__ imports more": (
        "desktop/__main__.py",
        "from desktop.app import run\n",
        "__main__ only calls cli.main",
    ),
    "a second loop": ("desktop/net/server.py", "import asyncio\nasyncio.run(None)\n", "one loop"),
    "ui opens for writing": ("desktop/ui/room.py", "open('x', 'w')\n", "ui writes no files"),
    "ui appends": ("desktop/ui/room.py", "open('x', mode='a')\n", "ui writes no files"),
    "ui Path.open for writing": (
        "desktop/ui/room.py",
        "from pathlib import Path\nPath('x').open('wb')\n",
        "ui writes no files",
    ),
    "ui write_text": (
        "desktop/ui/room.py",
        "from pathlib import Path\nPath('x').write_text('')\n",
        "ui writes no files",
    ),
    "ui write_bytes": (
        "desktop/ui/room.py",
        "from pathlib import Path\nPath('x').write_bytes(b'')\n",
        "ui writes no files",
    ),
    "ui mkdir": (
        "desktop/ui/room.py",
        "from pathlib import Path\nPath('x').mkdir()\n",
        "ui writes no files",
    ),
    "ui os.replace": (
        "desktop/ui/room.py",
        "import os\nos.replace('a', 'b')\n",
        "ui writes no files",
    ),
    "ui from os import replace": (
        "desktop/ui/room.py",
        "from os import replace\n",
        "ui writes no files",
    ),
    "ui shutil": (
        "desktop/ui/room.py",
        "import shutil\nshutil.copy('a', 'b')\n",
        "ui writes no files",
    ),
    "ui QSaveFile": (
        "desktop/ui/room.py",
        "from PySide6.QtCore import QSaveFile\n",
        "ui writes no files",
    ),
}


def plant(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_tree_that_keeps_the_rules_passes_them(tmp_path: Path) -> None:
    plant(tmp_path, CLEAN)
    assert check(tmp_path) == []


@pytest.mark.parametrize("case", BROKEN)
def test_each_rule_finds_a_planted_break(tmp_path: Path, case: str) -> None:
    path, line, rule = BROKEN[case]
    plant(tmp_path, CLEAN | {path: CLEAN[path] + line})
    found = check(tmp_path)
    assert found, case
    name = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    assert all(f" {name}:" in f for f in found), found  # in the planted module, nowhere else
    assert RULES[rule](parse_tree(tmp_path)), (rule, found)


def test_every_rule_has_a_planted_break() -> None:
    assert {rule for _, _, rule in BROKEN.values()} == set(RULES)


# --------------------------------------------------------------------------- and the tests'

# DESIGN.md's lessons: shared test helpers live in plain modules (tests/helpers.py,
# tests/gui/helpers.py…), never imported from another test file; one FakeClock.


def breaks_in_tests(root: Path) -> list[str]:
    """Test modules under root/tests that import another test module, or define a FakeClock
    other than tests/helpers.py's."""
    broken = []
    for path in sorted((root / "tests").rglob("*.py")):
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                targets = []
            ours = [t for t in targets if t.startswith("tests.")]
            if any(t.rpartition(".")[2].startswith("test_") for t in ours):
                broken.append(f"{name}:{node.lineno} imports a test module")
            own = isinstance(node, ast.ClassDef) and node.name == "FakeClock"
            if own and name != "tests.helpers":
                broken.append(f"{name}:{node.lineno} defines its own FakeClock")
    return broken


def test_tests_share_helpers_from_plain_modules_and_one_fake_clock(tmp_path: Path) -> None:
    assert breaks_in_tests(ROOT) == []
    plant(
        tmp_path,
        {
            "tests/helpers.py": "class FakeClock:\n    pass\n",
            "tests/unit/test_a.py": "from tests.helpers import FakeClock\n",
            "tests/unit/test_b.py": "from tests.unit.test_a import FakeClock\n",
            "tests/gui/test_c.py": "class FakeClock:\n    pass\n",
        },
    )
    assert breaks_in_tests(tmp_path) == [
        "tests.gui.test_c:1 defines its own FakeClock",
        "tests.unit.test_b:1 imports a test module",
    ]
