"""A built graph in the standard formats: Turtle, TriG, N-Quads, JSON-LD and GraphML.

Every writer is deterministic (sorted, no blank nodes, no timestamps), so an
export can be diffed and committed like the build outputs.

* ``turtle`` is the union of all graphs (like graph.ttl); ``trig`` and
  ``nquads`` keep the named graphs (one per document, plus the background).
* ``jsonld`` embeds the published context (``ontology/context.jsonld``,
  generated from the ontology), so it parses offline; terms are the ontology's
  local names (``helper``, ``charStart`` …) with their datatypes.
* ``graphml`` is the networkx projection (:func:`~.network.project`) with every
  attribute a string or number — GraphML holds no lists, dicts or nulls — so
  Gephi and ``networkx.read_graphml`` read it: evidence becomes a count and a
  JSON string, types a space-separated list of class IRIs.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, Dataset, URIRef

from ..ontology import files
from .io import read_dataset, trig_text, turtle_text, union_triples

FORMATS: Mapping[str, str] = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "jsonld": ".jsonld",
    "graphml": ".graphml",
}

#: Where the JSON-LD context is published (the same text as ontology/context.jsonld).
CONTEXT_URL = "https://w3id.org/shanhai/ontology/context.jsonld"


class ExportError(ValueError):
    """An export that cannot be made as asked; the message lists what would work."""


def format_for(path: Path) -> str:
    """The export format a file name implies (``.ttl`` → turtle …)."""
    for fmt, suffix in FORMATS.items():
        if path.name.endswith(suffix) or (fmt == "jsonld" and path.suffix == ".json"):
            return fmt
    raise ExportError(f"cannot tell the format of {path.name!r}; "
                      f"use --format ({', '.join(FORMATS)})")


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context object (the value of ``@context``)."""
    data = json.loads(files.context_path().read_text(encoding="utf-8"))
    ctx: dict[str, Any] = data["@context"]
    return ctx


def export_text(ds: Dataset, fmt: str) -> str:
    """The dataset in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "turtle":
        return turtle_text(union_triples(ds))
    if fmt == "trig":
        return trig_text(ds)
    if fmt == "nquads":
        return nquads_text(ds)
    if fmt == "jsonld":
        return jsonld_text(ds)
    if fmt == "graphml":
        return graphml_text(ds)
    raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export(source: Path, fmt: str) -> str:
    """Read a build output folder (or graph file) and return it in ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return export_text(read_dataset(source), fmt)


# ------------------------------------------------------------------ RDF


def nquads_text(ds: Dataset) -> str:
    """N-Quads, one line per quad, sorted (so the same dataset gives the same bytes)."""
    text = ds.serialize(format="nquads")
    # split on "\n" only: splitlines() would also cut literals at U+2028, U+0085, \x0b …
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return "".join(line + "\n" for line in lines)


def _canonical(value: Any) -> Any:
    """Sort every JSON-LD array by its canonical JSON (no array here is an ordered @list)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def jsonld_text(ds: Dataset) -> str:
    """Compacted JSON-LD with the shanhai context embedded; named graphs as nested ``@graph``."""
    ctx = context()
    raw = json.loads(ds.serialize(format="json-ld", context=ctx, auto_compact=True))
    body = {k: v for k, v in raw.items() if k != "@context"}
    if "@graph" not in body:  # a single node or graph comes back unwrapped
        body = {"@graph": [body]} if body else {"@graph": []}
    doc = {"@context": ctx, **_canonical(body)}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ------------------------------------------------------------------ GraphML


def _flat(value: Any) -> str | int | float | bool | None:
    """A GraphML-safe attribute value (None means: leave the attribute out)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def graphml_graph(ds: Dataset) -> nx.MultiDiGraph:
    """The projection with flat attributes: what :func:`graphml_text` writes."""
    from .network import project

    union = ds if getattr(ds, "default_union", False) else _union(ds)
    source = project(union)
    g = nx.MultiDiGraph(name="shanhai")
    for node in sorted(source.nodes):
        data = dict(source.nodes[node])
        evidence = data.pop("evidence", None) or []
        attrs = {k: _flat(v) for k, v in sorted(data.items())}
        types = sorted(str(t) for t in union.objects(URIRef(node), RDF.type))
        attrs["types"] = " ".join(types)
        attrs["evidence_count"] = len(evidence)
        attrs["evidence"] = _flat(evidence)
        g.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
    edges = sorted(source.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for u, v, key, data in edges:
        data = dict(data)
        evidence = data.pop("evidence", None) or []
        attrs = {k: _flat(val) for k, val in sorted(data.items())}
        attrs["fact"] = str(key)
        attrs["evidence_count"] = len(evidence)
        attrs["evidence"] = _flat(evidence)
        g.add_edge(u, v, key=str(key), **{k: val for k, val in attrs.items() if val is not None})
    return g


def graphml_text(ds: Dataset) -> str:
    """GraphML in UTF-8 (Chinese as text, not character references)."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_graph(ds), buffer, encoding="utf-8", prettyprint=True)
    text = buffer.getvalue().decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def _union(ds: Dataset) -> Dataset:
    union = Dataset(default_union=True)
    for g in ds.graphs():
        target = union.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return union
