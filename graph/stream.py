"""Canonical graph files written one document at a time, with flat memory.

:func:`~.io.trig_text` and :func:`~.io.turtle_text` need the whole dataset in
memory.  A large corpus does not fit, so a build streams instead:

* each document's named graph is serialised as soon as it is built (a
  document's graph depends only on its own record) and spooled to disk;
  graph.trig is then written by reading the blocks back in graph-IRI order,
  with the background graph in its sorted place;
* graph.ttl, the union of all graphs, merges subjects across graphs, so its
  triples go through an external merge sort (sorted runs on disk, merged with
  :func:`heapq.merge`) in the order :func:`~.io._block` writes them.

The bytes are the same as the in-memory writers give; a test holds them to it.
Every file is staged beside its target and renamed into place only on
:meth:`Staging.commit`, so an interrupted build leaves the previous outputs whole.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import pickle
import secrets
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.store import Store
from rdflib.term import Node

from ..extract.gazetteer import Gazetteer
from ..extract.records import write_jsonl
from . import iri
from .build import DatasetBuilder, DocumentRecord
from .io import _header, _nsm, _sort_key, _term, bind_prefixes, current_umask

Triple3 = tuple[Node, Node, Node]

#: rdflib's name for a dataset's default graph (written without a GRAPH block).
DEFAULT_GRAPH = "urn:x-rdflib:default"
#: Prefix of every temporary name a build leaves in the output folder.
TEMP_PREFIX = ".shanhai-tmp-"


class Staging:
    """Output files written beside their targets and renamed into place together.

    Use as a context manager: leaving it with an exception (or a signal that
    kills the process) leaves the previous outputs untouched.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._staged: dict[str, Path] = {}
        self._files: list[IO[str]] = []

    def path(self, name: str) -> Path:
        """A fresh temporary path that :meth:`commit` will rename to ``name``."""
        if name in self._staged:
            raise ValueError(f"{name} is already staged")
        # the real name last, so the suffix (.trig, .ttl …) still says the format
        tmp = self.folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{name}"
        self._staged[name] = tmp
        return tmp

    def open(self, name: str) -> IO[str]:
        """A text file (UTF-8, ``\\n`` line ends) staged for ``name``; :meth:`commit` closes it."""
        tmp = self.path(name)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~current_umask())
        fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self._files.append(fh)
        return fh

    def write(self, name: str, data: str) -> None:
        with self.open(name) as fh:
            fh.write(data)

    def staged(self, name: str) -> Path:
        """Where ``name`` is being written (for readers that need the file before commit)."""
        return self._staged[name]

    def commit(self) -> None:
        """Flush every staged file to disk, then rename each into place (each rename is atomic)."""
        for fh in self._files:
            if not fh.closed:
                fh.close()
        self._files.clear()
        for tmp in self._staged.values():
            if tmp.exists():
                fd = os.open(tmp, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        for name, tmp in self._staged.items():
            if tmp.exists():
                os.replace(tmp, self.folder / name)
        self._staged.clear()
        with contextlib.suppress(OSError):
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def discard(self) -> None:
        for fh in self._files:
            with contextlib.suppress(OSError):
                fh.close()
        self._files.clear()
        for tmp in self._staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._staged.clear()

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()


class FolderBusy(Exception):
    """Another build holds the output folder."""


class FolderLock:
    """An exclusive lock on an output folder for the length of a build.

    Two builds writing one folder would prune each other's cache entries and
    delete each other's staged files; the second one is refused instead.  The
    lock is an ``flock`` on ``.shanhai-build.lock``: the kernel drops it when
    the process dies, however it dies, so a killed build never leaves it held.
    """

    NAME = ".shanhai-build.lock"

    def __init__(self, folder: Path) -> None:
        self.path = folder / self.NAME
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666 & ~current_umask())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderBusy(f"{self.path.parent}: another shanhai build is writing here") from None
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None


