"""Questions researchers ask of the pairing network, answered as plain data.

Every function takes the helper → recipient network (``Corpus.network()`` or
:func:`shanhai.graph.network.pairing_network`) and returns lists, dicts or
DataFrames; none draws or writes.  Edges other than ``pairsWith`` are ignored,
so the full projection works too.  Parallel edges between the same two regions
count once: the questions are about who is paired with whom.

Snapshots: a pairing is active in year ``y`` when its stated start is ``<= y``
and its stated end, if any, is ``>= y``.  A pairing whose text gives no year is
*undated*; snapshots leave it out unless asked (``undated=True``), because the
corpus does not say when it held.

    >>> from shanhai.graph import analysis
    >>> g = kg.network()
    >>> analysis.top_helpers(g, 3)
    >>> snaps = analysis.snapshots(g)                 # 1996, 2010, 2016, 2021
    >>> analysis.changes(snaps)                       # pairings added / removed
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

__all__ = [
    "SNAPSHOT_YEARS",
    "Diff",
    "amount_roles",
    "amounts_by_subject",
    "amounts_by_year",
    "betweenness",
    "bipartite_view",
    "changes",
    "co_helpers",
    "component_table",
    "components",
    "degrees",
    "diff",
    "pairings_graph",
    "pairs",
    "snapshot",
    "snapshot_summary",
    "snapshots",
    "top_helpers",
    "top_recipients",
]

#: The years the notebooks compare: launch, the 2010 Zhejiang–Sichuan adjustment,
#: the 2016 guideline, and the 2021 renaming to 东西部协作.
SNAPSHOT_YEARS: tuple[int, ...] = (1996, 2010, 2016, 2021)

_PAIRS_WITH = "pairsWith"


def _label(g: nx.Graph, node: Any) -> str:
    return str(g.nodes[node].get("label") or node)


def _name(g: nx.Graph, node: Any) -> str:
    return str(g.nodes[node].get("name") or _label(g, node))


# --------------------------------------------------------------------------- the simple view


def pairings_graph(g: nx.MultiDiGraph) -> nx.DiGraph:
    """The pairings as a simple DiGraph: one edge per (helper, recipient).

    Node attributes are copied; each edge keeps the earliest ``start_year``, the
    latest ``end_year`` and ``evidence`` (how many quotes support it).
    """
    out = nx.DiGraph()
    for u, v, data in g.edges(data=True):
        if data.get("relation", _PAIRS_WITH) != _PAIRS_WITH:
            continue
        for node in (u, v):
            if node not in out:
                out.add_node(node, **g.nodes[node])
        start, end = data.get("start_year"), data.get("end_year")
        n_evidence = len(data.get("evidence") or ())
        if out.has_edge(u, v):
            old = out.edges[u, v]
            starts = [y for y in (old["start_year"], start) if y is not None]
            ends = [y for y in (old["end_year"], end) if y is not None]
            old["start_year"] = min(starts) if starts else None
            old["end_year"] = max(ends) if ends else None
            old["evidence"] += n_evidence
        else:
            out.add_edge(u, v, start_year=start, end_year=end, evidence=n_evidence)
    return out


def pairs(g: nx.Graph) -> list[tuple[str, str]]:
    """The distinct (helper, recipient) node pairs, sorted."""
    simple = g if isinstance(g, nx.DiGraph) and not g.is_multigraph() else pairings_graph(g)
    return sorted((str(u), str(v)) for u, v in simple.edges())


# --------------------------------------------------------------------------- degree and centrality


def degrees(g: nx.MultiDiGraph) -> pd.DataFrame:
    """Per region: how many recipients it helps, how many helpers it has.

    Columns: ``node``, ``label``, ``name``, ``cls``, ``recipients``
    (out-degree), ``helpers`` (in-degree), ``degree`` (distinct partners),
    ``lon``, ``lat``.  Sorted by degree, then name.
    """
    import pandas as pd

    simple = pairings_graph(g)
    rows = []
    for node in simple:
        partners = set(simple.successors(node)) | set(simple.predecessors(node))
        rows.append({
            "node": node,
            "label": _label(simple, node),
            "name": _name(simple, node),
            "cls": simple.nodes[node].get("cls"),
            "recipients": simple.out_degree(node),
            "helpers": simple.in_degree(node),
            "degree": len(partners),
            "lon": simple.nodes[node].get("lon"),
            "lat": simple.nodes[node].get("lat"),
        })
    frame = pd.DataFrame(rows, columns=["node", "label", "name", "cls", "recipients", "helpers",
                                        "degree", "lon", "lat"])
    return frame.sort_values(["degree", "name"], ascending=[False, True]).reset_index(drop=True)


def top_helpers(g: nx.MultiDiGraph, n: int | None = 10) -> pd.DataFrame:
    """The helpers serving the most recipients, with those recipients listed."""
    return _top(g, n, "recipients", lambda s, node: s.successors(node))


def top_recipients(g: nx.MultiDiGraph, n: int | None = 10) -> pd.DataFrame:
    """The recipients with the most helpers, with those helpers listed."""
    return _top(g, n, "helpers", lambda s, node: s.predecessors(node))


def _top(g: nx.MultiDiGraph, n: int | None, column: str, partners: Any) -> pd.DataFrame:
    simple = pairings_graph(g)
    frame = degrees(g)
    frame = frame[frame[column] > 0].sort_values([column, "name"], ascending=[False, True])
    other = "recipient_names" if column == "recipients" else "helper_names"
    frame[other] = [
        "、".join(sorted(_label(simple, p) for p in partners(simple, node))) for node in frame["node"]
    ]
    frame = frame[["name", "label", "cls", column, other, "node"]]
    return (frame if n is None else frame.head(n)).reset_index(drop=True)


def betweenness(g: nx.MultiDiGraph, *, normalized: bool = True) -> pd.DataFrame:
    """Betweenness centrality on the undirected pairing graph: who bridges clusters.

    Treated as undirected, since a region links two groups whether it gives or
    receives.  Columns: ``name``, ``label``, ``betweenness``, ``node``; sorted
    high to low.
    """
    import pandas as pd

    simple = pairings_graph(g).to_undirected()
    scores = nx.betweenness_centrality(simple, normalized=normalized)
    rows = [{"name": _name(simple, node), "label": _label(simple, node),
             "betweenness": round(score, 6), "node": node} for node, score in scores.items()]
    frame = pd.DataFrame(rows, columns=["name", "label", "betweenness", "node"])
    return frame.sort_values(["betweenness", "name"], ascending=[False, True]).reset_index(drop=True)


# --------------------------------------------------------------------------- structure


def components(g: nx.MultiDiGraph) -> list[list[str]]:
    """Weakly connected components as lists of node ids, largest first."""
    simple = pairings_graph(g)
    parts = [sorted(c, key=lambda n: (_name(simple, n), n)) for c in nx.weakly_connected_components(simple)]
    return sorted(parts, key=lambda c: (-len(c), _name(simple, c[0])))


def component_table(g: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per connected component: size, its helpers and its recipients."""
    import pandas as pd

    simple = pairings_graph(g)
    rows = []
    for i, members in enumerate(components(g), start=1):
        helpers = [m for m in members if simple.out_degree(m)]
        recipients = [m for m in members if simple.in_degree(m)]
        rows.append({
            "component": i,
            "regions": len(members),
            "pairings": simple.subgraph(members).number_of_edges(),
            "helpers": "、".join(_label(simple, m) for m in helpers),
            "recipients": "、".join(_label(simple, m) for m in recipients),
        })
    return pd.DataFrame(rows, columns=["component", "regions", "pairings", "helpers", "recipients"])


