"""Graph builders and a headless-Chromium fixture for the graph page tests.

The builders are plain functions so the pure-Python render tests and the render
benchmark can load this file too, and all of them describe the same mini graph.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

BASE = "https://shanhai.example/id/"

# id suffix -> (label, name, cls, code, lon, lat)
_REGIONS: dict[str, tuple[str, str, str, str, float, float]] = {
    "zhejiang": ("浙江", "浙江省", "Province", "330000", 120.153, 30.287),
    "sichuan": ("四川", "四川省", "Province", "510000", 104.066, 30.572),
    "guangyuan": ("广元", "四川省广元市", "Prefecture", "510800", 105.844, 32.436),
    "cangxi": ("苍溪", "四川省广元市苍溪县", "County", "510824", 105.934, 31.732),
    "shandong": ("山东", "山东省", "Province", "370000", 117.000, 36.675),
    "qingdao": ("青岛", "山东省青岛市", "Prefecture", "370200", 120.383, 36.067),
    "gansu": ("甘肃", "甘肃省", "Province", "620000", 103.834, 36.061),
    "longnan": ("陇南", "甘肃省陇南市", "Prefecture", "621200", 104.922, 33.401),
    "fujian": ("福建", "福建省", "Province", "350000", 119.296, 26.075),
    "ningxia": ("宁夏", "宁夏回族自治区", "Province", "640000", 106.232, 38.487),
}

PAIRINGS = [
    ("zhejiang", "guangyuan", 1996),
    ("qingdao", "longnan", 2016),
    ("fujian", "ningxia", 1996),
]
PART_OF = [
    ("guangyuan", "sichuan"),
    ("cangxi", "guangyuan"),
    ("qingdao", "shandong"),
    ("longnan", "gansu"),
]


def iri(local: str) -> str:
    return BASE + local


def _ev(doc: str, quote: str, start: int, rule: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": doc, "start": start, "end": start + len(quote), "quote": quote}
    if rule is not None:
        row["rule"] = rule
    return row


def _fact(g: nx.MultiDiGraph, u: str, v: str, relation: str, label: str, **attrs: Any) -> None:
    key = iri(f"fact/{relation}/{u.rsplit('/', 1)[-1]}-{v.rsplit('/', 1)[-1]}")
    attrs.setdefault("start_year", None)
    attrs.setdefault("end_year", None)
    attrs.setdefault("evidence", [])
    g.add_edge(u, v, key=key, relation=relation, label=label, **attrs)


def east_west_graph() -> nx.MultiDiGraph:
    """A realistic mini East–West graph: three pairings, admin hierarchy, a program, a firm."""
    g = nx.MultiDiGraph()
    for local, (label, name, cls, code, lon, lat) in _REGIONS.items():
        g.add_node(
            iri(local),
            label=label,
            name=name,
            cls=cls,
            code=code,
            lon=lon,
            lat=lat,
            evidence=[_ev("001_4bbb9c6bc05c0dd8.txt", name, 10)],
        )
    g.add_node(
        iri("program/8-7"),
        label="八七扶贫攻坚计划",
        name="国家八七扶贫攻坚计划",
        cls="Program",
        code="",
        lon=None,
        lat=None,
        evidence=[],
    )
    g.add_node(
        iri("year/1994"),
        label="1994",
        name="1994年",
        cls="Year",
        code="",
        lon=None,
        lat=None,
        evidence=[],
    )
    g.add_node(
        iri("org/wahaha"),
        label="娃哈哈",
        name="杭州娃哈哈集团有限公司",
        cls="Organization",
        code="",
        lon=None,
        lat=None,
        evidence=[_ev("003_5989fbd22505be07.txt", "娃哈哈广元公司", 512)],
    )
    quotes = {
        "zhejiang": "1996年起，浙江省对口帮扶四川省广元市。",
        "qingdao": "自 2016 年青岛市对口帮扶陇南市以来，一东一西两个城市密切开展扶贫协作。",
        "fujian": "1996年，福建省与宁夏回族自治区建立对口扶贫协作关系。",
    }
    for a, b, year in PAIRINGS:
        _fact(
            g,
            iri(a),
            iri(b),
            "pairsWith",
            "对口帮扶",
            start_year=year,
            evidence=[_ev("000_12a61a5b57f0fb84.txt", quotes[a], 100 + year % 100, "pair-pattern")],
        )
    for a, b in PART_OF:
        _fact(
            g,
            iri(a),
            iri(b),
            "partOf",
            "隶属",
            evidence=[_ev("admin", _REGIONS[a][1], 0, "gazetteer")],
        )
    _fact(
        g,
        iri("program/8-7"),
        iri("year/1994"),
        "startedIn",
        "始于",
        evidence=[
            _ev(
                "000_12a61a5b57f0fb84.txt",
                "1994年国务院制定并实施《国家八七扶贫攻坚计划》",
                2048,
                "program-year",
            )
        ],
    )
    _fact(
        g,
        iri("org/wahaha"),
        iri("guangyuan"),
        "locatedIn",
        "位于",
        evidence=[_ev("003_5989fbd22505be07.txt", "娃哈哈集团在广元投资建厂", 530, "org-loc")],
    )
    return g


HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>window.__pwned = 1; alert('x')</script>",
    '<img src=x onerror="window.__pwned = 1; alert(2)">',
    "<!-- <script>window.__pwned = 1</script>",
    "javascript:window.__pwned=1",
    "lone \ud800 surrogate and \u2028 line separator & ampersand",
    "\"'`${window.__pwned = 1}`",
]


def hostile_graph() -> nx.MultiDiGraph:
    """The mini graph with every quote, doc name and one label replaced by attack strings."""
    g = east_west_graph()
    bad = [_ev(h, h, i, h) for i, h in enumerate(HOSTILE)]
    for _, data in g.nodes(data=True):
        data["evidence"] = [dict(e) for e in bad]
    for *_, data in g.edges(keys=True, data=True):
        data["evidence"] = [dict(e) for e in bad]
    g.nodes[iri("org/wahaha")]["name"] = HOSTILE[2]
    g.nodes[iri("org/wahaha")]["label"] = HOSTILE[1]
    g.add_node(
        HOSTILE[0],
        label=HOSTILE[0],
        name=HOSTILE[5],
        cls="Organization",
        code=HOSTILE[4],
        lon=None,
        lat=None,
        evidence=bad,
    )
    _fact(g, HOSTILE[0], iri("guangyuan"), "locatedIn", HOSTILE[3], evidence=bad)
    return g


_CHARS = "安宝北昌城川东丰阜广海河华江金康兰乐临陵龙宁平庆泉山石水松台天通西溪兴阳宜永州"
_SUFFIX = {
    "Province": "省",
    "Prefecture": "市",
    "County": "县",
    "Township": "镇",
    "Village": "村",
    "Program": "计划",
    "Organization": "公司",
}


def random_graph(n: int, m: int | None = None, seed: int = 7) -> nx.MultiDiGraph:
    """n nodes and about 2n edges shaped like the real data, reproducible for a seed."""
    rng = random.Random(seed)
    m = 2 * n if m is None else m
    g = nx.MultiDiGraph()
    weights = [
        ("Province", 3),
        ("Prefecture", 10),
        ("County", 40),
        ("Township", 20),
        ("Village", 12),
        ("Program", 5),
        ("Organization", 10),
    ]
    classes = [c for c, w in weights for _ in range(w)]
    years = [iri(f"year/{y}") for y in range(1990, 2022)]
    for y in range(1990, 2022):
        g.add_node(
            iri(f"year/{y}"),
            label=str(y),
            name=f"{y}年",
            cls="Year",
            code="",
            lon=None,
            lat=None,
            evidence=[],
        )
    by_cls: dict[str, list[str]] = {}
    for k in range(max(0, n - len(years))):
        cls = classes[rng.randrange(len(classes))]
        label = "".join(rng.choice(_CHARS) for _ in range(2)) + _SUFFIX[cls]
        region = cls not in ("Program", "Organization")
        node = iri(f"n/{k}")
        g.add_node(
            node,
            label=label,
            name=f"{label}{k}",
            cls=cls,
            code=str(100000 + k) if region else "",
            lon=round(rng.uniform(76, 133), 3) if region else None,
            lat=round(rng.uniform(20, 50), 3) if region else None,
            evidence=[_ev(f"doc{k % 50}.txt", f"{label}的有关情况", k)],
        )
        by_cls.setdefault(cls, []).append(node)
    regions = [v for c in ("Province", "Prefecture", "County", "Township", "Village") for v in by_cls.get(c, [])]
    programs = by_cls.get("Program", []) or regions
    orgs = by_cls.get("Organization", []) or regions
    for k in range(m):
        roll = rng.random()
        if roll < 0.35:
            u, v, rel, zh = rng.choice(regions), rng.choice(regions), "pairsWith", "对口帮扶"
        elif roll < 0.75:
            u, v, rel, zh = rng.choice(regions), rng.choice(regions), "partOf", "隶属"
        elif roll < 0.85:
            u, v, rel, zh = rng.choice(programs), rng.choice(years), "startedIn", "始于"
        elif roll < 0.97:
            u, v, rel, zh = rng.choice(orgs), rng.choice(regions), "locatedIn", "位于"
        else:
            u, v, rel, zh = rng.choice(regions), rng.choice(regions), "renamedTo", "更名为"
        start = rng.randrange(1996, 2022) if rel == "pairsWith" else None
        end = start + rng.randrange(1, 10) if start is not None and rng.random() < 0.2 else None
        g.add_edge(
            u,
            v,
            key=iri(f"fact/{k}"),
            relation=rel,
            label=zh,
            start_year=start,
            end_year=end,
            evidence=[_ev(f"doc{k % 50}.txt", f"第{k}条事实", k, "random")],
        )
    return g
