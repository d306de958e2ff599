"""``shanhai serve``: a read-only SPARQL endpoint with a query page, on loopback by default."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import click
from rich.console import Console


@click.command()
@click.argument("source")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the graph to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port (0 picks a free one and prints it).")
@click.option("--store", "store", default=None, metavar="SPEC",
              help="Serve from this store, e.g. oxigraph:build/seeds.oxigraph (loaded from SOURCE "
                   "first if it holds no store yet).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) per answer; more are cut and flagged X-Shanhai-Truncated.")
@click.option("--max-body", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Largest request body in bytes (413 above).")
@click.option("--cors", default=None, metavar="ORIGIN",
              help="Allow cross-origin requests from ORIGIN ('*' for any); off by default.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update (POST). Off by default: updates get 403.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Query worker processes (1 with --allow-update).")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
def serve(source: str, host: str, port: int, store: str | None, timeout: float, max_results: int,
          max_body: int, cors: str | None, allow_update: bool, workers: int, quiet: bool) -> None:
    """Serve SOURCE (an output folder, graph file or store spec) as a SPARQL 1.1 endpoint.

    Open the printed address in a browser for the query page (no network
    needed); point SPARQL clients at /sparql.  Queries run in worker processes
    that are stopped at --timeout.  Stop the server with Ctrl+C.

    \b
    Example:
      shanhai serve build/seeds
      shanhai serve build/seeds --store oxigraph:build/seeds.oxigraph --port 8080
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from ..serve import ServeConfig, is_loopback
    from ..serve import serve as run_server
    from ..store import StoreError, check_target, parse_spec
    from ..workers import PoolError, StoreSource

    err = Console(stderr=True, soft_wrap=True)
    spec = store or source
    try:
        parsed = parse_spec(spec)
        if store and parsed.kind == "oxigraph" and not (parsed.location / "CURRENT").is_file():
            check_target(store)
            err.print(f"loading {source} into {store} …", highlight=False)
            _load_in_child(store, source)
        elif parsed.kind == "memory":
            from ..engine import graph_file

            graph_file(parsed.location)
    except (StoreError, FileNotFoundError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    if not is_loopback(host):
        err.print(f"[yellow]warning[/yellow] listening on {host}: anyone who can reach this "
                  "address can query the graph", highlight=False)
    config = ServeConfig(host=host, port=port, timeout=timeout, max_results=max_results,
                         max_body=max_body, cors=cors, allow_update=allow_update, workers=workers)

    def ready(url: str) -> None:
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"shanhai serve: {url}sparql ({mode}, query page at {url})", err=False)
        sys.stdout.flush()

    try:
        run_server(StoreSource(str(parsed)), config, on_ready=ready, quiet=quiet)
    except OSError as exc:
        err.print(f"[red]error[/red] cannot listen on {host}:{port}: {exc.strerror or exc}",
                  highlight=False)
        sys.exit(1)
    except PoolError as exc:
        err.print(f"[red]error[/red] {exc.message}", highlight=False)
        sys.exit(1)


def _load_in_child(store: str, source: str) -> None:
    """Bulk-load in a fresh process: RocksDB leaves threads behind, and the server forks."""
    from ..store import load_store

    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=load_store, args=(store, Path(source)))
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise FileNotFoundError(f"could not load {source} into {store} (exit {proc.exitcode})")
