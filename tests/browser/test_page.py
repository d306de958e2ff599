"""The graph page in headless Chromium: offline, correct counts, working controls, inert text."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
import pytest
from shanhai.graph.render import write_html


def _load_builders() -> ModuleType:
    """Import this folder's conftest under a private name: `conftest` itself is ambiguous."""
    name = "shanhai_test_graph_builders"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("conftest.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_builders = _load_builders()
east_west_graph = _builders.east_west_graph
hostile_graph = _builders.hostile_graph
random_graph = _builders.random_graph
iri = _builders.iri

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@dataclass
class Loaded:
    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def counts(self) -> dict[str, int]:
        return self.js("window.shanhai.visibleCounts()")


@pytest.fixture
def open_graph(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """Write a graph's page to disk and load it from file://, recording side effects."""
    contexts: list[Any] = []

    def load(g: nx.MultiDiGraph, name: str = "graph.html", timeout: float = 60_000, **kw: Any) -> Loaded:
        path = tmp_path / name
        write_html(g, path, **kw)
        context = chromium.new_context(viewport={"width": 1400, "height": 860})
        contexts.append(context)
        page = context.new_page()
        loaded = Loaded(page=page, url=path.as_uri())

        def on_console(message: Any) -> None:
            if message.type == "error":
                loaded.errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda e: loaded.errors.append(str(e)))
        page.on("request", lambda r: loaded.requests.append(r.url))

        def on_dialog(dialog: Any) -> None:
            loaded.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(loaded.url)
        # wait_for_function evaluates a string, which the page CSP forbids; use the DOM flag
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout)
        assert page.evaluate("window.shanhaiReady") is True
        return loaded

    yield load
    for context in contexts:
        context.close()


def assert_clean(loaded: Loaded) -> None:
    assert loaded.errors == []
    assert loaded.requests == [loaded.url]
    assert loaded.dialogs == []


def test_loads_offline_and_draws_everything(open_graph: Any) -> None:
    g = east_west_graph()
    loaded = open_graph(g)
    assert loaded.counts() == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    assert loaded.page.locator("#status").inner_text() == "节点 13/13 · 关系 9/9"
    # legend lists the classes present, with their counts
    legend = loaded.page.locator("#class-filters").inner_text()
    assert "省级" in legend and "年份" in legend and "乡镇" not in legend
    assert_clean(loaded)


def test_search_by_name_and_pinyin(open_graph: Any) -> None:
    loaded = open_graph(east_west_graph())
    target = iri("guangyuan")
    for query in ("广元", "四川省广元市", "guangyuan", "GuangYuan", "gy"):
        loaded.js("window.shanhai.clearSelection()")
        hits = loaded.js("q => window.shanhai.search(q)", query)
        assert hits[0] == target, query
        assert loaded.js("window.shanhai.selected()") == target
    # the neighbourhood is highlighted: everything except 广元 and its 4 neighbours is dimmed
    assert loaded.js("window.shanhai.dimmed()") == 13 - 5
    # focused: the view centre is on the node
    centre = loaded.js("window.shanhai.network.getViewPosition()")
    pos = loaded.js("id => window.shanhai.positions()[id]", target)
    assert abs(centre["x"] - pos["x"]) < 1 and abs(centre["y"] - pos["y"]) < 1
    assert "四川省广元市" in loaded.js("window.shanhai.panelText()")
    assert loaded.js("window.shanhai.search('不存在的地方')") == []
    # the search box: type pinyin initials, pick with Enter
    loaded.js("window.shanhai.clearSelection()")
    box = loaded.page.locator("#search")
    box.fill("ln")
    assert loaded.page.locator("#results li").first.inner_text().startswith("陇南")
    box.press("Enter")
    assert loaded.js("window.shanhai.selected()") == iri("longnan")
    assert_clean(loaded)


def test_filters(open_graph: Any) -> None:
    loaded = open_graph(east_west_graph())
    assert loaded.js("window.shanhai.setFilter('class', 'Year', false)") == {
        "nodes": 12,
        "edges": 8,
    }
    assert loaded.js("window.shanhai.setFilter('relation', 'partOf', false)") == {
        "nodes": 12,
        "edges": 4,
    }
    assert loaded.js("window.shanhai.setFilter({classes: {Year: true}, relations: {partOf: true}})") == {
        "nodes": 13,
        "edges": 9,
    }
    # the checkboxes drive the same state
    loaded.page.locator("#class-filters label", has_text="省级").click()
    # left: 苍溪→广元, 娃哈哈→广元, 青岛→陇南, 计划→1994
    assert loaded.counts() == {"nodes": 7, "edges": 4}
    loaded.page.locator("#relation-filters label", has_text="位于").click()
    assert loaded.counts() == {"nodes": 7, "edges": 3}
    assert loaded.page.locator("#status").inner_text() == "节点 7/13 · 关系 3/9"
    assert_clean(loaded)


