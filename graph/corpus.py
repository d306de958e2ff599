"""A whole run: find the files, extract each, build the dataset, write the outputs.

One bad document never takes the run down: its failure is recorded in the
report (file, reason, line) and the others go on.

The run streams.  Files are read one at a time; extraction runs here, in a
process pool or on a Dask cluster (:mod:`.executors`), with a bounded number
of documents in flight; each result goes straight to the per-document cache
(:mod:`.cache`), so a killed or repeated build re-extracts only what changed.
The graph is then built and written one document graph at a time
(:mod:`.stream`), in document-id order, so the output is the same bytes
whatever the executor, and memory holds the entities, not the triples.
Outputs are staged and renamed into place at the end: an interrupted run
leaves the previous ones intact.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..extract import gazetteer as gazetteer_module
from ..extract.document import load
from ..extract.errors import DocumentError
from ..extract.pipeline import extract_document
from .build import DocumentRecord, build_dataset
from .cache import DocumentCache
from .executors import Executor, Extracted, SerialExecutor, make_executor
from .io import atomic_write
from .stream import FolderLock, GraphWriter, SpoolDir, Staging, remove_stale_temporaries

SUFFIXES = (".txt", ".md")
#: Above this many facts the dataset is not kept in memory after writing, and no page is drawn.
DATASET_LIMIT = 50_000
#: Files that describe a folder rather than belong to the corpus.
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt"})


@dataclass(frozen=True)
class Source:
    """A file to read and the root its document id is relative to."""

    path: Path
    root: Path

    @property
    def doc_id(self) -> str:
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Outcome:
    """What happened to one source: a record, or a failure.

    A document answered from the cache has a record without triples; its
    fact counts are in ``facts`` and its triples in the cache ``entry``.
    """

    source: str
    record: DocumentRecord | None = None
    failure: Failure | None = None
    seconds: float = 0.0
    cached: bool = False
    size: int = 0
    facts: tuple[tuple[str, int], ...] | None = None
    entry: Path | None = None
    #: Position of the source in the run (the order the graph is built in).
    key: int = -1
    #: The record's triples as records.jsonl text, when they were just encoded for the cache.
    jsonl: str | None = None


@dataclass
class Report:
    documents: list[dict[str, object]] = field(default_factory=list)
    failures: list[dict[str, object]] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    graphs: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    validation: dict[str, object] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    executor: str = "local"
    cache: dict[str, object] = field(default_factory=dict)
    store: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and bool(self.validation.get("conforms", True))

    def to_json(self) -> str:
        payload = asdict(self)
        payload["summary"] = {
            "documents": len(self.documents),
            "succeeded": sum(1 for d in self.documents if d["status"] == "ok"),
            "failed": len(self.failures),
            "facts": sum(self.facts.values()),
            "reused": self.cache.get("reused", 0),
            "extracted": self.cache.get("extracted", 0),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def discover(
    inputs: Sequence[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[Source], list[Failure]]:
    """Files under the inputs (folders searched recursively, sorted), and inputs that failed.

    A folder yields its ``.txt`` and ``.md`` files; documents in formats that are
    not read (PDF, Word, images …) become failures that say so, rather than
    vanishing.  A file given by name is always read, whatever its suffix, and
    :func:`~shanhai.extract.document.load` decides whether it is text.
    """
    sources: list[Source] = []
    failures: list[Failure] = []
    for given in inputs:
        if given.is_dir():
            for path in _walk(given, failures):
                rel = path.relative_to(given).as_posix()
                if include and not any(fnmatch.fnmatch(rel, g) for g in include):
                    continue
                if any(fnmatch.fnmatch(rel, g) for g in exclude):
                    continue
                kind = NOT_TEXT_SUFFIXES.get(path.suffix.lower())
                if kind is None:
                    sources.append(Source(path, given))
                else:
                    failures.append(Failure(str(path), f"is {kind}: only .txt and .md files are "
                                                       "read; convert it to text or --exclude it"))
        elif given.exists() or given.is_symlink():
            sources.append(Source(given, given.parent))
        else:
            failures.append(Failure(str(given), "does not exist"))
    unique = {s.path.as_posix(): s for s in sources}
    failures.sort(key=lambda f: f.path)
    return [unique[k] for k in sorted(unique)], failures


#: Document formats people put into a corpus folder that are not read as text.
NOT_TEXT_SUFFIXES = {
    ".pdf": "a PDF file", ".caj": "a CAJ file", ".doc": "a Word file", ".docx": "a Word file",
    ".wps": "a WPS file", ".odt": "an OpenDocument file", ".rtf": "an RTF file",
    ".epub": "an EPUB book", ".png": "an image", ".jpg": "an image", ".jpeg": "an image",
    ".gif": "an image", ".bmp": "an image", ".tif": "an image", ".tiff": "an image",
    ".webp": "an image",
}


def _walk(root: Path, failures: list[Failure]) -> Iterator[Path]:
    """Candidate files under ``root``, following folder symlinks but never round a loop.

    A folder symlink leading back to a folder it sits in is a loop: it is
    reported and not entered.  A symlink to a folder inside ``root`` is not
    entered either (its files are read under their real path), so no file is
    read twice.  Hidden files and folders are skipped.  Every other entry that is
    not a folder is yielded when its suffix fits, including broken links, pipes
    and unreadable files, so that loading can say what is wrong with each.
    """
    wanted = frozenset(SUFFIXES) | frozenset(NOT_TEXT_SUFFIXES)
    try:
        real_root = root.resolve()
        top = root.stat()
    except (OSError, RuntimeError) as exc:
        failures.append(Failure(str(root), f"cannot be listed: {_reason(exc)}"))
        return
    visited = {(top.st_dev, top.st_ino)}
    # (folder, the (device, inode) and path of it and each folder above it)
    stack: list[tuple[Path, tuple[tuple[tuple[int, int], Path], ...]]] = [
        (root, (((top.st_dev, top.st_ino), root),))
    ]
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            failures.append(Failure(str(folder), f"cannot be listed: {_reason(exc)}"))
            continue
        subfolders: list[tuple[Path, tuple[tuple[tuple[int, int], Path], ...]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if not _is_dir(entry):
                if entry.name.lower() not in SKIPPED_NAMES and path.suffix.lower() in wanted:
                    yield path
                continue
            try:
                st = entry.stat()
            except OSError as exc:
                failures.append(Failure(str(path), f"cannot be listed: {_reason(exc)}"))
                continue
            ident = (st.st_dev, st.st_ino)
            loop = next((p for i, p in ancestors if i == ident), None)
            if loop is not None:
                failures.append(Failure(str(path), f"is a symlink loop (it leads back to {loop})"))
                continue
            if entry.is_symlink() and _inside(path, real_root):
                continue
            if ident in visited:
                continue
            visited.add(ident)
            subfolders.append((path, (*ancestors, (ident, path))))
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(link: Path, real_root: Path) -> bool:
    """True when ``link`` leads to a folder the walk reaches anyway (inside the root, not hidden)."""
    try:
        rel = link.resolve().relative_to(real_root)
    except (OSError, RuntimeError, ValueError):
        return False
    return not any(part.startswith(".") for part in rel.parts)


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def process(source: Source) -> Outcome:
    """Load and extract one file in this process; any DocumentError becomes a recorded failure."""
    started = time.perf_counter()
    try:
        doc = load(source.path, source.root)
    except DocumentError as exc:
        return Outcome(source.doc_id, failure=Failure(exc.path, exc.reason, exc.line))
    extraction = extract_document(doc)
    record = DocumentRecord(
        doc_id=doc.doc_id,
        path=doc.path,
        sha256=doc.sha256,
        chars=len(doc.text),
        triples=extraction.triples,
    )
    return Outcome(source.doc_id, record=record, seconds=time.perf_counter() - started,
                   size=_size(source.path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass(frozen=True)
class _InFlight:
    """What the parent keeps of a document while it is extracted elsewhere (not its text)."""

    source: Source
    doc_id: str
    path: str
    sha256: str
    chars: int
    size: int
    started: float


def run_extraction(
    sources: Sequence[Source],
    progress: Callable[[Outcome], None] | None = None,
    *,
    executor: Executor | None = None,
    cache: DocumentCache | None = None,
    rebuild: bool = False,
) -> Iterator[Outcome]:
    """Outcomes of ``sources`` as they complete (in any order when ``executor`` runs in parallel).

    Files are read, decoded and hashed here, one at a time.  A document whose
    content and id are in ``cache`` is not extracted again (unless ``rebuild``);
    the others go to ``executor`` (default: this process), at most
    ``executor.window`` at once, and are stored in ``cache`` as they arrive.
    """
    ex = executor if executor is not None else SerialExecutor()
    in_flight: dict[int, _InFlight] = {}

    def finish(results: list[Extracted]) -> Iterator[Outcome]:
        for result in results:
            job = in_flight.pop(result.key)
            if result.triples is None:
                failure = Failure(str(job.source.path), str(result.error))
                outcome = Outcome(job.source.doc_id, failure=failure, size=job.size, key=result.key)
            else:
                record = DocumentRecord(job.doc_id, job.path, job.sha256, job.chars, result.triples)
                entry, text = cache.store(record) if cache is not None else (None, None)
                outcome = Outcome(job.source.doc_id, record=record, size=job.size, entry=entry,
                                  seconds=time.perf_counter() - job.started, key=result.key,
                                  jsonl=text)
            if progress is not None:
                progress(outcome)
            yield outcome

    try:
        for key, source in enumerate(sources):
            started = time.perf_counter()
            size = _size(source.path)
            try:
                doc = load(source.path, source.root)
            except DocumentError as exc:
                outcome = Outcome(source.doc_id, failure=Failure(exc.path, exc.reason, exc.line),
                                  size=size, key=key)
            else:
                hit = None if cache is None or rebuild else cache.lookup(doc.sha256, doc.doc_id)
                if hit is None:
                    while ex.pending >= ex.window:
                        yield from finish(ex.completed(block=True))
                    in_flight[key] = _InFlight(source, doc.doc_id, doc.path, doc.sha256,
                                               len(doc.text), size, started)
                    ex.submit(key, doc)
                    del doc
                    yield from finish(ex.completed(block=False))
                    continue
                outcome = Outcome(
                    source.doc_id,
                    record=DocumentRecord(doc.doc_id, doc.path, doc.sha256, hit.chars),
                    seconds=time.perf_counter() - started, cached=True, size=size,
                    facts=hit.facts, entry=hit.path, key=key,
                )
            if progress is not None:
                progress(outcome)
            yield outcome
        while ex.pending:
            yield from finish(ex.completed(block=True))
    finally:
        if executor is None:
            ex.close()


def write_outputs(
    out: Path,
    records: Iterable[DocumentRecord],
    report: Report,
    *,
    html: bool = True,
    keep_dataset: bool | None = None,
    store: str | None = None,
    jsonl: Callable[[DocumentRecord], str] | None = None,
) -> None:
    """Build the dataset and write graph.trig, graph.ttl, records.jsonl and graph.html.

    ``records`` may be a list (sorted here) or a stream sorted by ``doc_id``
    (:class:`ValueError` otherwise).  Each document's graph is built, written
    and dropped in turn (:class:`~.stream.GraphWriter`); only the entities
    behind the background graph stay in memory.  The page needs the whole
    dataset in memory, so it is drawn only when ``keep_dataset`` (default: when
    ``html`` and the records hold at most :data:`DATASET_LIMIT` facts).
    ``jsonl`` gives a record's records.jsonl text when it is at hand already.
    Every file is staged and renamed into place at the end; ``store``
    (``oxigraph:PATH``) then bulk-loads graph.trig into an on-disk Oxigraph store.
    """
    if isinstance(records, list | tuple):
        records = sorted(records, key=lambda r: r.doc_id)
        total = sum(len(r.triples) for r in records)
    else:
        total = sum(_fact_total(d) for d in report.documents)
    keep = (html and total <= DATASET_LIMIT) if keep_dataset is None else keep_dataset
    kept: list[DocumentRecord] = []
    with Staging(out) as staging, SpoolDir(out) as spool:
        writer = GraphWriter(staging, spool, gazetteer_module.default())
        try:
            for rec in records:
                writer.add(rec, jsonl(rec) if jsonl else None)
                if keep:
                    kept.append(rec)
            _finish(writer, staging, report, html=html, page=kept if keep else None, total=total)
            staging.commit()
        finally:
            writer.close()
    _after_commit(out, report, html=html, page=keep, store=store)


def _finish(
    writer: GraphWriter,
    staging: Staging,
    report: Report,
    *,
    html: bool,
    page: Iterable[DocumentRecord] | None,
    total: int,
) -> None:
    """Write the background graph, graph.trig and graph.ttl, and the page when ``page``."""
    started = time.perf_counter()
    writer.finish()
    report.timings["build"] = round(writer.seconds, 3)
    report.timings["serialise"] = round(time.perf_counter() - started, 3)
    report.graphs, report.triples = len(writer.graphs), writer.triples
    report.facts = dict(sorted(writer.facts.items()))
    report.outputs = {"trig": "graph.trig", "turtle": "graph.ttl", "records": "records.jsonl"}
    if html and page is not None:
        from .network import project
        from .render import write_html

        started = time.perf_counter()
        ds = build_dataset(page, gazetteer_module.default())
        write_html(project(ds), staging.path("graph.html"), title="shanhai")
        report.timings["render"] = round(time.perf_counter() - started, 3)
        report.outputs["html"] = "graph.html"
    elif html:
        report.notes.append(
            f"graph.html not written: {total} facts is more than the page holds "
            f"({DATASET_LIMIT}); query the graph or render a subgraph instead")


def _after_commit(out: Path, report: Report, *, html: bool, page: bool, store: str | None) -> None:
    if html and not page:
        with contextlib.suppress(FileNotFoundError):
            (out / "graph.html").unlink()  # it described another graph
    if store:
        load_store(store, out / "graph.trig", report)


class _InOrder:
    """Feeds outcomes to the writer in source order, whatever order they complete in.

    A record that waits for a slower predecessor keeps only its cache entry
    (its triples are read back when its turn comes), so memory stays bounded.
    """

    _HOLD = 64

    def __init__(self, writer: GraphWriter, cache: DocumentCache | None) -> None:
        self._writer, self._cache = writer, cache
        self._waiting: dict[int, Outcome] = {}
        self._next = 0

    def put(self, outcome: Outcome) -> None:
        if (len(self._waiting) >= self._HOLD and outcome.entry is not None
                and outcome.record is not None and outcome.key != self._next):
            outcome = replace(outcome, record=replace(outcome.record, triples=()), jsonl=None)
        self._waiting[outcome.key] = outcome
        while self._next in self._waiting:
            self._feed(self._waiting.pop(self._next))
            self._next += 1

    def _feed(self, outcome: Outcome) -> None:
        if outcome.record is None:
            return
        stripped = outcome.cached or not outcome.record.triples
        if stripped and outcome.entry is not None and self._cache is not None:
            record, text = self._cache.load_with_jsonl(outcome.entry, outcome.record.path)
            self._writer.add(record, text)
        else:
            self._writer.add(outcome.record, outcome.jsonl)

    @property
    def waiting(self) -> int:
        return len(self._waiting)


def _fact_total(doc: dict[str, object]) -> int:
    facts = doc.get("facts")
    return sum(facts.values()) if isinstance(facts, dict) else 0


def load_store(spec: str, trig: Path, report: Report) -> None:
    """Replace what the store ``spec`` (``memory`` or ``oxigraph:PATH``) holds with ``trig``."""
    kind, _, location = spec.partition(":")
    if kind == "memory" and not location:
        return
    if kind != "oxigraph" or not location:
        raise ValueError(f"unknown store {spec!r}; use memory or oxigraph:PATH")
    from .store import load_store as bulk_load

    loaded = bulk_load(spec, trig)
    report.store = {"kind": "oxigraph", "path": location, "quads": loaded.quads}
    report.timings["store"] = loaded.seconds


def build_corpus(
    inputs: Sequence[Path],
    out: Path,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    html: bool = True,
    jobs: int | None = None,
    executor: str = "local",
    store: str | None = None,
    cache: bool = True,
    rebuild: bool = False,
    validate: bool = True,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Run the whole pipeline and write every output into ``out``; returns the report.

    ``executor`` and ``jobs`` say where extraction runs (see
    :func:`~.executors.make_executor`); the outputs are the same bytes wherever
    it runs.  With ``cache`` (the default) each document's extraction is kept in
    ``out/cache/`` and reused while its bytes and the extractor stay the same;
    ``rebuild`` ignores what is there.  ``validate`` checks the written graph
    against the SHACL shapes; violations land in ``report.validation``.  One
    build at a time may write to ``out`` (:class:`~.stream.FolderBusy` otherwise).
    """
    with FolderLock(out):
        return _build(inputs, out, include=include, exclude=exclude, html=html, jobs=jobs,
                      executor=executor, store=store, cache=cache, rebuild=rebuild,
                      validate=validate, on_outcome=on_outcome, on_start=on_start)


