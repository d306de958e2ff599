"""The ontology: well-formed, complete for the data, bilingual, and in sync with ns.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV
from shanhai.graph.iri import SH
from shanhai.ontology import files, generate
from shanhai.ontology.ns import SHANHAI, VERSION

ONT = Namespace("https://w3id.org/shanhai/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/shanhai/ontology")
#: Vocabularies whose terms the data may use without declaring them here.
WELL_KNOWN = (str(RDF), str(RDFS))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return generate.load()


@pytest.fixture(scope="module")
def seed_ds(seed_out: Path) -> Dataset:
    ds = Dataset()
    ds.parse(seed_out / "graph.trig", format="trig")
    return ds


def declared(g: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef)}


def test_ontology_has_an_iri_and_a_version(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    version = ontology.value(ONTOLOGY_IRI, OWL.versionInfo)
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(version))
    assert str(version) == VERSION


# DESIGN §2: these names are a contract.
CORE = [
    ("Region", OWL.Class), ("Province", OWL.Class), ("Prefecture", OWL.Class),
    ("County", OWL.Class), ("Township", OWL.Class), ("Village", OWL.Class),
    ("Pairing", OWL.Class), ("Program", OWL.Class), ("Organization", OWL.Class),
    ("Amount", OWL.Class), ("Document", OWL.Class), ("Evidence", OWL.Class),
    ("adminCode", OWL.DatatypeProperty), ("partOf", OWL.ObjectProperty),
    ("helper", OWL.ObjectProperty), ("recipient", OWL.ObjectProperty),
    ("startYear", OWL.DatatypeProperty), ("endYear", OWL.DatatypeProperty),
    ("pairsWith", OWL.ObjectProperty), ("startedIn", OWL.DatatypeProperty),
    ("startDate", OWL.DatatypeProperty), ("value", OWL.DatatypeProperty),
    ("unit", OWL.DatatypeProperty), ("approximate", OWL.DatatypeProperty),
    ("sourceDocument", OWL.ObjectProperty), ("charStart", OWL.DatatypeProperty),
    ("charEnd", OWL.DatatypeProperty), ("quote", OWL.DatatypeProperty),
]


@pytest.mark.parametrize(("name", "kind"), CORE, ids=[c[0] for c in CORE])
def test_core_terms_are_named_exactly(ontology: Graph, name: str, kind: URIRef) -> None:
    assert (ONT[name], RDF.type, kind) in ontology


@pytest.mark.parametrize(("prop", "domain", "range_"), [
    ("helper", "Pairing", "Region"),
    ("recipient", "Pairing", "Region"),
    ("partOf", "Region", "Region"),
    ("pairsWith", "Region", "Region"),
    ("sourceDocument", "Evidence", "Document"),
])
def test_object_properties_have_domain_and_range(ontology: Graph, prop: str, domain: str,
                                                 range_: str) -> None:
    assert ontology.value(ONT[prop], RDFS.domain) == ONT[domain]
    assert ontology.value(ONT[prop], RDFS.range) == ONT[range_]


@pytest.mark.parametrize(("prop", "datatype"), [
    ("adminCode", "string"), ("startYear", "gYear"), ("endYear", "gYear"),
    ("startedIn", "gYear"), ("value", "decimal"), ("charStart", "integer"),
    ("charEnd", "integer"), ("quote", "string"), ("approximate", "boolean"),
])
def test_datatype_ranges_use_xsd(ontology: Graph, prop: str, datatype: str) -> None:
    assert ontology.value(ONT[prop], RDFS.range) == URIRef(f"http://www.w3.org/2001/XMLSchema#{datatype}")


def test_prov_o_is_reused(ontology: Graph) -> None:
    assert (ONT.Evidence, RDFS.subClassOf, PROV.Entity) in ontology
    assert (ONT.Document, RDFS.subClassOf, PROV.Entity) in ontology
    assert (ONT.Extraction, RDFS.subClassOf, PROV.Activity) in ontology
    assert (ONT.Extractor, RDFS.subClassOf, PROV.SoftwareAgent) in ontology
    assert (ONT.sourceDocument, RDFS.subPropertyOf, PROV.hadPrimarySource) in ontology


@pytest.mark.parametrize("cls", ["Province", "Prefecture", "County", "Township", "Village",
                                 "RegionGroup"])
def test_region_levels_are_regions(ontology: Graph, cls: str) -> None:
    assert (ONT[cls], RDFS.subClassOf, ONT.Region) in ontology


def test_every_term_has_labels_in_zh_and_en_and_comments(ontology: Graph) -> None:
    missing = []
    for term in sorted(declared(ontology)):
        for prop, lang in ((RDFS.label, "zh"), (RDFS.label, "en"),
                           (RDFS.comment, "zh"), (RDFS.comment, "en")):
            values = [o for o in ontology.objects(term, prop)
                      if isinstance(o, Literal) and o.language == lang and str(o).strip()]
            if not values:
                missing.append(f"{term} {prop.n3(ontology.namespace_manager)}@{lang}")
    assert not missing, "\n".join(missing)


def test_zh_labels_are_chinese(ontology: Graph) -> None:
    for term in declared(ontology):
        zh = [str(o) for o in ontology.objects(term, RDFS.label)
              if isinstance(o, Literal) and o.language == "zh"]
        assert any(re.search(r"[\u4e00-\u9fff]", z) for z in zh), term


def test_defines_every_predicate_and_class_the_seed_graph_uses(ontology: Graph,
                                                               seed_ds: Dataset) -> None:
    used_predicates = {p for _, p, _, _ in seed_ds.quads()}
    used_classes = {o for _, _, o, _ in seed_ds.quads((None, RDF.type, None, None))}
    known = declared(ontology)
    undeclared = sorted(str(t) for t in used_predicates | used_classes
                        if t not in known and not str(t).startswith(WELL_KNOWN))
    assert not undeclared, undeclared
    # and the data really does use a good part of the vocabulary
    own_used = {t for t in used_predicates | used_classes if str(t).startswith(str(ONT))}
    assert len(own_used) >= 40


def test_shapes_pass_meta_shacl() -> None:
    shapes = Graph().parse(files.shapes_path(), format="turtle")
    conforms, _, text = meta_validate(shapes)
    assert conforms, text


def test_a_broken_shape_fails_meta_shacl() -> None:
    """The meta check above can fail: a shape with a non-integer minCount is caught."""
    broken = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:property [ sh:path <urn:p> ; sh:minCount "one" ] .
    """, format="turtle")
    conforms, _, _ = meta_validate(broken)
    assert not conforms