def remove_stale_temporaries(folder: Path) -> int:
    """Delete what a killed build left in ``folder`` (its staged files and spools)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
    return removed


# ------------------------------------------------------------------ building


class GraphSetStore(Store):
    """A write-once rdflib store: one set of triples per graph, nothing indexed.

    :class:`~.build.DatasetBuilder` only adds triples; the streaming writer
    reads a document's graph once, whole, and drops it.  rdflib's Memory
    store keeps three indexes per triple for queries nobody runs here, which
    costs three times as long.  Pattern lookups work, by scanning.
    """

    context_aware = True
    graph_aware = True

    def __init__(self) -> None:
        super().__init__()
        self.graphs: dict[Node, set[Triple3]] = {}

    def add(self, triple: Triple3, context: Graph, quoted: bool = False) -> None:
        graph = self.graphs.get(context.identifier)
        if graph is None:
            graph = self.graphs[context.identifier] = set()
        graph.add(triple)

    def add_graph(self, graph: Graph) -> None:
        self.graphs.setdefault(graph.identifier, set())

    def remove_graph(self, graph: Graph) -> None:
        self.graphs.pop(graph.identifier, None)

    def triples(self, pattern: Any, context: Graph | None = None) -> Iterator[Any]:
        s, p, o = pattern
        if context is None or isinstance(context, Dataset):
            sets = list(self.graphs.values())
        else:
            sets = [self.graphs.get(context.identifier, set())]
        for triples in sets:
            for t in list(triples):
                if (s is None or t[0] == s) and (p is None or t[1] == p) and (o is None or t[2] == o):
                    yield t, iter(())

    def __len__(self, context: Graph | None = None) -> int:
        if context is None:
            return sum(len(t) for t in self.graphs.values())
        return len(self.graphs.get(context.identifier, ()))

    def contexts(self, triple: Any = None) -> Iterator[Graph]:  # type: ignore[override]
        for identifier in list(self.graphs):
            if triple is None or triple in self.graphs[identifier]:
                yield Graph(store=self, identifier=identifier)  # type: ignore[arg-type]


class StreamingBuilder(DatasetBuilder):
    """A :class:`~.build.DatasetBuilder` over a :class:`GraphSetStore`, for one pass.

    Build a document, take its triples with :meth:`take`, and it is gone;
    what stays is what the background graph needs (entities, labels, …).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        super().__init__(gazetteer)
        self.store = GraphSetStore()
        self.ds = Dataset(store=self.store)
        bind_prefixes(self.ds)
        self.background = self.ds.graph(iri.BACKGROUND_GRAPH)

    def take(self, identifier: Node) -> set[Triple3]:
        """The triples of graph ``identifier``, removed from the dataset."""
        return self.store.graphs.pop(identifier, set())


class TermRenderer:
    """:func:`~.io._term`, remembered: IRIs and literals repeat across a corpus.

    Keys are plain strings and tuples, not rdflib terms, whose Python-level
    ``__eq__``/``__hash__`` would cost more than the lookup saves.
    """

    _SHORT = 48

    def __init__(self, limit: int = 100_000) -> None:
        self._nsm = _nsm()
        self._iris: dict[str, str] = {}
        self._literals: dict[tuple[str, str, str], str] = {}
        self._limit = limit

    def iri(self, node: URIRef, text: str) -> str:
        """``node`` as Turtle; ``text`` is ``str(node)``."""
        n3 = self._iris.get(text)
        if n3 is None:
            if len(self._iris) >= self._limit:
                self._iris.clear()
            n3 = self._iris[text] = _term(node, self._nsm)
        return n3

    def literal(self, node: Literal, key: tuple[str, str, str]) -> str:
        """``node`` as Turtle; ``key`` is (lexical form, language, datatype)."""
        n3 = self._literals.get(key)
        if n3 is None:
            n3 = _term(node, self._nsm)
            if len(key[0]) <= self._SHORT:  # quotes are long and each one is seen once
                if len(self._literals) >= self._limit:
                    self._literals.clear()
                self._literals[key] = n3
        return n3

    def __call__(self, node: Node) -> str:
        if type(node) is URIRef:
            return self.iri(node, str(node))
        if type(node) is Literal:
            return self.literal(node, (str(node), node.language or "", str(node.datatype or "")))
        return _term(node, self._nsm)


#: (subject, predicate is not rdf:type, predicate, object sort key…): :func:`~.io._block`'s order.
SortKey = tuple[str, bool, str, int, str, str, str]
#: A triple ready to write: its sort key and its three terms as Turtle.
Item = tuple[SortKey, str, str, str]
_RDF_TYPE = str(RDF.type)


def to_items(triples: Iterable[Triple3], term: TermRenderer) -> list[Item]:
    """Each triple rendered once, with the key that puts it where :func:`~.io._block` would."""
    out: list[Item] = []
    iri = term.iri
    for s, p, o in triples:
        if type(s) is not URIRef or type(p) is not URIRef:
            # what io._block does for anything else (its _term refuses blank nodes)
            out.append(((str(s), p != RDF.type, str(p), *_sort_key(o)), term(s),
                        "a" if p == RDF.type else term(p), term(o)))
            continue
        s_text, p_text, o_text = str(s), str(p), str(o)
        is_type = p_text == _RDF_TYPE
        s_n3 = iri(s, s_text)
        p_n3 = "a" if is_type else iri(p, p_text)
        if type(o) is URIRef:
            out.append(((s_text, not is_type, p_text, 0, o_text, "", ""), s_n3, p_n3,
                        iri(o, o_text)))
        elif type(o) is Literal:
            lit = (o_text, o.language or "", str(o.datatype or ""))
            out.append(((s_text, not is_type, p_text, 1, *lit), s_n3, p_n3, term.literal(o, lit)))
        else:
            out.append(((s_text, not is_type, p_text, *_sort_key(o)), s_n3, p_n3, term(o)))
    return out


