"""SHACL validation of a built dataset, with the evidence behind each violation.

The data graph is the union of the dataset's graphs plus the ontology (so that
``sh:class shanhai:Region`` accepts a Province through ``rdfs:subClassOf``),
loaded into an in-memory Oxigraph store: pySHACL runs its SPARQL-based
constraints there 20–30× faster than on rdflib's memory store.

Violations are data, not exceptions: :func:`validate_dataset` returns a
:class:`ValidationResult` listing, for each one, the focus node, the messages
in Chinese and English, and — following ``prov:wasDerivedFrom`` to the
Evidence — the documents and quotes behind the offending fact.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pyshacl
from pyshacl.graph_abstraction import DataGraph
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from ..ontology import files

SHACL = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = "https://w3id.org/shanhai/shapes#"
_MAX_SOURCES = 5
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Source:
    """One piece of evidence behind a fact: where it was read, and the words."""

    document: str
    start: int
    end: int
    quote: str
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end,
                "quote": self.quote, "rule": self.rule}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Source:
        return cls(str(data["document"]), int(data["start"]), int(data["end"]),
                   str(data["quote"]), str(data["rule"]))


@dataclass(frozen=True)
class Violation:
    """One SHACL result, with the evidence behind its focus node."""

    focus: str
    label: str
    shape: str
    component: str
    path: str
    value: str
    severity: str
    message_zh: str
    message_en: str
    sources: tuple[Source, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "focus": self.focus, "label": self.label, "shape": self.shape,
            "component": self.component, "path": self.path, "value": self.value,
            "severity": self.severity, "message": {"zh": self.message_zh, "en": self.message_en},
            "sources": [s.to_json() for s in self.sources],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Violation:
        """Inverse of :meth:`to_json` (report.json back to a Violation)."""
        message = data.get("message") or {}
        return cls(
            focus=str(data["focus"]), label=str(data.get("label", "")),
            shape=str(data.get("shape", "")), component=str(data.get("component", "")),
            path=str(data.get("path", "")), value=str(data.get("value", "")),
            severity=str(data.get("severity", "Violation")),
            message_zh=str(message.get("zh", "")), message_en=str(message.get("en", "")),
            sources=tuple(Source.from_json(s) for s in data.get("sources", ())),
        )

    def describe(self) -> str:
        """Several readable lines: what is wrong, where, and the words it was read from."""
        name = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        lines = [f"{self.severity}: {self.message_en}", f"  {self.message_zh}", f"  focus: {name}",
                 f"  shape: {self.shape} ({self.component})"]
        if self.path:
            lines.append(f"  path:  {self.path}")
        if self.value:
            lines.append(f"  value: {self.value}")
        for s in self.sources:
            quote = " ".join(s.quote.split())
            lines.append(f"  from:  {s.document}[{s.start}:{s.end}] ({s.rule}) “{quote}”")
        return "\n".join(lines)


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...] = ()
    triples: int = 0
    seconds: float = field(default=0.0, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The ``validation`` entry of report.json (no timing, so it is reproducible)."""
        return {"conforms": self.conforms, "triples": self.triples,
                "violations": [v.to_json() for v in self.violations]}


# ------------------------------------------------------------------ loading


@cache
def shapes_graph() -> Graph:
    return Graph().parse(files.shapes_path(), format="turtle")


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    return tuple(ox.parse(path=str(files.ontology_path()), format=ox.RdfFormat.TURTLE))


def _ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot convert {node!r}")


def _union_store(triples: Iterable[ox.Triple | ox.Quad]) -> ox.Store:
    """An in-memory store whose default graph is the union of the given data and the ontology."""
    store = ox.Store()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in triples)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in _ontology_quads())
    return store


def _rdflib_triples(data: Dataset | Graph) -> Iterator[ox.Triple]:
    quads = data.quads((None, None, None, None)) if isinstance(data, Dataset) else (
        (s, p, o, None) for s, p, o in data)
    for s, p, o, _ in quads:
        yield ox.Triple(_ox(s), _ox(p), _ox(o))  # type: ignore[arg-type]


def _file_quads(path: Path) -> Iterator[ox.Quad]:
    target = path / "graph.trig" if path.is_dir() else path
    if not target.exists():
        raise FileNotFoundError(f"{target}: no graph here; run `shanhai build` first")
    fmt = ox.RdfFormat.from_extension(target.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    yield from ox.parse(path=str(target), format=fmt)


# --------------------------------------------------------------- validating


def validate_dataset(ds: Dataset | Graph) -> ValidationResult:
    """Validate an rdflib dataset (all its graphs, as one union) against shapes.ttl."""
    return validate_store(_union_store(_rdflib_triples(ds)))


def validate_path(path: Path) -> ValidationResult:
    """Validate a build output folder (its graph.trig) or a .trig/.ttl/.nq file."""
    return validate_store(_union_store(_file_quads(path)))


def validate_store(store: ox.Store) -> ValidationResult:
    """Validate a store whose default graph holds the data and the ontology."""
    started = time.perf_counter()
    data = DataGraph.from_oxigraph_store(store)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inplace=True,
                                    allow_warnings=True, allow_infos=True)
    violations = sorted(_violations(report, store), key=_order)
    return ValidationResult(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=tuple(violations),
        triples=len(store) - len(_ontology_quads()),
        seconds=round(time.perf_counter() - started, 3),
    )


