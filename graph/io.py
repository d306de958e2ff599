"""Canonical serialisation and atomic file writes.

rdflib's serialisers do not promise a stable order, so graphs are written here:
prefixes first, then graphs by IRI, subjects in sorted order, ``rdf:type``
first, then predicates and objects sorted.  The same dataset always gives the
same bytes, whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from .iri import ONTOLOGY, RESOURCE

PREFIXES: dict[str, str] = {
    "shanhai": ONTOLOGY,
    "id": RESOURCE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
}


def bind_prefixes(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def current_umask() -> int:
    """The process umask (reading it means setting it; it is put straight back)."""
    current = os.umask(0)
    os.umask(current)
    return current


# ------------------------------------------------------------------ writing


def _nsm() -> NamespaceManager:
    g = Graph(bind_namespaces="none")
    bind_prefixes(g)
    return g.namespace_manager


def _term(node: Node, nsm: NamespaceManager) -> str:
    if isinstance(node, BNode):
        raise ValueError("blank nodes are not allowed in shanhai output")
    if isinstance(node, URIRef):
        return node.n3(nsm)
    if isinstance(node, Literal):
        return node.n3(nsm)
    raise TypeError(f"cannot serialise {node!r}")


def _sort_key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, Literal):
        return (1, str(node), node.language or "", str(node.datatype or ""))
    return (0, str(node), "", "")


def _block(triples: Iterable[tuple[Node, Node, Node]], nsm: NamespaceManager, indent: str) -> Iterator[str]:
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    for s in sorted(by_subject, key=_sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, str(p)))
        lines = []
        for p in order:
            objs = sorted(set(preds[p]), key=_sort_key)
            pred = "a" if p == RDF.type else _term(p, nsm)
            lines.append(f"{pred} " + ", ".join(_term(o, nsm) for o in objs))
        body = f" ;\n{indent}    ".join(lines)
        yield f"{indent}{_term(s, nsm)}\n{indent}    {body} .\n"


def _header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


def trig_text(ds: Dataset) -> str:
    nsm = _nsm()
    parts = [_header()]
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    for g in graphs:
        if str(g.identifier) == "urn:x-rdflib:default":
            parts.extend(_block(g, nsm, ""))
            parts.append("\n")
            continue
        parts.append(f"{_term(URIRef(str(g.identifier)), nsm)} {{\n")
        parts.extend(_block(g, nsm, "    "))
        parts.append("}\n\n")
    return "".join(parts).rstrip("\n") + "\n"


def turtle_text(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    nsm = _nsm()
    unique = set(triples)
    return (_header() + "\n".join(_block(unique, nsm, ""))).rstrip("\n") + "\n"


def union_triples(ds: Dataset) -> Iterator[tuple[Node, Node, Node]]:
    for g in ds.graphs():
        yield from g


# ------------------------------------------------------------------ reading


def read_dataset(path: Path) -> Dataset:
    """Load ``graph.trig`` from an output folder (or a ``.trig``/``.ttl``/``.nq`` file)."""
    target = path / "graph.trig" if path.is_dir() else path
    if not target.exists():
        raise FileNotFoundError(f"{target}: no graph here; run `shanhai build` first")
    fmt = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}.get(
        target.suffix, "trig"
    )
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    if fmt in ("turtle", "nt"):
        ds.graph(URIRef(f"{RESOURCE}graph/imported")).parse(target, format=fmt)
    else:
        ds.parse(target, format=fmt)
    return ds