def format_subjects(items: Iterable[Item], indent: str) -> Iterator[str]:
    """Subject blocks exactly as :func:`~.io._block` writes them, from items sorted by key.

    Items must be distinct (a set of triples, or a merge that drops repeats).
    """
    inner = f" ;\n{indent}    "
    subject: str | None = None
    current: str | None = None
    pred_key: tuple[bool, str] | None = None
    lines: list[str] = []
    objects: list[str] = []
    objects_line = ""
    for key, s_n3, p_n3, o_n3 in items:
        if key[0] != current:
            if subject is not None:
                lines.append(objects_line + ", ".join(objects))
                yield f"{indent}{subject}\n{indent}    {inner.join(lines)} .\n"
            current, subject, pred_key, lines = key[0], s_n3, None, []
        if (key[1], key[2]) != pred_key:
            if pred_key is not None:
                lines.append(objects_line + ", ".join(objects))
            pred_key, objects_line, objects = (key[1], key[2]), f"{p_n3} ", []
        objects.append(o_n3)
    if subject is not None:
        lines.append(objects_line + ", ".join(objects))
        yield f"{indent}{subject}\n{indent}    {inner.join(lines)} .\n"


# ----------------------------------------------------------------- graph.trig


class GraphSpool:
    """Named-graph blocks spooled to a file, emitted sorted by graph IRI."""

    def __init__(self, folder: Path, term: TermRenderer | None = None) -> None:
        self._term = term or TermRenderer()
        self._file = open(folder / "graphs.trig.part", "w+b")  # noqa: SIM115 (closed in close())
        self._index: dict[str, tuple[int, int]] = {}

    def add(self, identifier: Node, items: list[Item]) -> None:
        """Spool one graph, given as items (nothing when it is empty); sorts ``items``."""
        name = str(identifier)
        if name in self._index:
            raise ValueError(f"graph {name} spooled twice; add a document's records together")
        if not items:
            return
        items.sort(key=_first)
        body = "".join(format_subjects(items, "" if name == DEFAULT_GRAPH else "    "))
        text = body if name == DEFAULT_GRAPH else f"{self._term(URIRef(name))} {{\n{body}}}\n"
        data = text.encode("utf-8", "surrogatepass")
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._index[name] = (offset, len(data))

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def write(self, out: IO[str]) -> None:
        """The whole dataset as :func:`~.io.trig_text` would write it."""
        self._file.flush()
        header = _header()
        if not self._index:
            out.write(header.rstrip("\n") + "\n")
            return
        out.write(header)
        for i, name in enumerate(sorted(self._index)):
            offset, length = self._index[name]
            self._file.seek(offset)
            if i:
                out.write("\n")
            out.write(self._file.read(length).decode("utf-8", "surrogatepass"))

    def close(self) -> None:
        self._file.close()


# ------------------------------------------------------------------ graph.ttl

