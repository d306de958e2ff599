"""Pure-Python checks of the rendered graph page: self-contained, deterministic, escaped."""

from __future__ import annotations

import importlib.util
import json
import locale
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest
from shanhai.graph import render
from shanhai.graph.render import notebook_html, render_html, subgraph, write_html


def _load_builders() -> ModuleType:
    """The graph builders live with the browser fixtures; load them under a private name."""
    name = "shanhai_test_graph_builders"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


builders = _load_builders()
iri = builders.iri

DATA_RE = re.compile(r'<script type="application/json" id="shanhai-data">(.*?)</script>', re.S)


def payload(page: str) -> dict:
    match = DATA_RE.search(page)
    assert match, "data block missing"
    return json.loads(match.group(1))


def node_row(data: dict, node_id: str) -> list:
    return next(r for r in data["nodes"] if r[0] == node_id)


@pytest.fixture(scope="module")
def mini() -> nx.MultiDiGraph:
    return builders.east_west_graph()


@pytest.fixture(scope="module")
def mini_page(mini: nx.MultiDiGraph) -> str:
    return render_html(mini, title="东西部协作")


def test_self_contained(mini_page: str) -> None:
    lowered = mini_page.lower()
    assert "http://" not in lowered and "https://" not in lowered
    assert "<link" not in lowered
    assert not re.search(r"<script[^>]*\bsrc\s*=", lowered)
    assert "@import" not in lowered and "url(http" not in lowered
    assert "bootstrap" not in lowered
    # vis-network is inlined, not referenced
    assert "vis-network" in mini_page and "new vis.Network" in mini_page
    assert "default-src 'none'" in mini_page


def test_iris_survive_json_without_url_schemes(mini: nx.MultiDiGraph, mini_page: str) -> None:
    data = payload(mini_page)
    assert {r[0] for r in data["nodes"]} == set(mini.nodes)
    assert {e[0] for e in data["edges"]} == {k for _, _, k in mini.edges(keys=True)}


def test_counts_and_labels(mini: nx.MultiDiGraph, mini_page: str) -> None:
    data = payload(mini_page)
    assert len(data["nodes"]) == mini.number_of_nodes()
    assert len(data["edges"]) == mini.number_of_edges()
    labels = {r[1] for r in data["nodes"]}
    assert {"广元", "浙江", "娃哈哈", "1994"} <= labels
    edge_labels = {e[4] for e in data["edges"]}
    assert edge_labels == {"对口帮扶", "隶属", "始于", "位于"}
    assert data["years"] == [1996, 2016]
    assert data["physics"] is True


def test_pinyin_precomputed(mini_page: str) -> None:
    row = node_row(payload(mini_page), iri("guangyuan"))
    full, initials, name_full, name_initials = row[10]
    assert (full, initials) == ("guangyuan", "gy")
    assert name_full == "sichuanshengguangyuanshi" and name_initials == "scsgys"


def test_deterministic(mini: nx.MultiDiGraph) -> None:
    first = render_html(mini, title="t")
    again = render_html(mini, title="t")
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(mini.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(mini.edges(keys=True, data=True))))
    assert first == again == render_html(shuffled, title="t")


def test_deterministic_large() -> None:
    g = builders.random_graph(1500, seed=3)
    page = render_html(g)
    assert page == render_html(g)
    data = payload(page)
    assert data["physics"] is False and data["large"] is True
    assert len(data["nodes"]) == 1500 and len(data["edges"]) == 3000


def test_geo_layout_orientation(mini_page: str) -> None:
    data = payload(mini_page)

    def geo(local: str) -> tuple[float, float]:
        row = node_row(data, iri(local))
        return row[8], row[9]

    assert geo("zhejiang")[0] > geo("sichuan")[0]  # east is right
    assert geo("ningxia")[1] < geo("sichuan")[1]  # north is up
    # the organisation sits next to the city it is located in
    wahaha, guangyuan = geo("org/wahaha"), geo("guangyuan")
    assert abs(wahaha[0] - guangyuan[0]) < 100 and abs(wahaha[1] - guangyuan[1]) < 100
    # Year nodes go to the side column right of the map
    assert geo("year/1994")[0] > max(geo(r)[0] for r in ("zhejiang", "qingdao", "fujian"))


