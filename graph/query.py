"""Named SPARQL queries and running queries with parameters.

A named query is a ``graph/queries/NAME.rq`` file that opens with a comment
block the library reads::

    # title: Partners of a region
    # description: every pairing that touches a region or anything inside it
    # param region (string, default "四川省"): a region's name or admin code
    # param fact (iri, optional): one fact; left unbound (any fact) when not given

Parameters are typed (``string``, ``integer``, ``iri``).  One with a default is
always bound, to the given value or the default; an optional one is bound
only when given, and otherwise stays unbound (``!BOUND(?x)`` is true).  They
are bound through the engine (see
:mod:`shanhai.graph.engine`): user input never becomes query syntax.  The
queries use their parameters only at the top level of the WHERE group (in
FILTERs, BINDs and triple patterns there), where a ``VALUES`` block is in
scope, so every way of binding gives the same answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal as TypingLiteral

from rdflib import Literal, URIRef
from rdflib.term import Node

from .engine import Engine, inline_values
from .results import QueryResult

__all__ = ["NamedQuery", "Param", "ParameterError", "inline_values", "named_queries", "run_named"]

ParamType = TypingLiteral["string", "integer", "iri"]


class ParameterError(ValueError):
    """A parameter that the query does not take, or a value of the wrong type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    default: str | None  # None: optional, unbound unless given
    doc: str

    def term(self, value: str | None = None) -> Node | None:
        """The RDF term for ``value`` (or the default), typed as declared; None if unbound."""
        raw = self.default if value is None else value
        if raw is None:
            return None
        if self.type == "integer":
            try:
                return Literal(int(raw.strip()))
            except ValueError:
                raise ParameterError(f"parameter {self.name!r} takes an integer, not {raw!r}") from None
        if self.type == "iri":
            return parse_iri(raw, self.name)
        return Literal(raw)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def bindings(self, given: Mapping[str, str] | None = None) -> dict[str, Node]:
        """The given values, defaults for the rest; optional parameters only when given."""
        given = dict(given or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise ParameterError(
                f"query {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters: {valid}")
        out = {}
        for p in self.params:
            value = given.get(p.name)
            if p.default is None and (value is None or not value.strip()):
                continue  # an optional parameter left empty stays unbound
            term = p.term(value)
            if term is not None:
                out[p.name] = term
        return out

    def summary(self) -> dict[str, object]:
        """A JSON-friendly description (for the endpoint's UI and ``--list``)."""
        return {
            "name": self.name, "title": self.title, "description": self.description,
            "params": [{"name": p.name, "type": p.type, "default": p.default, "doc": p.doc}
                       for p in self.params],
            "query": self.text,
        }


_FIELD = re.compile(r"^#\s*(title|description)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^#\s*param\s+([A-Za-z_]\w*)\s*\(\s*(string|integer|iri)\s*,\s*(?:default\s+(.*?)|(optional))\)"
    r"\s*:\s*(.*?)\s*$")
_IRI_OK = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$')


def parse_iri(raw: str, name: str = "value") -> URIRef:
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not _IRI_OK.match(text):
        raise ParameterError(f"parameter {name!r} takes an absolute IRI, not {raw!r}")
    return URIRef(text)


def _default(raw: str, name: str) -> str:
    raw = raw.strip()
    if raw.startswith('"'):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise ValueError(f"query parameter {name}: bad default {raw}") from None
        return str(value)
    return raw.strip("<>")


def parse_named(name: str, text: str) -> NamedQuery:
    """Read the header comment of a named query; a header without a title is a mistake."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := _FIELD.match(line):
            fields[m.group(1)] = m.group(2)
        elif m := _PARAM.match(line):
            pname, ptype, default, _optional, doc = m.groups()
            value = None if default is None else _default(default, pname)
            params.append(Param(pname, ptype, value, doc))  # type: ignore[arg-type]
    if "title" not in fields or "description" not in fields:
        raise ValueError(f"named query {name}: the header needs '# title:' and '# description:'")
    return NamedQuery(name, fields["title"], fields["description"], tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name, sorted."""
    folder = resources.files("shanhai.graph") / "queries"
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_named(name, entry.read_text(encoding="utf-8"))
    return out


def get_named(name: str) -> NamedQuery:
    queries = named_queries()
    try:
        return queries[name]
    except KeyError:
        raise ParameterError(
            f"no named query {name!r}; choose one of: {', '.join(queries)}") from None


def run_named(engine: Engine, name: str, params: Mapping[str, str] | None = None, *,
              limit: int | None = None) -> QueryResult:
    q = get_named(name)
    return engine.query(q.text, q.bindings(params), limit=limit)


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``name=value`` strings (from ``--param``) into a dict; the value may contain ``=``."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--param wants name=value, got {pair!r}")
        out[name.strip()] = value
    return out


def adhoc_bindings(params: Mapping[str, str]) -> dict[str, Node]:
    """Bindings for a query without declarations: ``<…>`` is an IRI, anything else a string."""
    out: dict[str, Node] = {}
    for name, value in params.items():
        v = value.strip()
        out[name] = parse_iri(v, name) if v.startswith("<") and v.endswith(">") else Literal(value)
    return out