class UnionSorter:
    """External merge sort of the union of all graphs, for graph.ttl.

    At most ``chunk`` items are held before a sorted run is written; runs are
    read back ``_BATCH`` items at a time, and ``fan_in`` runs of a size are
    merged into one run of the next size, so memory and open files stay
    bounded and each item is rewritten only log(runs) times.  Repeats (a
    triple in several graphs) are dropped in the merge.
    """

    _BATCH = 1_000

    def __init__(self, folder: Path, chunk: int = 50_000, fan_in: int = 32) -> None:
        self._folder = folder
        self._chunk = chunk
        self._fan_in = fan_in
        self._buffer: list[Item] = []
        self._runs: list[tuple[int, Path]] = []
        self._serial = 0

    def add(self, items: Iterable[Item]) -> None:
        buf = self._buffer
        for item in items:
            buf.append(item)
            if len(buf) >= self._chunk:
                self._spill()
                buf = self._buffer

    def _write_run(self, items: Iterable[Item]) -> Path:
        path = self._folder / f"run-{self._serial:06d}.pickle"
        self._serial += 1
        batch: list[Item] = []
        with path.open("wb") as fh:
            for item in items:
                batch.append(item)
                if len(batch) >= self._BATCH:
                    pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    batch = []
            if batch:
                pickle.dump(batch, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def _spill(self) -> None:
        self._buffer.sort(key=_first)
        self._runs.append((0, self._write_run(self._buffer)))
        self._buffer = []
        # like a binary counter in base fan_in: fan_in runs of one level become one of the next
        level = 0
        while sum(1 for lv, _ in self._runs if lv == level) >= self._fan_in:
            group = [path for lv, path in self._runs if lv == level]
            merged = self._write_run(self._merge([self._read_run(p) for p in group]))
            for path in group:
                path.unlink()
            self._runs = [(lv, path) for lv, path in self._runs if lv != level]
            self._runs.append((level + 1, merged))
            level += 1

    @property
    def runs(self) -> int:
        """Sorted runs on disk now (after merging)."""
        return len(self._runs)

    @classmethod
    def _read_run(cls, path: Path) -> Iterator[Item]:
        with path.open("rb") as fh:
            while True:
                try:
                    batch = pickle.load(fh)
                except EOFError:
                    return
                yield from batch

    @staticmethod
    def _merge(streams: list[Iterable[Item]]) -> Iterator[Item]:
        last: SortKey | None = None
        for item in heapq.merge(*streams, key=_first):
            if item[0] != last:
                last = item[0]
                yield item

    def _sorted(self) -> Iterator[Item]:
        self._buffer.sort(key=_first)
        streams: list[Iterable[Item]] = [self._read_run(p) for _, p in self._runs]
        streams.append(self._buffer)
        return self._merge(streams)

    def write(self, out: IO[str]) -> None:
        """graph.ttl as :func:`~.io.turtle_text` would write it."""
        header = _header()
        first = True
        for block in format_subjects(self._sorted(), ""):
            out.write(header if first else "\n")
            out.write(block)
            first = False
        if first:
            out.write(header.rstrip("\n") + "\n")


def _first(item: Item) -> SortKey:
    return item[0]


class GraphWriter:
    """graph.trig, graph.ttl and records.jsonl, built and written one document at a time.

    Records must come in document-id order (records of one document together);
    each document's graph is rendered and spooled when the next document
    starts, then forgotten.  :meth:`finish` adds the background graph and
    writes the staged files; :meth:`close` releases the spool.
    """

    def __init__(self, staging: Staging, spool: Path, gazetteer: Gazetteer) -> None:
        self.builder = StreamingBuilder(gazetteer)
        self.term = TermRenderer()
        self.graphs = GraphSpool(spool, self.term)
        self.union = UnionSorter(spool)
        self._staging = staging
        self._jsonl = staging.open("records.jsonl")
        self._doc_id: str | None = None
        self._graph: Node | None = None
        self.facts: Counter[str] = Counter()
        self.triples = 0
        self.seconds = 0.0

    def add(self, record: DocumentRecord, jsonl: str | None = None) -> None:
        """Add one document's record; ``jsonl`` is its records.jsonl text if already encoded."""
        started = time.perf_counter()
        if self._doc_id is not None and record.doc_id != self._doc_id:
            if record.doc_id < self._doc_id:
                raise ValueError(f"records must be sorted by doc_id: {record.doc_id!r} after "
                                 f"{self._doc_id!r}")
            self._flush()
        self._graph = self.builder.add_document(record)
        self._doc_id = record.doc_id
        self._jsonl.write(jsonl if jsonl is not None else write_jsonl(record.triples))
        self.facts.update(t.predicate for t in record.triples)
        self.seconds += time.perf_counter() - started

    def _flush(self) -> None:
        if self._graph is None:
            return
        items = to_items(self.builder.take(self._graph), self.term)
        self.graphs.add(self._graph, items)  # sorts items, which makes the union's sort cheaper
        self.union.add(items)
        self.triples += len(items)
        self._graph = None

    def finish(self) -> None:
        """Add the background graph and write graph.trig and graph.ttl (staged)."""
        started = time.perf_counter()
        self._flush()
        self._jsonl.close()
        ds = self.builder.finish()
        for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if str(g.identifier) not in self.graphs:
                items = to_items(g, self.term)
                self.graphs.add(g.identifier, items)
                self.union.add(items)
                self.triples += len(items)
        self.seconds += time.perf_counter() - started
        with self._staging.open("graph.trig") as fh:
            self.graphs.write(fh)
        with self._staging.open("graph.ttl") as fh:
            self.union.write(fh)

    def close(self) -> None:
        self.graphs.close()


class SpoolDir:
    """A private scratch folder inside the output folder, removed on exit."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX + "spool-", dir=out))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
