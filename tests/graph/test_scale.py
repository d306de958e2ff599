"""Streaming build: same bytes as the in-memory writers, recursive discovery, --jobs and Dask.

The reference for every comparison is the in-memory path (``build_dataset`` +
``trig_text``/``turtle_text``) or the session's one-process seed build.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from shanhai.extract import gazetteer as gazetteer_module
from shanhai.extract.records import to_json, write_jsonl
from shanhai.graph import corpus
from shanhai.graph.build import DocumentRecord, build_dataset
from shanhai.graph.cache import DocumentCache, triple_json
from shanhai.graph.cli import main
from shanhai.graph.corpus import Report, build_corpus, discover, write_outputs
from shanhai.graph.executors import ExecutorError, make_executor, parse_spec
from shanhai.graph.io import trig_text, turtle_text, union_triples
from shanhai.graph.stream import TEMP_PREFIX, TermRenderer, UnionSorter, to_items

OUTPUTS = ("graph.trig", "graph.ttl", "records.jsonl")


def assert_same_bytes(out: Path, reference: Path) -> None:
    """Every graph output of ``out`` equals ``reference``'s, built by the same extractor."""
    ours, theirs = sorted((out / "cache").iterdir()), sorted((reference / "cache").iterdir())
    assert [p.name for p in ours] == [p.name for p in theirs], "the extractor changed mid-test"
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


@pytest.fixture(scope="module")
def seed_records(seed_out: Path, seeds_dir: Path) -> list[DocumentRecord]:
    """The seed build's records, read back from its cache (no second extraction)."""
    report = json.loads((seed_out / "report.json").read_text(encoding="utf-8"))
    sha = {d["doc"]: d["sha256"] for d in report["documents"] if d["status"] == "ok"}
    cache = DocumentCache(seed_out / "cache")
    sources, _ = discover([seeds_dir])
    return [
        cache.load(cache.entry_path(sha[s.doc_id], s.doc_id), s.path.as_posix())
        for s in sources
    ]


def test_seed_build_streams_the_bytes_the_in_memory_writers_give(
    seed_out: Path, seed_records: list[DocumentRecord]
) -> None:
    ds = build_dataset(seed_records, gazetteer_module.default())
    assert (seed_out / "graph.trig").read_text(encoding="utf-8") == trig_text(ds)
    assert (seed_out / "graph.ttl").read_text(encoding="utf-8") == turtle_text(union_triples(ds))
    jsonl = write_jsonl(t for r in seed_records for t in r.triples)
    assert (seed_out / "records.jsonl").read_text(encoding="utf-8") == jsonl
    assert all(triple_json(t) == to_json(t) for r in seed_records for t in r.triples)


def test_external_sort_spilling_many_runs_gives_the_same_turtle(
    tmp_path: Path, seed_records: list[DocumentRecord]
) -> None:
    ds = build_dataset(seed_records, gazetteer_module.default())
    sorter, term = UnionSorter(tmp_path, chunk=97, fan_in=3), TermRenderer()
    for g in ds.graphs():
        sorter.add(to_items(g, term))
    # dozens of runs were written; merged three at a time, a handful remain
    assert sorter.runs == len(list(tmp_path.glob("run-*.pickle")))
    assert sum(len(g) for g in ds.graphs()) > 97 * 27 and 1 <= sorter.runs <= 8
    out = tmp_path / "u.ttl"
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        sorter.write(fh)
    assert out.read_text(encoding="utf-8") == turtle_text(union_triples(ds))


def test_without_the_dataset_in_memory_the_graph_is_the_same_and_the_page_is_skipped(
    tmp_path: Path, seed_out: Path, seed_records: list[DocumentRecord]
) -> None:
    report = Report()
    write_outputs(tmp_path, iter(seed_records), report, keep_dataset=False)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (seed_out / name).read_bytes(), name
    assert not (tmp_path / "graph.html").exists()
    assert "html" not in report.outputs
    assert any("graph.html not written" in note for note in report.notes)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_stream_out_of_document_order_is_refused(
    tmp_path: Path, seed_records: list[DocumentRecord]
) -> None:
    with pytest.raises(ValueError, match="sorted by doc_id"):
        write_outputs(tmp_path, iter(reversed(seed_records)), Report(), html=False)
    assert not (tmp_path / "graph.trig").exists()


def test_the_report_counts_what_was_extracted(seed_build: tuple[Path, Report]) -> None:
    out, report = seed_build
    assert (report.cache["extracted"], report.cache["reused"]) == (5, 0)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["extracted"] == 5
    assert data["summary"]["reused"] == 0
    assert data["executor"] == "local"
    assert all(d["cached"] is False for d in data["documents"])
    entries = list(DocumentCache(out / "cache").entries())
    assert len(entries) == 5


