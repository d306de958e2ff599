"""SHACL validation: each shape catches its own kind of broken data, with the evidence behind it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset
from shanhai.graph import validate as validate_module
from shanhai.graph.cli import main
from shanhai.graph.corpus import Report
from shanhai.graph.validate import ValidationResult, Violation, validate_dataset, validate_path

PREFIXES = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/shanhai/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix shanhai: <https://w3id.org/shanhai/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

#: A small, valid dataset in the shape the build writes: one document graph, one background.
BACKGROUND = """
id:region\\/330000 a shanhai:Province ; rdfs:label "浙江省"@zh ; shanhai:adminCode "330000" .
id:region\\/510800 a shanhai:Prefecture ; rdfs:label "广元市"@zh ; shanhai:adminCode "510800" ;
    shanhai:partOf id:region\\/510000 .
id:region\\/510000 a shanhai:Province ; rdfs:label "四川省"@zh ; shanhai:adminCode "510000" .
id:program\\/p1 a shanhai:Plan ; rdfs:label "国家八七扶贫攻坚计划"@zh .
id:extractor\\/1.0.0 a shanhai:Extractor ; rdfs:label "shanhai extractor 1.0.0" ;
    shanhai:extractorVersion "1.0.0" .
id:extraction\\/pairing-v1\\/1.0.0 a shanhai:Extraction ; rdfs:label "pairing/1" ;
    shanhai:extractorVersion "1.0.0" ; prov:wasAssociatedWith id:extractor\\/1.0.0 .
"""
DOCUMENT = """
id:document\\/d1 a shanhai:Document ; dcterms:identifier "news/a.txt" ; shanhai:path "corpus/news/a.txt" ;
    shanhai:sha256 "%(sha)s" ; shanhai:charCount 40 .
id:pairing\\/f1 a shanhai:Pairing ; shanhai:helper id:region\\/330000 ;
    shanhai:recipient id:region\\/510800 ; shanhai:startYear "1996"^^xsd:gYear ;
    prov:wasDerivedFrom id:evidence\\/e1 .
id:region\\/330000 shanhai:pairsWith id:region\\/510800 .
id:evidence\\/e1 a shanhai:Evidence ; shanhai:sourceDocument id:document\\/d1 ;
    shanhai:charStart 3 ; shanhai:charEnd 13 ; shanhai:quote "浙江省对口帮扶广元市" ;
    shanhai:rule "pairing/1:directional" ; shanhai:confidence 0.9 ;
    prov:wasGeneratedBy id:extraction\\/pairing-v1\\/1.0.0 .
id:statement\\/s1 a rdf:Statement ; rdf:subject id:program\\/p1 ; rdf:predicate shanhai:startedIn ;
    rdf:object "1994"^^xsd:gYear ; prov:wasDerivedFrom id:evidence\\/e2 .
id:program\\/p1 shanhai:startedIn "1994"^^xsd:gYear .
id:evidence\\/e2 a shanhai:Evidence ; shanhai:sourceDocument id:document\\/d1 ;
    shanhai:charStart 20 ; shanhai:charEnd 35 ; shanhai:quote "1994年国家八七扶贫攻坚计划" ;
    shanhai:rule "program-start/1:印发" ; shanhai:confidence 0.9 ;
    prov:wasGeneratedBy id:extraction\\/pairing-v1\\/1.0.0 .
id:amount\\/a1 a shanhai:Amount ; shanhai:amountOf id:region\\/510800 ; shanhai:value 137000000.0 ;
    shanhai:unit "元"@zh ; shanhai:approximate false ; prov:wasDerivedFrom id:evidence\\/e1 .
