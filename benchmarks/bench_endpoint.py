"""Benchmark the SPARQL endpoint: named-query latency through HTTP, per store, and a load test.

For the seed graph and for a synthetic graph of about 1M triples (the seed's
document graphs copied with renamed IRIs, written straight to N-Quads), it
starts ``shanhai serve`` twice, on the in-memory store (rdflib) and on an
Oxigraph store, and times every named query through HTTP (median of
``--repeat`` runs).  The figure to watch is the ratio memory / Oxigraph,
measured in the same run.  A query that the server stops at ``--cap`` seconds
is reported as "> cap", not guessed.

The load test (issue 9) sends 2,000 queries from 8 concurrent clients, the
named queries in turn, to the seed graph on the Oxigraph store, and reports
p50/p99 latency and the error count; the memory store gets the same mix with
fewer queries (``--load-queries-memory``), since rdflib answers a few per
second.  ``evidence-for-fact`` is timed for one pairing (its IRI), the
question users ask, not as a dump of every piece of evidence.  It stops by
itself: a fixed number of queries, each with a client timeout, and a global
deadline.

    python benchmarks/bench_endpoint.py [--quick] [--target 1000000] [--cap 60] [--out PATH]
"""

from __future__ import annotations

import argparse
import ctypes
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from shanhai.graph.query import named_queries
from shanhai.graph.store import load_store

ROOT = Path(__file__).resolve().parents[1]
SHANHAI = Path(sys.executable).with_name("shanhai")
RENAMED = re.compile(rb"(<https://w3id\.org/shanhai/id/(?:pairing|amount|evidence|statement|document|graph)/[0-9a-f]+)>")


# ------------------------------------------------------------------ graphs


def seed_graph(work: Path, given: Path | None) -> Path:
    if given is not None:
        return given / "graph.trig" if given.is_dir() else given
    from shanhai.graph.corpus import build_corpus

    out = work / "seed"
    build_corpus([ROOT / "seeds"], out, html=False)
    return out / "graph.trig"


