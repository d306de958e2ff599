"""The networkx projection of the dataset, for the page and for analysis.

Nodes are regions, region groups, programs, organisations and years; edges are
the facts between them, keyed by the fact's IRI.  Node attributes: ``label``
(short name), ``name`` (full name), ``cls``, ``code``, ``lon``, ``lat``,
``evidence``.  Edge attributes: ``relation``, ``label`` (Chinese),
``start_year``, ``end_year``, ``evidence`` (dicts with doc, start, end, quote,
rule).  Functions take a dataset or graph and return plain data.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from . import iri
from .iri import SH

GEO_LAT = URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat")
GEO_LONG = URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#long")

RELATION_LABELS = {
    "pairsWith": "对口帮扶",
    "partOf": "隶属",
    "startedIn": "始于",
    "locatedIn": "位于",
    "renamedTo": "更名为",
}
_CLASSES = {
    SH.Province: "Province", SH.Prefecture: "Prefecture", SH.County: "County",
    SH.Township: "Township", SH.Village: "Village", SH.RegionGroup: "RegionGroup",
    SH.Program: "Program", SH.Policy: "Program", SH.Plan: "Program", SH.Meeting: "Program",
    SH.Project: "Program", SH.Organization: "Organization",
}
_STATEMENT_RELATIONS = {SH.startedIn: "startedIn", SH.partOf: "partOf", SH.locatedIn: "locatedIn",
                        SH.renamedTo: "renamedTo"}


def _zh(ds: Dataset, node: URIRef, pred: URIRef) -> str | None:
    values = sorted(str(o) for o in ds.objects(node, pred)
                    if isinstance(o, Literal) and (o.language or "").lower() == "zh")
    return values[0] if values else None


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


def _evidence(ds: Dataset, fact: URIRef) -> list[dict[str, Any]]:
    out = []
    for ev in ds.objects(fact, PROV.wasDerivedFrom):
        doc = ds.value(ev, SH.sourceDocument)
        out.append({
            "doc": str(ds.value(doc, DCTERMS.identifier)) if doc is not None else "",
            "start": int(str(ds.value(ev, SH.charStart))),
            "end": int(str(ds.value(ev, SH.charEnd))),
            "quote": str(ds.value(ev, SH.quote)),
            "rule": str(ds.value(ev, SH.rule) or ""),
        })
    return sorted(out, key=lambda e: (e["doc"], e["start"], e["end"], e["rule"]))


def project(ds: Dataset, *, year: int | None = None, include_part_of: bool = True) -> nx.MultiDiGraph:
    """The knowledge graph as a MultiDiGraph; ``year`` keeps only pairings active then."""
    ds = _union(ds)
    g = nx.MultiDiGraph()

    def add_node(node: URIRef) -> None:
        if node in g:
            return
        cls = next((_CLASSES[c] for c in ds.objects(node, RDF.type) if c in _CLASSES), None)
        if cls is None:
            cls = "Year" if str(node).startswith(str(iri.ID) + "year/") else "Region"
        name = _zh(ds, node, SH.fullName) or _zh(ds, node, RDFS.label) or str(node).rsplit("/", 1)[-1]
        label = _zh(ds, node, SH.shortName) or _zh(ds, node, RDFS.label) or name
        lat, lon = ds.value(node, GEO_LAT), ds.value(node, GEO_LONG)
        g.add_node(
            str(node),
            label=label,
            name=name,
            cls=cls,
            code=str(ds.value(node, SH.adminCode) or ""),
            lat=float(str(lat)) if lat is not None else None,
            lon=float(str(lon)) if lon is not None else None,
            evidence=[],
        )

    pairings = sorted(f for f in ds.subjects(RDF.type, SH.Pairing) if isinstance(f, URIRef))
    for fact in pairings:
        helper, recipient = ds.value(fact, SH.helper), ds.value(fact, SH.recipient)
        if not isinstance(helper, URIRef) or not isinstance(recipient, URIRef):
            continue
        starts = sorted(y for y in (_year(v) for v in ds.objects(fact, SH.startYear)) if y)
        ends = sorted(y for y in (_year(v) for v in ds.objects(fact, SH.endYear)) if y)
        start, end = (starts[0] if starts else None), (ends[-1] if ends else None)
        if year is not None and ((start is not None and start > year) or (end is not None and end < year)):
            continue
        add_node(helper)
        add_node(recipient)
        g.add_edge(str(helper), str(recipient), key=str(fact), relation="pairsWith",
                   label=RELATION_LABELS["pairsWith"], start_year=start, end_year=end,
                   evidence=_evidence(ds, fact))
    statements: dict[tuple[URIRef, str, URIRef], list[URIRef]] = defaultdict(list)
    for node in ds.subjects(RDF.type, RDF.Statement):
        fact = URIRef(str(node))
        pred = ds.value(fact, RDF.predicate)
        if not isinstance(node, URIRef) or not isinstance(pred, URIRef) or pred not in _STATEMENT_RELATIONS:
            continue
        relation = _STATEMENT_RELATIONS[pred]
        if relation == "partOf" and not include_part_of:
            continue
        subj, value = ds.value(fact, RDF.subject), ds.value(fact, RDF.object)
        if not isinstance(subj, URIRef) or value is None:
            continue
        if isinstance(value, Literal):
            y = _year(value)
            if y is None:
                continue
            value = iri.year(y)
        if isinstance(value, URIRef):
            statements[(subj, relation, value)].append(fact)
    for (subj, relation, obj), facts in sorted(statements.items()):
        add_node(subj)
        if str(obj) not in g:
            if relation == "startedIn":
                y = int(str(obj).rsplit("/", 1)[-1])
                g.add_node(str(obj), label=str(y), name=f"{y}年", cls="Year", code="", lat=None,
                           lon=None, evidence=[])
            else:
                add_node(obj)
        evidence = sorted((e for f in facts for e in _evidence(ds, f)),
                          key=lambda e: (e["doc"], e["start"], e["end"], e["rule"]))
        y0 = int(str(obj).rsplit("/", 1)[-1]) if relation == "startedIn" else None
        g.add_edge(str(subj), str(obj), key=str(sorted(facts)[0]), relation=relation,
                   label=RELATION_LABELS[relation], start_year=y0, end_year=None, evidence=evidence)
    return g


def _union(ds: Dataset) -> Dataset:
    if getattr(ds, "default_union", False):
        return ds
    union = Dataset(default_union=True)
    for g in ds.graphs():
        target = union.graph(g.identifier)
        for t in g:
            target.add(t)
    return union


def pairing_network(ds: Dataset, year: int | None = None) -> nx.MultiDiGraph:
    """Only the pairings (helper → recipient), optionally as they stood in ``year``."""
    g = project(ds, year=year, include_part_of=False)
    keep = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["relation"] != "pairsWith"]
    g.remove_edges_from(keep)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g
