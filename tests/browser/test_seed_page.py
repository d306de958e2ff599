"""The page a user gets from `make demo`: the seed build's graph.html in headless Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shanhai.graph.io import read_dataset
from shanhai.graph.network import project

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_seed_page_is_offline_complete_and_pictured(chromium: Any, seed_out: Path) -> None:
    page_file = seed_out / "graph.html"
    expected = project(read_dataset(seed_out))
    context = chromium.new_context(viewport={"width": 1400, "height": 860}, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        counts = page.evaluate("window.shanhai.visibleCounts()")
        assert counts == {"nodes": expected.number_of_nodes(), "edges": expected.number_of_edges()}
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#search").fill("广元")
        page.locator("#search").press("Enter")
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / "seeds.png"))
        page.evaluate("window.shanhai.clearSelection()")
        page.evaluate("window.shanhai.setLayout('geo')")
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / "seeds-geo.png"))
        assert (SCREENSHOTS / "seeds.png").stat().st_size > 20_000
        assert errors == []
        assert requests == [page_file.as_uri()]
    finally:
        context.close()
