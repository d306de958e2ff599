"""``shanhai query``: run SPARQL on a built graph, from the shell."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from ..engine import QueryError, QuerySyntaxError
from ..io import PREFIXES
from ..query import ParameterError, adhoc_bindings, get_named, named_queries, parse_params
from ..results import FORMATS, FormatError, QueryResult, display, serialise

_FORMATS = ["table", *FORMATS]


@click.command()
@click.argument("source", required=False)
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from FILE.rq ('-' for standard input).")
@click.option("--name", "name", is_flag=False, flag_value="", default=None, metavar="NAME",
              help="Run the named query NAME; without a value, list them.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="table", show_default=True,
              help="Output format (json/xml/csv/tsv for rows, turtle/ntriples for triples).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); values never become query text.")
@click.option("--store", "store", default=None, metavar="SPEC",
              help="Query this store instead of SOURCE, e.g. oxigraph:build/seeds.oxigraph.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Stop after N rows (the output says when rows were left out).")
def query(source: str | None, query: str | None, query_file: object, name: str | None,
          list_only: bool, fmt: str, params: tuple[str, ...], store: str | None,
          limit: int | None) -> None:
    """Run a SPARQL query on SOURCE: an output folder, a graph file or a store spec.

    The query is QUERY, the file given with -f, or a named query (--name).
    A malformed query prints the parser's message with line and column and
    exits 2.  Parameters of named queries are typed and have defaults (see
    --list); in other queries a value in <…> binds an IRI, anything else a
    string.

    \b
    Example:
      shanhai query build/seeds --list
      shanhai query build/seeds --name who-helps-whom
      shanhai query build/seeds --name partners-of-region --param region=四川省
      shanhai query build/seeds 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
      shanhai query oxigraph:build/seeds.oxigraph -f my.rq --format json
    """
    out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 10_000)
    err = Console(stderr=True, soft_wrap=True)
    if list_only or name == "":
        _list(out)
        return
    sources = [x for x in (query is not None, query_file is not None, name is not None) if x]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, -f FILE or --name NAME (or --list)")
    spec = store or source
    if spec is None:
        raise click.UsageError("missing SOURCE: the build folder, graph file or store to query")
    try:
        bindings_given = parse_params(params)
        if name is not None:
            named = get_named(name)
            text, bindings = named.text, named.bindings(bindings_given)
        else:
            text = query if query is not None else query_file.read()  # type: ignore[attr-defined]
            bindings = adhoc_bindings(bindings_given)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None

    from ..store import StoreError, open_store

    try:
        engine = open_store(spec)
    except (FileNotFoundError, StoreError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    try:
        result = engine.query(text, bindings, limit=limit)
    except QuerySyntaxError as exc:
        click.echo(exc.describe(), err=True)
        sys.exit(2)
    except QueryError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        sys.exit(1)
    _emit(out, err, result, fmt)


def _emit(out: Console, err: Console, result: QueryResult, fmt: str) -> None:
    if fmt == "table":
        if result.kind == "ask":
            out.print("true" if result.boolean else "false")
        else:
            out.print(_table(result))
        rows = "triples" if result.kind == "graph" else "rows"
        if result.kind != "ask":
            err.print(f"{len(result)} {rows}", highlight=False)
    else:
        try:
            data = serialise(result, fmt)
        except FormatError as exc:
            raise click.UsageError(str(exc)) from None
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if result.truncated:
        err.print(f"[yellow]note[/yellow] stopped after {len(result)}; more results were left out",
                  highlight=False)


def _table(result: QueryResult) -> Table:
    prefixes = sorted(PREFIXES.items())
    table = Table(show_header=True, header_style="bold", show_lines=False)
    if result.kind == "graph":
        columns: tuple[str, ...] = ("subject", "predicate", "object")
        rows = [tuple(display(t, prefixes) for t in triple) for triple in result.triples]
    else:
        columns = result.variables
        rows = [tuple(display(t, prefixes) for t in row) for row in result.rows]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _list(out: Console) -> None:
    table = Table(show_header=True, header_style="bold")
    table.add_column("name", no_wrap=True)
    table.add_column("description", overflow="fold")
    table.add_column("parameters (default)", overflow="fold")
    for q in named_queries().values():
        params = "\n".join(
            f"{p.name} ({p.type}, {'optional' if p.default is None else repr(p.default)})"
            for p in q.params) or "–"
        table.add_row(q.name, f"{q.title}\n{q.description}", params)
    out.print(table)
