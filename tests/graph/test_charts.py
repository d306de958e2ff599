"""Charts draw Chinese with a real CJK font, save reproducibly, and keep pyplot usable."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.ft2font import FT2Font
from shanhai.graph import analysis, charts

import shanhai
from shanhai.api import Corpus


@pytest.fixture(scope="module")
def kg(seed_out: Path) -> Corpus:
    return shanhai.load(seed_out)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def test_cjk_font_has_chinese_glyphs() -> None:
    family = charts.cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    font = FT2Font(path)
    assert all(font.get_char_index(ord(ch)) for ch in "东西部协作山海帮扶亿元年份")


def test_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    charts.cjk_font.cache_clear()
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(charts, "CJK_FILES", ())
    try:
        with pytest.raises(charts.CJKFontError, match="fonts-noto-cjk"):
            charts.cjk_font()
    finally:
        monkeypatch.undo()
        charts.cjk_font.cache_clear()
    assert charts.cjk_font()


def _draw_all(kg: Corpus, folder: Path) -> list[matplotlib.figure.Figure]:
    net = kg.network()
    return [
        charts.facts_by_document(kg.documents(), save=folder),
        charts.timeline(kg.programs(), kg.pairings(), save=folder),
        charts.amounts_chart(kg.amounts(), analysis.amount_roles(net), save=folder),
        charts.pairing_map(net, save=folder),
        charts.network_snapshots(analysis.snapshots(net), save=folder),
    ]


@pytest.mark.slow
def test_charts_render_without_missing_glyphs_and_save_the_same_bytes(
    kg: Corpus, tmp_path: Path
) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        figures = _draw_all(kg, tmp_path / "a")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["amounts-money.png", "facts-by-document.png", "network-snapshots.png",
                     "pairing-map.png", "timeline.png"]
    for fig in figures:  # every title is bilingual
        titles = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        assert any("·" in t and any("\u4e00" <= c <= "\u9fff" for c in t)
                   and any(c.isascii() and c.isalpha() for c in t) for t in titles)
    plt.close("all")
    net = kg.network()  # redraw two of them: same data, same bytes
    charts.facts_by_document(kg.documents(), save=tmp_path / "b")
    charts.network_snapshots(analysis.snapshots(net), save=tmp_path / "b")
    for name in ("facts-by-document.png", "network-snapshots.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_save_formats_and_default_folder(kg: Corpus, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHANHAI_FIGURES", str(tmp_path / "default"))
    fig = charts.facts_by_document(kg.documents())
    written = charts.save_figure(fig, "docs", True, formats=("png", "svg", "pdf"))
    assert [p.name for p in written] == ["docs.png", "docs.svg", "docs.pdf"]
    assert all(p.parent == tmp_path / "default" and p.stat().st_size > 1000 for p in written)
    assert b"CreationDate" not in written[2].read_bytes()
    assert charts.save_figure(fig, "docs", False) == []


def test_timeline_notes_what_it_leaves_out(kg: Corpus) -> None:
    pairings = kg.pairings()
    fig = charts.timeline(kg.programs(), pairings, max_rows=5)
    notes = fig.get_supxlabel() if hasattr(fig, "get_supxlabel") else fig._supxlabel.get_text()
    undated = int(pairings["start_year"].isna().sum())
    assert f"另有 {undated} 对" in notes and "at most 5 rows" in notes
    top, bottom = fig.axes[:2]
    assert len(top.get_yticklabels()) == 5 and len(bottom.get_yticklabels()) == 5


def test_styling_keeps_interactive_mode_switched_on_inside() -> None:
    """The inline backend turns interactive mode on with the first figure; it must stay on."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with charts._styled():
            assert matplotlib.rcParams["font.family"][0] == charts.cjk_font()
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
        assert matplotlib.rcParams["font.family"][0] != charts.cjk_font()
    finally:
        matplotlib.interactive(was)


def test_use_cjk_font_sets_the_default() -> None:
    with matplotlib.rc_context():
        assert charts.use_cjk_font() == matplotlib.rcParams["font.family"][0]


@pytest.mark.parametrize(("value", "label"), [
    (1, "1"), (100, "100"), (1e4, "1万"), (1e6, "100万"), (1.37e8, "1.37亿"), (1e12, "1万亿"),
    (0, ""),
])
def test_chinese_magnitudes(value: float, label: str) -> None:
    assert charts._chinese_number(value) == label


@given(st.lists(st.floats(min_value=-10, max_value=60), max_size=30),
       st.floats(min_value=0.5, max_value=3))
def test_label_spreading_keeps_order_bounds_and_gaps(wanted: list[float], gap: float) -> None:
    low, high = 0.0, 50.0
    placed = charts._spread(wanted, low, high, gap)
    assert len(placed) == len(wanted)
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [placed[i] for i in order]
    assert all(low - 1e-9 <= y <= high + 1e-9 for y in ys)
    effective = min(gap, (high - low) / max(len(ys) - 1, 1))
    assert all(b - a >= effective - 1e-9 for a, b in itertools.pairwise(ys))
