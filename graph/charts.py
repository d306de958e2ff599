"""Matplotlib figures for the notebooks and for papers, with Chinese labels that render.

Each function takes data (a DataFrame from :class:`shanhai.api.Corpus`, a network,
or snapshots from :mod:`shanhai.graph.analysis`) and returns a
:class:`~matplotlib.figure.Figure`.  Titles and axes are in Chinese and English.
``save=FOLDER`` also writes ``FOLDER/{name}.png`` (and any other ``formats``);
``save=True`` uses :func:`shanhai.api.figure_dir` (``build/figures``).

Chinese needs a CJK font.  :func:`cjk_font` looks for Noto Sans CJK (Debian's
``fonts-noto-cjk``) and the other common ones, and raises :class:`CJKFontError`
saying how to install one rather than drawing empty boxes.

In a notebook assign the result (``fig = charts.timeline(…)``): the inline
backend shows each new figure once; a bare last expression would show it twice.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
import networkx as nx
from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from pypinyin import lazy_pinyin

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

__all__ = [
    "CJKFontError",
    "amounts_chart",
    "cjk_font",
    "facts_by_document",
    "network_snapshots",
    "pairing_map",
    "save_figure",
    "timeline",
    "use_cjk_font",
]

#: Families tried in order; the first one matplotlib knows is used.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Arial Unicode MS",
)
#: Files registered with matplotlib when its font cache predates the font's installation.
CJK_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)

# Colour-blind-safe (Okabe–Ito) colours, as on the interactive page.
HELPER = "#D55E00"
RECIPIENT = "#0072B2"
BOTH = "#CC79A7"
MUTED = "#9A9A9A"
_ROLE_COLOURS = {"helper": HELPER, "recipient": RECIPIENT, "both": BOTH, "other": "#009E73",
                 "none": MUTED}
_ROLE_LABELS = {"helper": "帮扶方 helper", "recipient": "受援方 recipient",
                "both": "兼具 both", "other": "其他主体 other subject",
                "none": "未归属 no subject"}
_KIND_LABELS = {"pairsWith": "结对 pairings", "startedIn": "起始 program starts",
                "amount": "金额数量 amounts", "partOf": "隶属 part of",
                "locatedIn": "位于 located in", "renamedTo": "更名 renamed"}
_KIND_COLOURS = {"pairsWith": HELPER, "startedIn": "#56B4E9", "amount": "#E69F00",
                 "partOf": MUTED, "locatedIn": "#009E73", "renamedTo": BOTH}
_PROGRAM_COLOURS = {"Policy": "#0072B2", "Plan": "#009E73", "Meeting": "#E69F00",
                    "Project": "#CC79A7", "Program": "#D55E00"}
_PROGRAM_LABELS = {"Policy": "政策 policy", "Plan": "规划 plan", "Meeting": "会议 meeting",
                   "Project": "项目 project", "Program": "工作 programme"}


class CJKFontError(RuntimeError):
    """No font with Chinese glyphs is available to matplotlib."""


# --------------------------------------------------------------------------- fonts and style


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The family name of a CJK font matplotlib can use; raises :class:`CJKFontError`."""
    def known() -> set[str]:
        return {f.name for f in font_manager.fontManager.ttflist}

    names = known()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for path in CJK_FILES:
        if os.path.isfile(path):
            font_manager.fontManager.addfont(path)
    names = known()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise CJKFontError(
        "no CJK font found, so Chinese labels would render as empty boxes. Install one, e.g. "
        "`sudo apt-get install fonts-noto-cjk` (Debian/Ubuntu; `make test` does this) or "
        "`brew install --cask font-noto-sans-cjk`; if it is installed, delete matplotlib's font "
        f"cache ({matplotlib.get_cachedir()}) and restart. Looked for: {', '.join(CJK_FAMILIES)}"
    )