def test_every_shape_message_is_bilingual() -> None:
    shapes = Graph().parse(files.shapes_path(), format="turtle")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    carriers = set(shapes.subjects(sh.message, None))
    constraints = (set(shapes.subjects(RDF.type, sh.PropertyShape))
                   | set(shapes.subjects(RDF.type, sh.SPARQLConstraint)))
    assert constraints and constraints <= carriers
    for node in carriers:
        langs = sorted(o.language or "" for o in shapes.objects(node, sh.message)
                       if isinstance(o, Literal))
        assert langs == ["en", "zh"], node


def test_ns_py_and_context_are_in_sync_with_the_turtle() -> None:
    assert generate.stale() == [], "run: python -m shanhai.ontology.generate"


def test_sync_check_notices_a_new_term(tmp_path: Path) -> None:
    g = generate.load()
    g.add((ONT.brandNew, RDF.type, OWL.DatatypeProperty))
    assert "brandNew: URIRef" in generate.ns_source(g)
    assert generate.ns_source(g) != files.ns_path().read_text(encoding="utf-8")


def test_generator_check_mode_exits_zero_when_in_sync() -> None:
    done = subprocess.run([sys.executable, "-m", "shanhai.ontology.generate", "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_namespace_is_closed_and_shared_with_iri() -> None:
    assert SH is SHANHAI
    assert SH.Pairing == ONT.Pairing
    with pytest.raises(AttributeError):
        _ = SH.pairing  # a typo: not in the ontology


def test_every_ns_attribute_is_declared(ontology: Graph) -> None:
    names = [n for n in SHANHAI.__annotations__ if not n.startswith("_")]
    assert names
    own = {t for t in declared(ontology) if str(t).startswith(str(ONT))}
    assert {ONT[n] for n in names} == own


def test_context_maps_terms_to_their_datatypes() -> None:
    import json

    ctx = json.loads(files.context_path().read_text(encoding="utf-8"))["@context"]
    assert ctx["shanhai"] == str(ONT)
    assert ctx["helper"] == {"@id": "shanhai:helper", "@type": "@id"}
    assert ctx["charStart"] == {"@id": "shanhai:charStart", "@type": "xsd:integer"}
    assert ctx["startYear"]["@type"] == "xsd:gYear"
    assert ctx["Pairing"] == "shanhai:Pairing"
