"""Crash safety: ``kill -9`` mid-build keeps the previous outputs whole, and the next run resumes.

The corpus is a few hundred small documents cut from the seeds, so a build
runs long enough to be killed at a chosen moment: once some new cache entries
exist (extraction), or once the new graph.trig is being written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from shanhai.graph.cli import main
from shanhai.graph.stream import TEMP_PREFIX, FolderLock, Staging

OUTPUTS = ("graph.trig", "graph.ttl", "records.jsonl", "report.json")


def write_corpus(seeds: Path, folder: Path, start: int, count: int) -> None:
    """``count`` documents of two seed paragraphs each and a line of their own."""
    paragraphs = [
        p.strip()
        for path in sorted(seeds.glob("0*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 40
    ]
    n = len(paragraphs)
    for i in range(start, start + count):
        text = f"{paragraphs[i % n]}\n\n{paragraphs[(7 * i + 3) % n]}\n\n（第{i}篇）\n"
        sub = folder / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")


def cache_entries(out: Path) -> int:
    folders = list((out / "cache").glob("extract-*"))
    assert len(folders) == 1, "the extractor changed mid-test (a second cache folder)"
    return len(list(folders[0].glob("*/*.jsonl")))


def staging_started(out: Path) -> bool:
    return any(p.name.startswith(TEMP_PREFIX) for p in out.iterdir())


def writing_graph(out: Path) -> bool:
    """The build is writing graph.trig (staged beside the old one)."""
    return any(p.name.startswith(TEMP_PREFIX) and p.name.endswith("graph.trig")
               for p in out.iterdir())


def build_command(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "shanhai", "build", str(corpus), "--out", str(out),
            "--no-html", "--no-validate", "--no-progress"]


def kill_when(corpus: Path, out: Path, ready: Callable[[], bool], timeout: float = 240) -> None:
    """Start a build and SIGKILL it as soon as ``ready()``; fail if it finished first."""
    proc = subprocess.Popen(build_command(corpus, out), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            if proc.poll() is not None:
                pytest.fail("the build finished before it could be interrupted")
            if time.monotonic() > deadline:
                pytest.fail("the build never reached the point to interrupt it")
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def run_build(corpus: Path, out: Path) -> dict[str, object]:
    proc = subprocess.run(build_command(corpus, out), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_kill_9_keeps_the_previous_graph_and_the_next_run_resumes(
    tmp_path: Path, seeds_dir: Path
) -> None:
    corpus, out, fresh = tmp_path / "corpus", tmp_path / "out", tmp_path / "fresh"
    write_corpus(seeds_dir, corpus, 0, 120)
    run_build(corpus, out)
    previous = snapshot(out)
    old_entries = cache_entries(out)
    assert old_entries == 120

    write_corpus(seeds_dir, corpus, 120, 280)
    # 1. killed while extracting: some new documents are cached, no output is touched
    kill_when(corpus, out, lambda: cache_entries(out) >= old_entries + 15)
    assert snapshot(out) == previous
    interrupted_entries = cache_entries(out)
    assert old_entries + 15 <= interrupted_entries < 400

    # 2. killed while writing graph.trig: the staged files never replace the old ones
    kill_when(corpus, out, lambda: writing_graph(out))
    assert snapshot(out) == previous
    assert cache_entries(out) == 400  # that run finished extracting before it was killed

    # 3. the next run extracts nothing, cleans up, and matches an uninterrupted build
    report = run_build(corpus, out)
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert (summary["reused"], summary["extracted"], summary["succeeded"]) == (400, 0, 400)
    assert not staging_started(out)
    assert not list((out / "cache").glob("extract-*/*/.*.tmp"))
    reference = run_build(corpus, fresh)
    assert reference["summary"]["extracted"] == 400  # type: ignore[index]
    assert snapshot(out)["graph.trig"] == snapshot(fresh)["graph.trig"]
    assert snapshot(out)["graph.ttl"] == snapshot(fresh)["graph.ttl"]
    assert snapshot(out)["records.jsonl"] == snapshot(fresh)["records.jsonl"]


def test_a_failed_write_leaves_previous_outputs_and_no_temporaries(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), Staging(tmp_path) as staging:
        staging.write("graph.trig", "new\n")
        with staging.open("graph.ttl") as fh:
            fh.write("half")
            raise RuntimeError("disk full")
    assert (tmp_path / "graph.trig").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "out"
    with FolderLock(out):
        result = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(out),
                                           "--no-progress"])
    assert result.exit_code == 1
    assert "another shanhai build is writing here" in result.output
    assert not (out / "graph.trig").exists()
