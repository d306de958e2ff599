"""Huge inputs stay bounded: a 50 MB single-line file neither hangs a build nor exhausts memory.

Loading, the matching key and sentence splitting are linear and keep their
offset map small, so the loader handles a 50 MB line in seconds.  A build
refuses files above :data:`~shanhai.extract.document.MAX_BYTES` before reading
them, with a message naming the file, and builds the rest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from shanhai.extract.document import MAX_BYTES, build_key, split_sentences

SENTENCE = "1996年，浙江省对口帮扶四川省广元市，东西部扶贫协作取得成效，浙江省投入资金7400余万元。"
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def one_line_50mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 MB of UTF-8 Chinese prose with no line break at all."""
    unit = SENTENCE.encode()
    data = unit * (FIFTY_MB // len(unit) + 1)
    data = data[: FIFTY_MB - FIFTY_MB % len(unit)]
    path = tmp_path_factory.mktemp("huge") / "one-line.txt"
    path.write_bytes(data)
    return path


PROBE = """
import json, sys, time
from pathlib import Path
from shanhai.extract.document import load

def peak_bytes():
    # VmHWM belongs to this program's memory; ru_maxrss would include the parent's at fork
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0

started = time.perf_counter()
doc = load(Path(sys.argv[1]), max_bytes=64 * 1024 * 1024)
key, sentences = doc.key, doc.sentences
last = key.text.rindex("广元市")
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "peak_bytes": peak_bytes(),
    "chars": len(doc.text), "newlines": doc.text.count(chr(10)), "sentences": len(sentences),
    "runs": len(key.runs_key), "tail": doc.text[slice(*key.to_text(last, last + 3))],
}))
"""


@pytest.mark.slow
def test_loader_handles_a_50mb_line_in_bounded_time_and_memory(one_line_50mb: Path) -> None:
    """Load, key and split in a fresh process, so its peak memory is this file's alone."""
    size = one_line_50mb.stat().st_size
    assert size > 49 * 1024 * 1024
    proc = subprocess.run([sys.executable, "-c", PROBE, str(one_line_50mb)], capture_output=True,
                          text=True, timeout=120, check=True)
    got = json.loads(proc.stdout)
    assert got["newlines"] == 0
    assert got["sentences"] == got["chars"] // len(SENTENCE)
    assert got["runs"] == 1, "no whitespace: one run maps the whole key"
    assert got["tail"] == "广元市"
    # Measured here: about 4 s and a 0.2 GB peak; the previous loader's per-character
    # offset map took 41 s and 2.3 GB for the same file.
    assert got["seconds"] < 30, got
    assert 0 < got["peak_bytes"] < 8 * size, got


@pytest.mark.slow
def test_build_refuses_a_50mb_line_quickly_and_builds_the_rest(
    one_line_50mb: Path, tmp_path: Path, cli_build
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    huge = folder / "dump.txt"
    huge.symlink_to(one_line_50mb)
    (folder / "ok.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    started = time.perf_counter()
    build = cli_build(folder)
    seconds = time.perf_counter() - started
    assert build.exit_code == 1
    [failure] = build.report["failures"]
    assert failure["path"] == str(huge)
    assert failure["reason"].startswith(f"is {one_line_50mb.stat().st_size:,} bytes, above the "
                                        f"{MAX_BYTES:,}-byte limit for one document")
    assert [d["doc"] for d in build.report["documents"] if d["status"] == "ok"] == ["ok.txt"]
    assert seconds < 60


@pytest.mark.slow
def test_extraction_on_one_long_line_scales_linearly(extract_text) -> None:
    """Per-character cost must not grow with the document (rules once rescanned every mention)."""
    extract_text(SENTENCE * 20)  # load the gazetteer and segmenter first

    def seconds_per_char(repeats: int) -> float:
        text = SENTENCE * repeats
        started = time.perf_counter()
        result = extract_text(text, "line.txt")
        elapsed = time.perf_counter() - started
        pairs = [t for t in result.triples if t.predicate == "pairsWith"]
        assert len(pairs) == repeats, "every sentence's pairing is found"
        return elapsed / len(text)

    small = seconds_per_char(1_000)  # 48 thousand characters
    large = seconds_per_char(8_000)  # 384 thousand characters, about 1.1 MB of UTF-8
    # linear: about the same per character; quadratic would be 8 times slower
    assert large < 3 * small, f"{large / small:.1f}× slower per character at 8× the size"


def test_hard_wrapped_text_without_full_stops_splits_in_linear_time() -> None:
    """Print layout with no sentence end: each line break used to rescan the whole sentence."""
    line = "浙江省对口帮扶四川省广元市东西部扶贫协作取得成效浙江省投入资"
    text = "\n".join([line] * 40_000)  # 1.2 M characters; the old splitter took about 2 minutes
    started = time.perf_counter()
    spans = split_sentences(text)
    assert time.perf_counter() - started < 5
    assert spans == [(0, len(text))]


def test_key_of_a_long_wrapped_text_is_linear() -> None:
    text = "\n".join([SENTENCE] * 100_000)  # 4.7 M characters, 100 000 dropped line breaks
    started = time.perf_counter()
    key = build_key(text)
    assert time.perf_counter() - started < 10
    assert len(key.text) == len(text) - 99_999
    assert len(key.runs_key) == 100_000
    k = len(key.text) - 3
    s, e = key.to_text(k, k + 3)
    assert text[s:e] == SENTENCE[-3:]
