"""Lone surrogates and other odd code points, through every stage of a real build.

The file below carries UTF-8-encoded lone surrogates (what a broken JavaScript or
Java export writes), bidi overrides, noncharacters, line and paragraph
separators, C1 controls and Turtle/JSON/HTML metacharacters, some of them inside
a program title so that they reach labels and evidence quotes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, URIRef
from shanhai.extract.document import decode
from shanhai.graph.io import trig_text

SH = "https://w3id.org/shanhai/ontology#"
ODD = "\x0b\x0c\x7f\x85\u2028\u2029\u202e\u200d\ufffe\uffff\U0001f600e\u0301\ue000\\\"'<>&{}#`${x}"
LONE = "\udfff\ud800"  # low then high: two lone surrogates, not a pair
TEXT = (
    f"1994年国务院制定并实施《国家八七{ODD}{LONE}扶贫攻坚计划》。\n"
    f"1996年，浙江省对口帮扶四川省广元市（{LONE}{ODD}）。\n"
    f"浙江省投入资金7400余万元{LONE}。\n"
)


def test_odd_code_points_survive_the_whole_pipeline(tmp_path: Path, cli_build) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    data = TEXT.encode("utf-8", "surrogatepass")
    (folder / "odd.txt").write_bytes(data)
    build = cli_build(folder)
    assert build.exit_code == 0, build.output
    [doc] = build.report["documents"]
    assert doc["status"] == "ok"

    # loading: lone surrogates become U+FFFD one for one, nothing else changes
    text = decode(data, "odd.txt")
    assert text == TEXT.replace("\udfff", "\ufffd").replace("\ud800", "\ufffd")
    assert doc["chars"] == len(text)

    # extraction and JSON Lines: exact quotes, the odd characters inside them
    records = build.records()
    quotes = {r["evidence"]["quote"] for r in records}
    for r in records:
        ev = r["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["quote"]
    predicates = {r["predicate"] for r in records}
    assert {"pairsWith", "startedIn", "amount"} <= predicates
    assert any(ODD in q and "\ufffd\ufffd" in q for q in quotes), quotes

    # RDF: both parsers read the files back, with the quotes intact
    trig = (build.out / "graph.trig").read_text(encoding="utf-8")
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    rdf_quotes = {str(o) for _, _, o, _ in ds.quads((None, URIRef(SH + "quote"), None, None))}
    assert rdf_quotes == quotes
    assert trig_text(ds) == trig, "what was written reads back to the same canonical text"
    store = pyoxigraph.Store()
    store.load(trig.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    quote = pyoxigraph.NamedNode(SH + "quote")
    assert {q.object.value for q in store.quads_for_pattern(None, quote, None, None)} == quotes
    ttl = (build.out / "graph.ttl").read_text(encoding="utf-8")
    store_ttl = pyoxigraph.Store()
    store_ttl.load(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    quote = pyoxigraph.NamedNode(SH + "quote")
    assert {q.object.value for q in store_ttl.quads_for_pattern(None, quote, None, None)} == quotes

    # the page and the report are valid UTF-8 with no raw surrogate
    html = (build.out / "graph.html").read_bytes().decode("utf-8")
    assert "\ufffd" in html
    json.loads((build.out / "report.json").read_text(encoding="utf-8"))
