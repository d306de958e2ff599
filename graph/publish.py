"""Publish a built dataset into any SPARQL 1.1 Graph Store Protocol server.

Each graph goes up with one HTTP ``PUT …?graph=IRI`` (the default graph with
``PUT …?default``), and PUT *replaces* a graph, so publishing again gives the
same triples, never twice as many.  Graphs that an earlier publish left on the
server but that the build no longer has (a removed document) are deleted, but
only inside shanhai's own graph namespace, and only with ``prune``.

Authentication comes from the environment (``SHANHAI_AUTH_HEADER``, e.g.
``Authorization: Bearer …``) so a secret never appears in a command line,
shell history or process list; it is never logged.

Afterwards the SPARQL endpoint, when given, is asked how many triples each
graph holds, and the answer is compared with what was sent.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import graph_file
from .iri import RESOURCE

AUTH_ENV = "SHANHAI_AUTH_HEADER"
#: Graphs under this namespace belong to shanhai and may be pruned.
GRAPH_NAMESPACE = f"{RESOURCE}graph/"
DEFAULT_GRAPH = ""  # key for the default graph in the per-graph tables


class PublishError(Exception):
    """The server refused or failed a request; the message names the graph and the status."""


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    status: int


@dataclass
class PublishReport:
    endpoint: str
    graph_store: str
    graphs: list[Published] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    remote_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    def mismatches(self) -> list[str]:
        """Named graphs whose remote triple count differs from what was sent (once counts were read)."""
        if not self.remote_counts:
            return []
        return [g.graph for g in self.graphs
                if g.graph and self.remote_counts.get(g.graph, 0) != g.triples]


def auth_header(environ: dict[str, str] | None = None) -> tuple[str, str] | None:
    """``(name, value)`` from ``SHANHAI_AUTH_HEADER="Name: value"``, or None when unset."""
    raw = (environ if environ is not None else dict(os.environ)).get(AUTH_ENV, "").strip()
    if not raw:
        return None
    name, sep, value = raw.partition(":")
    if not sep or not name.strip() or any(c in raw for c in "\r\n"):
        raise PublishError(f"{AUTH_ENV} must look like 'Header-Name: value'")
    return name.strip(), value.strip()


def graphs_of(source: Path) -> dict[str, bytes]:
    """The dataset at ``source`` as N-Triples per graph IRI (``""`` for the default graph)."""
    import pyoxigraph as ox

    path = graph_file(source)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(path), format=fmt):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        grouped[name].append(quad.triple)
    out = {}
    for name in sorted(grouped):
        lines = ox.serialize(grouped[name], format=ox.RdfFormat.N_TRIPLES) or b""
        out[name] = b"".join(sorted(set(lines.splitlines(keepends=True))))
    return out


class _Client:
    def __init__(self, auth: tuple[str, str] | None, timeout: float) -> None:
        self.auth = auth
        self.timeout = timeout

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        if self.auth is not None:
            req.add_header(*self.auth)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            raise PublishError(f"{method} {_redact(url)}: HTTP {exc.code} {exc.reason}"
                               + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PublishError(f"{method} {_redact(url)}: cannot reach the server ({reason})") from None


def _redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        parts = parts._replace(netloc=netloc)
    return urllib.parse.urlunsplit(parts)


def _graph_url(store: str, graph: str) -> str:
    sep = "&" if "?" in store else "?"
    if graph == DEFAULT_GRAPH:
        return f"{store}{sep}default"
    return f"{store}{sep}graph={urllib.parse.quote(graph, safe='')}"


def remote_counts(endpoint: str, *, timeout: float = 60.0,
                  auth: tuple[str, str] | None = None) -> dict[str, int]:
    """Triples per named graph on a SPARQL endpoint.

    The default graph is left out: many servers (and ``shanhai serve``) make it
    the union of the named graphs, so its size says nothing on its own.
    """
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return _select_counts(_Client(auth, timeout), endpoint, query)


def _select_counts(client: _Client, endpoint: str, query: str) -> dict[str, int]:
    body = urllib.parse.urlencode({"query": query}).encode()
    _, data = client.request("POST", endpoint, body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json"})
    out: dict[str, int] = {}
    for row in json.loads(data)["results"]["bindings"]:
        graph = row.get("g", {}).get("value", "")
        out[graph] = int(row["n"]["value"])
    return out


def publish(source: Path, endpoint: str, graph_store: str | None = None, *, prune: bool = False,
            verify: bool = True, timeout: float = 120.0, environ: dict[str, str] | None = None,
            on_graph: Callable[[Published], None] | None = None) -> PublishReport:
    """PUT every graph of ``source`` to ``graph_store`` (default: ``endpoint``)."""
    started = time.perf_counter()
    auth = auth_header(environ)
    client = _Client(auth, timeout)
    store = graph_store or endpoint
    report = PublishReport(_redact(endpoint), _redact(store))
    local = graphs_of(source)
    for graph, data in local.items():
        status, _ = client.request("PUT", _graph_url(store, graph), data,
                                   {"Content-Type": "application/n-triples"})
        done = Published(graph, data.count(b"\n"), status)
        report.graphs.append(done)
        if on_graph is not None:
            on_graph(done)
    if prune:
        remote = remote_counts(endpoint, timeout=timeout, auth=auth)
        for graph in sorted(_stale(remote, local)):
            client.request("DELETE", _graph_url(store, graph))
            report.pruned.append(graph)
    if verify:
        report.remote_counts = remote_counts(endpoint, timeout=timeout, auth=auth)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _stale(remote: Iterable[str], local: dict[str, bytes]) -> set[str]:
    return {g for g in remote if g.startswith(GRAPH_NAMESPACE) and g not in local}
