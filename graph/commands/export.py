"""``shanhai export``: a built graph in Turtle, TriG, N-Quads, JSON-LD or GraphML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export import FORMATS, ExportError, export, format_for
from ..io import atomic_write


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Output format (default: from the --out file name).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
def export_command(source: Path, fmt: str | None, out: Path | None) -> None:
    """Export a built graph (an output folder or graph file) in a standard format.

    turtle is the union of all graphs; trig and nquads keep one named graph per
    document; jsonld embeds the shanhai @context; graphml is the network view
    (regions, programs, organisations and the facts between them) for Gephi.

    \b
    Example:
      shanhai export build/seeds --format jsonld --out seeds.jsonld
      shanhai export build/seeds --out seeds.graphml
      shanhai export build/seeds --format nquads | gzip > seeds.nq.gz
    """
    try:
        chosen = fmt or (format_for(out) if out is not None else None)
    except ExportError as exc:
        raise click.UsageError(str(exc)) from None
    if chosen is None:
        raise click.UsageError(f"give --format ({', '.join(FORMATS)}) or an --out file name")
    try:
        text = export(source, chosen)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        atomic_write(out, text)
        click.echo(f"wrote {out} ({chosen})", err=True)