"""
SHA = "0" * 64


def dataset(background: str = BACKGROUND, document: str = DOCUMENT, sha: str = SHA) -> Dataset:
    text = (PREFIXES + "id:graph\\/background {\n" + background + "\n}\n"
            + "id:graph\\/d1 {\n" + document % {"sha": sha} + "\n}\n")
    ds = Dataset()
    ds.parse(data=text, format="trig")
    return ds


def test_the_fixture_conforms() -> None:
    result = validate_dataset(dataset())
    assert result.conforms, [v.describe() for v in result.violations]
    assert result.violations == ()


# name → (background edit, document edit, expected shape, expected focus IRI suffix, has a quote)
BROKEN = {
    "pairing without helper": (
        None, ("shanhai:helper id:region\\/330000 ;", ""), "shapes:PairingHelper", "pairing/f1", True),
    "pairing with two recipients": (
        None, ("shanhai:recipient id:region\\/510800 ;",
               "shanhai:recipient id:region\\/510800, id:region\\/510000 ;"),
        "shapes:PairingRecipient", "pairing/f1", True),
    "helper that is not a region": (
        None, ("shanhai:helper id:region\\/330000 ;", "shanhai:helper id:program\\/p1 ;"),
        "shapes:PairingHelper", "pairing/f1", True),
    "pairing without evidence": (
        None, ("shanhai:startYear \"1996\"^^xsd:gYear ;\n    prov:wasDerivedFrom id:evidence\\/e1 .",
               "shanhai:startYear \"1996\"^^xsd:gYear ."),
        "shapes:FactEvidence", "pairing/f1", False),
    "pairing that ends before it starts": (
        None, ("shanhai:startYear \"1996\"^^xsd:gYear ;",
               "shanhai:startYear \"1996\"^^xsd:gYear ; shanhai:endYear \"1990\"^^xsd:gYear ;"),
        "shapes:PairingYearOrder", "pairing/f1", True),
    "start year that is not a gYear": (
        None, ("\"1996\"^^xsd:gYear", "\"1996\""), "shapes:PairingStartYear", "pairing/f1", True),
    "negative start offset": (
        None, ("shanhai:charStart 3 ; shanhai:charEnd 13", "shanhai:charStart -7 ; shanhai:charEnd 3"),
        "shapes:EvidenceStart", "evidence/e1", True),
    "start offset after end": (
        None, ("shanhai:charStart 3 ; shanhai:charEnd 13", "shanhai:charStart 23 ; shanhai:charEnd 13"),
        "shapes:EvidenceOrder", "evidence/e1", True),
    "offset that is not an integer": (
        None, ("shanhai:charStart 3 ;", "shanhai:charStart \"3\" ;"),
        "shapes:EvidenceStart", "evidence/e1", True),
    "quote longer than its span": (
        None, ("shanhai:charEnd 13", "shanhai:charEnd 12"),
        "shapes:EvidenceQuoteLength", "evidence/e1", True),
    "evidence without its extraction": (
        None, ("shanhai:rule \"pairing/1:directional\" ; shanhai:confidence 0.9 ;\n"
               "    prov:wasGeneratedBy id:extraction\\/pairing-v1\\/1.0.0 .",
               "shanhai:rule \"pairing/1:directional\" ; shanhai:confidence 0.9 ."),
        "shapes:EvidenceGeneratedBy", "evidence/e1", True),
    "evidence without a document": (
        None, ("id:evidence\\/e1 a shanhai:Evidence ; shanhai:sourceDocument id:document\\/d1 ;",
               "id:evidence\\/e1 a shanhai:Evidence ;"),
        "shapes:EvidenceDocument", "evidence/e1", False),
    "admin code of five digits": (
        ("shanhai:adminCode \"330000\"", "shanhai:adminCode \"33000\""), None,
        "shapes:RegionAdminCode", "region/330000", True),
    "admin code as a number": (
        ("shanhai:adminCode \"330000\"", "shanhai:adminCode 330000"), None,
        "shapes:RegionAdminCode", "region/330000", True),
    "region without a Chinese label": (
        ("rdfs:label \"浙江省\"@zh", "rdfs:label \"Zhejiang\"@en, \"zhe jiang sheng\"@zh-Latn-pinyin"),
        None, "shapes:NamedEntityZhLabel", "region/330000", True),
    "program without a Chinese label": (
        ("rdfs:label \"国家八七扶贫攻坚计划\"@zh", "rdfs:label \"8-7 Plan\""), None,
        "shapes:NamedEntityZhLabel", "program/p1", True),
    "statement whose triple is not asserted": (
        None, ("id:program\\/p1 shanhai:startedIn \"1994\"^^xsd:gYear .", ""),
        "shapes:StatementAsserted", "statement/s1", True),
    "amount whose value is not a decimal": (
        None, ("shanhai:value 137000000.0", "shanhai:value \"1.37亿\""),
        "shapes:AmountValue", "amount/a1", True),
    "extraction without a version": (
        ("shanhai:extractorVersion \"1.0.0\" ; prov:wasAssociatedWith",
         "prov:wasAssociatedWith"), None, "shapes:ExtractionVersion", "extraction/pairing-v1/1.0.0",
        False),
    "document with a bad digest": (None, None, "shapes:DocumentSha256", "document/d1", False),
}


def broken(name: str) -> Dataset:
    bg_edit, doc_edit, *_ = BROKEN[name]
    background, document = BACKGROUND, DOCUMENT
    if bg_edit:
        assert bg_edit[0] in background, name
        background = background.replace(bg_edit[0], bg_edit[1])
    if doc_edit:
        assert doc_edit[0] in document, name
        document = document.replace(doc_edit[0], doc_edit[1])
    sha = "not-a-digest" if name == "document with a bad digest" else SHA
    return dataset(background, document, sha)


@pytest.fixture(scope="module")
def results() -> dict[str, ValidationResult]:
    return {name: validate_dataset(broken(name)) for name in BROKEN}


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_broken_fixture_is_reported(results: dict[str, ValidationResult], name: str) -> None:
    *_, shape, focus, has_quote = BROKEN[name]
    result = results[name]
    assert not result.conforms
    hits = [v for v in result.violations if v.shape == shape]
    assert hits, f"{shape} not reported; got {[v.shape for v in result.violations]}"
    v = hits[0]
    assert v.focus == f"https://w3id.org/shanhai/id/{focus}"
    assert re.search(r"[\u4e00-\u9fff]", v.message_zh), v.message_zh
    assert re.search(r"[a-z]", v.message_en) and v.message_en != v.message_zh
    assert v.severity == "Violation"
    if has_quote:
        assert v.sources, v.describe()
        assert v.sources[0].document == "news/a.txt"
        assert v.sources[0].quote in ("浙江省对口帮扶广元市", "1994年国家八七扶贫攻坚计划")
        src = v.sources[0]
        described = v.describe()
        assert f"news/a.txt[{src.start}:{src.end}]" in described and src.quote in described


def test_each_fixture_breaks_only_its_own_shape(results: dict[str, ValidationResult]) -> None:
    """No fixture trips unrelated shapes (so each shape is tested on its own).

    The exceptions: an end before the start cannot also span the quote, and an
    offset that is a string cannot be compared with the other one.
    """
    also = {"shapes:EvidenceOrder": {"shapes:EvidenceQuoteLength"},
            "shapes:EvidenceStart": {"shapes:EvidenceOrder"}}
    for name, result in results.items():
        shape = BROKEN[name][2]
        shapes = {v.shape for v in result.violations}
        assert shapes <= {shape} | also.get(shape, set()), (name, shapes)


def test_a_document_violation_names_the_document(results: dict[str, ValidationResult]) -> None:
    v = next(v for v in results["document with a bad digest"].violations)
    assert v.sources[0].document == "news/a.txt"
    assert v.value == "not-a-digest"


def test_violations_round_trip_through_json(results: dict[str, ValidationResult]) -> None:
    for result in results.values():
        payload = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
        assert payload["conforms"] is False
        assert tuple(Violation.from_json(v) for v in payload["violations"]) == result.violations


def test_the_seed_graph_conforms(seed_build: tuple[Path, Report]) -> None:
    out, report = seed_build
    assert report.validation["conforms"] is True, report.validation
    assert report.validation["violations"] == []
    result = validate_path(out)
    assert result.conforms
    assert result.triples > 3000
    assert result.seconds < 10


def test_cli_validate_reports_document_and_quote(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(broken("start offset after end").serialize(format="trig"),
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "news/a.txt[23:13]" in result.output
    assert "浙江省对口帮扶广元市" in result.output
    assert "start offset must be less than its end offset" in result.output
    assert "起始偏移必须小于结束偏移" in result.output
    as_json = CliRunner().invoke(main, ["validate", str(tmp_path), "--json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.output)["violations"][0]["shape"] == "shapes:EvidenceOrder"


def test_cli_validate_passes_the_seed_graph(seed_out: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(seed_out)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_validate_without_a_graph_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no graph here" in result.output


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("1996年，浙江省对口帮扶四川省广元市。\n", encoding="utf-8")
    return src


def test_build_validates_and_exits_1_on_a_violation(tiny_corpus: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ok = CliRunner().invoke(main, ["build", str(tiny_corpus), "--out", str(tmp_path / "ok"),
                                   "--no-html", "--no-progress"])
    assert ok.exit_code == 0, ok.output
    report = json.loads((tmp_path / "ok" / "report.json").read_text(encoding="utf-8"))
    assert report["validation"]["conforms"] is True

    bad = Violation(focus="https://w3id.org/shanhai/id/pairing/x", label="", shape="shapes:X",
                    component="MinCountConstraintComponent", path="", value="",
                    severity="Violation", message_zh="坏", message_en="bad")
    monkeypatch.setattr(validate_module, "validate_path",
                        lambda path: ValidationResult(False, (bad,), 1, 0.0))
    failed = CliRunner().invoke(main, ["build", str(tiny_corpus), "--out", str(tmp_path / "bad"),
                                       "--no-html", "--no-progress"])
    assert failed.exit_code == 1
    assert "bad" in failed.output
    report = json.loads((tmp_path / "bad" / "report.json").read_text(encoding="utf-8"))
    assert report["validation"]["conforms"] is False
    skipped = CliRunner().invoke(main, ["build", str(tiny_corpus), "--out", str(tmp_path / "skip"),
                                        "--no-html", "--no-progress", "--no-validate"])
    assert skipped.exit_code == 0, skipped.output
    report = json.loads((tmp_path / "skip" / "report.json").read_text(encoding="utf-8"))
    assert report["validation"] == {}