def _rc() -> dict[Any, Any]:
    return {
        # A list of families gives per-glyph fallback: CJK first, DejaVu for symbols.
        "font.family": [cjk_font(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.labelsize": 9.5,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
        "figure.dpi": 100,
        "savefig.dpi": 200,
        "pdf.fonttype": 42,
        "svg.fonttype": "path",
    }


@contextmanager
def _styled() -> Iterator[None]:
    """Our rcParams while a figure is built, keeping what pyplot's backend set meanwhile.

    The first figure of a Jupyter session activates the inline backend, which
    turns on interactive mode; a plain ``rc_context`` would undo that on exit
    and later figures would silently not be shown.
    """
    with plt.rc_context(_rc()):
        yield
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def use_cjk_font() -> str:
    """Make the CJK font matplotlib's default for every later plot; returns its name.

    The chart functions do not need this (they set the font themselves); call it
    for your own plots with Chinese labels.
    """
    style = _rc()
    matplotlib.rcParams["font.family"] = style["font.family"]
    matplotlib.rcParams["axes.unicode_minus"] = style["axes.unicode_minus"]
    return cjk_font()


def save_figure(
    fig: Figure, name: str, folder: str | os.PathLike[str] | bool, formats: Sequence[str] = ("png",)
) -> list[Path]:
    """Write ``fig`` as ``folder/name.{fmt}`` for each format; returns the paths.

    ``folder=True`` means :func:`shanhai.api.figure_dir`.  Output carries no
    timestamp, so the same data gives the same file.
    """
    if folder is True:
        from shanhai.api import figure_dir

        target = figure_dir()
    elif folder is False:
        return []
    else:
        target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with _styled():
        for fmt in formats:
            path = target / f"{name}.{fmt}"
            metadata: dict[str, Any] = {"Software": None}
            if fmt == "pdf":
                metadata = {"Creator": None, "Producer": None, "CreationDate": None}
            elif fmt == "svg":
                metadata = {"Date": None, "Creator": None}
            fig.savefig(path, format=fmt, bbox_inches="tight", metadata=metadata)
            written.append(path)
    return written


def _finish(fig: Figure, name: str, save: str | os.PathLike[str] | bool | None,
            formats: Sequence[str]) -> Figure:
    if save not in (None, False):
        save_figure(fig, name, save, formats)
    return fig


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _footnote(fig: Figure, text: str) -> None:
    """A note under the figure; as a ``supxlabel`` the layout engine makes room for it."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=7.5, color="#555555")


def _spread(wanted: Sequence[float], low: float, high: float, gap: float) -> list[float]:
    """Positions as close to ``wanted`` as possible, at least ``gap`` apart, within bounds."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    pos = [float(wanted[i]) for i in order]
    if not pos:
        return []
    gap = min(gap, (high - low) / max(len(pos) - 1, 1))
    for k in range(len(pos)):
        floor = low if k == 0 else pos[k - 1] + gap
        pos[k] = max(pos[k], floor)
    overflow = pos[-1] - high
    if overflow > 0:
        pos[-1] = high
        for k in range(len(pos) - 2, -1, -1):
            pos[k] = min(pos[k], pos[k + 1] - gap)
    out = [0.0] * len(pos)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


# --------------------------------------------------------------------------- facts per document


def facts_by_document(
    documents: pd.DataFrame, *, save: str | os.PathLike[str] | bool | None = None,
    formats: Sequence[str] = ("png",),
) -> Figure:
    """Stacked bars: how many facts of each kind each document gave.

    ``documents`` is ``Corpus.documents()``.
    """
    kinds = [k for k in _KIND_LABELS if k in documents.columns]
    with _styled():
        fig, ax = plt.subplots(figsize=(8.5, 0.45 * len(documents) + 1.6), layout="constrained")
        left = [0] * len(documents)
        names = list(documents["doc"])
        for kind in kinds:
            values = [int(v) for v in documents[kind]]
            ax.barh(names, values, left=left, color=_KIND_COLOURS[kind], label=_KIND_LABELS[kind],
                    height=0.6)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, total in enumerate(left):
            ax.text(total + 0.5, y, str(total), va="center", fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, max([*left, 1]) * 1.08)
        ax.set_xlabel("事实数 number of facts")
        ax.set_title("各文档抽取的事实 · Facts extracted from each document", loc="left")
        fig.legend(loc="outside lower center", ncols=min(len(kinds), 6))
    return _finish(fig, "facts-by-document", save, formats)


# --------------------------------------------------------------------------- timeline


def timeline(
    programs: pd.DataFrame,
    pairings: pd.DataFrame,
    *,
    marks: Iterable[int] = (1996, 2010, 2016, 2021),
    label_chars: int = 22,
    max_rows: int = 40,
    save: str | os.PathLike[str] | bool | None = None,
    formats: Sequence[str] = ("png",),
) -> Figure:
    """Program and policy starts on a time axis, with pairing start years beneath.

    ``programs`` is ``Corpus.programs()`` (one dot per stated start, one row per
    program); ``pairings`` is ``Corpus.pairings()`` (a dot at the stated start,
    a bar to the stated end).  ``marks`` are drawn as reference years.  Each
    panel shows at most ``max_rows`` rows (the earliest); a note says how many more.
    """
    progs = programs.dropna(subset=["started"]).copy()
    progs["started"] = progs["started"].astype(int)
    first = progs.groupby("program")["started"].min().sort_values(kind="stable")
    order = sorted(first.index, key=lambda p: (first[p], p))
    dated = pairings.dropna(subset=["start_year"]).copy()
    dated["start_year"] = dated["start_year"].astype(int)
    dated = dated.sort_values(["start_year", "helper", "recipient"], kind="stable")
    undated = len(pairings) - len(dated)
    notes = []
    if undated:
        notes.append(f"另有 {undated} 对结对原文未注明起始年份，未画出 · "
                     f"{undated} pairings whose text states no start year are not shown")
    if len(order) > max_rows or len(dated) > max_rows:
        notes.append(f"每栏最多 {max_rows} 行 · at most {max_rows} rows per panel, earliest first")
    order, dated = order[:max_rows], dated.head(max_rows)
    progs = progs[progs["program"].isin(set(order))]
    rows_top, rows_bottom = max(len(order), 1), max(len(dated), 1)
    with _styled():
        fig, (top, bottom) = plt.subplots(
            2, 1, sharex=True, figsize=(10, 0.24 * (rows_top + rows_bottom) + 2.4),
            height_ratios=[rows_top + 1, rows_bottom + 1], layout="constrained",
        )
        ypos = {p: i for i, p in enumerate(order)}
        for ptype, colour in _PROGRAM_COLOURS.items():
            sel = progs[progs["type"].fillna("Program") == ptype]
            if len(sel):
                top.scatter(sel["started"], [ypos[p] for p in sel["program"]], s=38, color=colour,
                            label=_PROGRAM_LABELS[ptype], zorder=3, edgecolor="white", linewidth=0.6)
        for program in order:
            years = sorted(set(progs.loc[progs["program"] == program, "started"]))
            if len(years) > 1:
                top.plot([years[0], years[-1]], [ypos[program]] * 2, color="#BBBBBB", lw=1, zorder=1)
        top.set_yticks(range(len(order)), [_short(p, label_chars) for p in order])
        top.set_ylim(len(order) - 0.5, -0.8)
        top.set_title("项目与政策的起始年份 · When programs and policies started", loc="left",
                      pad=14)
        top.legend(loc="upper right", ncols=2, frameon=True, facecolor="white", edgecolor="none",
                   framealpha=0.9)
        top.grid(axis="x", color="#EEEEEE")

        labels = [f"{h} → {r}" for h, r in zip(dated["helper"], dated["recipient"], strict=True)]
        for i, (_, row) in enumerate(dated.iterrows()):
            start = int(row["start_year"])
            end = row["end_year"]
            if not _isna(end):
                bottom.plot([start, int(end)], [i, i], color=HELPER, lw=3, alpha=0.45,
                            solid_capstyle="butt")
            bottom.scatter([start], [i], s=42, color=HELPER, zorder=3, edgecolor="white",
                           linewidth=0.6)
        bottom.set_yticks(range(len(labels)), [_short(lbl, label_chars + 4) for lbl in labels])
        bottom.set_ylim(max(len(labels), 1) - 0.5, -0.8)
        bottom.set_title("结对的起始年份 · When pairings started (helper → recipient)", loc="left")
        bottom.set_xlabel("年份 Year")
        bottom.grid(axis="x", color="#EEEEEE")
        for ax in (top, bottom):
            for year in marks:
                ax.axvline(year, color="#888888", lw=0.8, ls=(0, (4, 3)), zorder=1.8)
        for year in marks:
            top.annotate(str(year), (year, -0.8), xytext=(0, 2), textcoords="offset points",
                         ha="center", va="bottom", fontsize=7.5, color="#666666")
        fig.suptitle("东西部协作时间线 · Timeline of East–West cooperation", fontweight="bold")
        if notes:
            _footnote(fig, "；".join(notes))
    return _finish(fig, "timeline", save, formats)


def _chinese_number(value: float, _pos: int | None = None) -> str:
    """Tick label in Chinese magnitudes: 1, 100, 1万, 100万, 1亿, 100亿, 1万亿."""
    if value <= 0:
        return ""
    for base, suffix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1.0, "")):
        if value >= base:
            return f"{value / base:g}{suffix}"
    return f"{value:g}"