def _order(v: Violation) -> tuple[bool, str, str, str, str]:
    return (v.severity != "Violation", v.focus, v.shape, v.path, v.value)


def _short(node: Node | None) -> str:
    """``shapes:X`` for our shapes, the local name for SHACL terms, else the IRI."""
    if node is None:
        return ""
    text = str(node)
    if text.startswith(SHAPES):
        return "shapes:" + text[len(SHAPES):]
    if text.startswith(str(SHACL)):
        return text[len(str(SHACL)):]
    return text


def _messages(report: Graph, result: Node) -> tuple[str, str]:
    """The Chinese and the English message of a result.

    pySHACL drops the language tags of SPARQL-constraint messages on an
    Oxigraph data graph, so an untagged message is placed by its script.
    """
    found: dict[str, str] = {}
    for msg in sorted(report.objects(result, SHACL.resultMessage), key=str):
        lang = (msg.language or "") if isinstance(msg, Literal) else ""
        if not lang:
            lang = "zh" if _CJK.search(str(msg)) else "en"
        found.setdefault(lang[:2].lower(), str(msg))
    zh, en = found.get("zh", ""), found.get("en", "")
    return zh or en, en or zh


def _violations(report: Graph, store: ox.Store) -> Iterator[Violation]:
    for result in report.subjects(SHACL.focusNode, None, unique=True):
        focus = report.value(result, SHACL.focusNode)
        shape = report.value(result, SHACL.sourceConstraint)
        if not isinstance(shape, URIRef):
            shape = report.value(result, SHACL.sourceShape)
        path = report.value(result, SHACL.resultPath)
        value = report.value(result, SHACL.value)
        severity = report.value(result, SHACL.resultSeverity)
        zh, en = _messages(report, result)
        yield Violation(
            focus=str(focus),
            label=_label(store, focus),
            shape=_short(shape) if isinstance(shape, URIRef) else "",
            component=_short(report.value(result, SHACL.sourceConstraintComponent)),
            path=str(path) if isinstance(path, URIRef) else "",
            value=str(value) if value is not None else "",
            severity=_short(severity) or "Violation",
            message_zh=zh,
            message_en=en,
            sources=tuple(sources(store, focus)) if isinstance(focus, URIRef) else (),
        )


# ------------------------------------------------------------------ evidence

_PREFIXES = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX shanhai: <https://w3id.org/shanhai/ontology#>
"""

#: The evidence behind a node: its own (a fact), itself (an Evidence), or that of
#: the facts that mention it (an entity).
_SOURCES = _PREFIXES + """
SELECT DISTINCT ?focus ?doc ?start ?end ?quote ?rule WHERE {
  { ?focus prov:wasDerivedFrom ?ev }
  UNION { ?focus a shanhai:Evidence . BIND (?focus AS ?ev) }
  UNION { ?fact shanhai:helper|shanhai:recipient|shanhai:amountOf|rdf:subject|rdf:object ?focus ;
                prov:wasDerivedFrom ?ev }
  OPTIONAL { ?ev shanhai:sourceDocument ?d . OPTIONAL { ?d dcterms:identifier ?doc } }
  OPTIONAL { ?ev shanhai:charStart ?start }
  OPTIONAL { ?ev shanhai:charEnd ?end }
  OPTIONAL { ?ev shanhai:quote ?quote }
  OPTIONAL { ?ev shanhai:rule ?rule }
}
ORDER BY ?doc ?start ?end ?rule
"""

_DOCUMENT = _PREFIXES + """
SELECT ?focus ?doc WHERE { ?focus a shanhai:Document ; dcterms:identifier ?doc } ORDER BY ?doc LIMIT 1
"""

_LABEL = _PREFIXES + """
SELECT ?focus ?label WHERE { ?focus rdfs:label ?label . FILTER (LANG(?label) = "zh") }
ORDER BY ?label LIMIT 1
"""


def _select(store: ox.Store, query: str, focus: URIRef) -> list[tuple[Any, ...]]:
    """Rows of a SELECT with ``?focus`` bound, as tuples of plain values (None when unbound).

    pyoxigraph substitutes only projected variables, so each query projects
    ``?focus`` first; it is dropped from the rows.
    """
    solutions = store.query(query, substitutions={ox.Variable("focus"): ox.NamedNode(str(focus))})
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError("expected a SELECT query")
    width = len(solutions.variables)
    return [tuple(None if row[i] is None else row[i].value for i in range(1, width))
            for row in solutions]


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def sources(store: ox.Store, focus: URIRef, limit: int = _MAX_SOURCES) -> list[Source]:
    """Up to ``limit`` pieces of evidence behind ``focus``, sorted by document and offset.

    A Document with no evidence of its own gives one source naming just the document.
    """
    found = [Source(document=doc or "", start=_int(start), end=_int(end), quote=quote or "",
                    rule=rule or "")
             for doc, start, end, quote, rule in _select(store, _SOURCES, focus)[:limit]]
    if not found:
        found = [Source(document=doc, start=0, end=0, quote="", rule="")
                 for (doc,) in _select(store, _DOCUMENT, focus)]
    return found


def _label(store: ox.Store, focus: Node | None) -> str:
    if not isinstance(focus, URIRef):
        return ""
    rows = _select(store, _LABEL, focus)
    return str(rows[0][0]) if rows else ""
