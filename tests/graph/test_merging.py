"""Provenance and merging: one node per thing, one named graph per document, evidence for all."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node
from shanhai.extract.gazetteer import Gazetteer
from shanhai.extract.records import EntityRef, Evidence, Triple
from shanhai.extract.registry import EXTRACTOR_VERSION
from shanhai.graph import iri
from shanhai.graph.build import DocumentRecord, build_dataset
from shanhai.graph.iri import SH

BACKGROUND = iri.BACKGROUND_GRAPH
ZHEJIANG = iri.region("330000")


@pytest.fixture(scope="module")
def seed_ds(seed_out: Path) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(seed_out / "graph.trig", format="trig")
    return ds


def doc_graphs(ds: Dataset) -> list[Graph]:
    return [g for g in ds.graphs() if len(g) and g.identifier != BACKGROUND]


def mentions(g: Graph, node: URIRef) -> set[URIRef]:
    """Fact nodes in ``g`` that mention ``node`` (as helper, recipient, subject, object, owner)."""
    preds = (SH.helper, SH.recipient, SH.amountOf, RDF.subject, RDF.object)
    return {f for p in preds for f in g.subjects(p, node) if isinstance(f, URIRef)}


# ------------------------------------------------------------------ the seeds


def test_a_region_in_all_five_seeds_is_one_node_with_evidence_from_each(seed_ds: Dataset,
                                                                         seeds_dir: Path) -> None:
    graphs = doc_graphs(seed_ds)
    assert len(graphs) == 5
    bg = seed_ds.graph(BACKGROUND)
    assert set(bg.objects(ZHEJIANG, RDF.type)) == {SH.Province}
    assert list(bg.objects(ZHEJIANG, RDFS.label)).count(Literal("浙江省", lang="zh")) == 1
    # one node: nothing else carries the code, and no document graph types it
    assert set(seed_ds.subjects(SH.adminCode, Literal("330000"))) == {ZHEJIANG}
    assert all((ZHEJIANG, RDF.type, None) not in g for g in graphs)
    docs_with_evidence = set()
    for g in graphs:
        doc = next(g.subjects(RDF.type, SH.Document))
        facts = mentions(g, ZHEJIANG)
        assert facts, f"浙江省 not mentioned in {g.value(doc, DCTERMS.identifier)}"
        for fact in facts:
            for ev in g.objects(fact, PROV.wasDerivedFrom):
                assert g.value(ev, SH.sourceDocument) == doc
                docs_with_evidence.add(str(g.value(doc, DCTERMS.identifier)))
    assert docs_with_evidence == {p.name for p in seeds_dir.glob("*.txt")}


def test_the_same_program_in_several_documents_is_one_node(seed_ds: Dataset) -> None:
    program = iri.entity("program", "东西部扶贫协作")
    bg = seed_ds.graph(BACKGROUND)
    assert (program, RDFS.label, Literal("东西部扶贫协作", lang="zh")) in bg
    docs = {str(g.identifier) for g in doc_graphs(seed_ds) if mentions(g, program)}
    assert len(docs) >= 2, docs
    same_label = [s for s in bg.subjects(RDFS.label, Literal("东西部扶贫协作", lang="zh"))]
    assert same_label == [program]


def test_programs_carry_lexicon_aliases(seed_ds: Dataset) -> None:
    program = iri.entity("program", "东西部扶贫协作")
    alt = {str(o) for o in seed_ds.graph(BACKGROUND).objects(program, SKOS.altLabel)}
    assert {"东西扶贫协作", "东西部扶贫协作工作"} <= alt


def test_a_renamed_program_stays_a_separate_node(seed_ds: Dataset) -> None:
    """Conservative merging: 东西部协作 is the later name, linked by renamedTo, not an alias."""
    old, new = iri.entity("program", "东西部扶贫协作"), iri.entity("program", "东西部协作")
    assert old != new
    assert (old, SH.renamedTo, new) in seed_ds
    assert "东西部协作" not in {str(o) for o in seed_ds.objects(old, SKOS.altLabel)}


def test_a_fact_stated_by_several_documents_has_evidence_from_each(seed_ds: Dataset) -> None:
    by_fact: dict[Node, set[str]] = defaultdict(set)
    evidence_nodes: dict[Node, set[Node]] = defaultdict(set)
    for g in doc_graphs(seed_ds):
        for fact, ev in g.subject_objects(PROV.wasDerivedFrom):
            by_fact[fact].add(str(g.identifier))
            evidence_nodes[fact].add(ev)
    shared = {f: d for f, d in by_fact.items() if len(d) >= 3}
    assert shared, "no fact is stated by three documents"
    for fact, graphs in shared.items():
        assert len(evidence_nodes[fact]) >= len(graphs)
    zhejiang_guangyuan = iri.fact("pairing", "330000", "510800")
    assert len(by_fact[zhejiang_guangyuan]) >= 3


def test_every_evidence_names_its_extraction_and_version(seed_ds: Dataset) -> None:
    bg = seed_ds.graph(BACKGROUND)
    evidence = set(seed_ds.subjects(RDF.type, SH.Evidence))
    assert len(evidence) > 100
    for ev in evidence:
        activity = seed_ds.value(ev, PROV.wasGeneratedBy)
        rule = str(seed_ds.value(ev, SH.rule))
        assert (activity, RDF.type, SH.Extraction) in bg
        assert (activity, RDF.type, PROV.Activity) in bg
        assert bg.value(activity, SH.extractorVersion) == Literal(EXTRACTOR_VERSION)
        assert str(bg.value(activity, RDFS.label)).startswith(rule.split(":")[0])
        agent = bg.value(activity, PROV.wasAssociatedWith)
        assert (agent, RDF.type, SH.Extractor) in bg
        assert (agent, RDF.type, PROV.SoftwareAgent) in bg
        assert bg.value(agent, SH.extractorVersion) == Literal(EXTRACTOR_VERSION)


def test_document_nodes_carry_sha256_and_path(seed_ds: Dataset, seeds_dir: Path) -> None:
    for g in doc_graphs(seed_ds):
        docs = list(g.subjects(RDF.type, SH.Document))
        assert len(docs) == 1
        doc = docs[0]
        name = str(g.value(doc, DCTERMS.identifier))
        data = (seeds_dir / name).read_bytes()
        assert str(g.value(doc, SH.sha256)) == hashlib.sha256(data).hexdigest()
        assert Path(str(g.value(doc, SH.path))).name == name
        assert g.identifier == iri.document_graph(name)


def test_document_graphs_hold_facts_and_background_holds_entities(seed_ds: Dataset) -> None:
    bg = seed_ds.graph(BACKGROUND)
    assert not list(bg.subjects(RDF.type, SH.Evidence))
    assert not list(bg.subjects(RDF.type, SH.Pairing))
    for g in doc_graphs(seed_ds):
        assert not list(g.subjects(SH.adminCode, None))
        for _, evidence in g.subject_objects(PROV.wasDerivedFrom):
            assert (evidence, RDF.type, SH.Evidence) in g
    # the gazetteer's hierarchy: 广元市 → 四川省
    assert (iri.region("510800"), SH.partOf, iri.region("510000")) in bg


def test_no_chinese_and_no_blank_nodes_in_identifiers(seed_ds: Dataset) -> None:
    for quad in seed_ds.quads():
        for term in quad:
            if isinstance(term, URIRef):
                assert str(term).isascii(), term
            else:
                assert isinstance(term, Literal) or term is None, term


# ------------------------------------------------------------------ the builder


def ev(doc: str, start: int, quote: str, rule: str = "pairing/1:directional") -> Evidence:
    return Evidence(doc, start, start + len(quote), quote, rule, 0.9)


def region(code: str, name: str) -> EntityRef:
    return EntityRef("region", code, name)


def build(records: list[DocumentRecord], gazetteer: Gazetteer) -> Dataset:
    ds = build_dataset(records, gazetteer)
    ds.default_union = True  # query across the named graphs
    return ds


def record(doc: str, *triples: Triple) -> DocumentRecord:
    return DocumentRecord(doc, f"in/{doc}", hashlib.sha256(doc.encode()).hexdigest(), 100, triples)


def test_three_documents_one_fact_three_evidence_nodes(gazetteer: Gazetteer) -> None:
    pair = [Triple(region("330000", "浙江省"), "pairsWith", ev(d, 5, "浙江省帮扶广元市"),
                   object=region("510800", "广元市")) for d in ("a.txt", "b.txt", "c.txt")]
    ds = build([record(t.evidence.doc, t) for t in pair], gazetteer)
    fact = iri.fact("pairing", "330000", "510800")
    evidence = set(ds.objects(fact, PROV.wasDerivedFrom))
    assert len(evidence) == 3
    sources = {ds.value(ds.value(e, SH.sourceDocument), DCTERMS.identifier) for e in evidence}
    assert {str(s) for s in sources} == {"a.txt", "b.txt", "c.txt"}
    for doc in ("a.txt", "b.txt", "c.txt"):
        g = ds.graph(iri.document_graph(doc))
        assert (fact, RDF.type, SH.Pairing) in g
        assert len(set(g.objects(fact, PROV.wasDerivedFrom))) == 1
    assert len(set(ds.subjects(RDF.type, SH.Pairing))) == 1


def test_program_aliases_merge_into_one_node(gazetteer: Gazetteer) -> None:
    """An alias key (东西扶贫协作) folds into the canonical program, kept as skos:altLabel."""
    a = Triple(EntityRef("program", "东西部扶贫协作", "东西部扶贫协作"), "startedIn",
               ev("a.txt", 0, "1996年东西部扶贫协作", "program-start/1:启动"), value=1996)
    b = Triple(EntityRef("program", "东西扶贫协作", "东西扶贫协作"), "startedIn",
               ev("b.txt", 0, "1996年东西扶贫协作", "program-start/1:启动"), value=1996)
    c = Triple(EntityRef("program", "“东西部扶贫协作”", "“东西部扶贫协作”"), "startedIn",
               ev("c.txt", 0, "1996年“东西部扶贫协作”", "program-start/1:启动"), value=1996)
    ds = build([record("a.txt", a), record("b.txt", b), record("c.txt", c)], gazetteer)
    programs = set(ds.subjects(RDF.type, SH.Program))
    assert programs == {iri.entity("program", "东西部扶贫协作")}
    node = programs.pop()
    labels = {str(o) for o in ds.objects(node, RDFS.label)
              if isinstance(o, Literal) and o.language == "zh"}
    assert labels == {"东西部扶贫协作"}
    alt = {str(o) for o in ds.objects(node, SKOS.altLabel)}
    assert {"东西扶贫协作", "“东西部扶贫协作”"} <= alt


def test_merging_is_conservative(gazetteer: Gazetteer) -> None:
    """Similar but different names stay apart: a meeting about a program, a company and its group."""
    triples = [
        Triple(EntityRef("program", "东西部扶贫协作", "东西部扶贫协作"), "startedIn",
               ev("a.txt", 0, "1996年东西部扶贫协作", "program-start/1:启动"), value=1996),
        Triple(EntityRef("program", "东西部扶贫协作座谈会", "东西部扶贫协作座谈会"), "startedIn",
               ev("a.txt", 30, "1996年东西部扶贫协作座谈会", "program-start/1:召开"), value=1996),
        Triple(EntityRef("organization", "娃哈哈", "娃哈哈"), "locatedIn",
               ev("a.txt", 60, "娃哈哈在广元", "org-located/1"), object=region("510800", "广元市")),
        Triple(EntityRef("organization", "娃哈哈集团", "娃哈哈集团"), "locatedIn",
               ev("a.txt", 80, "娃哈哈集团在广元", "org-located/1"),
               object=region("510800", "广元市")),
    ]
    ds = build([record("a.txt", *triples)], gazetteer)
    assert len(set(ds.subjects(RDF.type, SH.Organization))) == 2
    programs = {s for c in (SH.Program, SH.Meeting) for s in ds.subjects(RDF.type, c)}
    assert len(programs) == 2


def test_organisation_names_merge_on_normalised_form(gazetteer: Gazetteer) -> None:
    """Width and spacing variants of one name (ＳＨＩＪＩＡＮ / SHIJIAN 集团) are one node."""
    triples = [
        Triple(EntityRef("organization", "SHIJIAN集团", "SHIJIAN集团"), "locatedIn",
               ev("a.txt", 0, "SHIJIAN集团在广元", "org-located/1"), object=region("510800", "广元市")),
        Triple(EntityRef("organization", "ＳＨＩＪＩＡＮ 集团", "ＳＨＩＪＩＡＮ 集团"), "locatedIn",
               ev("b.txt", 0, "ＳＨＩＪＩＡＮ 集团在广元", "org-located/1"),
               object=region("510800", "广元市")),
    ]
    ds = build([record("a.txt", triples[0]), record("b.txt", triples[1])], gazetteer)
    orgs = set(ds.subjects(RDF.type, SH.Organization))
    assert len(orgs) == 1
    node = orgs.pop()
    assert len([o for o in ds.objects(node, RDFS.label)
                if isinstance(o, Literal) and o.language == "zh"]) == 1
    assert len(set(ds.objects(node, SKOS.altLabel))) == 1