def _isna(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


# --------------------------------------------------------------------------- amounts


def amounts_chart(
    amounts: pd.DataFrame,
    roles: Mapping[str, str] | None = None,
    *,
    unit: str = "元",
    top: int = 14,
    save: str | os.PathLike[str] | bool | None = None,
    formats: Sequence[str] = ("png",),
) -> Figure:
    """Stated amounts by subject (left) and by year (right), one dot per figure.

    Dots rather than sums: the texts repeat and overlap figures, so a sum would
    mislead.  ``amounts`` is ``Corpus.amounts()``; ``roles`` maps region IRIs to
    ``helper``/``recipient``/``both`` (:func:`shanhai.graph.analysis.amount_roles`)
    and colours the dots.  Values are on a log scale, labelled with 万 (10⁴) and 亿 (10⁸).
    """
    frame = amounts[amounts["unit"] == unit].copy()
    roles = roles or {}
    iris = frame["subject_iri"] if "subject_iri" in frame else [None] * len(frame)
    frame["role"] = [roles.get(str(i), "other") if isinstance(i, str) else "none" for i in iris]
    frame["subject"] = frame["subject"].fillna("（未归属）")
    money = unit == "元"
    quantity = "金额 amount" if money else "数量 count"
    unit_label = "元 yuan (万 = 10⁴, 亿 = 10⁸)" if money else f"{unit} (万 = 10⁴, 亿 = 10⁸)"
    frame["shown"] = frame["value"]
    largest = frame.groupby("subject")["shown"].max().sort_values(ascending=False)
    subjects = list(largest.index[:top])
    with _styled():
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.34 * max(len(subjects), 6) + 2.2),
                                          width_ratios=[1.15, 1], layout="constrained")
        ypos = {s: i for i, s in enumerate(subjects)}
        shown_roles = []
        for role, colour in _ROLE_COLOURS.items():
            sel = frame[(frame["role"] == role) & frame["subject"].isin(subjects)]
            if len(sel):
                shown_roles.append(role)
                left.scatter(sel["shown"], [ypos[s] for s in sel["subject"]], s=40, color=colour,
                             alpha=0.85, edgecolor="white", linewidth=0.6, zorder=3)
            sel = frame[(frame["role"] == role) & frame["year"].notna()]
            if len(sel):
                right.scatter(sel["year"].astype(int), sel["shown"], s=40, color=colour, alpha=0.85,
                              edgecolor="white", linewidth=0.6, zorder=3)
        left.set_yticks(range(len(subjects)), subjects)
        left.set_ylim(len(subjects) - 0.5, -0.5)
        left.set_xscale("log")
        left.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_chinese_number))
        left.set_xlabel(f"{quantity}, {unit_label}")
        left.set_title("按主体 · By the region or body it is about", loc="left")
        left.grid(axis="x", which="major", color="#EEEEEE")
        right.set_yscale("log")
        right.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_chinese_number))
        right.set_ylabel(f"{quantity}, {unit_label}")
        right.set_xlabel("年份 Year the text ties it to")
        right.set_title("按年份 · By year", loc="left")
        right.grid(color="#EEEEEE")
        handles = [Line2D([], [], marker="o", ls="", color=_ROLE_COLOURS[r], label=_ROLE_LABELS[r])
                   for r in shown_roles]
        fig.legend(handles=handles, loc="outside upper right", ncols=len(handles))
        what = "金额" if money else f"数量（{unit}）"
        fig.suptitle(f"原文所述{what} · Amounts stated in the texts", fontweight="bold", x=0.01,
                     ha="left")
        undated = int(frame["year"].isna().sum())
        _footnote(fig, f"每个点是原文中的一个数字，未去重 · each dot is one figure as stated, "
                       f"not de-duplicated; {undated} figures with no year appear only on the left")
    name = "amounts-money" if money else "amounts-" + "-".join(lazy_pinyin(unit))  # ASCII names
    return _finish(fig, name, save, formats)