def bipartite_view(g: nx.MultiDiGraph) -> nx.Graph:
    """The helper–recipient bipartite graph.

    Nodes are ``("helper", node)`` (``bipartite=0``) and ``("recipient", node)``
    (``bipartite=1``), so a region that both gives and receives appears once on
    each side.  Node attributes are copied from ``g``.
    """
    simple = pairings_graph(g)
    out = nx.Graph()
    for u, v, data in simple.edges(data=True):
        out.add_node(("helper", u), bipartite=0, **simple.nodes[u])
        out.add_node(("recipient", v), bipartite=1, **simple.nodes[v])
        out.add_edge(("helper", u), ("recipient", v), **data)
    return out


def co_helpers(g: nx.MultiDiGraph) -> pd.DataFrame:
    """Pairs of helpers that share recipients: the helper-side bipartite projection.

    Columns: ``helper_a``, ``helper_b`` (labels), ``shared`` (how many
    recipients), ``recipients`` (their labels).  Sorted by ``shared``.
    """
    import pandas as pd
    from networkx.algorithms import bipartite

    view = bipartite_view(g)
    helpers = {n for n, d in view.nodes(data=True) if d["bipartite"] == 0}
    projected = bipartite.weighted_projected_graph(view, helpers)
    rows = []
    for a, b, data in projected.edges(data=True):
        (a, b) = sorted((a, b), key=lambda n: (_label(view, n), n))
        shared = sorted(set(view[a]) & set(view[b]), key=lambda n: _label(view, n))
        rows.append({
            "helper_a": _label(view, a),
            "helper_b": _label(view, b),
            "shared": int(data["weight"]),
            "recipients": "、".join(_label(view, r) for r in shared),
        })
    frame = pd.DataFrame(rows, columns=["helper_a", "helper_b", "shared", "recipients"])
    return frame.sort_values(["shared", "helper_a", "helper_b"], ascending=[False, True, True]
                             ).reset_index(drop=True)


