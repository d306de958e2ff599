"""Incremental rebuilds: content hashes decide what is extracted again, and only that changes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from shanhai.extract.records import write_jsonl
from shanhai.graph import iri
from shanhai.graph.build import DocumentRecord
from shanhai.graph.cache import DocumentCache
from shanhai.graph.corpus import Report, build_corpus

GRAPH_BLOCK = re.compile(r"^(<[^>\s]+>) \{\n(.*?)^\}\n", re.M | re.S)
CHANGED = "002_1a9e55f4cc8453d1.txt"
REMOVED = "004_6b8647a73928aa67.txt"


def named_graphs(out: Path) -> dict[str, str]:
    """graph.trig split into its named graphs: IRI → the block's text."""
    text = (out / "graph.trig").read_text(encoding="utf-8")
    blocks = {m.group(1)[1:-1]: m.group(2) for m in GRAPH_BLOCK.finditer(text)}
    assert sum(len(b) for b in blocks.values()) > 0.9 * len(text)  # the split saw the whole file
    return blocks


def build(corpus: Path, out: Path) -> Report:
    return build_corpus([corpus], out, html=False, validate=False)


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(seeds_dir.glob("0*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.slow
def test_only_what_changed_is_extracted_and_only_its_graph_changes(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = build(corpus, out)
    assert (first.cache["extracted"], first.cache["reused"]) == (5, 0)
    before = named_graphs(out)
    before_bytes = {n: (out / n).read_bytes() for n in ("graph.trig", "graph.ttl", "records.jsonl")}

    again = build(corpus, out)
    assert (again.cache["extracted"], again.cache["reused"]) == (0, 5)
    for name, data in before_bytes.items():
        assert (out / name).read_bytes() == data, name

    # a neutral closing line: new bytes, same facts, same entities
    changed = corpus / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n以上为本期内容。\n",
                       encoding="utf-8")
    third = build(corpus, out)
    assert (third.cache["extracted"], third.cache["reused"]) == (1, 4)
    docs = {d["doc"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert [d for d, info in docs.items() if not info["cached"]] == [CHANGED]
    after = named_graphs(out)
    assert after.keys() == before.keys()
    target = str(iri.document_graph(CHANGED))
    differing = sorted(g for g in before if before[g] != after[g])
    assert differing == [target]
    assert str(iri.BACKGROUND_GRAPH) in after  # and it is byte-identical (checked just above)
    # what changed in that graph: the document's hash and length, nothing the text says
    old_lines = set(before[target].splitlines()) - set(after[target].splitlines())
    assert all("sha256" in line or "charCount" in line for line in old_lines), old_lines


@pytest.mark.slow
def test_a_removed_document_leaves_the_graph_and_the_cache(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(corpus, out)
    cache = DocumentCache(out / "cache")
    assert len(list(cache.entries())) == 5
    before = named_graphs(out)
    (corpus / REMOVED).unlink()

    report = build(corpus, out)
    assert (report.cache["extracted"], report.cache["reused"]) == (0, 4)
    after = named_graphs(out)
    gone = str(iri.document_graph(REMOVED))
    assert gone in before and gone not in after
    for g in after.keys() - {str(iri.BACKGROUND_GRAPH)}:
        assert after[g] == before[g]
    records = (out / "records.jsonl").read_text(encoding="utf-8")
    assert REMOVED not in records and CHANGED in records
    assert len(list(cache.entries())) == 4


def test_a_cache_entry_round_trips_and_misses_when_anything_differs(tmp_path: Path,
                                                                    extract_text) -> None:
    text = "1996年起，浙江省对口帮扶四川省广元市。"
    extraction = extract_text(text, "a.txt")
    assert extraction.triples
    record = DocumentRecord("a.txt", "corpus/a.txt", "ab" * 32, len(text), extraction.triples)
    cache = DocumentCache(tmp_path, version="test")
    path, body = cache.store(record)
    assert body == write_jsonl(extraction.triples)

    hit = cache.lookup("ab" * 32, "a.txt")
    assert hit is not None and hit.triples == len(record.triples) and hit.chars == len(text)
    assert cache.load(path, "moved/a.txt") == DocumentRecord(
        "a.txt", "moved/a.txt", "ab" * 32, len(text), extraction.triples)
    assert cache.lookup("cd" * 32, "a.txt") is None  # other content
    assert cache.lookup("ab" * 32, "b.txt") is None  # other document id
    assert DocumentCache(tmp_path, version="other").lookup("ab" * 32, "a.txt") is None

    path.write_bytes(path.read_bytes()[:-40])  # a torn entry is a miss, not a crash
    assert cache.lookup("ab" * 32, "a.txt") is None


def test_rebuild_ignores_the_cache(corpus: Path, tmp_path: Path) -> None:
    for path in sorted(corpus.iterdir())[1:]:
        path.unlink()
    out = tmp_path / "out"
    build(corpus, out)
    report = build_corpus([corpus], out, html=False, validate=False, rebuild=True)
    assert (report.cache["extracted"], report.cache["reused"]) == (1, 0)
