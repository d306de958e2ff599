"""Bad input through ``shanhai build``: the good documents build, every bad one is reported.

A run over a folder that mixes encodings, binaries, empty files, pipes, symlink
loops and a missing path must: build every readable document, list each failure
in report.json with the file, the reason and the line where it applies, name the
file in its message, and exit 1 (0 with ``--keep-going``).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from shanhai.extract import document as document_module


def failures_by_path(report: dict) -> dict[str, dict]:
    found = {f["path"]: f for f in report["failures"]}
    assert len(found) == len(report["failures"]), "each input fails once"
    return found


def test_bad_inputs_are_reported_and_the_rest_builds(bad_corpus, cli_build) -> None:
    build = cli_build(bad_corpus.root, bad_corpus.missing)
    assert build.exit_code == 1
    report = build.report

    failures = failures_by_path(report)
    assert set(failures) == set(bad_corpus.bad)
    for path, (reason, line) in bad_corpus.bad.items():
        failure = failures[path]
        assert reason in failure["reason"], (path, failure)
        assert failure["line"] == line, (path, failure)
        where = f"{path}:{line}" if line else path
        assert failure["message"] == f"{where}: {failure['reason']}"
        # the console may wrap long lines (rich folds at 80 columns off a terminal)
        assert path in "".join(build.output.split()), f"the console names {path}"

    ok = {d["doc"] for d in report["documents"] if d["status"] == "ok"}
    assert ok == set(bad_corpus.good)
    assert report["summary"]["succeeded"] == len(bad_corpus.good)


def test_decoded_documents_yield_facts_with_exact_quotes(bad_corpus, cli_build) -> None:
    build = cli_build(bad_corpus.root, "--keep-going")
    assert build.exit_code == 0
    by_doc: dict[str, set[tuple[str, str]]] = {}
    for row in build.records():
        ev = row["evidence"]
        text = bad_corpus.good[ev["doc"]]
        assert text[ev["start"]:ev["end"]] == ev["quote"]
        if row["predicate"] == "pairsWith":
            by_doc.setdefault(ev["doc"], set()).add((row["subject"]["key"], row["object"]["key"]))
    zhejiang_guangyuan = ("330000", "510800")
    for doc_id in ("good.txt", "gbk.txt", "gb18030.txt", "utf16-le.txt", "utf16-be.txt",
                   "traditional.txt", "x.txt/inside.txt"):
        assert zhejiang_guangyuan in by_doc.get(doc_id, set()), doc_id
    assert ("370200", "621200") in by_doc["gbk.txt"], "青岛市 → 陇南市 from the GBK file"
    assert "punctuation.txt" not in by_doc


def test_keep_going_exits_zero_but_still_reports(bad_corpus, cli_build) -> None:
    build = cli_build(bad_corpus.root, bad_corpus.missing, "--keep-going")
    assert build.exit_code == 0
    assert set(failures_by_path(build.report)) == set(bad_corpus.bad)
    assert (build.out / "graph.trig").stat().st_size > 0
    assert (build.out / "graph.html").stat().st_size > 0


def test_unreadable_file_fails_alone(bad_corpus, cli_build, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel's "permission denied" (simulated: tests may run as root, which reads anything)."""
    locked = bad_corpus.root / "locked.txt"
    locked.write_text(PAIRING_TEXT, encoding="utf-8")
    real_open = os.open

    def refuse(target, flags, *args, **kw):
        if Path(target) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, flags, *args, **kw)

    monkeypatch.setattr(document_module.os, "open", refuse)
    build = cli_build(bad_corpus.root)
    assert build.exit_code == 1
    failure = failures_by_path(build.report)[str(locked)]
    assert failure["reason"] == "cannot be read: permission denied"
    ok = {d["doc"] for d in build.report["documents"] if d["status"] == "ok"}
    assert ok == set(bad_corpus.good)


def test_unlistable_folder_is_reported(bad_corpus, cli_build, monkeypatch: pytest.MonkeyPatch) -> None:
    from shanhai.graph import corpus

    hidden = bad_corpus.root / "private"
    hidden.mkdir()
    (hidden / "inside.txt").write_text(PAIRING_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def refuse(target):
        if isinstance(target, (str, os.PathLike)) and Path(target) == hidden:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_scandir(target)

    monkeypatch.setattr(corpus.os, "scandir", refuse)
    build = cli_build(bad_corpus.root, "--keep-going")
    failure = failures_by_path(build.report)[str(hidden)]
    assert failure["reason"] == "cannot be listed: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 files; see the simulated test")
def test_mode_000_file_as_a_normal_user(bad_corpus, cli_build) -> None:
    locked = bad_corpus.root / "locked.txt"
    locked.write_text(PAIRING_TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        build = cli_build(bad_corpus.root)
    finally:
        locked.chmod(0o644)
    failure = failures_by_path(build.report)[str(locked)]
    assert failure["reason"] == "cannot be read: permission denied"


def test_symlinked_folders_are_read_once_and_hidden_ones_skipped(tmp_path: Path, cli_build) -> None:
    root = tmp_path / "docs"
    (root / "real").mkdir(parents=True)
    (root / "real" / "one.txt").write_text(PAIRING_TEXT, encoding="utf-8")
    (root / "alias").symlink_to("real", target_is_directory=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "two.txt").write_text(PAIRING_TEXT, encoding="utf-8")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / ".hidden").mkdir()
    (root / ".hidden" / "three.txt").write_text(PAIRING_TEXT, encoding="utf-8")
    (root / "shown").symlink_to(".hidden", target_is_directory=True)
    (root / ".notes.txt").write_text(PAIRING_TEXT, encoding="utf-8")
    build = cli_build(root)
    assert build.exit_code == 0, build.output
    assert [d["doc"] for d in build.report["documents"]] == [
        "linked/two.txt", "real/one.txt", "shown/three.txt"
    ], "hidden entries are skipped, but a visible link into a hidden folder is followed"


def test_real_process_exit_code_and_no_hang_on_a_pipe(bad_corpus, tmp_path: Path) -> None:
    """The installed command, as a user runs it: a FIFO in the folder must not block the run."""
    out = tmp_path / "proc-out"
    cmd = [sys.executable, "-m", "shanhai", "build", str(bad_corpus.root), "--out", str(out),
           "--no-progress", "--no-html", "--no-validate"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 1, proc.stderr
    assert str(bad_corpus.root / "pipe.txt") in proc.stderr
    assert (out / "report.json").exists()


PAIRING_TEXT = "1996年，浙江省对口帮扶四川省广元市。\n"