def test_year_slider(open_graph: Any) -> None:
    loaded = open_graph(east_west_graph())
    # 1996 pairings only; the undated partOf/startedIn/locatedIn stay
    assert loaded.js("window.shanhai.setYear(2000)") == {"nodes": 13, "edges": 8}
    assert loaded.js("window.shanhai.setYear(1990)") == {"nodes": 13, "edges": 6}
    assert loaded.js("window.shanhai.setYear(2016)") == {"nodes": 13, "edges": 9}
    assert loaded.js("window.shanhai.setUndated(false)") == {"nodes": 13, "edges": 3}
    assert loaded.js("window.shanhai.setYear(null)") == {"nodes": 13, "edges": 3}
    assert loaded.js("window.shanhai.setUndated(true)") == {"nodes": 13, "edges": 9}
    # moving the slider switches the year filter on
    slider = loaded.page.locator("#year")
    slider.evaluate("(el) => { el.value = '2005'; el.dispatchEvent(new Event('input')); }")
    assert loaded.page.locator("#year-on").is_checked()
    assert loaded.counts()["edges"] == 8
    assert "2005" in loaded.page.locator("#year-label").inner_text()
    assert_clean(loaded)


def test_end_years(open_graph: Any) -> None:
    g = east_west_graph()
    key = iri("fact/pairsWith/zhejiang-guangyuan")
    g.edges[iri("zhejiang"), iri("guangyuan"), key]["end_year"] = 2020
    loaded = open_graph(g)
    assert loaded.js("window.shanhai.setYear(2020)")["edges"] == 9
    assert loaded.js("window.shanhai.setYear(2021)")["edges"] == 8


def test_geo_toggle(open_graph: Any) -> None:
    loaded = open_graph(east_west_graph())
    force = loaded.js("window.shanhai.positions()")
    loaded.page.locator("#layout-geo").click()
    assert loaded.js("window.shanhai.layout()") == "geo"
    geo = loaded.js("window.shanhai.positions()")
    assert geo != force
    assert geo[iri("zhejiang")]["x"] > geo[iri("sichuan")]["x"]  # east right
    assert geo[iri("ningxia")]["y"] < geo[iri("sichuan")]["y"]  # north up
    assert geo[iri("qingdao")]["y"] < geo[iri("fujian")]["y"]
    assert loaded.counts() == {"nodes": 13, "edges": 9}
    loaded.js("window.shanhai.setLayout('force')")
    back = loaded.js("window.shanhai.positions()")
    for node, p in force.items():
        assert abs(back[node]["x"] - p["x"]) < 0.5 and abs(back[node]["y"] - p["y"]) < 0.5
    assert_clean(loaded)


def test_hostile_document_is_inert(open_graph: Any) -> None:
    g = hostile_graph()
    loaded = open_graph(g, title="<img src=x onerror=alert(9)>")
    page = loaded.page
    assert loaded.counts() == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    # show every node's and edge's panel, hover the canvas, search for the attack strings
    for k in range(g.number_of_nodes()):
        page.evaluate("k => window.shanhai.select(k)", k)
    for k in range(g.number_of_edges()):
        page.evaluate("k => window.shanhai.showEdge(k)", k)
    page.mouse.move(700, 450)
    page.locator("#search").fill("<script")
    page.locator("#search").press("Enter")
    text = page.evaluate("window.shanhai.panelText()")
    assert "<script>alert(1)</script>" in text  # shown as text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel img, #panel script, #results img").count() == 0
    assert page.title() == "<img src=x onerror=alert(9)>"
    assert_clean(loaded)


def test_scale_5000_nodes(open_graph: Any) -> None:
    g = random_graph(5000, 10_000, seed=11)
    loaded = open_graph(g, timeout=90_000)
    assert loaded.counts() == {"nodes": 5000, "edges": 10_000}
    assert loaded.js("window.shanhai.data.physics") is False
    year = loaded.js("window.shanhai.setYear(2005)")
    expected = sum(
        1
        for _, _, d in g.edges(data=True)
        if (d["start_year"] is None and d["end_year"] is None)
        or ((d["start_year"] or 0) <= 2005 and (d["end_year"] is None or d["end_year"] >= 2005))
    )
    assert year == {"nodes": 5000, "edges": expected}
    loaded.js("window.shanhai.setLayout('geo')")
    assert loaded.js("window.shanhai.search('gy')") is not None
    assert_clean(loaded)


def test_screenshot(open_graph: Any) -> None:
    loaded = open_graph(east_west_graph(), title="东西部扶贫协作 · 示例")
    page = loaded.page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#search").fill("guangyuan")
    page.locator("#search").press("Enter")
    page.wait_for_timeout(600)  # the focus animation
    page.screenshot(path=str(SCREENSHOTS / "graph.png"))
    loaded.js("window.shanhai.clearSelection()")
    loaded.js("window.shanhai.setLayout('geo')")
    page.screenshot(path=str(SCREENSHOTS / "graph-geo.png"))
    assert (SCREENSHOTS / "graph.png").stat().st_size > 10_000
    assert_clean(loaded)