# ---------------------------------------------------------------- discovery


def _tree(root: Path) -> None:
    files = {
        "a.txt": "浙江省",
        "b/c.txt": "四川省",
        "b/d/e.md": "广元市",
        "b/drafts/f.txt": "草稿",
        "b/README.md": "说明",
        "b/.hidden.txt": "隐藏",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        ((), (), ["a.txt", "b/c.txt", "b/d/e.md", "b/drafts/f.txt"]),
        (("*.txt",), (), ["a.txt", "b/c.txt", "b/drafts/f.txt"]),
        (("b/*",), ("*/drafts/*",), ["b/c.txt", "b/d/e.md"]),
        ((), ("b/d/*", "a.*"), ["b/c.txt", "b/drafts/f.txt"]),
    ],
)
def test_folders_are_walked_recursively_with_globs(
    tmp_path: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    _tree(tmp_path)
    sources, failures = discover([tmp_path], include, exclude)
    assert [s.doc_id for s in sources] == expected
    assert failures == []


# ------------------------------------------------------------- executors


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("local", ("local", None)),
        ("dask-local", ("dask", None)),
        ("dask://10.0.0.5:8786", ("dask", "tcp://10.0.0.5:8786")),
        ("tcp://127.0.0.1:8786", ("dask", "tcp://127.0.0.1:8786")),
    ],
)
def test_executor_specs(spec: str, expected: tuple[str, str | None]) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["spark://x:1", "dask://host-without-port", "pool"])
def test_bad_executor_is_a_usage_error(tmp_path: Path, seeds_dir: Path, spec: str) -> None:
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(tmp_path),
                                       "--executor", spec])
    assert result.exit_code == 2
    assert "--executor" in result.output
    assert not (tmp_path / "graph.trig").exists()


def test_an_unreachable_scheduler_is_reported_not_hung(tmp_path: Path) -> None:
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        make_executor("dask://127.0.0.1:9", 1, connect_timeout=2).close()


@pytest.mark.slow
def test_jobs_and_hash_seed_do_not_change_a_byte(tmp_path: Path, seeds_dir: Path,
                                                  seed_out: Path) -> None:
    """A separate process, another PYTHONHASHSEED, two workers: the session build's bytes."""
    env = dict(os.environ, PYTHONHASHSEED="12345")
    proc = subprocess.run(
        [sys.executable, "-m", "shanhai", "build", str(seeds_dir), "--out", str(tmp_path),
         "--jobs", "2", "--no-html", "--no-validate", "--no-progress"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert_same_bytes(tmp_path, seed_out)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["executor"] == "pool:2"
    assert report["summary"]["extracted"] == 5


@pytest.mark.slow
@pytest.mark.server
def test_dask_cluster_gives_the_local_bytes(tmp_path: Path, seeds_dir: Path,
                                            seed_out: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        report = build_corpus([seeds_dir], tmp_path, executor=address, html=False,
                              validate=False)
        with distributed.Client(cluster) as client:
            workers = client.scheduler_info()["workers"]
            ran = client.run(
                lambda: importlib.import_module("shanhai.extract.segment").default.cache_info()
            )
    assert report.executor == f"dask:{cluster.scheduler_address}"
    assert report.cache["extracted"] == 5
    assert len(workers) == 2
    # each worker loaded one segmenter, when it joined, and reused it for every document
    assert all(info.currsize == 1 and info.misses == 1 for info in ran.values())
    assert_same_bytes(tmp_path, seed_out)


class _Recorder:
    """Stands in for the graph writer: remembers what it was given, in order."""

    def __init__(self) -> None:
        self.added: list[tuple[DocumentRecord, str | None]] = []

    def add(self, record: DocumentRecord, jsonl: str | None = None) -> None:
        self.added.append((record, jsonl))


def test_results_completing_out_of_order_reach_the_graph_in_document_order(
    tmp_path: Path, seed_records: list[DocumentRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the hold limit a waiting record keeps only its cache entry and is read back."""
    monkeypatch.setattr(corpus._InOrder, "_HOLD", 2)
    cache = DocumentCache(tmp_path, version="test")
    outcomes = []
    for key, rec in enumerate(seed_records):
        entry, text = cache.store(rec)
        outcomes.append(corpus.Outcome(rec.doc_id, record=rec, entry=entry, key=key, jsonl=text))
    writer = _Recorder()
    in_order = corpus._InOrder(writer, cache)  # type: ignore[arg-type]
    for outcome in reversed(outcomes):  # the first document finishes last
        in_order.put(outcome)
        assert writer.added == [] or outcome.key == 0
    assert in_order.waiting == 0
    assert [r for r, _ in writer.added] == seed_records
    assert [t for _, t in writer.added] == [write_jsonl(r.triples) for r in seed_records]
