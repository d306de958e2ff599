"""Committed notebooks are clean and thin: no outputs, no counts, no logic."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_there_are_numbered_notebooks() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert len(names) >= 5
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", n) for n in names), names
    numbers = [int(n[:2]) for n in names]
    assert numbers == list(range(1, len(names) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert cell.outputs == [], f"{path.name}: a cell has outputs"
        assert cell.execution_count is None, f"{path.name}: a cell has an execution count"
        assert not cell.metadata.get("execution"), f"{path.name}: a cell has timing metadata"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin(path: Path) -> None:
    """Logic lives in the package: no functions, classes, loops or imports beyond it."""
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code and "shanhai.load(shanhai.seed_build())" in code[0]
    for source in code:
        assert not re.search(r"^\s*(def|class|for|while)\b", source, re.MULTILINE), source
        imports = re.findall(r"^\s*(?:import|from)\s+(\S+)", source, re.MULTILINE)
        assert all(name.split(".")[0] == "shanhai" for name in imports), imports
        assert len(source.splitlines()) <= 12, source
