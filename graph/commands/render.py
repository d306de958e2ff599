"""``shanhai render``: the interactive page from a built graph, whole or around one region."""

from __future__ import annotations

from pathlib import Path

import click

#: Beyond this many nodes, rendering everything needs an explicit --all.
DEFAULT_MAX_NODES = 20_000


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the page (default: SOURCE/graph.html, or graph-FOCUS.html with --focus).")
@click.option("--focus", metavar="REGION", help="Only the neighbourhood of this node (name, short name or IRI).")
@click.option("--depth", type=click.IntRange(1, 10), default=2, show_default=True,
              help="How many steps around --focus to keep.")
@click.option("--layout", type=click.Choice(["force", "geo"]), default="force", show_default=True,
              help="Initial layout; the page can switch between the two.")
@click.option("--year", type=int, help="Only pairings active in this year.")
@click.option("--max-nodes", type=int, default=DEFAULT_MAX_NODES, show_default=True,
              help="Refuse to render more nodes than this without --focus.")
@click.option("--title", default="shanhai", show_default=True)
def render(source: Path, out: Path | None, focus: str | None, depth: int, layout: str,
           year: int | None, max_nodes: int, title: str) -> None:
    """Write the interactive page for a built graph (a build folder or a .trig/.ttl file).

    \b
    Example:
      shanhai render build/seeds --focus 广元 --depth 2 --out build/guangyuan.html
      shanhai render build/seeds --layout geo --year 2016
    """
    from ..io import read_dataset
    from ..network import project
    from ..render import subgraph, write_html

    try:
        ds = read_dataset(source)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    g = project(ds, year=year)
    if focus:
        try:
            g = subgraph(g, focus, depth)
        except (KeyError, ValueError) as exc:
            raise click.UsageError(f"--focus {focus!r}: {exc}") from None
    elif g.number_of_nodes() > max_nodes:
        raise click.UsageError(
            f"the graph has {g.number_of_nodes()} nodes (limit {max_nodes}); "
            "use --focus REGION --depth N, or raise --max-nodes"
        )
    base = source if source.is_dir() else source.parent
    target = out or base / (f"graph-{focus}.html" if focus else "graph.html")
    write_html(g, target, title=title, layout=layout)
    click.echo(f"page: {target.resolve()}  ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
