"""Benchmark the graph page: generation time, file size and time-to-interactive.

Compares our page with pyvis's stock output (``Network(...).generate_html()`` with its
default physics) on the same random East–West-shaped graphs, in headless Chromium.
Time-to-interactive (TTI) is the navigation-relative time of the first frame vis-network
draws with nodes on it; vis blocks drawing while it stabilises, so for a physics page
that is the first frame after stabilisation.

    python benchmarks/bench_render.py [--sizes 500 5000 20000] [--cap 120] [--out PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
from shanhai.graph.render import render_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Wraps vis.Network as the UMD bundle defines it, to time the first drawn frame the
# same way on both pages without touching either page's code.
TTI_HOOK = """
(() => {
  let visObj;
  const hook = (net) => {
    net.on("afterDrawing", () => {
      if (window.__tti === undefined && Object.keys(net.body.nodes).length > 0) {
        window.__tti = performance.now();
      }
    });
  };
  Object.defineProperty(window, "vis", {
    configurable: true,
    get() { return visObj; },
    set(v) {
      visObj = v;
      let wrapped;
      Object.defineProperty(v, "Network", {
        configurable: true, enumerable: true,
        get() { return wrapped; },
        set(Real) {
          wrapped = function (...args) { const net = new Real(...args); hook(net); return net; };
          wrapped.prototype = Real.prototype;
        },
      });
    },
  });
})();
"""


def _builders() -> ModuleType:
    """The random graph generator shared with the tests."""
    name = "shanhai_test_graph_builders"
    if name not in sys.modules:
        path = ROOT / "tests" / "browser" / "conftest.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def stock_pyvis_html(g: nx.MultiDiGraph) -> str:
    """pyvis's own page for the graph, vis inlined so it can load offline.

    Nodes and edges are assigned in bulk: pyvis's add_node/add_edge check for
    duplicates by list scans, which is quadratic and would dominate at 20,000 nodes.
    """
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    ids = sorted(g.nodes)
    net.node_ids = list(ids)
    net.node_map = {}
    net.nodes = []
    for v in ids:
        a = g.nodes[v]
        node = {
            "id": v,
            "label": a.get("label") or v,
            "title": a.get("name") or "",
            "shape": "dot",
            "size": 10,
        }
        net.nodes.append(node)
        net.node_map[v] = node
    net.edges = [{"from": u, "to": v, "label": d.get("label", ""), "arrows": "to"} for u, v, d in g.edges(data=True)]
    return str(net.generate_html())


def _timed(fn: Any, *args: Any, repeat: int = 1) -> tuple[Any, float]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return result, best


def measure_tti(browser: Any, path: Path, cap: float) -> float | None:
    """Seconds to first drawn frame, or None if it took longer than ``cap``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1400, "height": 860}, bypass_csp=True)
    try:
        context.add_init_script(TTI_HOOK)
        # The stock page links Bootstrap from a CDN; keep the run offline and fair.
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        deadline = time.monotonic() + cap
        try:
            # Not "load": a page that stabilises synchronously delays its load event.
            page.goto(path.as_uri(), wait_until="commit", timeout=cap * 1000)
            remaining = max(1.0, deadline - time.monotonic())
            page.wait_for_function("window.__tti !== undefined", timeout=remaining * 1000, polling=250)
        except PlaywrightTimeout:
            return None
        return float(page.evaluate("window.__tti")) / 1000.0
    finally:
        context.close()


def run(sizes: list[int], cap: float, browser_on: bool) -> list[dict[str, Any]]:
    builders = _builders()
    rows: list[dict[str, Any]] = []
    pw_cm = None
    browser = None
    if browser_on and CHROMIUM.exists():
        from playwright.sync_api import sync_playwright

        pw_cm = sync_playwright()
        pw = pw_cm.__enter__()
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    elif browser_on:
        print(f"note: {CHROMIUM} missing, skipping time-to-interactive", file=sys.stderr)
    try:
        with tempfile.TemporaryDirectory(prefix="shanhai-bench-") as tmp:
            for n in sizes:
                g = builders.random_graph(n)
                ours, t_ours = _timed(render_html, g, repeat=3 if n <= 1000 else 1)
                stock, t_stock = _timed(stock_pyvis_html, g)
                row: dict[str, Any] = {
                    "nodes": g.number_of_nodes(),
                    "edges": g.number_of_edges(),
                    "generate_s": round(t_ours, 3),
                    "bytes": len(ours.encode("utf-8")),
                    "stock_generate_s": round(t_stock, 3),
                    "stock_bytes": len(stock.encode("utf-8")),
                }
                if browser is not None:
                    ours_path = Path(tmp) / f"ours-{n}.html"
                    stock_path = Path(tmp) / f"stock-{n}.html"
                    ours_path.write_text(ours, encoding="utf-8")
                    stock_path.write_text(stock, encoding="utf-8")
                    tti_ours = measure_tti(browser, ours_path, cap)
                    tti_stock = measure_tti(browser, stock_path, cap)
                    row["tti_s"] = None if tti_ours is None else round(tti_ours, 2)
                    row["stock_tti_s"] = None if tti_stock is None else round(tti_stock, 2)
                    row["cap_s"] = cap
                    if tti_ours:
                        # a capped stock run gives a lower bound on the speed-up
                        row["stock_over_ours"] = round((tti_stock or cap) / tti_ours, 1)
                        row["ratio_is_lower_bound"] = tti_stock is None
                rows.append(row)
                print_row(row)
    finally:
        if browser is not None:
            browser.close()
        if pw_cm is not None:
            pw_cm.__exit__(None, None, None)
    return rows


HEADER = (
    f"{'nodes':>7} {'edges':>7} {'gen s':>7} {'MB':>6} {'stock gen s':>11} {'stock MB':>8} "
    f"{'TTI s':>7} {'stock TTI s':>11} {'ratio':>7}"
)


def print_row(row: dict[str, Any]) -> None:
    if not getattr(print_row, "_header", False):
        print(HEADER)
        print_row._header = True  # type: ignore[attr-defined]

    def tti(value: float | None) -> str:
        return f"> {row['cap_s']:.0f}" if value is None else f"{value:.2f}"

    ratio = "-"
    if "stock_over_ours" in row:
        ratio = (">" if row["ratio_is_lower_bound"] else "") + f"{row['stock_over_ours']:.1f}x"
    print(
        f"{row['nodes']:>7} {row['edges']:>7} {row['generate_s']:>7.2f} {row['bytes'] / 1e6:>6.2f} "
        f"{row['stock_generate_s']:>11.2f} {row['stock_bytes'] / 1e6:>8.2f} "
        f"{tti(row.get('tti_s')) if 'cap_s' in row else '-':>7} "
        f"{tti(row.get('stock_tti_s')) if 'cap_s' in row else '-':>11} {ratio:>7}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--cap", type=float, default=120.0, help="seconds to wait for a page")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_render.json")
    parser.add_argument("--no-browser", action="store_true", help="skip time-to-interactive")
    args = parser.parse_args(argv)
    rows = run(args.sizes, args.cap, not args.no_browser)
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "chromium": str(CHROMIUM) if CHROMIUM.exists() else None,
        "tti_definition": "first vis-network frame drawn with nodes, from navigation start",
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
