"""Query results as plain values, and their standard serialisations.

Both stores (rdflib and pyoxigraph) hand back their own result objects; the
engines turn them into one :class:`QueryResult` made of rdflib terms, so the
command line, the endpoint and the tests format answers in exactly one way.
The serialisers follow the W3C formats: SPARQL 1.1 Query Results JSON, XML,
CSV and TSV for ``SELECT``/``ASK``; N-Triples and Turtle for
``CONSTRUCT``/``DESCRIBE``.  Output is UTF-8 and never ``\\u``-escapes Chinese.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal as TypingLiteral
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .io import bind_prefixes, turtle_text

Kind = TypingLiteral["select", "ask", "graph"]
Row = tuple[Node | None, ...]
Triple = tuple[Node, Node, Node]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: rows, a boolean, or triples; ``truncated`` if capped."""

    kind: Kind
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1

    def records(self) -> list[dict[str, Node | None]]:
        """Rows as dicts (variable → term), handy in tests and notebooks."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (lexical forms), for comparisons."""
        return [{k: (None if v is None else str(v)) for k, v in rec.items()} for rec in self.records()]


class FormatError(ValueError):
    """A result format that does not fit the query form (e.g. Turtle for a SELECT)."""


# ------------------------------------------------------------------ terms


def _escape_nt(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return "".join(out)


def nt_term(node: Node) -> str:
    """A term in N-Triples syntax (also valid Turtle, SPARQL and SPARQL TSV)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        body = f'"{_escape_nt(str(node))}"'
        if node.language:
            return f"{body}@{node.language}"
        if node.datatype is not None and str(node.datatype) != XSD_STRING:
            return f"{body}^^<{node.datatype}>"
        return body
    raise TypeError(f"not an RDF term: {node!r}")


def _json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    if isinstance(node, Literal):
        out = {"type": "literal", "value": str(node)}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype is not None and str(node.datatype) != XSD_STRING:
            out["datatype"] = str(node.datatype)
        return out
    raise TypeError(f"not an RDF term: {node!r}")


def _xml_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<uri>{escape(str(node))}</uri>"
    if isinstance(node, BNode):
        return f"<bnode>{escape(str(node))}</bnode>"
    if isinstance(node, Literal):
        attrs = ""
        if node.language:
            attrs = f" xml:lang={quoteattr(node.language)}"
        elif node.datatype is not None and str(node.datatype) != XSD_STRING:
            attrs = f" datatype={quoteattr(str(node.datatype))}"
        return f"<literal{attrs}>{escape(_xml_safe(str(node)))}</literal>"
    raise TypeError(f"not an RDF term: {node!r}")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters or lone surrogates; replace them."""
    return "".join(
        ch if ch in "\t\n\r" or (0x20 <= ord(ch) < 0xD800) or (0xE000 <= ord(ch) <= 0xFFFD)
        or ord(ch) >= 0x10000 else "\ufffd"
        for ch in text
    )


def _csv_term(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# ------------------------------------------------------------------ writers


def to_json(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return _utf8(json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False))
    _rows_only(result, "SPARQL JSON")
    bindings = [
        {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return _utf8(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


def to_xml(result: QueryResult) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n']
    if result.kind == "ask":
        parts.append("<head/>\n")
        parts.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n")
    else:
        _rows_only(result, "SPARQL XML")
        parts.append("<head>\n")
        parts.extend(f"  <variable name={quoteattr(v)}/>\n" for v in result.variables)
        parts.append("</head>\n<results>\n")
        for row in result.rows:
            parts.append("  <result>\n")
            for var, term in zip(result.variables, row, strict=True):
                if term is not None:
                    parts.append(f"    <binding name={quoteattr(var)}>{_xml_term(term)}</binding>\n")
            parts.append("  </result>\n")
        parts.append("</results>\n")
    parts.append("</sparql>\n")
    return _utf8("".join(parts))


def to_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        _rows_only(result, "CSV")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_term(term) for term in row])
    return _utf8(buf.getvalue())


def to_tsv(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return b"?boolean\n" + (b"true\n" if result.boolean else b"false\n")
    _rows_only(result, "TSV")
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join("" if t is None else nt_term(t) for t in row) for row in result.rows)
    return _utf8("\n".join(lines) + "\n")


def to_ntriples(result: QueryResult) -> bytes:
    _triples_only(result, "N-Triples")
    lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in result.triples})
    return _utf8("".join(lines))


def to_turtle(result: QueryResult) -> bytes:
    _triples_only(result, "Turtle")
    if any(isinstance(t, BNode) for triple in result.triples for t in triple):
        g = Graph(bind_namespaces="none")
        bind_prefixes(g)
        for triple in result.triples:
            g.add(triple)
        return _utf8(g.serialize(format="turtle"))
    return _utf8(turtle_text(result.triples))


def _rows_only(result: QueryResult, name: str) -> None:
    if result.kind != "select":
        raise FormatError(f"{name} is for SELECT and ASK results; this query returns triples "
                          "(use turtle or ntriples)")


def _triples_only(result: QueryResult, name: str) -> None:
    if result.kind != "graph":
        raise FormatError(f"{name} is for CONSTRUCT and DESCRIBE results; this query returns "
                          "rows (use json, xml, csv or tsv)")


@dataclass(frozen=True)
class ResultFormat:
    name: str
    media_type: str
    kinds: frozenset[str]
    write: Callable[[QueryResult], bytes]
    aliases: tuple[str, ...] = ()


_ROWS = frozenset({"select", "ask"})
_GRAPH = frozenset({"graph"})

#: Every format the command line and the endpoint can write, by short name.
FORMATS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("json", "application/sparql-results+json", _ROWS, to_json,
                     ("application/json",)),
        ResultFormat("xml", "application/sparql-results+xml", _ROWS, to_xml,
                     ("application/xml", "text/xml")),
        ResultFormat("csv", "text/csv", _ROWS, to_csv),
        ResultFormat("tsv", "text/tab-separated-values", _ROWS, to_tsv),
        ResultFormat("turtle", "text/turtle", _GRAPH, to_turtle, ("application/x-turtle",)),
        ResultFormat("ntriples", "application/n-triples", _GRAPH, to_ntriples, ("text/plain",)),
    )
}


