"""Render the East–West cooperation graph as one self-contained interactive HTML page.

The page embeds vis-network (taken from the installed pyvis package at run time), our
own template, CSS and JS, and the graph as escaped JSON.  Nothing is fetched over the
network, so the file opens by double-click from any folder and can be mailed around.

Layouts are computed here rather than in the browser: a seeded grid-accelerated
Fruchterman–Reingold layout ("force") and a map-like layout from coordinates ("geo").
Precomputing keeps large graphs interactive and makes the output byte-for-byte
reproducible for the same input.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from pypinyin import lazy_pinyin

from .io import atomic_write

__all__ = ["PHYSICS_NODE_LIMIT", "notebook_html", "render_html", "subgraph", "write_html"]

#: Above this many nodes the browser runs no physics at all; positions come from Python.
PHYSICS_NODE_LIMIT = 1000

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_VIS_DIR = ("lib", "vis-9.1.2")
_LAYOUTS = ("force", "geo")
_SEED = 20240601
#: Ideal edge length in canvas pixels; matches the spring length used by the page physics.
_EDGE_LEN = 110.0
#: Bounds on canvas pixels per degree of longitude/latitude in the geographic layout.
_GEO_SCALE = 50.0
_GEO_SCALE_MAX = 220.0
#: Up to this many nodes the Python layout computes all pairwise repulsions.
_EXACT_LIMIT = 600

# class key -> (zh label, colour, shape); order is legend order.
_CLASSES: dict[str, tuple[str, str, str]] = {
    "Province": ("省级", "#D55E00", "hexagon"),
    "Prefecture": ("地级", "#E69F00", "dot"),
    "County": ("县级", "#C9A800", "dot"),
    "Township": ("乡镇", "#8C8C5A", "dot"),
    "Village": ("村", "#A0A0A0", "dot"),
    "RegionGroup": ("区域", "#CC79A7", "star"),
    "Program": ("项目", "#0072B2", "diamond"),
    "Organization": ("机构", "#009E73", "square"),
    "Year": ("年份", "#56B4E9", "triangle"),
}
_OTHER_CLASS = ("其他", "#666666", "dot")

# relation key -> (zh label, colour, width, dashed)
_RELATIONS: dict[str, tuple[str, str, float, bool]] = {
    "pairsWith": ("对口帮扶", "#D55E00", 3.0, False),
    "partOf": ("隶属", "#9A9A9A", 1.0, False),
    "startedIn": ("始于", "#56B4E9", 1.5, False),
    "locatedIn": ("位于", "#009E73", 1.5, False),
    "renamedTo": ("更名为", "#CC79A7", 2.0, True),
}
_OTHER_RELATION = ("#777777", 1.0, False)

_JSON_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")
_PLACEHOLDER_RE = re.compile(r"\{\{ (\w+) \}\}")
_NON_ALNUM = re.compile(r"[^0-9a-z]")


# --------------------------------------------------------------------------- text hygiene


def _clean(value: object) -> str:
    """Coerce to str and make it UTF-8 encodable.

    Paired surrogates are joined and lone ones become U+FFFD, otherwise a single bad
    character from a scraped document would make the whole page unwritable.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _json_for_script(data: object) -> str:
    """Serialise for embedding inside a <script> element.

    Escaping <, > and & means no document text can close the element or open a
    comment; U+2028/2029 are escaped for older JS parsers.  ``://`` (IRIs, URLs in
    quotes) becomes ``:\\/\\/`` -- the same string to JSON.parse -- so the page holds
    nothing a scanner or a careless reader could take for a remote resource.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _JSON_SCRIPT_RE.sub(lambda m: _JSON_SCRIPT_ESCAPES[m.group(0)], text)
    return text.replace("://", ":\\/\\/")


def _html_text(text: str) -> str:
    """HTML-escape, also writing ``/`` as an entity so no ``://`` appears verbatim."""
    return html.escape(text, quote=True).replace("/", "&#47;")


def _neutralise_js(source: str) -> str:
    """Make third-party JS safe to inline and free of URL schemes.

    ``://`` only occurs in comments and string literals of the vis bundle, where
    ``:\\/\\/`` means the same thing; this keeps the output free of anything that
    looks like a remote resource.  ``</script`` cannot occur but is guarded anyway.
    """
    source = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.MULTILINE)
    source = source.replace("://", ":\\/\\/")
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)


