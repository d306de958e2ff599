"""``shanhai build``: the whole pipeline, files in, graph and page out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..corpus import Outcome, Report, build_corpus


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder for graph.trig, graph.ttl, graph.html and report.json.")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching GLOB (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB (repeatable).")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some documents failed.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def build(
    inputs: tuple[Path, ...],
    out: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    keep_going: bool,
    no_html: bool,
    progress: bool | None,
) -> None:
    """Build a knowledge graph from INPUT files or folders (searched for .txt and .md).

    \b
    Example:
      shanhai build seeds --out build/seeds
      shanhai build reports/ extra.txt --out build/all --exclude 'drafts/*'
    """
    console = Console(stderr=True)
    show = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
        console=console, disable=not show, transient=True,
    ) as bar:
        task = bar.add_task("extract", total=None, rate="")
        chars = 0

        def on_start(total: int) -> None:
            bar.update(task, total=total)

        def on_outcome(outcome: Outcome) -> None:
            nonlocal chars
            if outcome.record is not None:
                chars += outcome.record.chars
            elif outcome.failure is not None:
                console.print(f"[red]error[/red] {outcome.failure.message()}")
            elapsed = max(time.perf_counter() - started, 1e-9)
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1,
                       rate=f"{done / elapsed:.1f} docs/s {chars / elapsed / 1e6:.2f} Mchar/s")

        report = build_corpus(list(inputs), out, include=include, exclude=exclude,
                              html=not no_html, on_outcome=on_outcome, on_start=on_start)
    _summary(console, report, out)
    if report.failures and not keep_going:
        sys.exit(1)
    if not report.validation.get("conforms", True):
        sys.exit(1)


def _summary(console: Console, report: Report, out: Path) -> None:
    ok = sum(1 for d in report.documents if d["status"] == "ok")
    table = Table(title=f"shanhai build → {out}", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents built", str(ok))
    table.add_row("documents failed", str(len(report.failures)))
    for predicate, n in report.facts.items():
        table.add_row(f"facts: {predicate}", str(n))
    table.add_row("triples", str(report.triples))
    table.add_row("named graphs", str(report.graphs))
    console.print(table)
    for failure in report.failures:
        console.print(f"[red]failed[/red] {failure['message']}")
    if "html" in report.outputs:
        console.print(f"page:   {(out / 'graph.html').resolve()}")
    console.print(f"graph:  {(out / 'graph.trig').resolve()}")
    console.print(f"report: {(out / 'report.json').resolve()}")
