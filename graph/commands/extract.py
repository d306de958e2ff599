"""``shanhai extract``: only the extraction stage, files in, fact records (JSON Lines) out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ...extract.records import to_json
from ..corpus import discover, process


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records here (default: standard output).")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching GLOB.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB.")
def extract(inputs: tuple[Path, ...], out: Path | None, include: tuple[str, ...],
            exclude: tuple[str, ...]) -> None:
    """Extract facts with evidence from INPUT files or folders, as JSON Lines.

    Each line is one fact (a Triple record) with its evidence: document,
    character offsets, quote, rule and confidence.  Failures go to standard
    error and make the exit code 1; the other documents are still extracted.

    \b
    Example:
      shanhai extract seeds --out build/seeds.jsonl
      shanhai extract report.txt | head
    """
    from ..io import atomic_write

    sources, failures = discover(list(inputs), include, exclude)
    lines: list[str] = []
    for source in sources:
        outcome = process(source)
        if outcome.failure is not None:
            failures.append(outcome.failure)
        elif outcome.record is not None:
            lines.extend(to_json(t) + "\n" for t in outcome.record.triples)
    if out is None:
        sys.stdout.write("".join(lines))
    else:
        atomic_write(out, "".join(lines))
        click.echo(f"{len(lines)} facts from {len(sources) - len(failures)} documents → {out}", err=True)
    for failure in failures:
        click.echo(f"error: {failure.message()}", err=True)
    if failures:
        sys.exit(1)