def _build(
    inputs: Sequence[Path],
    out: Path,
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    html: bool,
    jobs: int | None,
    executor: str,
    store: str | None,
    cache: bool,
    rebuild: bool,
    validate: bool,
    on_outcome: Callable[[Outcome], None] | None,
    on_start: Callable[[int], None] | None,
) -> Report:
    started, cpu = time.perf_counter(), os.times()
    report = Report()
    remove_stale_temporaries(out)
    sources, failures = discover(list(inputs), include, exclude)
    report.failures.extend(failure_json(f) for f in failures)
    # the graph is built in document-id order, so extraction is submitted in that order too
    sources.sort(key=lambda s: (s.doc_id, s.path.as_posix()))
    store_cache = DocumentCache(out / "cache") if cache else None
    if on_start is not None:
        on_start(len(sources))
    done: list[tuple[str, str, Path]] = []
    kept: list[DocumentRecord] = []
    with Staging(out) as staging, SpoolDir(out) as spool:
        writer = GraphWriter(staging, spool, gazetteer_module.default())
        try:
            in_order = _InOrder(writer, store_cache)
            with make_executor(executor, jobs) as ex:
                report.executor = ex.name
                for outcome in run_extraction(sources, on_outcome, executor=ex,
                                              cache=store_cache, rebuild=rebuild):
                    add_outcome(report, outcome)
                    if outcome.record is not None:
                        if outcome.entry is not None:
                            done.append((outcome.record.doc_id, outcome.record.path,
                                         outcome.entry))
                        else:
                            kept.append(outcome.record)
                    in_order.put(outcome)
            report.timings["extract"] = round(time.perf_counter() - started, 3)
            report.documents.sort(key=lambda d: str(d["doc"]))
            report.failures.sort(key=lambda f: (str(f["path"]), str(f["reason"])))
            ok = [d for d in report.documents if d["status"] == "ok"]
            report.cache = {
                "reused": sum(1 for d in ok if d.get("cached")),
                "extracted": sum(1 for d in ok if not d.get("cached")),
                "folder": store_cache.folder.relative_to(out).as_posix() if store_cache else None,
            }
            total = sum(_fact_total(d) for d in ok)
            page: Iterable[DocumentRecord] | None = None
            if html and total <= DATASET_LIMIT:
                done.sort()
                page = (kept if store_cache is None else
                        (store_cache.load(entry, path) for _, path, entry in done))
            _finish(writer, staging, report, html=html, page=page, total=total)
            staging.commit()
        finally:
            writer.close()
    _after_commit(out, report, html=html, page=page is not None, store=store)
    if validate:
        from .validate import validate_path

        result = validate_path(out / "graph.trig")
        report.validation = result.to_json()
        report.timings["validate"] = result.seconds
    if store_cache is not None:
        store_cache.prune(path for _, _, path in done)
    report.timings["total"] = round(time.perf_counter() - started, 3)
    now = os.times()
    # CPU seconds of this process, and of local worker processes (a pool's, once it has ended)
    report.timings["cpu"] = round(now.user + now.system - cpu.user - cpu.system, 3)
    report.timings["cpu_workers"] = round(now.children_user + now.children_system
                                          - cpu.children_user - cpu.children_system, 3)
    atomic_write(out / "report.json", report.to_json())
    return report


def failure_json(f: Failure) -> dict[str, object]:
    return {"path": f.path, "reason": f.reason, "line": f.line, "message": f.message()}


def add_outcome(report: Report, outcome: Outcome) -> None:
    if outcome.record is not None:
        if outcome.facts is not None:
            facts = dict(outcome.facts)
        else:
            facts = dict(Counter(t.predicate for t in outcome.record.triples))
        report.documents.append({
            "doc": outcome.source, "status": "ok", "chars": outcome.record.chars,
            "sha256": outcome.record.sha256, "facts": dict(sorted(facts.items())),
            "seconds": round(outcome.seconds, 3), "cached": outcome.cached,
        })
    elif outcome.failure is not None:
        report.documents.append({"doc": outcome.source, "status": "failed",
                                 "error": outcome.failure.message()})
        report.failures.append(failure_json(outcome.failure))
