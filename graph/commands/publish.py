"""``shanhai publish``: load a build into a triple store over the Graph Store Protocol."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL query endpoint (used to check and prune), "
                   "e.g. http://127.0.0.1:7878/query for Oxigraph.")
@click.option("--graph-store", default=None, metavar="URL",
              help="The Graph Store Protocol URL (default: the endpoint), e.g. http://127.0.0.1:7878/store.")
@click.option("--prune/--no-prune", default=True, show_default=True,
              help="Delete shanhai document graphs on the server that this build no longer has.")
@click.option("--verify/--no-verify", default=True, show_default=True,
              help="Ask the endpoint for triple counts afterwards and compare.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Seconds per HTTP request.")
def publish(source: Path, endpoint: str, graph_store: str | None, prune: bool, verify: bool,
            timeout: float) -> None:
    """Publish SOURCE (an output folder or graph file) to a SPARQL 1.1 Graph Store.

    Every named graph (one per document, plus the background graph) is sent
    with its own HTTP PUT, which replaces that graph on the server, so
    publishing twice never duplicates triples.  For a server that needs
    authentication, put the header in the environment, never on the command
    line: SHANHAI_AUTH_HEADER='Authorization: Bearer …'.

    \b
    Example:
      oxigraph serve --location /tmp/oxi --bind 127.0.0.1:7878 &
      shanhai publish build/seeds --endpoint http://127.0.0.1:7878/query \\
          --graph-store http://127.0.0.1:7878/store
    """
    from ..publish import PublishError
    from ..publish import publish as run_publish

    err = Console(stderr=True, soft_wrap=True)
    try:
        report = run_publish(source, endpoint, graph_store, prune=prune, verify=verify,
                             timeout=timeout,
                             on_graph=lambda g: err.print(f"PUT {g.graph or '(default graph)'}: "
                                                          f"{g.triples} triples", highlight=False))
    except FileNotFoundError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    except PublishError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    for graph in report.pruned:
        err.print(f"deleted stale graph {graph}", highlight=False)
    click.echo(f"published {len(report.graphs)} graphs, {report.triples} triples to "
               f"{report.graph_store} in {report.seconds:.2f} s")
    bad = report.mismatches()
    if bad:
        err.print(f"[red]error[/red] the server holds a different number of triples for: "
                  f"{', '.join(bad)}", highlight=False)
        sys.exit(1)
    if report.remote_counts:
        click.echo("verified: the endpoint reports the same triple count for every graph")
