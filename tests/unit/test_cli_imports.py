"""The command line's modules import each other one way: no cycle, nothing imports `__main__`.

`cli_tables` once imported `desktop.__main__` (inside a function) while `__main__` imported it:
a cycle that worked only because of the order things happened to load in.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "desktop"
CLI_MODULES = sorted(
    f"desktop.cli.{p.stem}" for p in (PACKAGE / "cli").glob("*.py") if p.stem != "__init__"
)


def module_files() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """Every desktop module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        here = todo.pop()
        if here == goal and seen:
            return True
        if here in seen:
            continue
        seen.add(here)
        todo.extend(graph.get(here, ()))
    return False


def test_there_are_command_modules_to_check() -> None:
    assert {"desktop.cli.main", "desktop.cli.tables", "desktop.cli.roster"} <= set(CLI_MODULES)


def test_nothing_imports_dunder_main() -> None:
    known = module_files()
    importers = [
        name for name, path in known.items() if "desktop.__main__" in imports_of(path, known)
    ]
    assert importers == []


def test_no_cli_module_is_in_an_import_cycle() -> None:
    known = module_files()
    graph = {name: imports_of(path, known) - {name} for name, path in known.items()}
    for module in [*CLI_MODULES, "desktop.__main__"]:
        assert not reaches(graph, module, module), f"{module} imports itself through others"


@pytest.mark.parametrize("first", [*CLI_MODULES, "desktop.__main__"])
def test_each_module_imports_first_in_a_fresh_interpreter(first: str) -> None:
    rest = [m for m in CLI_MODULES if m != first]
    code = "import importlib, sys\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in (first, *rest, *reversed(rest))
    )
    code += "from desktop.cli.main import build_parser\nbuild_parser()\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_the_console_script_and_python_m_desktop_run_the_same_main() -> None:
    import desktop.__main__
    import desktop.cli.main

    assert desktop.__main__.main is desktop.cli.main.main
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'intheroom = "desktop.cli.main:main"' in pyproject


def test_a_damaged_document_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "event.json"
    broken.write_bytes(b'{"format": "intheroom.event", "version": 1, "title": ')
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "export", str(broken), "-o", str(tmp_path / "o.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "is the file cut short?" in done.stdout
    assert "event.json was refused: 1 problem" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["event.json"]


def test_building_the_parser_loads_no_heavy_library() -> None:
    """`intheroom` with no command opens the app: its parser must not load numpy (the planner),
    reportlab, tinydb, aiohttp or Qt; each command imports what it needs when it runs."""
    code = (
        "import sys\nfrom desktop.cli.main import build_parser\nbuild_parser()\n"
        "heavy = ('numpy', 'reportlab', 'tinydb', 'aiohttp', 'PySide6')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
