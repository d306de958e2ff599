"""Network analyses: expectations read from the seed texts, and exact semantics on small graphs."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms import bipartite
from shanhai.graph import analysis

import shanhai
from shanhai.api import Corpus


@pytest.fixture(scope="module")
def kg(seed_out: Path) -> Corpus:
    return shanhai.load(seed_out)


@pytest.fixture(scope="module")
def net(kg: Corpus) -> nx.MultiDiGraph:
    return kg.network()


def _names(g: nx.Graph, pairs: object) -> set[tuple[str, str]]:
    return {(g.nodes[u]["name"], g.nodes[v]["name"]) for u, v in pairs}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- on the seed graph
# The seeds say: 浙江 helps 广元 and 南充 (1996), then the Tibetan prefectures 甘孜, 阿坝 and 凉山
# (2010-2012), with its cities 杭州, 湖州, 绍兴 and 金华 paired with 甘孜 (2013); 福建 helps
# 宁夏 (闽宁, 1996) and nobody else in the corpus; 台州, 湖州 and 丽水 pair with 广元 in 2018.


def test_zhejiang_serves_the_most_recipients(net: nx.MultiDiGraph) -> None:
    top = analysis.top_helpers(net, 3)
    assert top["name"].iloc[0] == "浙江省"
    assert top["recipients"].iloc[0] >= 5
    assert {"广元", "南充", "甘孜"} <= set(top["recipient_names"].iloc[0].split("、"))
    assert top["recipients"].tolist() == sorted(top["recipients"], reverse=True)


def test_ganzi_is_among_the_recipients_with_most_helpers(net: nx.MultiDiGraph) -> None:
    top = analysis.top_recipients(net, 5)
    row = top[top["name"] == "四川省甘孜藏族自治州"]
    assert len(row) == 1 and row["helpers"].iloc[0] >= 4
    assert {"杭州", "湖州", "绍兴", "金华"} <= set(row["helper_names"].iloc[0].split("、"))
    assert "四川省广元市" in set(top["name"])


def test_degree_table_is_consistent(net: nx.MultiDiGraph) -> None:
    table = analysis.degrees(net)
    n_pairs = len(analysis.pairs(net))
    assert table["recipients"].sum() == table["helpers"].sum() == n_pairs
    assert (table["degree"] <= table["recipients"] + table["helpers"]).all()
    zhejiang = table[table["name"] == "浙江省"].iloc[0]
    assert zhejiang["cls"] == "Province" and 119 < zhejiang["lon"] < 121


def test_zhejiang_bridges_the_network(net: nx.MultiDiGraph) -> None:
    scores = analysis.betweenness(net)
    assert "浙江省" in set(scores["name"].head(3))
    assert scores["betweenness"].is_monotonic_decreasing
    assert ((scores["betweenness"] >= 0) & (scores["betweenness"] <= 1)).all()


def test_components(net: nx.MultiDiGraph) -> None:
    parts = analysis.components(net)
    assert [len(p) for p in parts] == sorted((len(p) for p in parts), reverse=True)
    largest = {net.nodes[n]["name"] for n in parts[0]}
    assert {"浙江省", "四川省广元市", "四川省甘孜藏族自治州"} <= largest
    names = [{net.nodes[n]["name"] for n in p} for p in parts]
    assert {"福建省", "宁夏回族自治区"} in names  # 闽宁 stands alone
    table = analysis.component_table(net)
    assert table["regions"].tolist() == [len(p) for p in parts]
    assert table["pairings"].sum() == len(analysis.pairs(net))


def test_bipartite_view_and_co_helpers(net: nx.MultiDiGraph) -> None:
    view = analysis.bipartite_view(net)
    assert bipartite.is_bipartite(view)
    helpers = {n for n, side in view.nodes(data="bipartite") if side == 0}
    assert all(n[0] == "helper" for n in helpers)
    assert view.number_of_edges() == len(analysis.pairs(net))
    co = analysis.co_helpers(net)
    row = co[(co["helper_a"] == "杭州") & (co["helper_b"] == "湖州")]
    assert len(row) == 1 and "甘孜" in row["recipients"].iloc[0].split("、")
    assert co["shared"].is_monotonic_decreasing


def test_snapshots_of_the_seed_network(net: nx.MultiDiGraph) -> None:
    snaps = analysis.snapshots(net)
    assert list(snaps) == [1996, 2010, 2016, 2021]
    y1996, y2021 = _names(net, snaps[1996].edges()), _names(net, snaps[2021].edges())
    assert {("浙江省", "四川省广元市"), ("福建省", "宁夏回族自治区"),
            ("北京市", "内蒙古自治区")} <= y1996
    late = {("浙江省丽水市", "四川省广元市"), ("浙江省台州市", "四川省广元市"),
            ("浙江省湖州市", "四川省广元市")}
    assert late <= y2021 and not late & y1996
    assert ("山东省青岛市", "甘肃省陇南市") in _names(net, snaps[2016].edges())
    changes = analysis.changes(snaps)
    added_2021 = changes[(changes["year"] == 2021) & (changes["change"] == "added")]
    assert late <= set(zip(added_2021["helper"], added_2021["recipient"], strict=True))
    assert (added_2021["start_year"] == 2018).all() and (added_2021["since"] == 2016).all()
    summary = analysis.snapshot_summary(snaps)
    assert summary["pairings"].tolist() == [s.number_of_edges() for s in snaps.values()]
    # undated pairings only ever add to a snapshot
    with_undated = analysis.snapshots(net, undated=True)
    for year in snaps:
        assert set(snaps[year].edges()) <= set(with_undated[year].edges())


def test_amounts_by_subject_and_year(kg: Corpus, net: nx.MultiDiGraph) -> None:
    money = kg.amounts(unit="元")
    roles = analysis.amount_roles(net)
    assert roles["https://w3id.org/shanhai/id/region/330000"] == "helper"
    assert roles["https://w3id.org/shanhai/id/region/510800"] == "recipient"
    by_subject = analysis.amounts_by_subject(money, roles)
    assert by_subject["figures"].sum() == len(money)
    zhejiang = by_subject[by_subject["subject"] == "浙江省"].iloc[0]
    assert zhejiang["role"] == "helper"
    assert zhejiang["total"] == pytest.approx(money.loc[money["subject"] == "浙江省", "value"].sum())
    by_year = analysis.amounts_by_year(money)
    assert by_year["figures"].sum() == money["year"].notna().sum()
    assert by_year["year"].is_monotonic_increasing
    row = by_year[by_year["year"] == 2013].iloc[0]  # 浙江省每年安排帮扶四川藏区资金 1.37 亿元
    assert row["largest"] >= 1.37e8


# --------------------------------------------------------------------------- exact semantics


def _toy() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, lat in (("A", 30), ("B", 31), ("C", 32), ("X", 25), ("Y", 26), ("Z", 27)):
        g.add_node(node, label=node, name=f"{node}省", cls="Province", lat=lat, lon=100 + lat)
    g.add_edge("A", "X", key="p1", relation="pairsWith", start_year=1996, end_year=2010,
               evidence=[{}])
    g.add_edge("A", "X", key="p2", relation="pairsWith", start_year=1994, end_year=None,
               evidence=[{}, {}])  # read again: an earlier start, no end stated
    g.add_edge("B", "Y", key="p3", relation="pairsWith", start_year=2013, end_year=2015,
               evidence=[{}])
    g.add_edge("C", "Z", key="p4", relation="pairsWith", start_year=None, end_year=None,
               evidence=[{}])
    g.add_edge("B", "C", key="s1", relation="partOf", start_year=None, end_year=None,
               evidence=[{}])
    return g


def test_parallel_pairings_merge_and_other_relations_are_ignored() -> None:
    simple = analysis.pairings_graph(_toy())
    assert sorted(simple.edges()) == [("A", "X"), ("B", "Y"), ("C", "Z")]
    assert simple.edges["A", "X"] == {"start_year": 1994, "end_year": 2010, "evidence": 3}


@pytest.mark.parametrize(("year", "undated", "expected"), [
    (1993, False, set()),
    (1994, False, {("A", "X")}),
    (2010, False, {("A", "X")}),  # the end year is inclusive
    (2011, False, set()),  # one reading's end holds: no stated end is not an open end
    (2015, False, {("B", "Y")}),
    (2016, False, set()),
    (2016, True, {("C", "Z")}),
])
def test_snapshot_semantics(year: int, undated: bool, expected: set[tuple[str, str]]) -> None:
    snap = analysis.snapshot(_toy(), year, undated=undated)
    assert set(snap.edges()) == expected
    assert snap.graph["year"] == year
    assert all(snap.degree(n) for n in snap)


def test_diff_and_changes() -> None:
    snaps = analysis.snapshots(_toy(), [2016, 2014, 1990])
    assert list(snaps) == [1990, 2014, 2016]
    d = analysis.diff(snaps[2014], snaps[2016])
    assert (d.before, d.after) == (2014, 2016)
    assert d.added == () and d.removed == (("B", "Y"),) and d.kept == ()
    table = analysis.changes(snaps)
    assert table[["year", "change", "helper", "recipient"]].values.tolist() == [
        [2014, "added", "B省", "Y省"],
        [2016, "removed", "B省", "Y省"],
    ]
    assert table["since"].tolist() == [1990, 2014]


def test_roles_mark_regions_that_both_give_and_receive() -> None:
    g = _toy()
    g.add_edge("X", "Y", key="p5", relation="pairsWith", start_year=2000, end_year=None,
               evidence=[])
    roles = analysis.amount_roles(g)
    assert (roles["A"], roles["X"], roles["Y"]) == ("helper", "both", "recipient")
    view = analysis.bipartite_view(g)
    assert ("helper", "X") in view and ("recipient", "X") in view