def _neutralise_css(source: str) -> str:
    """Guard inlined CSS against closing its <style> element early."""
    source = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", source)
    return re.sub(r"</(style)", r"\\3c/\1", source, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """Read vis-network JS/CSS shipped inside pyvis, so the repo holds no vendored copy."""
    base = resources.files("pyvis").joinpath(*_VIS_DIR)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    return _neutralise_js(js), _neutralise_css(css)


@lru_cache(maxsize=4)
def _template(name: str) -> str:
    return (_TEMPLATE_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, str]:
    """Full pinyin and initials (lower-case alphanumerics) for search, from one lookup."""
    if not text:
        return "", ""
    syllables = [s.lower() for s in lazy_pinyin(text, errors="default")]
    full = _NON_ALNUM.sub("", "".join(syllables))
    initials = _NON_ALNUM.sub("", "".join(s[:1] for s in syllables))
    return full, initials


# --------------------------------------------------------------------------- attribute access


def _float_or_none(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int_or_none(value: object) -> int | None:
    number = _float_or_none(value)
    return None if number is None else int(number)


def _evidence(items: object, with_rule: bool) -> list[list[Any]]:
    """Evidence as compact rows [doc, start, end, quote(, rule)] with cleaned text."""
    rows: list[list[Any]] = []
    if not isinstance(items, Iterable) or isinstance(items, (str, bytes)):
        return rows
    for item in items:
        if not isinstance(item, Mapping):
            continue
        row: list[Any] = [
            _clean(item.get("doc")),
            _int_or_none(item.get("start")),
            _int_or_none(item.get("end")),
            _clean(item.get("quote")),
        ]
        if with_rule:
            row.append(_clean(item.get("rule")))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- layouts


def _geo_layout(
    ids: list[str],
    cls: list[str],
    labels: list[str],
    coords: list[tuple[float, float] | None],
    neighbours: list[list[int]],
) -> np.ndarray:
    """Map-like positions: x from longitude, y from −latitude (east right, north up).

    Nodes without coordinates sit around the mean of their placed neighbours (two
    rounds, so organisations next to counties next to cities work); Year nodes and
    anything still unplaced go into columns right of the map, in a stable order.
    """
    n = len(ids)
    pos = np.zeros((n, 2))
    placed = np.zeros(n, dtype=bool)
    known = [c for c in coords if c is not None]
    scale = _GEO_SCALE
    if known:
        span = max(
            max(c[0] for c in known) - min(c[0] for c in known),
            max(c[1] for c in known) - min(c[1] for c in known),
            1.0,
        )
        # Give the map about the extent of the force layout, so node and label sizes
        # read the same in both; bounded so close places stay apart and maps stay finite.
        scale = min(_GEO_SCALE_MAX, max(_GEO_SCALE, _EDGE_LEN * math.sqrt(n) * 1.2 / span))
    for i, c in enumerate(coords):
        if c is not None:
            pos[i] = (c[0] * scale, -c[1] * scale)
            placed[i] = True
    if placed.any():
        lo = pos[placed].min(axis=0)
        hi = pos[placed].max(axis=0)
    else:
        lo = np.zeros(2)
        hi = np.zeros(2)
    for _ in range(2):
        newly: list[tuple[int, np.ndarray]] = []
        for i in range(n):
            if placed[i] or cls[i] == "Year":
                continue
            anchors = [j for j in neighbours[i] if placed[j] and cls[j] != "Year"]
            if anchors:
                newly.append((i, pos[anchors].mean(axis=0)))
        for i, p in newly:
            pos[i] = p
            placed[i] = True
    # Spread nodes that share a spot on a golden-angle spiral, deterministic by index.
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in range(n):
        if placed[i]:
            buckets[(round(pos[i, 0]), round(pos[i, 1]))].append(i)
    golden = math.pi * (3.0 - math.sqrt(5.0))
    for members in buckets.values():
        for rank, i in enumerate(members[1:], start=1):
            radius = 55.0 * math.sqrt(rank)
            pos[i, 0] += radius * math.cos(rank * golden)
            pos[i, 1] += radius * math.sin(rank * golden)
    rest = [i for i in range(n) if not placed[i]]
    rest.sort(key=lambda i: (cls[i] != "Year", cls[i], labels[i], ids[i]))
    step = 70.0
    per_column = max(10, int((hi[1] - lo[1]) / step) + 1)
    x0 = hi[0] + 4 * step if placed.any() else 0.0
    for rank, i in enumerate(rest):
        col, row = divmod(rank, per_column)
        pos[i] = (x0 + col * 3 * step, lo[1] + row * step)
    return pos


def _grid_pairs(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All node pairs in the same or an adjacent grid cell, each pair once.

    Restricting repulsion to nearby cells is the grid variant of Fruchterman–Reingold;
    it keeps each iteration roughly linear in the node count.
    """
    n = len(cells)
    span = int(cells[:, 1].max() - cells[:, 1].min()) + 3
    cy = cells[:, 1] - cells[:, 1].min() + 1
    keys = cells[:, 0].astype(np.int64) * span + cy
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    uniq, starts, counts = np.unique(sorted_keys, return_index=True, return_counts=True)
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    positions = np.arange(n)
    for dx, dy in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        target = sorted_keys + dx * span + dy
        slot = np.searchsorted(uniq, target)
        slot = np.minimum(slot, len(uniq) - 1)
        hit = uniq[slot] == target
        cnt = np.where(hit, counts[slot], 0)
        first = np.where(hit, starts[slot], 0)
        total = int(cnt.sum())
        if total == 0:
            continue
        src = np.repeat(positions, cnt)
        offs = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        dst = np.repeat(first, cnt) + offs
        if dx == 0 and dy == 0:
            keep = dst > src
            src, dst = src[keep], dst[keep]
        out_i.append(order[src])
        out_j.append(order[dst])
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(out_i), np.concatenate(out_j)


def _repulsion_pairs(pos: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs to repel: all of them for small graphs, grid neighbours for large ones."""
    n = len(pos)
    if n <= _EXACT_LIMIT:
        return np.triu_indices(n, 1)
    return _grid_pairs(np.floor(pos / radius).astype(np.int64))


def _force_layout(n: int, edges: np.ndarray, init: np.ndarray | None, seed: int = _SEED) -> np.ndarray:
    """Seeded Fruchterman–Reingold layout in canvas pixels.

    networkx's spring layout is quadratic per iteration without SciPy.  Here small
    graphs get exact repulsion; large ones get the grid variant (repulsion only
    between nearby nodes) with a low temperature, which untangles the starting
    layout locally instead of letting an expander-like graph collapse into a ball.
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    k = _EDGE_LEN
    side = k * math.sqrt(n) * 1.2
    if init is None:
        pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    else:
        pos = init - init.mean(axis=0)
        extent = float(np.ptp(pos, axis=0).max()) or 1.0
        pos = pos * (side / extent) + rng.normal(0.0, k * 0.1, size=(n, 2))
    exact = n <= _EXACT_LIMIT
    radius = 2.0 * k
    iterations = 60 if exact else 40
    temperature = side / 8.0 if exact else 1.5 * k
    cooling = (k * 0.05 / temperature) ** (1.0 / iterations)
    src = edges[:, 0] if len(edges) else np.zeros(0, dtype=np.int64)
    dst = edges[:, 1] if len(edges) else np.zeros(0, dtype=np.int64)
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        pi, pj = _repulsion_pairs(pos, radius)
        if len(pi):
            delta = pos[pi] - pos[pj]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-2)
            if not exact:
                near = dist2 < radius * radius
                delta, dist2, pi, pj = delta[near], dist2[near], pi[near], pj[near]
            push = (k * k / dist2)[:, None] * delta  # k²/d along the unit vector
            for axis in (0, 1):
                disp[:, axis] += np.bincount(pi, weights=push[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(pj, weights=push[:, axis], minlength=n)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt(np.maximum((delta**2).sum(axis=1), 1e-4))
            pull = (dist / k)[:, None] * delta  # d²/k along the unit vector
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, weights=pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(dst, weights=pull[:, axis], minlength=n)
        # Gravity: with all-pairs repulsion it balances ~k·sqrt(n) from the centre, keeping
        # separate components close; with grid repulsion only a nudge is needed.
        disp -= pos * (1.0 if exact else 0.02 * k / side)
        length = np.sqrt(np.maximum((disp**2).sum(axis=1), 1e-9))
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return pos - pos.mean(axis=0)


# --------------------------------------------------------------------------- payload


def _class_style(key: str) -> tuple[str, str, str]:
    return _CLASSES.get(key, _OTHER_CLASS)


def _coord_pair(coord: tuple[float, float] | None) -> list[float] | None:
    return None if coord is None else [coord[0], coord[1]]


def _node_size(degree: int) -> float:
    return round(min(42.0, 9.0 + 5.0 * math.log2(1 + degree)), 1)


def _payload(g: nx.MultiDiGraph, title: str, layout: str) -> dict[str, Any]:
    """Everything the page needs, in a stable order, with all text cleaned."""
    ids = sorted(g.nodes, key=lambda v: (_clean(v), repr(v)))
    index = {v: i for i, v in enumerate(ids)}
    n = len(ids)
    attrs = [g.nodes[v] for v in ids]
    cls = [_clean(a.get("cls")) or "Other" for a in attrs]
    names = [_clean(a.get("name")) for a in attrs]
    labels = [
        _clean(a.get("label")) or names[i] or _clean(ids[i]).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        for i, a in enumerate(attrs)
    ]
    coords: list[tuple[float, float] | None] = []
    for a in attrs:
        lon, lat = _float_or_none(a.get("lon")), _float_or_none(a.get("lat"))
        coords.append((lon, lat) if lon is not None and lat is not None else None)

    edge_rows = sorted(
        g.edges(keys=True, data=True),
        key=lambda e: (index[e[0]], index[e[1]], _clean(e[2])),
    )
    neighbours: list[set[int]] = [set() for _ in range(n)]
    degree = [0] * n
    relation_keys: list[str] = []
    relation_index: dict[str, int] = {}
    for known in _RELATIONS:
        relation_index[known] = len(relation_keys)
        relation_keys.append(known)
    relation_counts: dict[str, int] = defaultdict(int)
    relation_zh: dict[str, str] = {}
    edges_out: list[list[Any]] = []
    pairs: set[tuple[int, int]] = set()
    years: list[int] = []
    for u, v, key, data in edge_rows:
        a, b = index[u], index[v]
        rel = _clean(data.get("relation")) or "related"
        if rel not in relation_index:
            relation_index[rel] = len(relation_keys)
            relation_keys.append(rel)
        relation_counts[rel] += 1
        # Known relations always get their canonical zh label; others keep the data's.
        zh = _RELATIONS[rel][0] if rel in _RELATIONS else (_clean(data.get("label")) or rel)
        relation_zh.setdefault(rel, zh)
        start, end = _int_or_none(data.get("start_year")), _int_or_none(data.get("end_year"))
        years.extend(y for y in (start, end) if y is not None)
        degree[a] += 1
        degree[b] += 1
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
            pairs.add((min(a, b), max(a, b)))
        edges_out.append(
            [
                _clean(key),
                a,
                b,
                relation_index[rel],
                zh,
                start,
                end,
                _evidence(data.get("evidence"), True),
            ]
        )

    neighbour_lists = [sorted(s) for s in neighbours]
    geo = _geo_layout([_clean(v) for v in ids], cls, labels, coords, neighbour_lists)
    edge_array = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    init = geo if any(c is not None for c in coords) else None
    force = _force_layout(n, edge_array, init)

    nodes_out: list[list[Any]] = []
    class_order = list(_CLASSES)
    class_counts: dict[str, int] = defaultdict(int)
    for i, a in enumerate(attrs):
        class_counts[cls[i]] += 1
        if cls[i] not in class_order:
            class_order.append(cls[i])
        py_label, ini_label = _pinyin(labels[i])
        py_name, ini_name = _pinyin(names[i])
        nodes_out.append(
            [
                _clean(ids[i]),
                labels[i],
                names[i],
                class_order.index(cls[i]),
                _clean(a.get("code")),
                _node_size(degree[i]),
                round(float(force[i, 0]), 1),
                round(float(force[i, 1]), 1),
                round(float(geo[i, 0]), 1),
                round(float(geo[i, 1]), 1),
                [py_label, ini_label, py_name, ini_name],
                degree[i],
                _coord_pair(coords[i]),
                _evidence(a.get("evidence"), False),
            ]
        )

    classes = []
    for key in class_order:
        zh, colour, shape = _class_style(key)
        classes.append(
            {
                "key": key,
                "zh": zh,
                "color": colour,
                "shape": shape,
                "count": class_counts.get(key, 0),
            }
        )
    relations = []
    for key in relation_keys:
        colour, width, dashed = _RELATIONS[key][1:] if key in _RELATIONS else _OTHER_RELATION
        zh = relation_zh.get(key) or _RELATIONS.get(key, (key,))[0]
        relations.append(
            {
                "key": key,
                "zh": zh,
                "color": colour,
                "width": width,
                "dashes": dashed,
                "count": relation_counts.get(key, 0),
            }
        )
    return {
        "title": title,
        "layout": layout,
        "physics": n <= PHYSICS_NODE_LIMIT and layout == "force",
        # The Python layout is a good start, so the page only refines it; fewer rounds
        # for bigger graphs keep time-to-interactive about flat up to the limit.
        "stabilize": max(40, min(150, 20000 // max(n, 1))),
        "large": n > PHYSICS_NODE_LIMIT,
        "years": [min(years), max(years)] if years else None,
        "classes": classes,
        "relations": relations,
        "nodes": nodes_out,
        "edges": edges_out,
    }


# --------------------------------------------------------------------------- public API


def render_html(g: nx.MultiDiGraph, *, title: str = "shanhai", layout: str = "force") -> str:
    """Return the complete page as a string; same graph and options give identical bytes."""
    if layout not in _LAYOUTS:
        raise ValueError(f"layout must be one of {_LAYOUTS}, got {layout!r}")
    title = _clean(title)
    vis_js, vis_css = _vis_assets()
    app_js = _neutralise_js(_template("page.js"))
    payload = _json_for_script(_payload(g, title, layout))
    # Hash-based CSP: only our two inline scripts may run, and nothing may be fetched.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in (vis_js, app_js)
    )
    values = {
        "title": _html_text(title),
        "script_hashes": hashes,
        "vis_css": vis_css,
        "page_css": _neutralise_css(_template("page.css")),
        "vis_js": vis_js,
        "data": payload,
        "page_js": app_js,
    }

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    # One pass over the template only: inserted text is never re-scanned for markers.
    return _PLACEHOLDER_RE.sub(fill, _template("page.html"))


def write_html(g: nx.MultiDiGraph, path: Path, **kw: Any) -> None:
    """Write the page as UTF-8, atomically, so a reader never sees half a file."""
    atomic_write(Path(path), render_html(g, **kw))


def notebook_html(g: nx.MultiDiGraph, *, height: int = 720, **kw: Any) -> Any:
    """Inline display object for Jupyter; the page lives in a sandboxed iframe srcdoc."""
    from IPython.display import HTML

    page = render_html(g, **kw)
    # Wrapped in a div: IPython warns about markup that starts with <iframe>.
    frame = (
        f'<div class="shanhai-graph"><iframe srcdoc="{html.escape(page, quote=True)}" '
        'sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        f'title="{_html_text(_clean(kw.get("title", "shanhai")))}"></iframe></div>'
    )
    return HTML(frame)


def subgraph(g: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """Ego network of ``focus`` up to ``depth`` hops, ignoring edge direction.

    ``focus`` matches a node id, then a full ``name``, then a short ``label``.  Year
    nodes are kept but not expanded: they link every program of that year and would
    otherwise pull the whole graph into any focus.
    """
    if depth < 0:
        raise ValueError("depth must be >= 0")
    if focus in g:
        starts = [focus]
    else:
        starts = sorted(v for v, a in g.nodes(data=True) if a.get("name") == focus)
        if not starts:
            starts = sorted(v for v, a in g.nodes(data=True) if a.get("label") == focus)
        if not starts:
            raise KeyError(f"no node with id, name or label {focus!r}")
        if len(starts) > 1:
            names = ", ".join(f"{g.nodes[v].get('name') or v}" for v in starts[:10])
            raise ValueError(f"{focus!r} is ambiguous: {names}; use the full name or id")
    seen = {starts[0]: 0}
    queue = deque(starts[:1])
    while queue:
        v = queue.popleft()
        d = seen[v]
        if d == depth or (g.nodes[v].get("cls") == "Year" and d > 0):
            continue
        for w in sorted(set(g.successors(v)) | set(g.predecessors(v)), key=str):
            if w not in seen:
                seen[w] = d + 1
                queue.append(w)
    return g.subgraph(seen).copy()
