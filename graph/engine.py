"""One small seam over the two query engines: rdflib's in-memory Dataset and pyoxigraph.

Everything that runs SPARQL (``shanhai query``, the endpoint's workers, the
tests and benchmarks) goes through :class:`Engine`, so a query gives the same
:class:`~shanhai.graph.results.QueryResult` on either store.  Both engines see
the union of all named graphs as the default graph; pyoxigraph's union keeps a
triple once per graph that holds it (rdflib's merges them), so queries that
must agree use DISTINCT or aggregates, as the named queries do.

Parameters never become query syntax.  rdflib takes them as ``initBindings``.
pyoxigraph's own ``substitutions`` (SPARQL SEP-0007) only accept variables the
query projects, which would force every parameter into the answer, so for
pyoxigraph (and for remote endpoints, which take only text) :func:`inline_values`
adds a ``VALUES`` block at the top of the WHERE group whose terms are written
by the N-Triples serialiser: a value cannot leave its literal, whatever quotes,
braces or ``#`` it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from .results import XSD_STRING, QueryResult, nt_term


class QueryError(Exception):
    """The engine refused or failed a query; the message is for the user."""


@dataclass
class QuerySyntaxError(QueryError):
    """A malformed query, with the parser's own message and where it stopped."""

    message: str
    line: int | None = None
    column: int | None = None
    text: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        out = f"syntax error: {where}{self.message}"
        if self.text is not None and self.column is not None:
            out += f"\n  {self.text}\n  {' ' * max(self.column - 1, 0)}^"
        return out


class Engine(Protocol):
    """What the rest of the package needs from a store."""

    name: str

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None) -> QueryResult: ...

    def update(self, text: str) -> None: ...

    def __len__(self) -> int: ...


# ------------------------------------------------------------------ rdflib


class RdflibEngine:
    """rdflib's Memory store: pure Python, the default, slow on big joins."""

    name = "memory"

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds

    def __len__(self) -> int:
        return len(self.ds)

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None) -> QueryResult:
        from rdflib.plugins.sparql import prepareQuery

        prepared = _rdflib_parse(prepareQuery, text)
        try:
            res = self.ds.query(prepared, initBindings=dict(bindings or {}))  # type: ignore[arg-type]
            if res.type == "ASK":
                return QueryResult("ask", boolean=bool(res.askAnswer))
            if res.type == "SELECT":
                variables = tuple(str(v) for v in (res.vars or ()))
                rows, truncated = _cap((tuple(row) for row in res), limit)  # type: ignore[arg-type]
                return QueryResult("select", variables, rows=tuple(rows), truncated=truncated)
            graph = res.graph if res.graph is not None else ()
            triples, truncated = _cap(iter(graph), limit)
            return QueryResult("graph", triples=tuple(triples), truncated=truncated)
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises bare Exceptions for evaluation errors
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, text: str) -> None:
        from rdflib.plugins.sparql import prepareUpdate

        prepared = _rdflib_parse(prepareUpdate, text)
        try:
            self.ds.update(prepared)
        except Exception as exc:
            raise QueryError(f"update failed: {exc}") from exc


def _rdflib_parse(prepare: Any, text: str) -> Any:
    from pyparsing import ParseBaseException

    try:
        return prepare(text)
    except ParseBaseException as exc:
        raise QuerySyntaxError(exc.msg, exc.lineno, exc.col, exc.line) from None
    except Exception as exc:  # e.g. an undeclared prefix
        raise QuerySyntaxError(str(exc)) from None


# ------------------------------------------------------------------ oxigraph

_OX_POSITION = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?: ", re.S)


class OxigraphEngine:
    """pyoxigraph: Rust, in memory or on disk, much faster on joins."""

    name = "oxigraph"

    def __init__(self, store: Any) -> None:
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *,
              limit: int | None = None) -> QueryResult:
        import pyoxigraph as ox

        try:
            res = self.store.query(inline_values(text, bindings or {}),
                                   use_default_graph_as_union=True)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(res))
            if isinstance(res, ox.QuerySolutions):
                variables = tuple(v.value for v in res.variables)
                solutions = (tuple(_from_ox(s[i]) for i in range(len(variables))) for s in res)
                rows, truncated = _cap(solutions, limit)
                return QueryResult("select", variables, rows=tuple(rows), truncated=truncated)
            triples = ((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res)
            capped, truncated = _cap(triples, limit)
            return QueryResult("graph", triples=tuple(capped), truncated=truncated)
        except SyntaxError as exc:
            raise _ox_syntax(str(exc), text) from None
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, text: str) -> None:
        try:
            self.store.update(text)
        except SyntaxError as exc:
            raise _ox_syntax(str(exc), text) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"update failed: {exc}") from exc


