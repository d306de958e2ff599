"""A whole run: find the files, extract each, build the dataset, write the outputs.

One bad document never takes the run down: its failure is recorded in the
report (file, reason, line) and the others go on.  Outputs are written
atomically, so an interrupted run leaves the previous ones intact.
"""

from __future__ import annotations

import fnmatch
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..extract import gazetteer as gazetteer_module
from ..extract.document import load
from ..extract.errors import DocumentError
from ..extract.pipeline import extract_document
from ..extract.records import write_jsonl
from .build import DocumentRecord, build_dataset
from .io import atomic_write, trig_text, turtle_text, union_triples

SUFFIXES = (".txt", ".md")
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
    """What happened to one source: a record, or a failure."""

    source: str
    record: DocumentRecord | None = None
    failure: Failure | None = None
    seconds: float = 0.0


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
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def discover(
    inputs: Sequence[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[Source], list[Failure]]:
    """Files under the inputs (folders searched recursively, sorted), and inputs that failed."""
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
                sources.append(Source(path, given))
        elif given.exists() or given.is_symlink():
            sources.append(Source(given, given.parent))
        else:
            failures.append(Failure(str(given), "does not exist"))
    unique = {s.path.as_posix(): s for s in sources}
    return [unique[k] for k in sorted(unique)], failures


def _walk(root: Path, failures: list[Failure]) -> Iterator[Path]:
    seen_dirs: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        failures.append(Failure(str(exc.filename or root), f"cannot be listed: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            failures.append(Failure(dirpath, f"cannot be read: {exc.strerror}"))
            dirnames[:] = []
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen_dirs:
            failures.append(Failure(dirpath, "is a symlink loop (folder already visited)"))
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or name.lower() in SKIPPED_NAMES:
                continue
            if path.suffix.lower() in SUFFIXES:
                yield path


def process(source: Source) -> Outcome:
    """Load and extract one file; any DocumentError becomes a recorded failure."""
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
    return Outcome(source.doc_id, record=record, seconds=time.perf_counter() - started)


def run_extraction(
    sources: Sequence[Source], progress: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    for source in sources:
        outcome = process(source)
        if progress is not None:
            progress(outcome)
        yield outcome


def write_outputs(
    out: Path,
    records: Iterable[DocumentRecord],
    report: Report,
    *,
    html: bool = True,
) -> None:
    """Build the dataset and write graph.trig, graph.ttl, records.jsonl and graph.html."""
    started = time.perf_counter()
    records = sorted(records, key=lambda r: r.doc_id)
    ds = build_dataset(records, gazetteer_module.default())
    report.timings["build"] = round(time.perf_counter() - started, 3)
    report.graphs = sum(1 for g in ds.graphs() if len(g))
    report.triples = sum(len(g) for g in ds.graphs())
    counts: Counter[str] = Counter(t.predicate for r in records for t in r.triples)
    report.facts = dict(sorted(counts.items()))
    started = time.perf_counter()
    atomic_write(out / "graph.trig", trig_text(ds))
    atomic_write(out / "graph.ttl", turtle_text(union_triples(ds)))
    atomic_write(out / "records.jsonl", write_jsonl(t for r in records for t in r.triples))
    report.timings["serialise"] = round(time.perf_counter() - started, 3)
    report.outputs = {"trig": "graph.trig", "turtle": "graph.ttl", "records": "records.jsonl"}
    if html:
        from .network import project
        from .render import write_html

        started = time.perf_counter()
        write_html(project(ds), out / "graph.html", title="shanhai")
        report.timings["render"] = round(time.perf_counter() - started, 3)
        report.outputs["html"] = "graph.html"


def build_corpus(
    inputs: Sequence[Path],
    out: Path,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    html: bool = True,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Run the whole pipeline and write every output into ``out``; returns the report."""
    started = time.perf_counter()
    report = Report()
    sources, failures = discover(list(inputs), include, exclude)
    report.failures.extend(failure_json(f) for f in failures)
    if on_start is not None:
        on_start(len(sources))
    records: list[DocumentRecord] = []
    for outcome in run_extraction(sources, on_outcome):
        add_outcome(report, outcome)
        if outcome.record is not None:
            records.append(outcome.record)
    report.timings["extract"] = round(time.perf_counter() - started, 3)
    write_outputs(out, records, report, html=html)
    report.timings["total"] = round(time.perf_counter() - started, 3)
    atomic_write(out / "report.json", report.to_json())
    return report


def failure_json(f: Failure) -> dict[str, object]:
    return {"path": f.path, "reason": f.reason, "line": f.line, "message": f.message()}


def add_outcome(report: Report, outcome: Outcome) -> None:
    if outcome.record is not None:
        counts: Counter[str] = Counter(t.predicate for t in outcome.record.triples)
        report.documents.append({
            "doc": outcome.source, "status": "ok", "chars": outcome.record.chars,
            "sha256": outcome.record.sha256, "facts": dict(sorted(counts.items())),
            "seconds": round(outcome.seconds, 3),
        })
    elif outcome.failure is not None:
        report.documents.append({"doc": outcome.source, "status": "failed",
                                 "error": outcome.failure.message()})
        report.failures.append(failure_json(outcome.failure))
