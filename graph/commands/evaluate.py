"""``shanhai eval``: score a build against a gold annotation."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ...extract.document import load
from ...extract.errors import DocumentError
from ...extract.evaluate import evaluate, read_gold
from ...extract.records import Triple, read_jsonl


@click.command(name="eval")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold annotation (JSON Lines; format in tests/gold/README.md).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the source documents, to check every evidence offset.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--min-f1", type=float, default=None, help="Exit 1 if any relation's F1 is below this.")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def evaluate_command(gold: Path, corpus: Path | None, as_json: bool, min_f1: float | None,
                     out_dir: Path) -> None:
    """Print precision, recall and F1 per relation, year accuracy, false positives and misses.

    \b
    Example:
      shanhai build seeds --out build/seeds
      shanhai eval --gold tests/gold/seeds.jsonl --corpus seeds build/seeds
    """
    records_path = out_dir / "records.jsonl"
    if not records_path.exists():
        raise click.UsageError(f"{records_path} does not exist; run `shanhai build` first")
    try:
        gold_rows = read_gold(gold)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    triples = [r for r in read_jsonl(records_path.read_text(encoding="utf-8")) if isinstance(r, Triple)]
    texts = None
    if corpus is not None:
        texts = {}
        for doc in sorted({t.evidence.doc for t in triples}):
            try:
                texts[doc] = load(corpus / doc, corpus).text
            except DocumentError:
                continue
    result = evaluate(gold_rows, triples, texts)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(result.to_dict())
    if min_f1 is not None and any(s.f1 < min_f1 for s in result.scores.values()):
        sys.exit(1)
    if result.offsets_wrong:
        sys.exit(1)



def _print(data: dict[str, Any]) -> None:
    console = Console()
    table = Table(title="shanhai eval", header_style="bold")
    for col in ("relation", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right" if col != "relation" else "left")
    for name, s in data["relations"].items():
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["fp"]), str(s["fn"]))
    console.print(table)
    y = data["pairing_start_year"]
    console.print(f"pairing start year: {y['correct']}/{y['found']} correct among found pairs "
                  f"({y['accuracy_found']:.1%}); {y['correct']}/{y['stated']} of all dated gold pairs "
                  f"({y['accuracy_all']:.1%})")
    off = data["evidence_offsets"]
    if off["checked"]:
        console.print(f"evidence offsets: {off['checked'] - len(off['wrong'])}/{off['checked']} exact")
    for name, s in data["relations"].items():
        if s["false_positives"]:
            console.print(f"\n[bold]{name}: false positives[/bold]")
            for item in s["false_positives"]:
                console.print(f"  + {item}")
        if s["misses"]:
            console.print(f"\n[bold]{name}: misses[/bold]")
            for item in s["misses"]:
                console.print(f"  - {item}")
    if y["wrong"]:
        console.print("\n[bold]pairing start year: wrong[/bold]")
        for item in y["wrong"]:
            console.print(f"  ! {item}")