def serialise(result: QueryResult, fmt: str) -> bytes:
    """Write ``result`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        raise FormatError(f"unknown result format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return spec.write(result)


def default_format(result: QueryResult) -> str:
    return "json" if result.kind in _ROWS else "turtle"


# ------------------------------------------------------------------ display


def display(node: Node | None, prefixes: Iterable[tuple[str, str]] = ()) -> str:
    """A short human form: labels without their tag, IRIs as prefixed names where possible."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        best, short = "", text
        for prefix, ns in prefixes:
            if text.startswith(ns) and len(ns) > len(best):
                best, short = ns, f"{prefix}:{text[len(ns):]}"
        return short
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


# ------------------------------------------------------------------ reading


def _from_json_term(term: dict[str, str]) -> Node:
    kind = term["type"]
    if kind == "uri":
        return URIRef(term["value"])
    if kind == "bnode":
        return BNode(term["value"])
    if "xml:lang" in term:
        return Literal(term["value"], lang=term["xml:lang"])
    datatype = term.get("datatype")
    if datatype and datatype != XSD_STRING:
        return Literal(term["value"], datatype=URIRef(datatype), normalize=False)
    return Literal(term["value"])


def parse_json(data: bytes | str) -> QueryResult:
    """Read SPARQL 1.1 JSON results (from any endpoint) back into a :class:`QueryResult`."""
    doc = json.loads(data)
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    variables = tuple(doc["head"]["vars"])
    rows = tuple(
        tuple(_from_json_term(b[v]) if v in b else None for v in variables)
        for b in doc["results"]["bindings"]
    )
    return QueryResult("select", variables, rows=rows)
