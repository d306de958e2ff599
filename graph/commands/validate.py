"""``shanhai validate``: check a built graph against the SHACL shapes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from ..validate import validate_path


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many violations (0: all).")
def validate(source: Path, as_json: bool, limit: int) -> None:
    """Validate a built graph (an output folder or a .trig/.ttl/.nq file) with SHACL.

    Each violation is printed with its focus node, the message in Chinese and
    English, and the document, offsets and quote behind the offending fact.
    Exits 1 when the graph does not conform.

    \b
    Example:
      shanhai validate build/seeds
      shanhai validate build/seeds/graph.trig --json > validation.json
    """
    try:
        result = validate_path(source)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    except SyntaxError as exc:
        Console(stderr=True).print(f"[red]error[/red] {source}: cannot parse: {exc}")
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        console = Console()
        shown = result.violations if limit == 0 else result.violations[:limit]
        for violation in shown:
            console.print(violation.describe(), markup=False, highlight=False)
            console.print()
        if len(shown) < len(result.violations):
            console.print(f"… and {len(result.violations) - len(shown)} more (--limit 0 shows all)")
        verdict = "[green]conforms[/green]" if result.conforms else "[red]does not conform[/red]"
        console.print(f"{source}: {verdict} — {result.triples} triples, "
                      f"{len(result.violations)} result(s), {result.seconds:.2f} s")
    if not result.conforms:
        sys.exit(1)
