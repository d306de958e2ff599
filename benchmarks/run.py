"""``make bench``: every benchmark as a child process with a time cap, one results file.

Runs ``bench_scale.py`` (throughput, memory, speed-ups, stores) and, when they
are present, ``bench_render.py`` (the page) and ``bench_endpoint.py`` (the
SPARQL endpoint).  Each writes its own JSON (``--out``) under build/bench/;
this script merges them into benchmarks/results.json and prints the headline
figures.  A benchmark that fails or runs past its cap is recorded as such.

    python benchmarks/run.py [--quick] [--only scale render endpoint] [--cap SECONDS]

With ``--only``, the other benchmarks' results already in results.json are kept.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "build" / "bench"
RESULTS = HERE / "results.json"


def plan(quick: bool) -> dict[str, list[str]]:
    """Benchmark name → its script's arguments (``--out`` is added)."""
    return {
        "scale": ["--quick"] if quick else [],
        "render": ["--sizes", "500", "5000", "--no-browser"] if quick
        else ["--sizes", "500", "5000", "20000", "--cap", "120"],
        "endpoint": ["--quick"] if quick else [],
    }


def run_one(name: str, args: list[str], cap: float) -> dict[str, Any]:
    script = HERE / f"bench_{name}.py"
    if not script.exists():
        return {"status": "absent"}
    out = WORK / f"results_{name}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, str(script), *args, "--out", str(out)]
    print(f"== {name}: {' '.join(cmd[1:])}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        # progress goes straight to the terminal; stdout (the benchmark's table) is kept
        proc = subprocess.run(cmd, cwd=ROOT, timeout=cap, stdout=subprocess.PIPE, text=True)
    except subprocess.TimeoutExpired:
        return {"status": "timed out", "cap_s": cap}
    wall = round(time.perf_counter() - started, 1)
    sys.stderr.write(proc.stdout[-4000:])
    if proc.returncode != 0 or not out.exists():
        return {"status": "failed", "exit": proc.returncode, "wall_s": wall}
    return {"status": "ok", "wall_s": wall, "result": json.loads(out.read_text(encoding="utf-8"))}


def headline(benchmarks: dict[str, Any]) -> list[tuple[str, object, str]]:
    rows: list[tuple[str, object, str]] = []
    scale = benchmarks.get("scale", {}).get("result", {})
    s = scale.get("summary", {})
    if s:
        rows += [
            ("extraction only vs jieba.lcut (×)", s.get("extract_in_process_ratio"), "≥ 0.5"),
            ("build end to end, --jobs 1, vs jieba.lcut (×)", s.get("end_to_end_ratio"), "≥ 0.5"),
            ("--jobs 2 speed-up over --jobs 1 (×)", s.get("jobs2_speedup"), "≥ 1.7"),
            ("Dask LocalCluster, 2 workers, speed-up (×)", s.get("dask2_speedup"), "≥ 1.7"),
        ]
        for key, value in s.items():
            if key.startswith("peak_rss_mb_"):
                rows.append((f"peak RSS, {key.removeprefix('peak_rss_mb_')} corpus (MB)", value,
                             "< 1536"))
        if "rss_100_over_10" in s:
            rows.append(("peak RSS 100 MB / 10 MB", s["rss_100_over_10"], "≤ 1.5"))
        rows.append(("resume with nothing changed (s)", s.get("resume_s"), ""))
    for mode, part in scale.get("graph_1m", {}).items():
        value = part.get("load_s", part.get("build_s", part.get("build_and_write_s")))
        rows.append((f"~1M triples: {mode} (s)", value, f"peak {part.get('peak_rss_mb')} MB"))
    render = benchmarks.get("render", {}).get("result", {})
    for row in render.get("rows", []):
        if row.get("nodes") == 5000:
            rows.append(("page generation at 5,000 nodes (s)", row.get("generate_s"), ""))
            if row.get("tti_s") is not None:
                rows.append(("page time to interactive at 5,000 nodes (s)", row.get("tti_s"), ""))
    endpoint = benchmarks.get("endpoint", {}).get("result", {})
    for key, value in endpoint.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            rows.append((f"endpoint: {key}", value, ""))
    for name, info in benchmarks.items():
        if info.get("status") != "ok":
            rows.append((f"{name} benchmark", info.get("status"), ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 MB and 10 MB corpora, no browser")
    parser.add_argument("--only", nargs="+", choices=sorted(plan(False)), default=None)
    parser.add_argument("--cap", type=float, default=3000, help="seconds allowed per benchmark")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    benchmarks: dict[str, Any] = {}
    if args.only and args.out.exists():  # keep the other benchmarks' last results
        benchmarks = json.loads(args.out.read_text(encoding="utf-8")).get("benchmarks", {})
    for name, bench_args in plan(args.quick).items():
        if args.only is None or name in args.only:
            benchmarks[name] = run_one(name, bench_args, args.cap)
    rows = headline(benchmarks)
    results = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "quick": args.quick,
        "wall_s": round(time.perf_counter() - started, 1),
        "headline": [{"figure": f, "value": v, "target": t} for f, v, t in rows],
        "benchmarks": benchmarks,
    }
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max((len(r[0]) for r in rows), default=10)
    print(f"\n{'figure':<{width}}  {'value':>10}  target")
    for figure, value, target in rows:
        print(f"{figure:<{width}}  {value!s:>10}  {target}")
    print(f"\nwrote {args.out}")
    return 0 if all(b.get("status") in ("ok", "absent") for b in benchmarks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