def _ox_syntax(message: str, text: str) -> QuerySyntaxError:
    m = _OX_POSITION.match(message)
    if not m:
        return QuerySyntaxError(message)
    line, col = int(m.group(1)), int(m.group(2))
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else None
    return QuerySyntaxError(message[m.end():], line, col, source)


def _from_ox(term: Any) -> Node | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt), normalize=False)
    raise QueryError(f"unsupported term in results: {term!r}")


def _cap(items: Iterator[Any] | Iterable[Any], limit: int | None) -> tuple[list[Any], bool]:
    if limit is None:
        return list(items), False
    taken = list(islice(items, limit + 1))
    return taken[:limit], len(taken) > limit


# ------------------------------------------------------------------ opening

#: Store specs understood by :func:`open_engine`.
STORE_HELP = ("memory (rdflib, default) | oxigraph (pyoxigraph in memory) | "
              "oxigraph:PATH (pyoxigraph on disk; loaded from the graph if empty)")


def graph_file(source: Path) -> Path:
    """``DIR/graph.trig`` for an output folder, the file itself otherwise."""
    target = source / "graph.trig" if source.is_dir() else source
    if not target.exists():
        raise FileNotFoundError(f"{target}: no graph here; run `shanhai build` first")
    return target


_OX_FORMATS = {".trig": "TRIG", ".ttl": "TURTLE", ".nq": "N_QUADS", ".nt": "N_TRIPLES",
               ".jsonld": "JSON_LD"}


def load_oxigraph(store: Any, path: Path) -> None:
    """Bulk-load a graph file into a pyoxigraph store (triples-only files into one named graph)."""
    import pyoxigraph as ox

    from .iri import RESOURCE

    fmt = getattr(ox.RdfFormat, _OX_FORMATS.get(path.suffix, "TRIG"))
    to_graph = None
    if path.suffix in (".ttl", ".nt"):
        to_graph = ox.NamedNode(f"{RESOURCE}graph/imported")
    store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)


def open_engine(source: Path | None, store: str = "memory", *, read_only: bool = False) -> Engine:
    """Open ``source`` (an output folder or a graph file) in the store ``store``.

    ``oxigraph:PATH`` opens a persistent store; when it is empty and ``source``
    is given, the graph is loaded into it first.  ``read_only`` opens an
    existing on-disk store without locking it, so several processes can share it.
    """
    kind, _, location = store.partition(":")
    if kind == "memory" and not location:
        from .io import read_dataset

        ds = Dataset(default_union=True) if source is None else read_dataset(graph_file(source))
        return RdflibEngine(ds)
    if kind == "oxigraph":
        import pyoxigraph as ox

        if not location:
            mem = ox.Store()
            if source is not None:
                load_oxigraph(mem, graph_file(source))
            return OxigraphEngine(mem)
        path = Path(location)
        if read_only:
            return OxigraphEngine(ox.Store.read_only(str(path)))
        disk = ox.Store(str(path))
        if source is not None and len(disk) == 0:
            load_oxigraph(disk, graph_file(source))
            disk.flush()
        return OxigraphEngine(disk)
    raise ValueError(f"unknown store {store!r}; use {STORE_HELP}")


# ------------------------------------------------------------------ VALUES binding

#: Strings, IRIs and comments: masked before looking for the WHERE keyword.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def inline_values(text: str, bindings: Mapping[str, Node]) -> str:
    """``text`` with ``VALUES (?a ?b) { (… …) }`` opening its WHERE group.

    The block is in scope for everything at the top level of that group, which
    is where the named queries use their parameters.  Terms are serialised by
    :func:`~shanhai.graph.results.nt_term`, never pasted.
    """
    if not bindings:
        return text
    for name in bindings:
        if not _VAR.match(name):
            raise QueryError(f"not a variable name: {name!r}")
    at = _where_group(_SKIP.sub(lambda m: " " * len(m.group(0)), text))
    names = list(bindings)
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(nt_term(bindings[n]) for n in names)
    return f"{text[:at]}\n  VALUES ({head}) {{ ({row}) }}\n{text[at:]}"


def _where_group(masked: str) -> int:
    """The offset just inside the query's WHERE group (the keyword WHERE is optional)."""
    m = _WHERE.search(masked)
    if m is not None:
        return m.end()
    form = _FORM.search(masked)
    if form is not None:
        start = masked.find("{", form.end())
        if start >= 0 and form.group(0).upper() == "CONSTRUCT":
            start = masked.find("{", _close(masked, start))
        if start >= 0:
            return start + 1
    raise QueryError("cannot bind parameters: the query has no WHERE { … } group")


def _close(masked: str, start: int) -> int:
    depth = 0
    for i in range(start, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(masked)