class _Tags(HTMLParser):
    """Collects start tags the way a browser tokenizer sees them (script bodies are raw)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_text_is_escaped() -> None:
    page = render_html(builders.hostile_graph(), title="<script>alert(1)</script> https://evil")
    lowered = page.lower()
    parser = _Tags()
    parser.feed(page)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "shanhai-data"}, {}, {}]
    assert not any(tag in {"img", "iframe", "a", "object", "embed"} for tag, _ in parser.tags)
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert lowered.count("</script") == 3
    assert "<img src=x" not in lowered
    assert 'onerror="window' not in lowered
    assert "<!-- <script" not in lowered
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered
    assert "http://" not in lowered and "https://" not in lowered
    assert "\u2028" not in page and "\u2029" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;&#47;script&gt; https:&#47;&#47;evil</title>" in page
    page.encode("utf-8")  # no lone surrogates left
    data = payload(page)
    quotes = {ev[3] for e in data["edges"] for ev in e[7]}
    assert "<script>alert(1)</script>" in quotes
    assert "lone \ufffd surrogate and \u2028 line separator & ampersand" in quotes
    assert builders.HOSTILE[1] in {r[1] for r in data["nodes"]}


def test_surrogate_pairs_are_joined() -> None:
    assert render._clean("\ud83d\ude00") == "\U0001f600"
    assert render._clean("a\udc00b") == "a\ufffdb"
    assert render._clean(None) == ""


def test_write_html_utf8_atomic(mini: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "ascii")
    target = tmp_path / "out" / "graph.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    write_html(mini, target, title="广元")
    raw = target.read_bytes()
    assert raw.decode("utf-8") == render_html(mini, title="广元")
    assert "四川省广元市".encode() in raw
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]
    fresh = tmp_path / "fresh.html"
    write_html(mini, fresh)
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert fresh.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777  # not mkstemp's 0600


def test_deterministic_across_processes(tmp_path: Path) -> None:
    """Set iteration order depends on PYTHONHASHSEED; the page must not."""
    script = (
        "import sys, importlib.util\n"
        "spec = importlib.util.spec_from_file_location('b', sys.argv[1])\n"
        "b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)\n"
        "from shanhai.graph.render import write_html\n"
        "from pathlib import Path\n"
        "write_html(b.random_graph(300, seed=5), Path(sys.argv[2]))\n"
    )
    conftest = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(conftest), str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_write_html_leaves_no_temp_on_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_html(nx.MultiDiGraph(), tmp_path / "g.html", layout="bogus")
    assert list(tmp_path.iterdir()) == []


def test_notebook_html_writes_nothing(mini: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("IPython")
    monkeypatch.chdir(tmp_path)
    obj = notebook_html(mini, title="nb")
    markup = obj._repr_html_()
    assert markup.startswith('<div class="shanhai-graph"><iframe srcdoc="')
    assert 'sandbox="allow-scripts"' in markup
    assert "<script" not in markup  # the whole page is an escaped attribute value
    assert list(tmp_path.iterdir()) == []


def test_empty_graph_and_geo_default() -> None:
    page = render_html(nx.MultiDiGraph(), layout="geo")
    data = payload(page)
    assert data["nodes"] == [] and data["edges"] == [] and data["layout"] == "geo"
    assert data["physics"] is False


def test_bad_layout() -> None:
    with pytest.raises(ValueError):
        render_html(nx.MultiDiGraph(), layout="circle")


def test_missing_and_odd_attributes() -> None:
    g = nx.MultiDiGraph()
    g.add_node("x:1")  # no attributes at all
    g.add_node("x:2", cls="Mystery", lon=float("nan"), lat=30.0, label=7)
    g.add_edge("x:1", "x:2", key="f:1", relation="knows", start_year="2001", evidence=None)
    data = payload(render_html(g))
    assert [r[1] for r in data["nodes"]] == ["x:1", "7"]
    assert data["edges"][0][4] == "knows" and data["edges"][0][5] == 2001
    assert any(c["key"] == "Mystery" and c["count"] == 1 for c in data["classes"])


# --------------------------------------------------------------------------- subgraph


def test_subgraph_by_label_name_and_id(mini: nx.MultiDiGraph) -> None:
    by_label = subgraph(mini, "广元", 1)
    assert by_label.nodes == subgraph(mini, "四川省广元市", 1).nodes
    assert by_label.nodes == subgraph(mini, iri("guangyuan"), 1).nodes
    assert set(by_label.nodes) == {
        iri("guangyuan"),
        iri("zhejiang"),
        iri("sichuan"),
        iri("cangxi"),
        iri("org/wahaha"),
    }
    # edges keep their fact keys and attributes
    key = iri("fact/pairsWith/zhejiang-guangyuan")
    assert by_label.edges[iri("zhejiang"), iri("guangyuan"), key]["start_year"] == 1996
    assert by_label.number_of_edges() == 4


def test_subgraph_depths(mini: nx.MultiDiGraph) -> None:
    assert set(subgraph(mini, "广元", 0).nodes) == {iri("guangyuan")}
    assert set(subgraph(mini, "青岛", 2).nodes) == {
        iri("qingdao"),
        iri("longnan"),
        iri("shandong"),
        iri("gansu"),
    }
    with pytest.raises(ValueError):
        subgraph(mini, "广元", -1)


def test_subgraph_does_not_expand_through_years() -> None:
    g = builders.east_west_graph()
    g.add_node(iri("program/other"), label="另一计划", name="另一计划", cls="Program")
    g.add_edge(iri("program/other"), iri("year/1994"), key="k", relation="startedIn")
    ego = subgraph(g, "八七扶贫攻坚计划", 5)
    assert set(ego.nodes) == {iri("program/8-7"), iri("year/1994")}


def test_subgraph_unknown_and_ambiguous(mini: nx.MultiDiGraph) -> None:
    with pytest.raises(KeyError):
        subgraph(mini, "不存在", 1)
    g = mini.copy()
    g.add_node("x:other", label="广元", name="另一个广元", cls="County")
    with pytest.raises(ValueError, match="ambiguous"):
        subgraph(g, "广元", 1)
    assert iri("guangyuan") in subgraph(g, "四川省广元市", 0)
