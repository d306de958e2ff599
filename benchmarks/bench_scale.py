"""Scale benchmark: throughput against the segmenter floor, memory, parallel speed-ups, stores.

Generates synthetic corpora by repeating and lightly varying the seeds (paragraph
order shuffled, amounts and counts changed, a line of its own per document), then

* measures ``jieba.lcut`` alone on the smallest corpus, in this process, warm,
  before and after every build (the CPU's speed drifts with the load): the floor;
* runs ``shanhai build`` as a child process (``--no-html --no-validate``) at 1, 10
  and 100 MB with ``--jobs 1``, ``--jobs 2`` and a Dask ``LocalCluster`` of two
  workers, reading wall time from the clock, peak RSS from ``wait4`` and the
  phase timings from report.json;
* builds a dataset of about a million triples from cached records, in memory
  with rdflib and streamed to disk, and loads it into rdflib, an in-memory
  Oxigraph store and an on-disk Oxigraph store.

Every throughput is also given as a ratio to the floor measured in the same run.

    python benchmarks/bench_scale.py [--quick] [--sizes 1 10 100] [--out PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
WORK = ROOT / "build" / "bench"
GENERATOR_VERSION = 2
#: Numbers that are not years: amounts, counts, percentages (varied per document).
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*[年月日])")


# ------------------------------------------------------------------ corpus


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]


def _vary(text: str, rng: random.Random, number: int) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)

    def amount(match: re.Match[str]) -> str:
        digits = match.group(1)
        if "." in digits:
            whole, frac = digits.split(".")
            return f"{rng.randint(1, 9)}{whole[1:]}.{frac}"
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return digits  # a year without 年 after it
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1)) if len(digits) > 1 \
            else str(rng.randint(1, 9))

    varied = [_NUMBER.sub(amount, p) for p in body]
    return "\n\n".join([*head, *varied, f"（合成文档第{number}号）"]) + "\n"


def generate(folder: Path, megabytes: float) -> dict[str, Any]:
    """A corpus of about ``megabytes`` MB in ``folder`` (reused when already there)."""
    target = int(megabytes * 1_000_000)
    marker = folder / ".complete.json"
    params = {"bytes": target, "generator": GENERATOR_VERSION}
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        if info.get("params") == params:
            return dict(info)
    shutil.rmtree(folder, ignore_errors=True)
    seeds = _seed_texts()
    total, chars, i = 0, 0, 0
    while total < target:
        rng = random.Random(i)
        text = _vary(seeds[i % len(seeds)], rng, i)
        path = folder / f"{i // 100:04d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        chars += len(text)
        i += 1
    info = {"params": params, "documents": i, "bytes": total, "chars": chars}
    marker.write_text(json.dumps(info), encoding="utf-8")
    return info


def corpus_text(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*/*.txt"))]


# ------------------------------------------------------------------ floors


def jieba_rate(texts: list[str]) -> float:
    """Characters per second of ``jieba.lcut`` alone over the texts, warm: the floor."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热词典")
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return sum(map(len, texts)) / (time.perf_counter() - started)