# --------------------------------------------------------------------------- snapshots


def _active(start: int | None, end: int | None, year: int, undated: bool) -> bool:
    if start is None:
        return undated and (end is None or end >= year)
    return start <= year and (end is None or end >= year)


def snapshot(g: nx.MultiDiGraph, year: int, *, undated: bool = False) -> nx.DiGraph:
    """The pairings active in ``year``, as a simple DiGraph (regions without one dropped)."""
    simple = pairings_graph(g)
    keep = [(u, v) for u, v, d in simple.edges(data=True)
            if _active(d["start_year"], d["end_year"], year, undated)]
    out = nx.DiGraph(year=year)
    for u, v in keep:
        out.add_node(u, **simple.nodes[u])
        out.add_node(v, **simple.nodes[v])
        out.add_edge(u, v, **simple.edges[u, v])
    return out


def snapshots(
    g: nx.MultiDiGraph, years: Iterable[int] = SNAPSHOT_YEARS, *, undated: bool = False
) -> dict[int, nx.DiGraph]:
    """:func:`snapshot` for each year, in year order."""
    return {year: snapshot(g, year, undated=undated) for year in sorted(set(years))}


@dataclass(frozen=True)
class Diff:
    """How the pairings changed between two snapshots (node-id pairs, sorted)."""

    before: int | None
    after: int | None
    added: tuple[tuple[str, str], ...]
    removed: tuple[tuple[str, str], ...]
    kept: tuple[tuple[str, str], ...]


def diff(before: nx.DiGraph, after: nx.DiGraph) -> Diff:
    """Pairings added, removed and kept going from ``before`` to ``after``."""
    a, b = set(pairs(before)), set(pairs(after))
    return Diff(
        before=before.graph.get("year"),
        after=after.graph.get("year"),
        added=tuple(sorted(b - a)),
        removed=tuple(sorted(a - b)),
        kept=tuple(sorted(a & b)),
    )


def changes(snaps: Mapping[int, nx.DiGraph]) -> pd.DataFrame:
    """What changed between consecutive snapshots, one row per pairing added or removed.

    The first snapshot is compared with an empty network, so its pairings show
    as added.  Columns: ``year``, ``since`` (the previous snapshot's year),
    ``change`` (``added`` / ``removed``), ``helper``, ``recipient`` (names),
    ``start_year``, ``end_year``.
    """
    import pandas as pd

    rows = []
    previous: nx.DiGraph = nx.DiGraph()
    since: int | None = None
    for year in sorted(snaps):
        current = snaps[year]
        d = diff(previous, current)
        for change, items, source in (("added", d.added, current), ("removed", d.removed, previous)):
            for u, v in items:
                data = source.edges[u, v]
                rows.append({
                    "year": year, "since": since, "change": change,
                    "helper": _name(source, u), "recipient": _name(source, v),
                    "start_year": data.get("start_year"), "end_year": data.get("end_year"),
                })
        previous, since = current, year
    frame = pd.DataFrame(rows, columns=["year", "since", "change", "helper", "recipient",
                                        "start_year", "end_year"])
    for col in ("since", "start_year", "end_year"):
        frame[col] = frame[col].astype("Int64")
    return frame


