"""Where a built graph lives: in memory (rdflib) or in a persistent Oxigraph store.

A *store spec* names one:

* a path (``build/seeds``, ``build/seeds/graph.trig``) or ``memory:PATH``: the
  output folder or graph file, parsed into an rdflib Dataset in memory;
* ``oxigraph:PATH``: a pyoxigraph (RocksDB) store on disk, filled by
  ``shanhai build --store oxigraph:PATH`` or :func:`load_store`.

:func:`open_store` gives an :class:`~shanhai.graph.engine.Engine` either way,
whose ``query(sparql, bindings)`` returns the same
:class:`~shanhai.graph.results.QueryResult` on both stores, with the union of
all named graphs as the default graph::

    store = open_store("oxigraph:build/seeds.oxigraph")
    result = store.query("SELECT ?r WHERE { ?r a shanhai:Province }")
    for row in result.rows: ...

:func:`load_store` replaces a persistent store's content with a graph file by
bulk loading into a fresh folder and swapping it into place, so a reader never
sees a half-loaded store and an interrupted load leaves the old one intact.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .engine import Engine, graph_file, open_engine

#: What :func:`open_store` returns: anything with ``query(sparql, bindings)``.
Store = Engine

KINDS = ("memory", "oxigraph")


class StoreError(ValueError):
    """A store spec that cannot be used; the message says why and what would work."""


@dataclass(frozen=True)
class StoreSpec:
    kind: str
    location: Path

    def __str__(self) -> str:
        return f"{self.kind}:{self.location}"


@dataclass(frozen=True)
class Loaded:
    """The outcome of :func:`load_store`."""

    spec: str
    quads: int
    seconds: float


def parse_spec(spec: str | Path) -> StoreSpec:
    """``oxigraph:PATH`` / ``memory:PATH`` / a bare path (memory)."""
    if isinstance(spec, Path):
        return StoreSpec("memory", spec)
    kind, sep, location = spec.partition(":")
    if not sep or kind not in KINDS:
        if sep and kind.isalpha() and len(kind) > 1:
            raise StoreError(f"unknown store kind {kind!r} in {spec!r}; "
                             "use oxigraph:PATH or a path")
        return StoreSpec("memory", Path(spec))
    if not location:
        raise StoreError(f"{spec!r} names no path; write {kind}:PATH")
    return StoreSpec(kind, Path(location))


def _is_oxigraph_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


def check_target(spec: str) -> StoreSpec:
    """The spec of a store that :func:`load_store` may (re)write, or :class:`StoreError`."""
    parsed = parse_spec(spec)
    if parsed.kind != "oxigraph":
        raise StoreError(f"{spec!r}: only oxigraph:PATH names a persistent store")
    target = parsed.location
    if target.exists() and not (target.is_dir() and (_is_oxigraph_dir(target)
                                                     or not any(target.iterdir()))):
        raise StoreError(f"{target}: exists and is not an Oxigraph store; "
                         "give a new or empty folder, or an existing store")
    return parsed


def load_store(spec: str, graph: Path) -> Loaded:
    """Replace the content of the persistent store ``spec`` with ``graph`` (bulk loading)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    target = check_target(spec).location
    source = graph_file(graph)
    fmt = ox.RdfFormat.from_extension(source.suffix.lstrip(".")) or ox.RdfFormat.TRIG
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.loading-{secrets.token_hex(4)}")
    try:
        store = ox.Store(str(fresh))
        store.bulk_load(path=str(source), format=fmt)
        store.flush()
        quads = len(store)
        del store  # closes the database before its folder moves
        if target.exists():
            old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
            os.replace(target, old)
            os.replace(fresh, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(fresh, target)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    return Loaded(f"oxigraph:{target}", quads, round(time.perf_counter() - started, 3))


def open_store(spec: str | Path, *, read_only: bool = True) -> Store:
    """Open a built graph for querying (see the module docstring for specs).

    An Oxigraph store opens read-only by default, so several readers (a query,
    a server) can share it; it must exist: build it with ``--store`` first.
    """
    parsed = parse_spec(spec)
    if parsed.kind == "memory":
        return open_engine(parsed.location, "memory")
    if not _is_oxigraph_dir(parsed.location):
        raise StoreError(f"{parsed.location}: no Oxigraph store here; "
                         f"run `shanhai build … --store {parsed}` first")
    return open_engine(None, str(parsed), read_only=read_only)