def extraction_in_process(texts: list[str], rounds: int = 3) -> dict[str, Any]:
    """``extract_document`` alone over the texts, warm, against the floor.

    The CPU this runs on changes speed with the load around it, so the floor
    and the extractor are timed in alternation and the ratio is the median of
    the rounds' ratios.
    """
    from shanhai.extract import gazetteer, segment
    from shanhai.extract.document import Document
    from shanhai.extract.pipeline import extract_document

    gazetteer.default()
    segment.default()
    extract_document(Document.from_text(texts[0], "warm.txt"))
    chars = sum(map(len, texts))
    floors, rates = [], []
    for _ in range(rounds):
        floors.append(jieba_rate(texts))
        started = time.perf_counter()
        for i, text in enumerate(texts):
            extract_document(Document.from_text(text, f"d{i}.txt"))
        rates.append(chars / (time.perf_counter() - started))
    ratios = sorted(r / f for r, f in zip(rates, floors, strict=True))
    return {"chars": chars, "rounds": rounds, "jieba_chars_per_s": [round(f) for f in floors],
            "extract_chars_per_s": [round(r) for r in rates],
            "ratio_median": round(ratios[len(ratios) // 2], 3)}


# ------------------------------------------------------------------ builds


def run_child(cmd: list[str], cap: float) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, exit status and peak RSS (MB) of it and its children."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = started + cap
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return {"timed_out": True, "cap_s": cap}
        time.sleep(0.05)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    out: dict[str, Any] = {"wall_s": round(wall, 2), "exit": code,
                           "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}
    if code != 0:
        out["stderr_tail"] = stderr[-2000:]
    return out


def build(corpus: Path, out: Path, *, jobs: int = 1, executor: str = "local", fresh: bool = True,
          cap: float = 3600) -> dict[str, Any]:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "shanhai", "build", str(corpus), "--out", str(out),
           "--no-html", "--no-validate", "--no-progress", "--jobs", str(jobs),
           "--executor", executor]
    result = run_child(cmd, cap)
    report_path = out / "report.json"
    if result.get("exit") == 0 and report_path.exists():
        report = json.loads(report_path.read_text(encoding="utf-8"))
        result["timings"] = report["timings"]
        result["triples"] = report["triples"]
        result["summary"] = report["summary"]
        result["executor"] = report.get("executor")
    return result


# ------------------------------------------------------------------ graph part


def _records(corpus: Path, out: Path, minimum: int) -> tuple[list[Any], int]:
    """Records of a finished build, copied under new ids until about ``minimum`` triples."""
    from shanhai.graph.cache import DocumentCache
    from shanhai.graph.corpus import discover

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    sha = {d["doc"]: d["sha256"] for d in report["documents"] if d["status"] == "ok"}
    cache = DocumentCache(out / "cache")
    sources, _ = discover([corpus])
    base = [cache.load(cache.entry_path(sha[s.doc_id], s.doc_id), s.path.as_posix())
            for s in sources if s.doc_id in sha]
    copies = max(1, math.ceil(minimum / max(1, report["triples"])))
    records = []
    for k in range(copies):
        for rec in base:
            doc_id = f"copy{k}/{rec.doc_id}"
            triples = tuple(
                dataclasses.replace(t, evidence=dataclasses.replace(t.evidence, doc=doc_id))
                for t in rec.triples
            )
            records.append(dataclasses.replace(rec, doc_id=doc_id, triples=triples))
    records.sort(key=lambda r: r.doc_id)
    return records, copies


def graph_part(mode: str, corpus: Path, out: Path, work: Path, minimum: int) -> dict[str, Any]:
    """One measurement of the ~1M-triple dataset, run in its own child process."""
    from shanhai.extract import gazetteer

    records, copies = _records(corpus, out, minimum)
    gaz = gazetteer.default()
    result: dict[str, Any] = {"mode": mode, "documents": len(records), "copies": copies}
    trig = work / "graph1m" / "graph.trig"
    if mode == "memory":
        from shanhai.graph.build import build_dataset
        from shanhai.graph.io import trig_text

        started = time.perf_counter()
        ds = build_dataset(records, gaz)
        result["build_s"] = round(time.perf_counter() - started, 2)
        result["triples"] = sum(len(g) for g in ds.graphs())
        started = time.perf_counter()
        text = trig_text(ds)
        result["serialise_s"] = round(time.perf_counter() - started, 2)
        result["bytes"] = len(text.encode("utf-8"))
    elif mode == "stream":
        from shanhai.graph.corpus import Report, write_outputs

        shutil.rmtree(trig.parent, ignore_errors=True)
        report = Report()
        started = time.perf_counter()
        write_outputs(trig.parent, iter(records), report, html=False, keep_dataset=False)
        result["build_and_write_s"] = round(time.perf_counter() - started, 2)
        result["timings"] = report.timings
        result["triples"] = report.triples
    elif mode == "load-rdflib":
        from rdflib import Dataset

        del records
        started = time.perf_counter()
        ds = Dataset()
        ds.parse(trig, format="trig")
        result["load_s"] = round(time.perf_counter() - started, 2)
        result["quads"] = sum(len(g) for g in ds.graphs())
    elif mode in ("load-oxigraph-memory", "load-oxigraph-disk"):
        import pyoxigraph as ox

        del records
        folder = work / "graph1m.oxigraph"
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        store = ox.Store(str(folder)) if mode.endswith("disk") else ox.Store()
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        if mode.endswith("disk"):
            store.flush()
        result["load_s"] = round(time.perf_counter() - started, 2)
        result["quads"] = len(store)
        started = time.perf_counter()
        query = ("PREFIX shanhai: <https://w3id.org/shanhai/ontology#> SELECT (COUNT(*) AS ?n) "
                 "WHERE { GRAPH ?g { ?p a shanhai:Pairing } }")
        rows = list(store.query(query))  # type: ignore[arg-type]
        result["count_pairings_s"] = round(time.perf_counter() - started, 3)
        result["pairings"] = int(rows[0][0].value)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


# ------------------------------------------------------------------ driver


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 MB and 10 MB only")
    parser.add_argument("--sizes", type=float, nargs="+", default=None, help="corpus sizes in MB")
    parser.add_argument("--work", type=Path, default=WORK, help="corpora and builds go here")
    parser.add_argument("--out", type=Path, default=WORK / "results_scale.json")
    parser.add_argument("--cap", type=float, default=2400, help="seconds allowed per build")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-graph", action="store_true", help="skip the ~1M-triple part")
    parser.add_argument("--graph-part", nargs=4, metavar=("MODE", "CORPUS", "OUT", "MIN"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.graph_part:
        mode, corpus, out, minimum = args.graph_part
        print(json.dumps(graph_part(mode, Path(corpus), Path(out), args.work, int(minimum))))
        return 0

    sizes = args.sizes or ([1, 10] if args.quick else [1, 10, 100])
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()[0],
        "quick": args.quick, "corpora": {}, "builds": {},
    }
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    for mb in sizes:
        info = generate(work / f"corpus-{mb:g}mb", mb)
        results["corpora"][f"{mb:g}"] = info
        log(f"corpus {mb:g} MB: {info['documents']} documents, {info['chars']} chars")

    mid = 10 if 10 in sizes else sizes[min(1, len(sizes) - 1)]
    mid_corpus = work / f"corpus-{mid:g}mb"
    # the floor sample: the smallest corpus, timed again around every build
    sample = corpus_text(work / f"corpus-{sizes[0]:g}mb")
    results["floor"] = {"sample_corpus_mb": sizes[0],
                        "extract_in_process": extraction_in_process(sample)}
    log(f"floor and extractor: {results['floor']['extract_in_process']}")

    builds: dict[str, Any] = results["builds"]

    def record(name: str, mb: float, run: Any) -> None:
        chars = results["corpora"][f"{mb:g}"]["chars"]
        before, load = jieba_rate(sample), os.getloadavg()[0]
        res = run()
        floor = (before + jieba_rate(sample)) / 2
        res.update(corpus_mb=mb, load_average_before=round(load, 2),
                   jieba_chars_per_s=round(floor))
        if "wall_s" in res:
            res["chars_per_s"] = round(chars / res["wall_s"])
            res["ratio_to_jieba"] = _ratio(res["chars_per_s"], floor)
            extract_s = res.get("timings", {}).get("extract")
            if extract_s:
                res["extract_phase_chars_per_s"] = round(chars / extract_s)
        builds[name] = res
        log(f"{name}: {json.dumps(res)[:300]}")

    for mb in sizes:
        record(f"jobs1_{mb:g}mb", mb, lambda mb=mb: build(
            work / f"corpus-{mb:g}mb", work / f"out-{mb:g}mb", cap=args.cap))
    record(f"resume_{mid:g}mb", mid, lambda: build(
        mid_corpus, work / f"out-{mid:g}mb", fresh=False, cap=args.cap))
    record(f"jobs2_{mid:g}mb", mid, lambda: build(
        mid_corpus, work / f"out-{mid:g}mb-j2", jobs=2, cap=args.cap))
    if not args.no_dask:
        record(f"dask2_{mid:g}mb", mid, lambda: build(
            mid_corpus, work / f"out-{mid:g}mb-dask", jobs=2, executor="dask-local",
            cap=args.cap))

    one = builds.get(f"jobs1_{mid:g}mb", {})
    summary: dict[str, Any] = {
        "jieba_chars_per_s": one.get("jieba_chars_per_s"),
        "extract_in_process_ratio": results["floor"]["extract_in_process"]["ratio_median"],
        "end_to_end_ratio": one.get("ratio_to_jieba"),
        "extract_phase_ratio": _ratio(one.get("extract_phase_chars_per_s"),
                                      one.get("jieba_chars_per_s")),
        "jobs2_speedup": _ratio(one.get("wall_s"), builds.get(f"jobs2_{mid:g}mb", {}).get("wall_s")),
        "jobs2_extract_speedup": _ratio(
            one.get("timings", {}).get("extract"),
            builds.get(f"jobs2_{mid:g}mb", {}).get("timings", {}).get("extract")),
        "resume_s": builds.get(f"resume_{mid:g}mb", {}).get("wall_s"),
    }
    if not args.no_dask:
        dask = builds.get(f"dask2_{mid:g}mb", {})
        summary["dask2_speedup"] = _ratio(one.get("wall_s"), dask.get("wall_s"))
        summary["dask2_extract_speedup"] = _ratio(one.get("timings", {}).get("extract"),
                                                  dask.get("timings", {}).get("extract"))
    for mb in sizes:
        summary[f"peak_rss_mb_{mb:g}mb"] = builds.get(f"jobs1_{mb:g}mb", {}).get("peak_rss_mb")
    if 100 in sizes and 10 in sizes:
        summary["rss_100_over_10"] = _ratio(summary["peak_rss_mb_100mb"], summary["peak_rss_mb_10mb"])
    results["summary"] = summary

    if not args.no_graph and one.get("exit") == 0:
        parts: dict[str, Any] = {}
        for mode in ("stream", "memory", "load-rdflib", "load-oxigraph-memory",
                     "load-oxigraph-disk"):
            cmd = [sys.executable, __file__, "--work", str(work), "--graph-part", mode,
                   str(mid_corpus), str(work / f"out-{mid:g}mb"), "1000000"]
            started = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.cap, cwd=ROOT)
            if proc.returncode == 0:
                parts[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
            else:
                parts[mode] = {"error": proc.stderr[-2000:]}
            parts[mode]["wall_s"] = round(time.perf_counter() - started, 2)
            log(f"graph {mode}: {json.dumps(parts[mode])[:300]}")
        results["graph_1m"] = parts

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"wrote {args.out}")
    return 0


def print_table(results: dict[str, Any]) -> None:
    s = results.get("summary", {})
    rows = [("jieba.lcut floor around the 10 MB build (chars/s)", s.get("jieba_chars_per_s"), "")]
    rows.append(("extraction only, in process (× floor, median)",
                 s.get("extract_in_process_ratio"), "≥ 0.5"))
    rows.append(("build, extraction phase, --jobs 1 (× floor)", s.get("extract_phase_ratio"), ""))
    rows.append(("build end to end, --jobs 1 (× floor)", s.get("end_to_end_ratio"), "≥ 0.5"))
    rows.append(("--jobs 2 speed-up (wall / extraction)",
                 f"{s.get('jobs2_speedup')} / {s.get('jobs2_extract_speedup')}", "≥ 1.7"))
    if "dask2_speedup" in s:
        rows.append(("Dask 2 workers speed-up (wall / extraction)",
                     f"{s.get('dask2_speedup')} / {s.get('dask2_extract_speedup')}", "≥ 1.7"))
    for key, value in s.items():
        if key.startswith("peak_rss_mb_"):
            rows.append((f"peak RSS {key.removeprefix('peak_rss_mb_')} (MB)", value, "< 1536"))
    if "rss_100_over_10" in s:
        rows.append(("peak RSS 100 MB / 10 MB", s["rss_100_over_10"], "≤ 1.5"))
    rows.append(("resume, nothing changed (s)", s.get("resume_s"), ""))
    for mode, part in results.get("graph_1m", {}).items():
        figure = part.get("load_s", part.get("build_s", part.get("build_and_write_s")))
        rows.append((f"~1M triples: {mode} (s)", figure,
                     f"{part.get('triples', part.get('quads', ''))} triples, "
                     f"{part.get('peak_rss_mb')} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'value':>18}  target/notes")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value!s:>18}  {note}")


if __name__ == "__main__":
    raise SystemExit(main())