def snapshot_summary(snaps: Mapping[int, nx.DiGraph]) -> pd.DataFrame:
    """Size of each snapshot: regions, pairings, helpers, recipients, components."""
    import pandas as pd

    rows = []
    for year in sorted(snaps):
        s = snaps[year]
        rows.append({
            "year": year,
            "regions": s.number_of_nodes(),
            "pairings": s.number_of_edges(),
            "helpers": sum(1 for n in s if s.out_degree(n)),
            "recipients": sum(1 for n in s if s.in_degree(n)),
            "components": nx.number_weakly_connected_components(s) if len(s) else 0,
        })
    return pd.DataFrame(rows, columns=["year", "regions", "pairings", "helpers", "recipients",
                                       "components"])


# --------------------------------------------------------------------------- amounts


def amount_roles(g: nx.MultiDiGraph) -> dict[str, str]:
    """Region IRI → ``helper``, ``recipient`` or ``both``, from the pairing network."""
    simple = pairings_graph(g)
    roles = {}
    for node in simple:
        gives, gets = simple.out_degree(node) > 0, simple.in_degree(node) > 0
        roles[str(node)] = "both" if gives and gets else ("helper" if gives else "recipient")
    return roles


def _with_roles(amounts: pd.DataFrame, roles: Mapping[str, str]) -> pd.DataFrame:
    frame = amounts.copy()
    iris = frame["subject_iri"] if "subject_iri" in frame else [None] * len(frame)
    frame["role"] = [roles.get(str(i), "other") if isinstance(i, str) else "none" for i in iris]
    return frame


def amounts_by_subject(
    amounts: pd.DataFrame, roles: Mapping[str, str] | None = None, *, unit: str = "元"
) -> pd.DataFrame:
    """Stated amounts grouped by what they are about, with the region's role.

    ``amounts`` is ``Corpus.amounts()``; ``roles`` from :func:`amount_roles`.
    Figures are not de-duplicated or adjusted: ``total`` is the sum of what the
    texts state (the same money can be reported twice), so read ``figures`` and
    ``largest`` alongside it.  Amounts with no subject are grouped as
    ``（未归属）``.  Columns: ``subject``, ``role``, ``figures``, ``total``,
    ``largest``, ``years``.
    """
    frame = _with_roles(amounts[amounts["unit"] == unit], roles or {})
    frame["subject"] = frame["subject"].fillna("（未归属）")
    grouped = frame.groupby(["subject", "role"], dropna=False)
    out = grouped.agg(figures=("value", "size"), total=("value", "sum"), largest=("value", "max"))
    out["years"] = grouped["year"].agg(
        lambda s: "、".join(str(int(y)) for y in sorted(set(s.dropna())))
    )
    out = out.reset_index()
    return out.sort_values(["total", "subject"], ascending=[False, True]).reset_index(drop=True)


def amounts_by_year(amounts: pd.DataFrame, *, unit: str = "元") -> pd.DataFrame:
    """Stated amounts in ``unit`` per year the text ties them to (undated ones left out).

    Columns: ``year``, ``figures``, ``total``, ``largest`` (same caveat as
    :func:`amounts_by_subject`: sums of stated figures).
    """
    frame = amounts[(amounts["unit"] == unit) & amounts["year"].notna()].copy()
    frame["year"] = frame["year"].astype(int)
    out = frame.groupby("year").agg(figures=("value", "size"), total=("value", "sum"),
                                    largest=("value", "max"))
    return out.reset_index()