# --------------------------------------------------------------------------- map


def _background_points() -> list[tuple[float, float]]:
    from shanhai.extract import gazetteer

    gaz = gazetteer.default()
    return [(r.lon, r.lat) for r in gaz.regions.values()
            if r.lon is not None and r.lat is not None and r.level in ("county", "prefecture")]


def _province_labels() -> list[tuple[str, float, float]]:
    from shanhai.extract import gazetteer

    gaz = gazetteer.default()
    return [(r.short or r.name, r.lon, r.lat) for r in gaz.regions.values()
            if r.level == "province" and r.lon is not None and r.lat is not None]


def pairing_map(
    g: nx.MultiDiGraph,
    *,
    background: bool = True,
    title: str = "东西部协作结对地图 · Who helps whom, east to west",
    save: str | os.PathLike[str] | bool | None = None,
    formats: Sequence[str] = ("png",),
) -> Figure:
    """Regions at their coordinates with an arc from each helper to its recipient.

    ``g`` is ``Corpus.network()``.  Arcs are coloured by the stated start year
    (dashed grey when none is stated).  The background is every prefecture and
    county seat in the gazetteer, drawn as faint dots: China's outline without
    a tile server or shapefile.  Labels sit in two columns, recipients west and
    helpers east, joined to their points by leader lines.
    """
    from .analysis import pairings_graph

    simple = pairings_graph(g)
    nodes = [n for n in simple if simple.nodes[n].get("lon") is not None
             and simple.nodes[n].get("lat") is not None]
    missing = simple.number_of_nodes() - len(nodes)
    xy = {n: (float(simple.nodes[n]["lon"]), float(simple.nodes[n]["lat"])) for n in nodes}
    years = [d["start_year"] for _, _, d in simple.edges(data=True) if d["start_year"] is not None]
    lo_year, hi_year = (min(years), max(years)) if years else (1990, 2025)
    cmap = matplotlib.colormaps["viridis"]
    norm = matplotlib.colors.Normalize(vmin=lo_year, vmax=max(hi_year, lo_year + 1))
    xlim, ylim = (56.0, 140.0), (15.5, 54.5)
    with _styled():
        fig, ax = plt.subplots(figsize=(11, 7.4), layout="constrained")
        ax.set_aspect(1 / math.cos(math.radians(35)))
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        if background:
            pts = _background_points()
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=1.2, color="#CFCFCF", lw=0,
                       zorder=0)
            for name, lon, lat in _province_labels():
                if xlim[0] < lon < xlim[1] and ylim[0] < lat < ylim[1]:
                    ax.text(lon, lat - 0.9, name, fontsize=6.5, color="#B0B0B0", ha="center",
                            va="top", zorder=1)
        for u, v, d in sorted(simple.edges(data=True), key=lambda e: e[2]["start_year"] or 0):
            if u not in xy or v not in xy:
                continue
            dated = d["start_year"] is not None
            arrow = FancyArrowPatch(
                xy[u], xy[v], connectionstyle="arc3,rad=0.22", arrowstyle="-|>", mutation_scale=9,
                color=cmap(norm(d["start_year"])) if dated else "#8A8A8A",
                lw=1.8 if dated else 1.0, ls="-" if dated else (0, (3, 2)),
                alpha=0.9 if dated else 0.7, shrinkA=3, shrinkB=4, zorder=3 if dated else 2,
            )
            ax.add_patch(arrow)
        degree = {n: simple.degree(n) for n in nodes}
        role = {n: ("both" if simple.out_degree(n) and simple.in_degree(n)
                    else "helper" if simple.out_degree(n) else "recipient") for n in nodes}
        for r in ("helper", "recipient", "both"):
            sel = [n for n in nodes if role[n] == r]
            if not sel:
                continue
            ax.scatter([xy[n][0] for n in sel], [xy[n][1] for n in sel],
                       s=[18 + 14 * degree[n] for n in sel], color=_ROLE_COLOURS[r],
                       edgecolor="white", linewidth=0.8, zorder=4, label=_ROLE_LABELS[r])
        east = [n for n in nodes if role[n] == "helper" or (role[n] == "both" and xy[n][0] >= 110)]
        west = [n for n in nodes if n not in set(east)]
        x_west = max(66.0, min([xy[n][0] for n in west], default=100.0) - 4.0)
        x_east = max(127.5, max([xy[n][0] for n in east], default=120.0) + 3.0)
        ax.set_xlim(x_west - 9.0, max(xlim[1], x_east + 8.0))
        for group, x_label, ha in ((east, x_east, "left"), (west, x_west, "right")):
            ys = _spread([xy[n][1] for n in group], ylim[0] + 1.0, ylim[1] - 1.5, 1.45)
            for n, y in zip(group, ys, strict=True):
                colour = _ROLE_COLOURS[role[n]]
                ax.annotate(
                    simple.nodes[n].get("label") or n, xy[n], xytext=(x_label, y),
                    ha=ha, va="center", fontsize=8.5, color="#222222",
                    arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6, "alpha": 0.4,
                                "shrinkA": 0, "shrinkB": 2},
                    zorder=5,
                )
        ax.set_xlabel("经度 Longitude (°E)")
        ax.set_ylabel("纬度 Latitude (°N)")
        ax.set_title(title, loc="left")
        ax.grid(color="#F2F2F2", lw=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Line2D([], [], color="#8A8A8A", ls=(0, (3, 2)), lw=1.0))
        labels.append("未注明年份 no stated year")
        ax.legend(handles, labels, loc="lower left", markerscale=0.8)
        if years:
            bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax,
                               shrink=0.55, pad=0.01)
            bar.set_label("起始年份 start year")
            bar.ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        if missing:
            _footnote(fig, f"{missing} 个地区无坐标，未画出 · {missing} regions without coordinates "
                           "are not shown")
    return _finish(fig, "pairing-map", save, formats)


