"""Every notebook runs top to bottom in a clean kernel against the seed build.

Each must finish within a minute, show at least one table (``text/html``) and one
chart (``image/png``), raise nothing, and write nothing into its own folder.
The charts are copied to ``build/notebook-figures/`` for a person to look at.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
FIGURES_OUT = REPO / "build" / "notebook-figures"
PER_NOTEBOOK_SECONDS = 60

#: The figure files each notebook saves with ``save=FIGURES``.
SAVED = {
    "01_tour": {"facts-by-document.png"},
    "02_pairing_network": {"network-snapshots.png"},
    "03_timeline": {"timeline.png"},
    "04_money_and_counts": {"amounts-money.png", "amounts-ren.png"},
    "05_map": {"pairing-map.png"},
}

pytestmark = pytest.mark.slow


def _outputs(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def test_every_notebook_is_covered() -> None:
    assert {p.stem for p in NOTEBOOKS.glob("*.ipynb")} == set(SAVED)


@pytest.mark.parametrize("name", sorted(SAVED))
def test_notebook_runs(name: str, seed_out: Path, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    figures = tmp_path / "figures"
    monkeypatch.setenv("SHANHAI_BUILD", str(seed_out))
    monkeypatch.setenv("SHANHAI_FIGURES", str(figures))
    monkeypatch.delenv("MPLBACKEND", raising=False)
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    before = sorted(p.name for p in NOTEBOOKS.iterdir())

    started = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=PER_NOTEBOOK_SECONDS,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    seconds = time.perf_counter() - started

    outputs = _outputs(nb)
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    stderr = "".join(o.get("text", "") for o in outputs
                     if o.output_type == "stream" and o.name == "stderr")
    assert "missing from font" not in stderr, stderr  # a tofu box would be drawn
    assert "Warning" not in stderr, stderr
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    pngs = [o.data["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert any("<table" in o.data["text/html"] for o in html), "no table shown"
    assert pngs, "no chart shown"
    for cell in nb.cells:  # every chart cell shows its figure, once
        if cell.cell_type == "code" and "charts." in cell.source:
            shown = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert len(shown) == 1, f"{name}: {cell.source!r} showed {len(shown)} images"
    assert seconds < PER_NOTEBOOK_SECONDS, f"{name} took {seconds:.1f} s"
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before, "the notebook wrote into notebooks/"
    assert {p.name for p in figures.iterdir()} == SAVED[name]

    FIGURES_OUT.mkdir(parents=True, exist_ok=True)
    for old in FIGURES_OUT.glob(f"{name}-*.png"):
        old.unlink()
    for i, data in enumerate(pngs, start=1):
        png = base64.b64decode(data)
        assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a real chart, not a blank
        (FIGURES_OUT / f"{name}-{i}.png").write_bytes(png)
