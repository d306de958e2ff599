"""A folder of bad and awkward input files, and a way to build it through the real CLI."""

from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from binary_samples import small_pdf, small_png
from click.testing import CliRunner
from shanhai.graph.cli import main

PAIRING = "1996年，浙江省对口帮扶四川省广元市，东西部扶贫协作取得成效。\n"
TRADITIONAL = "1996年，浙江省對口幫扶四川省廣元市，東西部扶貧協作取得成效，浙江省投入資金7400餘萬元。\n"




@dataclass(frozen=True)
class Corpus:
    root: Path
    missing: Path
    #: doc id → decoded text of the documents that must build
    good: dict[str, str]
    #: file path → (reason fragment, line) of every input that must fail
    bad: dict[str, tuple[str, int | None]]


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Corpus:
    """Every kind of bad input next to documents that must still build."""
    root = tmp_path / "corpus"
    root.mkdir()
    good = {
        "good.txt": PAIRING,
        "gbk.txt": "2016年，青岛市对口帮扶陇南市。\n" + PAIRING,
        "gb18030.txt": "𠀀" + PAIRING,
        "utf16-le.txt": "福建省与宁夏回族自治区建立对口扶贫协作关系。\n" + PAIRING,
        "utf16-be.txt": PAIRING + "闽宁协作",
        "traditional.txt": TRADITIONAL,
        "punctuation.txt": "，。！？、；：“”‘’（）《》——……\n!!!???...\n",
        "x.txt/inside.txt": PAIRING,
    }
    encodings = {"gbk.txt": "gbk", "gb18030.txt": "gb18030"}
    boms = {"utf16-le.txt": (codecs.BOM_UTF16_LE, "utf-16-le"),
            "utf16-be.txt": (codecs.BOM_UTF16_BE, "utf-16-be")}
    for doc_id, text in good.items():
        path = root / doc_id
        path.parent.mkdir(parents=True, exist_ok=True)
        if doc_id in boms:
            bom, codec = boms[doc_id]
            path.write_bytes(bom + text.encode(codec))
        else:
            path.write_bytes(text.encode(encodings.get(doc_id, "utf-8")))
    bad: dict[str, tuple[str, int | None]] = {}

    def add(name: str, data: bytes, reason: str, line: int | None = None) -> None:
        (root / name).write_bytes(data)
        bad[str(root / name)] = (reason, line)

    add("report.txt", small_pdf(PAIRING), "is a PDF document, not a plain-text document")
    add("scan.txt", small_png(), "is a PNG image, not a plain-text document")
    add("binary.txt", PAIRING.encode() * 2 + b"\x00\x01\x02\x03" + PAIRING.encode(),
        "contains control byte 0x00", 3)
    add("latin1.txt", PAIRING.encode() + b"caf\xe9 \xff\xfe\n", "is neither UTF-8", 2)
    add("empty.txt", b"", "is empty (0 bytes)")
    add("blank.txt", b" \r\n\t\n", "is empty (only whitespace)")
    add("slides.pdf", small_pdf(PAIRING), "is a PDF file: only .txt and .md files are read")
    os.mkfifo(root / "pipe.txt")
    bad[str(root / "pipe.txt")] = ("is a named pipe (FIFO), not a regular file", None)
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    for name in ("a.txt", "b.txt"):
        bad[str(root / name)] = ("is a symlink loop", None)
    (root / "nested").mkdir()
    (root / "nested" / "again").symlink_to("..", target_is_directory=True)
    bad[str(root / "nested" / "again")] = (f"is a symlink loop (it leads back to {root})", None)
    missing = tmp_path / "not-there.txt"
    bad[str(missing)] = ("does not exist", None)
    return Corpus(root, missing, good, bad)


@dataclass
class Build:
    exit_code: int
    output: str
    out: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.out / "report.json").read_text(encoding="utf-8"))

    def records(self) -> list[dict[str, Any]]:
        lines = (self.out / "records.jsonl").read_text(encoding="utf-8").split("\n")
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture
def cli_build(tmp_path: Path):
    """Run ``shanhai build`` in-process through click's test runner."""

    def run(*args: str | Path, out: Path | None = None) -> Build:
        target = out or tmp_path / "out"
        argv = ["build", *map(str, args), "--out", str(target), "--no-progress"]
        result = CliRunner().invoke(main, argv, catch_exceptions=False)
        return Build(result.exit_code, result.output, target)

    return run