# --------------------------------------------------------------------------- snapshots


def network_snapshots(
    snaps: Mapping[int, nx.DiGraph],
    *,
    save: str | os.PathLike[str] | bool | None = None,
    formats: Sequence[str] = ("png",),
) -> Figure:
    """The pairing network at several years, side by side, with what changed marked.

    ``snaps`` is :func:`shanhai.graph.analysis.snapshots`.  Each panel puts
    recipients on the left and helpers on the right, north at the top, in the
    same places in every panel; regions not yet paired are faded.  Pairings new
    since the previous panel are orange, continuing ones grey, ended ones dotted.
    Rows start north to south and are then reordered to reduce crossing lines.
    """
    years = sorted(snaps)
    helpers: dict[Any, dict[str, Any]] = {}
    recipients: dict[Any, dict[str, Any]] = {}
    for year in years:
        s = snaps[year]
        for u, v in s.edges():
            helpers.setdefault(u, dict(s.nodes[u]))
            recipients.setdefault(v, dict(s.nodes[v]))

    edges = {e for year in years for e in snaps[year].edges()}
    y_recv = _ranks(recipients, _by_latitude(recipients), len(helpers))
    y_help = _ranks(helpers, _barycentre(helpers, edges, y_recv, 0), len(recipients))
    for _ in range(2):  # a few sweeps of the barycentre heuristic cut crossings
        y_recv = _ranks(recipients, _barycentre(recipients, edges, y_help, 1), len(helpers))
        y_help = _ranks(helpers, _barycentre(helpers, edges, y_recv, 0), len(recipients))
    rows = max(len(helpers), len(recipients), 1)
    with _styled():
        fig, axes = plt.subplots(1, len(years), figsize=(3.7 * len(years), 0.36 * rows + 2.1),
                                 sharey=True, layout="constrained", squeeze=False)
        previous: set[tuple[Any, Any]] = set()
        for ax, year in zip(axes[0], years, strict=True):
            s = snaps[year]
            current = set(s.edges())
            for u, v in sorted(previous - current, key=str):
                ax.plot([1, 0], [y_help[u], y_recv[v]], color=HELPER, lw=1.1, ls=(0, (1, 2)),
                        alpha=0.8)
            for u, v in sorted(current, key=str):
                new = (u, v) not in previous
                undated = s.edges[u, v].get("start_year") is None
                ax.plot([1, 0], [y_help[u], y_recv[v]],
                        color=HELPER if new and not undated else ("#BBBBBB" if undated else "#555555"),
                        lw=2.2 if new and not undated else 1.2,
                        ls=(0, (3, 2)) if undated else "-", zorder=2 if new else 1)
            active = {n for e in current for n in e}
            for side, ypos, x, ha, dx, colour in ((helpers, y_help, 1, "left", 0.06, HELPER),
                                                  (recipients, y_recv, 0, "right", -0.06, RECIPIENT)):
                for n, y in ypos.items():
                    on = n in active and ((x == 1 and s.out_degree(n)) or (x == 0 and s.in_degree(n)))
                    ax.scatter([x], [y], s=34 if on else 14, color=colour if on else "#DDDDDD",
                               zorder=3, edgecolor="white", linewidth=0.5)
                    ax.text(x + dx, y, str(side[n].get("label") or n), ha=ha, va="center",
                            fontsize=8.5, color="#222222" if on else "#BBBBBB",
                            fontweight="bold" if on else "normal")
            added = len(current - previous)
            removed = len(previous - current)
            ax.set_title(f"{year}年 · {year}\n{len(current)} 对结对 pairings  (+{added} / −{removed})",
                         fontsize=10)
            ax.set_xlim(-0.75, 1.75)
            ax.set_ylim(rows - 0.4, -1.9)
            ax.text(0, -1.0, "受援方\nrecipients", ha="center", va="bottom", fontsize=7.5,
                    color=RECIPIENT)
            ax.text(1, -1.0, "帮扶方\nhelpers", ha="center", va="bottom", fontsize=7.5, color=HELPER)
            ax.axis("off")
            previous = current
        handles = [
            Line2D([], [], color=HELPER, lw=2.2, label="新增 new since the previous panel"),
            Line2D([], [], color="#555555", lw=1.2, label="延续 continuing"),
            Line2D([], [], color=HELPER, lw=1.1, ls=(0, (1, 2)), label="终止 ended"),
        ]
        with_undated = any(d.get("start_year") is None
                           for s in snaps.values() for *_, d in s.edges(data=True))
        if with_undated:
            handles.append(Line2D([], [], color="#BBBBBB", lw=1.2, ls=(0, (3, 2)),
                                  label="未注明年份 no stated year"))
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
        scope = "含未注明年份的结对 incl. undated" if with_undated else "有明确年份的结对 dated pairings"
        fig.suptitle(f"结对网络的变化 · The pairing network over time ({scope})", fontweight="bold")
    return _finish(fig, "network-snapshots", save, formats)



