"""The HTML pack in headless chromium, checked with axe-core: no accessibility violations, and
nothing fetched from anywhere.

axe-core comes from npm (tests/e2e/axe/package.json, pinned by its lock file); `make test`
installs it into .venv/axe. Without it, or without chromium, these tests skip and say why.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from msgspec.structs import replace

from desktop.core.model import Note, NoteKind
from desktop.handout.html import build_pack_html
from desktop.handout.pack import Options
from desktop.store.templates import demo_event
from tests.e2e.conftest import chromium

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("AXE_CORE", ROOT / ".venv/axe/node_modules/axe-core/axe.min.js"))

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDriver]:
    """Headless chromium at a laptop's size, with a fresh profile."""
    pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")
    if not AXE.is_file():
        pytest.skip(f"axe-core not found at {AXE}: run make test (npm ci in .venv/axe)")
    with chromium(tmp_path, monkeypatch, size=(1280, 900), script_timeout=60) as driver:
        yield driver


def check(driver: WebDriver, page: Path) -> dict[str, Any]:
    """axe-core's results for a page (every rule: WCAG 2.x A and AA, and best practice)."""
    driver.get(page.as_uri())
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    results: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r)).catch(e => done({error: String(e)}));"
    )
    assert "error" not in results, results
    return results


def described(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in violations
        ],
        indent=1,
    )


def test_the_demo_pack_as_html_has_no_accessibility_violations(
    browser: WebDriver, tmp_path: Path
) -> None:
    from PIL import Image

    logo, picture = tmp_path / "logo.png", tmp_path / "cover.jpg"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    Image.new("RGB", (800, 500), (200, 120, 60)).save(picture)
    page = tmp_path / "pack.html"
    page.write_bytes(build_pack_html(demo_event(), Options(logo=logo, cover=picture)))
    results = check(browser, page)
    assert results["violations"] == [], described(results["violations"])
    # The page asked for nothing: no script, style, font or picture from anywhere.
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []
    assert browser.execute_script("return document.documentElement.lang") == "en"
    headings = browser.execute_script(
        "return [...document.querySelectorAll('h1, h2')].map(h => h.tagName + ' ' + h.textContent)"
    )
    assert headings[0].startswith("H1 Collaboration is messy")
    assert "H2 Our collective learning" in headings
    labels = browser.execute_script(
        "return [...document.querySelectorAll('svg[role=img]')]"
        ".map(s => s.getAttribute('aria-label') || s.querySelector('title').textContent)"
    )
    assert any(label.startswith("People who took part, by sector. Health: 4") for label in labels)
    assert any(label == "QR code for https://example.org/events" for label in labels)


def test_typed_markup_stays_text_and_a_bare_pack_is_still_accessible(
    browser: WebDriver, tmp_path: Path
) -> None:
    notes = (
        Note(id="x", kind=NoteKind.FEEDBACK, text='<img src=x onerror="alert(1)"> & “quoted”'),
        Note(id="y", kind=NoteKind.SHARE_BACK, text="Łukasz: trust", group="Table 4"),
    )
    event = replace(demo_event(), notes=notes, participants=(), contributors=())
    page = tmp_path / "bare.html"
    page.write_bytes(
        build_pack_html(event, Options(sections=("cover", "feedback", "collective-learning")))
    )
    results = check(browser, page)
    assert results["violations"] == [], described(results["violations"])
    body = browser.execute_script("return document.body.innerText")
    assert '<img src=x onerror="alert(1)"> & “quoted”' in body
    assert "Łukasz: trust (Table 4)" in body
    assert browser.execute_script("return document.images.length") == 0