def synthetic(seed: Path, target: int, out: Path) -> dict[str, Any]:
    """Copies of the seed's document graphs (IRIs renamed per copy) plus its background, as N-Quads."""
    import pyoxigraph as ox

    started = time.perf_counter()
    background: list[Any] = []
    documents: list[Any] = []
    for quad in ox.parse(path=str(seed), format=ox.RdfFormat.TRIG):
        is_bg = isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value.endswith("/background")
        (background if is_bg else documents).append(quad)
    doc_lines = (ox.serialize(documents, format=ox.RdfFormat.N_QUADS) or b"").splitlines(keepends=True)
    copies = max(1, -(-(target - len(background)) // len(doc_lines)))
    with out.open("wb") as fh:
        fh.write(ox.serialize(background, format=ox.RdfFormat.N_QUADS) or b"")
        for k in range(copies):
            suffix = f"-c{k}>".encode()
            fh.write(RENAMED.sub(lambda m, s=suffix: m.group(1) + s, b"".join(doc_lines)))  # type: ignore[misc]
    quads = len(background) + copies * len(doc_lines)
    return {"quads": quads, "copies": copies, "generate_s": round(time.perf_counter() - started, 2),
            "bytes": out.stat().st_size}


# ------------------------------------------------------------------ a server


class Server:
    def __init__(self, source: Path, store: str | None, cap: float, work: Path) -> None:
        args = [str(SHANHAI), "serve", str(source), "--port", "0", "--quiet", "--timeout", str(cap),
                "--max-results", "1000000", "--max-body", "10000000"]
        if store:
            args += ["--store", store]
        self.log = (work / f"serve-{os.getpid()}-{time.monotonic_ns()}.log").open("wb")
        started = time.perf_counter()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log,
                                     preexec_fn=_stop_with_parent)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()
        m = re.search(r"http://([\d.]+):(\d+)/sparql", line)
        if not m:
            self.stop()
            raise RuntimeError(f"shanhai serve did not start: {line!r}")
        self.startup_s = round(time.perf_counter() - started, 2)
        self.host, self.port = m.group(1), int(m.group(2))

    def get(self, path: str, timeout: float) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _stop_with_parent() -> None:
    """In the server child: get SIGTERM if this benchmark dies, so no server is left behind."""
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextmanager
def serving(source: Path, store: str | None, cap: float, work: Path) -> Iterator[Server]:
    server = Server(source, store, cap, work)
    try:
        yield server
    finally:
        server.stop()


# ------------------------------------------------------------------ measurements


def bench_paths(server: Server) -> dict[str, str]:
    """Each named query's URL; evidence-for-fact asks about one pairing, as a user would."""
    paths = {name: f"/queries/{name}" for name in named_queries()}
    pick = ("SELECT ?p WHERE { ?p a <https://w3id.org/shanhai/ontology#Pairing> } "
            "ORDER BY ?p LIMIT 1")
    status, body = server.get("/sparql?" + urllib.parse.urlencode({"query": pick}), timeout=120)
    if status == 200:
        fact = json.loads(body)["results"]["bindings"][0]["p"]["value"]
        paths["evidence-for-fact"] += "?" + urllib.parse.urlencode({"fact": fact})
    return paths


def latencies(server: Server, repeat: int, cap: float) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    paths = bench_paths(server)
    for name in named_queries():
        times, rows, status = [], None, 200
        for _ in range(repeat):
            started = time.perf_counter()
            status, body = server.get(paths[name], timeout=cap + 30)
            elapsed = time.perf_counter() - started
            if status != 200:
                break
            times.append(elapsed)
            rows = len(json.loads(body)["results"]["bindings"])
        if status == 503:
            out[name] = {"median_ms": None, "over_cap": True, "status": status}
        elif status != 200:
            out[name] = {"median_ms": None, "error": status}
        else:
            out[name] = {"median_ms": round(statistics.median(times) * 1000, 1), "rows": rows,
                         "runs": len(times)}
        print(f"    {name:<28} {_show(out[name], cap):>10}", file=sys.stderr, flush=True)
    return out


def load_test(server: Server, total: int, clients: int, deadline_s: float) -> dict[str, Any]:
    paths = list(bench_paths(server).values())
    lock = threading.Lock()
    counter = iter(range(total))
    results: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + deadline_s

    def client() -> None:
        while time.monotonic() < stop_at:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            started = time.perf_counter()
            try:
                status, _ = server.get(paths[i % len(paths)], timeout=60)
            except OSError as exc:
                status = 0
                with lock:
                    errors.append(f"{type(exc).__name__}")
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    results.append(elapsed)
                elif status:
                    errors.append(str(status))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    done = len(results) + len(errors)
    q = statistics.quantiles(results, n=100) if len(results) >= 2 else [0.0] * 99
    return {
        "clients": clients, "queries": done, "planned": total, "errors": len(errors),
        "unfinished": total - done,
        "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
        "throughput_qps": round(done / wall, 1), "wall_s": round(wall, 1),
    }


def _show(entry: dict[str, Any], cap: float) -> str:
    if entry.get("over_cap"):
        return f"> {cap:g} s"
    if entry.get("median_ms") is None:
        return f"error {entry.get('error')}"
    return f"{entry['median_ms']:.1f} ms"


def _ratio(memory: dict[str, Any], oxigraph: dict[str, Any], cap: float) -> str | float | None:
    a, b = memory.get("median_ms"), oxigraph.get("median_ms")
    if memory.get("over_cap") and b:
        return f"> {cap * 1000 / b:.0f}"
    if a is None or not b:
        return None
    return round(a / b, 2 if a < b else 1)


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--target", type=int, default=1_000_000, help="triples in the synthetic graph")
    parser.add_argument("--cap", type=float, default=60.0, help="per-query time limit on the server (s)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--load-queries", type=int, default=2000, help="load test on the Oxigraph store")
    parser.add_argument("--load-queries-memory", type=int, default=400, help="load test on the memory store")
    parser.add_argument("--load-clients", type=int, default=8)
    parser.add_argument("--seed-build", type=Path, default=None, help="an existing seed build folder")
    parser.add_argument("--quick", action="store_true", help="seed graph only, 3 runs, small load test")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_endpoint.json")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_term)  # run the clean-up below when stopped
    if args.quick:
        args.repeat, args.load_queries, args.load_queries_memory, args.target = 3, 200, 80, 0

    work = Path(tempfile.mkdtemp(prefix="shanhai-bench-endpoint-"))
    results: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                               "cap_s": args.cap, "graphs": {}, "load_test": {}}
    try:
        seed = seed_graph(work, args.seed_build)
        graphs = {"seed": seed}
        if args.target:
            big = work / "synthetic.nq"
            info = synthetic(seed, args.target, big)
            print(f"synthetic graph: {info['quads']:,} quads in {info['generate_s']} s", file=sys.stderr)
            graphs["synthetic"] = big
            results["synthetic"] = info
        for label, path in graphs.items():
            entry: dict[str, Any] = {"source": str(path) if label == "seed" else "synthetic.nq"}
            repeat = args.repeat if label == "seed" else max(1, min(args.repeat, 3))
            db = work / f"{label}.oxigraph"
            started = time.perf_counter()
            loaded = load_store(f"oxigraph:{db}", path)
            entry["oxigraph_load_s"] = round(time.perf_counter() - started, 2)
            entry["quads"] = loaded.quads
            for store, spec in (("oxigraph", f"oxigraph:{db}"), ("memory", None)):
                print(f"== {label} graph, {store} store", file=sys.stderr, flush=True)
                with serving(path, spec, args.cap, work) as server:
                    entry[f"{store}_startup_s"] = server.startup_s
                    entry[store] = latencies(server, repeat, args.cap)
                    if label == "seed":
                        n = args.load_queries if store == "oxigraph" else args.load_queries_memory
                        print(f"   load test: {n} queries, {args.load_clients} clients",
                              file=sys.stderr, flush=True)
                        results["load_test"][store] = load_test(
                            server, n, args.load_clients, deadline_s=900)
            entry["ratio_memory_over_oxigraph"] = {
                name: _ratio(entry["memory"][name], entry["oxigraph"][name], args.cap)
                for name in named_queries()}
            results["graphs"][label] = entry
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # headline figures (numbers at the top level are picked up by benchmarks/run.py)
    for label, entry in results["graphs"].items():
        ratios = [r for r in entry["ratio_memory_over_oxigraph"].values() if isinstance(r, int | float)]
        if ratios:
            results[f"{label}_median_ratio_memory_over_oxigraph"] = round(statistics.median(ratios), 1)
        over = sum(1 for e in entry["memory"].values() if e.get("over_cap"))
        results[f"{label}_memory_queries_over_cap"] = over
    for store, lt in results["load_test"].items():
        results[f"load_{store}_p50_ms"] = lt["p50_ms"]
        results[f"load_{store}_p99_ms"] = lt["p99_ms"]
        results[f"load_{store}_errors"] = lt["errors"]

    print_table(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    errors = sum(lt["errors"] + lt["unfinished"] for lt in results["load_test"].values())
    return 0 if errors == 0 else 1


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(143)


def print_table(results: dict[str, Any]) -> None:
    cap = results["cap_s"]
    for label, entry in results["graphs"].items():
        print(f"\n{label} graph: {entry['quads']:,} quads "
              f"(Oxigraph bulk load {entry['oxigraph_load_s']} s; server start: memory "
              f"{entry['memory_startup_s']} s, Oxigraph {entry['oxigraph_startup_s']} s)")
        print(f"{'named query':<28} {'memory':>12} {'Oxigraph':>12} {'memory/Oxigraph':>16}")
        for name in entry["memory"]:
            ratio = entry["ratio_memory_over_oxigraph"][name]
            print(f"{name:<28} {_show(entry['memory'][name], cap):>12} "
                  f"{_show(entry['oxigraph'][name], cap):>12} {ratio!s:>16}")
    for store, lt in results["load_test"].items():
        print(f"\nload test, seed graph, {store} store: {lt['queries']} queries from {lt['clients']} "
              f"clients in {lt['wall_s']} s: p50 {lt['p50_ms']} ms, p99 {lt['p99_ms']} ms, "
              f"{lt['errors']} errors, {lt['throughput_qps']} queries/s")


if __name__ == "__main__":
    raise SystemExit(main())
