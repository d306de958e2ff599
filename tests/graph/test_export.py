"""Exports: each format parses back to the same graph; GraphML is flat and readable by networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from shanhai.graph import iri
from shanhai.graph.cli import main
from shanhai.graph.export import export_text, graphml_graph
from shanhai.graph.io import read_dataset
from shanhai.ontology import files


@pytest.fixture(scope="module")
def seed_ds(seed_out: Path) -> Dataset:
    return read_dataset(seed_out)


def quads(ds: Dataset) -> set[tuple[object, ...]]:
    return {(s, p, o, str(g)) for s, p, o, g in ds.quads()}


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_round_trip(seed_ds: Dataset, fmt: str) -> None:
    text = export_text(seed_ds, fmt)
    back = Dataset()
    back.parse(data=text, format={"jsonld": "json-ld"}.get(fmt, fmt))
    original = quads(seed_ds)
    assert len(original) > 3000
    assert len(quads(back)) == len(original)
    assert quads(back) == original


def test_turtle_is_the_union(seed_ds: Dataset, seed_out: Path) -> None:
    text = export_text(seed_ds, "turtle")
    back = Graph().parse(data=text, format="turtle")
    union = {(s, p, o) for s, p, o, _ in seed_ds.quads()}
    assert len(back) == len(union)
    assert text == (seed_out / "graph.ttl").read_text(encoding="utf-8")


def test_trig_export_is_the_build_output(seed_ds: Dataset, seed_out: Path) -> None:
    assert export_text(seed_ds, "trig") == (seed_out / "graph.trig").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["nquads", "jsonld", "graphml"])
def test_exports_are_deterministic(seed_out: Path, fmt: str) -> None:
    assert export_text(read_dataset(seed_out), fmt) == export_text(read_dataset(seed_out), fmt)


def test_jsonld_embeds_the_published_context(seed_ds: Dataset) -> None:
    doc = json.loads(export_text(seed_ds, "jsonld"))
    published = json.loads(files.context_path().read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == published
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    assert str(iri.BACKGROUND_GRAPH) in graphs
    pairing = next(n for g in graphs.values() for n in g if n.get("@type") == "Pairing")
    assert pairing["helper"].startswith("https://w3id.org/shanhai/id/region/")
    evidence = next(n for g in graphs.values() for n in g if n.get("@type") == "Evidence")
    assert isinstance(evidence["quote"], str) and "charStart" in evidence


def test_graphml_is_flat_and_reads_back(seed_ds: Dataset, tmp_path: Path) -> None:
    expected = graphml_graph(seed_ds)
    path = tmp_path / "g.graphml"
    path.write_text(export_text(seed_ds, "graphml"), encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == expected.number_of_nodes() > 50
    assert back.number_of_edges() == expected.number_of_edges() > 50
    for _, data in back.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    zhejiang = back.nodes[str(iri.region("330000"))]
    assert zhejiang["label"] in ("浙江", "浙江省")
    assert zhejiang["cls"] == "Province"
    assert "https://w3id.org/shanhai/ontology#Province" in zhejiang["types"].split()
    assert zhejiang["code"] == "330000"
    edges = [d for _, _, d in back.edges(data=True) if d["relation"] == "pairsWith"]
    assert edges and all(d["evidence_count"] >= 1 for d in edges)
    first = json.loads(edges[0]["evidence"])
    assert {"doc", "start", "end", "quote", "rule"} <= set(first[0])
    assert "浙江" in path.read_text(encoding="utf-8")  # UTF-8, not character references


def test_cli_export_to_file_and_stdout(seed_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonld"
    result = CliRunner().invoke(main, ["export", str(seed_out), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["shanhai"]
    nq = CliRunner().invoke(main, ["export", str(seed_out), "--format", "nquads"])
    assert nq.exit_code == 0
    assert nq.output.count("\n") > 3000


@pytest.mark.parametrize("args", [["--out", "x.csv"], []])
def test_cli_export_needs_a_format(seed_out: Path, tmp_path: Path, args: list[str]) -> None:
    args = [a if a != "x.csv" else str(tmp_path / "x.csv") for a in args]
    result = CliRunner().invoke(main, ["export", str(seed_out), *args])
    assert result.exit_code == 2
    assert "--format" in result.output
