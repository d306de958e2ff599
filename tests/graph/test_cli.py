"""The command line: help texts, exit codes, and the stage commands on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shanhai.graph.cli import COMMANDS, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"shanhai {name}" in result.output


def test_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_unknown_option_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["build", "--no-such-flag"]).exit_code == 2


def test_extract_writes_jsonl_with_exact_evidence(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "facts.jsonl"
    src = seeds_dir / "001_4bbb9c6bc05c0dd8.txt"
    result = CliRunner().invoke(main, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = src.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["predicate"] == "pairsWith" and r["subject"]["key"] == "370200"
               and r["object"]["key"] == "621200" for r in rows)
    for r in rows:
        ev = r["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["quote"]


def test_extract_reports_missing_files_and_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output


def test_render_focus_writes_a_smaller_page(seed_out: Path, tmp_path: Path) -> None:
    page = tmp_path / "gy.html"
    result = CliRunner().invoke(main, ["render", str(seed_out), "--focus", "广元", "--depth", "1",
                                       "--out", str(page)])
    assert result.exit_code == 0, result.output
    assert page.stat().st_size > 0
    assert "广元" in page.read_text(encoding="utf-8")


def test_render_unknown_focus_is_a_usage_error(seed_out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(seed_out), "--focus", "不存在的地方",
                                       "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "不存在的地方" in result.output


def test_eval_prints_scores_for_the_seed_build(seed_out: Path, repo_root: Path, seeds_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--gold", str(repo_root / "tests/gold/seeds.jsonl"),
                                       "--corpus", str(seeds_dir), "--json", str(seed_out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["relations"]["pairing"]["f1"] > 0.9
    assert data["evidence_offsets"]["wrong"] == []
