"""The notebook API (``shanhai.load`` → Corpus) on the seed build."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Literal, URIRef

import shanhai
from shanhai.api import BuildNotFoundError, Corpus, EntityLookupError, HTMLTable, _binding

GUANGYUAN = "https://w3id.org/shanhai/id/region/510800"


@pytest.fixture(scope="module")
def kg(seed_out: Path) -> Corpus:
    return shanhai.load(seed_out)


# --------------------------------------------------------------------------- package surface


def test_import_is_light() -> None:
    code = ("import sys, shanhai; print(sorted(m for m in ('pandas', 'rdflib', 'networkx', "
            "'matplotlib', 'numpy', 'shanhai.api') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_resolve_lazily() -> None:
    assert shanhai.load is shanhai.api.load
    assert shanhai.KnowledgeGraph is shanhai.Corpus
    assert isinstance(shanhai.__version__, str) and shanhai.__version__
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = shanhai.nope  # type: ignore[attr-defined]


def test_load_without_a_build_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(BuildNotFoundError, match="shanhai build"):
        shanhai.load(tmp_path)


def test_load_accepts_the_trig_file(seed_out: Path) -> None:
    kg = shanhai.load(seed_out / "graph.trig")
    assert kg.path == seed_out
    assert len(kg.documents()) == 5


# --------------------------------------------------------------------------- tables


def test_documents_match_the_build_report(kg: Corpus, seed_out: Path) -> None:
    report = json.loads((seed_out / "report.json").read_text(encoding="utf-8"))
    docs = kg.documents()
    expected = {d["doc"]: d["chars"] for d in report["documents"]}
    assert dict(zip(docs["doc"], docs["chars"], strict=True)) == expected
    kinds = [c for c in docs.columns if c not in ("doc", "chars", "facts", "path", "sha256")]
    assert {"pairsWith", "startedIn", "amount"} <= set(kinds)
    assert (docs["facts"] == docs[kinds].sum(axis=1)).all()
    assert (docs["facts"] > 0).all()
    # a fact read in several documents is counted in each, never more often than it was read
    for kind in ("pairsWith", "startedIn", "amount"):
        assert docs[kind].sum() <= report["facts"][kind]


def test_pairings_have_plain_values(kg: Corpus) -> None:
    pairs = kg.pairings()
    assert str(pairs["start_year"].dtype) == "Int64"
    assert all(type(v) is str for v in pairs["helper"])  # not rdflib Literals
    row = pairs[(pairs["helper"] == "浙江省") & (pairs["recipient"] == "广元市")]
    assert len(row) == 1
    assert row["start_year"].iloc[0] == 1996  # 浙江省对口帮扶四川省广元市 since 1996
    assert row["recipient_code"].iloc[0] == "510800"
    assert row["evidence"].iloc[0] >= 2 and row["documents"].iloc[0] >= 2
    assert (pairs["evidence"] >= 1).all()
    years = pairs["start_year"].dropna().tolist()
    assert years == sorted(years)


def test_programs_give_the_year_and_issuer(kg: Corpus) -> None:
    programs = kg.programs()
    row = programs[programs["program"] == "国家八七扶贫攻坚计划"].iloc[0]
    assert (row["started"], row["start_date"], row["type"]) == (1994, "1994-03", "Plan")
    assert row["issuer"] == "国务院"
    assert programs["started"].tolist() == sorted(programs["started"])


def test_amounts_are_in_base_units_with_their_quotes(kg: Corpus) -> None:
    money = kg.amounts(unit="元")
    assert set(money["unit"]) == {"元"}
    row = money[money["quote"].str.contains("1.37 亿元", regex=False)].iloc[0]
    assert row["value"] == pytest.approx(1.37e8)
    assert row["year"] == 2013
    assert len(kg.amounts()) > len(money)


def test_every_quote_is_the_slice_of_its_document(kg: Corpus) -> None:
    facts = kg.facts()
    assert len(facts) > 100
    assert set(facts["kind"]) >= {"pairsWith", "startedIn", "amount"}
    for row in facts.itertuples():
        assert kg.text(row.doc)[row.start:row.end] == row.quote, row


def test_facts_filter_by_document_and_kind(kg: Corpus) -> None:
    doc = kg.documents()["doc"][0]
    starts = kg.facts(doc, kind="startedIn")
    assert len(starts) and set(starts["doc"]) == {doc} and set(starts["kind"]) == {"startedIn"}
    assert starts["subject"].notna().all() and starts["object"].notna().all()


# --------------------------------------------------------------------------- SPARQL


def test_sparql_binds_chinese_labels_as_zh(kg: Corpus) -> None:
    query = """
        SELECT ?recipient WHERE {
          ?h rdfs:label ?helper ; shanhai:pairsWith ?r .
          ?r rdfs:label ?recipient . FILTER(lang(?recipient) = "zh")
        } ORDER BY ?recipient"""
    recipients = set(kg.sparql(query, helper="浙江省")["recipient"])
    assert {"广元市", "南充市"} <= recipients
    assert kg.sparql(query, helper=Literal("浙江省")).empty  # a plain literal is not a label


def test_sparql_converts_years_and_counts(kg: Corpus) -> None:
    frame = kg.sparql("""
        SELECT ?y (COUNT(?p) AS ?n) WHERE { ?p a shanhai:Pairing ; shanhai:startYear ?y }
        GROUP BY ?y ORDER BY ?y""")
    assert frame["y"].dtype.kind == "i" and frame["y"].iloc[0] == 1996
    assert frame["n"].sum() >= 10


def test_sparql_rejects_non_select(kg: Corpus) -> None:
    with pytest.raises(ValueError, match="SELECT"):
        kg.sparql("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(("value", "expected"), [
    ("浙江省", Literal("浙江省", lang="zh")),
    ("000_12a61a5b57f0fb84.txt", Literal("000_12a61a5b57f0fb84.txt")),
    (GUANGYUAN, URIRef(GUANGYUAN)),
    (1996, Literal(1996)),
    (Literal("x", lang="en"), Literal("x", lang="en")),
])
def test_binding_values(value: object, expected: object) -> None:
    assert _binding(value) == expected
    assert type(_binding(value)) is type(expected)


def test_binding_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="cannot bind"):
        _binding([1, 2])


# --------------------------------------------------------------------------- evidence


def test_evidence_for_a_pair(kg: Corpus) -> None:
    ev = kg.evidence(("浙江省", "广元市"))
    assert list(ev.columns)[:4] == ["doc", "start", "end", "quote"]
    assert set(ev["kind"]) == {"pairsWith"}
    assert len(set(ev["doc"])) >= 2
    assert any("浙" in q for q in ev["quote"])
    assert ev.equals(kg.evidence(("广元", "浙江")))  # short names, either order


def test_evidence_for_a_program_and_a_fact(kg: Corpus) -> None:
    ev = kg.evidence("国家八七扶贫攻坚计划")
    assert "startedIn" in set(ev["kind"])
    assert any("八七扶贫攻坚计划" in q for q in ev["quote"])
    fact = kg.pairings()["fact"][0]
    by_fact = kg.evidence(fact)
    assert set(by_fact["fact"]) == {fact}
    both = kg.evidence(kg.programs()["fact"].head(2))
    assert set(both["fact"]) == set(kg.programs()["fact"].head(2))


def test_evidence_for_a_region_covers_all_its_facts(kg: Corpus) -> None:
    ev = kg.evidence("广元市")
    assert {"pairsWith", "amount"} <= set(ev["kind"])


def test_resolve_names_and_explain_misses(kg: Corpus) -> None:
    assert kg.resolve("广元") == GUANGYUAN
    assert kg.resolve("四川省广元市") == GUANGYUAN
    assert kg.resolve(GUANGYUAN) == GUANGYUAN
    with pytest.raises(EntityLookupError, match="no entity is called '火星'"):
        kg.resolve("火星")
    with pytest.raises(EntityLookupError, match="does not occur"):
        kg.resolve("https://w3id.org/shanhai/id/region/999999")
    with pytest.raises(TypeError, match="two regions"):
        kg.evidence(("浙江省",))  # type: ignore[arg-type]


def test_in_context_marks_the_quote(kg: Corpus) -> None:
    ev = kg.evidence(("浙江省", "广元市")).head(2)
    table = kg.in_context(ev, width=10)
    assert isinstance(table, HTMLTable) and table._repr_html_() == str(table)
    assert str(table).count("<mark>") == 2
    assert repr(table).count("【") == 2 and "<" not in repr(table)  # the text/plain view
    doc, start, end = ev.iloc[0][["doc", "start", "end"]]
    before, quote, _after = kg.context(doc, int(start), int(end), 10)
    assert len(before) == 10 and quote == ev.iloc[0]["quote"]
    money = kg.amounts(unit="元").head(3)
    folded = str(kg.in_context(money, columns=["subject"], summary="surface"))
    assert folded.count("<details>") == 3 and "<summary>" in folded
    with pytest.raises(KeyError, match="doc, start, end"):
        kg.in_context(pd.DataFrame({"doc": ["x"]}))


def test_text_is_found_by_its_hash(kg: Corpus, seed_out: Path, tmp_path: Path) -> None:
    docs = kg.documents().set_index("doc")
    doc = docs.index[0]
    build = tmp_path / "build"
    shutil.copytree(seed_out, build)
    trig = build / "graph.trig"
    # the build recorded a path that no longer resolves; a same-named impostor is skipped
    trig.write_text(trig.read_text(encoding="utf-8").replace(f'"{docs.loc[doc, "path"]}"', f'"{doc}"'),
                    encoding="utf-8")
    impostor = tmp_path / "impostor"
    impostor.mkdir()
    (impostor / doc).write_text("另一个文本", encoding="utf-8")
    assert Corpus(build, sources=[impostor]).text(doc) == kg.text(doc)
    with pytest.raises(KeyError, match="no document"):
        kg.text("nope.txt")
    trig.write_text(trig.read_text(encoding="utf-8").replace(docs.loc[doc, "sha256"], "0" * 64),
                    encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="sources="):
        Corpus(build).text(doc)


# --------------------------------------------------------------------------- networks and the page


def test_network_by_year(kg: Corpus) -> None:
    whole = kg.network()
    early = kg.network(year=1996)
    names = {(whole.nodes[u]["name"], whole.nodes[v]["name"]) for u, v in whole.edges()}
    early_names = {(early.nodes[u]["name"], early.nodes[v]["name"]) for u, v in early.edges()}
    assert ("浙江省丽水市", "四川省广元市") in names - early_names  # started 2018
    assert ("福建省", "宁夏回族自治区") in early_names
    full = kg.network(full=True)
    assert {d["relation"] for *_, d in full.edges(data=True)} > {"pairsWith"}


def test_show_embeds_the_page_and_writes_nothing(kg: Corpus, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shown = kg.show(layout="geo", height=500, full=False)
    html = shown._repr_html_() if hasattr(shown, "_repr_html_") else shown.data
    assert "<iframe srcdoc=" in html and "height:500px" in html
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- locating builds


def test_seed_build_uses_the_environment(seed_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHANHAI_BUILD", str(seed_out))
    before = (seed_out / "graph.trig").stat().st_mtime_ns
    assert shanhai.seed_build() == seed_out
    assert (seed_out / "graph.trig").stat().st_mtime_ns == before


def test_figure_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, repo_root: Path) -> None:
    monkeypatch.setenv("SHANHAI_FIGURES", str(tmp_path))
    assert shanhai.figure_dir() == tmp_path
    monkeypatch.delenv("SHANHAI_FIGURES")
    assert shanhai.figure_dir() == repo_root / "build" / "figures"


@pytest.mark.slow
def test_seed_build_builds_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "fresh"
    monkeypatch.setenv("SHANHAI_BUILD", str(out))
    assert shanhai.seed_build() == out
    assert {"graph.trig", "report.json"} <= {p.name for p in out.iterdir()}
    assert len(shanhai.load(out).documents()) == 5