def _by_latitude(side: Mapping[Any, Mapping[str, Any]]) -> dict[Any, float]:
    return {n: -(side[n].get("lat") or 0.0) for n in side}


def _barycentre(side: Mapping[Any, Mapping[str, Any]], edges: Iterable[tuple[Any, Any]],
                other: Mapping[Any, float], end: int) -> dict[Any, float]:
    """Sort key per node: the mean row of its partners on the other side."""
    rows: dict[Any, list[float]] = {n: [] for n in side}
    for edge in edges:
        node, partner = edge[end], edge[1 - end]
        if node in rows and partner in other:
            rows[node].append(other[partner])
    return {n: (sum(v) / len(v) if v else 0.0) for n, v in rows.items()}


def _ranks(side: Mapping[Any, Mapping[str, Any]], key: Mapping[Any, float],
           other_size: int) -> dict[Any, float]:
    """Evenly spaced rows for ``side`` in ``key`` order, spanning the taller column."""
    order = sorted(side, key=lambda n: (key[n], -(side[n].get("lat") or 0.0), str(n)))
    rows = max(len(order), other_size, 1)
    if len(order) <= 1:
        return {n: (rows - 1) / 2 for n in order}
    step = (rows - 1) / (len(order) - 1)
    return {n: i * step for i, n in enumerate(order)}
