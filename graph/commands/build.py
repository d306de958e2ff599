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
from ..executors import ExecutorError
from ..stream import FolderBusy


def _store_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ..store import StoreError, check_target

    try:
        return str(check_target(value))
    except StoreError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _executor_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from ..executors import parse_spec

    try:
        parse_spec(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder for graph.trig, graph.ttl, graph.html and report.json.")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching GLOB (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB (repeatable).")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some documents failed.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation of the graph.")
@click.option("--store", "store", metavar="oxigraph:PATH", callback=_store_option,
              help="Also bulk-load the graph into a persistent Oxigraph store at PATH.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Extract N documents at once in worker processes (0: every core; default 1, "
                   "or every core with dask-local). The output is the same for every N.")
@click.option("--executor", default="local", show_default=True, callback=_executor_option,
              metavar="local|dask-local|dask://HOST:PORT",
              help="Where extraction runs: this machine, a Dask LocalCluster, or an existing "
                   "Dask scheduler (its workers need shanhai installed).")
@click.option("--rebuild", is_flag=True,
              help="Re-extract every document, ignoring the cache in OUT/cache/.")
def build(
    inputs: tuple[Path, ...],
    out: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    keep_going: bool,
    no_html: bool,
    progress: bool | None,
    no_validate: bool,
    store: str | None,
    jobs: int | None,
    executor: str,
    rebuild: bool,
) -> None:
    """Build a knowledge graph from INPUT files or folders (searched for .txt and .md).

    \b
    Example:
      shanhai build seeds --out build/seeds
      shanhai build reports/ extra.txt --out build/all --exclude 'drafts/*'
      shanhai build seeds --out build/seeds --store oxigraph:build/seeds.oxigraph
      shanhai build corpus/ --out build/big --jobs 4 --include '*.txt' --no-html
      shanhai build corpus/ --out build/big --executor dask://10.0.0.5:8786

    Each document's extraction is cached in OUT/cache/ by content hash, so a
    repeated or interrupted build re-extracts only new and changed documents.

    The graph is validated against the SHACL shapes unless --no-validate is
    given; a violation is printed with the document and quote behind it, and
    the exit code is 1.
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
        size = 0
        reused = 0

        def on_start(total: int) -> None:
            bar.update(task, total=total)

        def on_outcome(outcome: Outcome) -> None:
            nonlocal size, reused
            size += outcome.size
            reused += outcome.cached
            if outcome.failure is not None:
                console.print(f"[red]error[/red] {outcome.failure.message()}")
            elapsed = max(time.perf_counter() - started, 1e-9)
            done = bar.tasks[0].completed + 1
            cached = f" ({reused} cached)" if reused else ""
            bar.update(task, advance=1,
                       rate=f"{done / elapsed:.1f} docs/s {size / elapsed / 1e6:.2f} MB/s{cached}")

        try:
            report = build_corpus(list(inputs), out, include=include, exclude=exclude,
                                  html=not no_html, validate=not no_validate, store=store,
                                  jobs=jobs, executor=executor, rebuild=rebuild,
                                  on_outcome=on_outcome, on_start=on_start)
        except (ExecutorError, FolderBusy) as exc:
            raise click.ClickException(str(exc)) from None
    _summary(console, report, out)
    if report.failures and not keep_going:
        sys.exit(1)
    if not report.validation.get("conforms", True):
        sys.exit(1)


def _validation(console: Console, report: Report) -> None:
    from ..validate import Violation

    validation = report.validation
    if not validation:
        return
    violations = validation.get("violations")
    if not isinstance(violations, list):
        violations = []
    if validation.get("conforms", True) and not violations:
        console.print("[green]valid[/green]  the graph conforms to the SHACL shapes")
        return
    console.print(f"[red]invalid[/red] {len(violations)} SHACL result(s):")
    for item in violations[:20]:
        console.print(Violation.from_json(item).describe(), markup=False, highlight=False)
    if len(violations) > 20:
        console.print(f"… and {len(violations) - 20} more in report.json")


def _summary(console: Console, report: Report, out: Path) -> None:
    ok = sum(1 for d in report.documents if d["status"] == "ok")
    table = Table(title=f"shanhai build → {out}", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents built", str(ok))
    table.add_row("documents failed", str(len(report.failures)))
    if report.cache:
        table.add_row("  extracted / from cache",
                      f"{report.cache.get('extracted', 0)} / {report.cache.get('reused', 0)}")
    for predicate, n in report.facts.items():
        table.add_row(f"facts: {predicate}", str(n))
    table.add_row("triples", str(report.triples))
    table.add_row("named graphs", str(report.graphs))
    console.print(table)
    for failure in report.failures:
        console.print(f"[red]failed[/red] {failure['message']}")
    for note in report.notes:
        console.print(f"[yellow]note[/yellow]   {note}")
    _validation(console, report)
    if "html" in report.outputs:
        console.print(f"page:   {(out / 'graph.html').resolve()}")
    console.print(f"graph:  {(out / 'graph.trig').resolve()}")
    console.print(f"report: {(out / 'report.json').resolve()}")
    if report.store:
        store = report.store
        console.print(f"store:  oxigraph:{store.get('path')} ({store.get('quads')} quads)")
