"""Named queries on the seed graph, parameter safety, result formats and ``shanhai query``."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result
from shanhai.extract.document import decode
from shanhai.graph.cli import main
from shanhai.graph.engine import Engine, QuerySyntaxError, inline_values, open_engine
from shanhai.graph.query import ParameterError, get_named, named_queries, parse_named, run_named
from shanhai.graph.results import FORMATS, QueryResult, parse_json, serialise
from shanhai.graph.store import open_store

NAMES = sorted(named_queries())
HOSTILE = ['四川省" } ?s ?p ?o . FILTER(true) #', 'a}#b', '"', "}", "#", 'x") || true || ("',
           "line\nbreak\\", "<https://w3id.org/shanhai/id/region/510000>"]


@pytest.fixture(scope="module")
def memory(seed_out: Path) -> Engine:
    return open_store(seed_out)


@pytest.fixture(scope="module")
def oxigraph(seed_out: Path) -> Engine:
    return open_engine(seed_out, "oxigraph")


def rows(result: QueryResult) -> list[dict[str, str | None]]:
    return result.values()


def pairs(result: QueryResult, a: str = "helper", b: str = "recipient") -> set[tuple[str | None, ...]]:
    return {(r[a], r[b]) for r in rows(result)}


# ------------------------------------------------------------------ the library of queries


def test_the_library_has_the_queries_people_ask() -> None:
    assert {"who-helps-whom", "partners-of-region", "network-as-of-year", "program-timeline",
            "amounts-by-helper-and-year", "evidence-for-fact", "most-connected-regions"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_documents_itself(name: str) -> None:
    q = get_named(name)
    assert q.title and len(q.description) > 20
    assert q.text.startswith("# title:")
    for p in q.params:
        assert p.doc and p.type in ("string", "integer", "iri")
        assert f"?{p.name}" in q.text
        assert (p.term() is None) == (p.default is None)  # a default has the declared type


def test_a_header_without_title_is_refused() -> None:
    with pytest.raises(ValueError, match="title"):
        parse_named("x", "# description: something\nSELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("name", NAMES)
def test_both_stores_give_the_same_answers(memory: Engine, oxigraph: Engine, name: str) -> None:
    a, b = run_named(memory, name), run_named(oxigraph, name)
    assert a.variables == b.variables
    assert rows(a) == rows(b)
    assert len(a) > 0, f"{name} finds nothing on the seed graph"


def test_who_helps_whom_gives_years(oxigraph: Engine) -> None:
    result = {(r["helper"], r["recipient"]): r for r in rows(run_named(oxigraph, "who-helps-whom"))}
    assert result[("青岛市", "陇南市")]["since"] == "2016"
    assert result[("浙江省", "广元市")]["since"] == "1996"
    assert result[("福建省", "宁夏回族自治区")]["since"] == "1996"
    assert result[("浙江省", "四川省")]["documents"] == "4"
    # a pairing renewed in a later round keeps both years
    assert result[("浙江省", "广元市")]["latest"] == "2018"


def admin_code(engine: Engine, label: str) -> str:
    found = engine.query(
        "PREFIX shanhai: <https://w3id.org/shanhai/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?code WHERE { ?r rdfs:label ?l ; shanhai:adminCode ?code . FILTER(STR(?l) = ?name) }",
        {"name": Literal(label)})
    return str(found.rows[0][0])


@pytest.mark.parametrize("region", ["四川省", "四川", "510000"])
def test_partners_roll_up_through_part_of(oxigraph: Engine, region: str) -> None:
    result = rows(run_named(oxigraph, "partners-of-region", {"region": region}))
    partners = {r["partner"] for r in result}
    locals_ = {str(r["local"]) for r in result}
    assert {"浙江省", "吴兴区", "义乌市", "杭州市"} <= partners
    assert {"四川省", "广元市", "青川县", "汶川县"} <= locals_  # province, prefecture, counties
    for place in locals_:  # everything rolled up really lies in Sichuan (codes 51xxxx)
        assert admin_code(oxigraph, place).startswith("51"), place
    assert {r["side"] for r in result} == {"recipient"}


def test_partners_of_a_helper_province(oxigraph: Engine) -> None:
    result = rows(run_named(oxigraph, "partners-of-region", {"region": "浙江省"}))
    assert {r["side"] for r in result} == {"helper"}
    assert ("湖州市", "广元市") in {(r["local"], r["partner"]) for r in result}
    assert ("吴兴区", "青川县") in {(r["local"], r["partner"]) for r in result}


def test_network_as_of_a_year(oxigraph: Engine) -> None:
    in_2016 = rows(run_named(oxigraph, "network-as-of-year", {"year": "2016"}))
    assert ("青岛市", "陇南市") in {(r["helper"], r["recipient"]) for r in in_2016}
    assert ("丽水市", "广元市") not in {(r["helper"], r["recipient"]) for r in in_2016}  # from 2018
    for r in in_2016:
        assert int(str(r["since"])) <= 2016
        assert r["until"] is None or int(str(r["until"])) >= 2016
    in_1995 = pairs(run_named(oxigraph, "network-as-of-year", {"year": "1995"}))
    assert not {p for p in in_1995 if p[0] == "浙江省"}
    with pytest.raises(ParameterError, match="integer"):
        run_named(oxigraph, "network-as-of-year", {"year": "二〇一六"})


ENDED = """
@prefix shanhai: <https://w3id.org/shanhai/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/shanhai/id/graph/t> {
  <https://w3id.org/shanhai/id/pairing/a> a shanhai:Pairing ;
      shanhai:helper <https://w3id.org/shanhai/id/region/330000> ;
      shanhai:recipient <https://w3id.org/shanhai/id/region/520000> ;
      shanhai:startYear "2010"^^xsd:gYear ; shanhai:endYear "2015"^^xsd:gYear .
  <https://w3id.org/shanhai/id/region/330000> rdfs:label "浙江省"@zh .
  <https://w3id.org/shanhai/id/region/520000> rdfs:label "贵州省"@zh .
}
"""


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_an_ended_pairing_leaves_the_network(tmp_path: Path, store: str) -> None:
    path = tmp_path / "ended.trig"
    path.write_text(ENDED, encoding="utf-8")
    engine = open_engine(path, store)
    assert pairs(run_named(engine, "network-as-of-year", {"year": "2014"})) == {("浙江省", "贵州省")}
    assert pairs(run_named(engine, "network-as-of-year", {"year": "2015"})) == {("浙江省", "贵州省")}
    assert pairs(run_named(engine, "network-as-of-year", {"year": "2016"})) == set()
    assert pairs(run_named(engine, "network-as-of-year", {"year": "2009"})) == set()


def test_program_timeline(oxigraph: Engine) -> None:
    result = rows(run_named(oxigraph, "program-timeline"))
    plan = [r for r in result if r["program"] == "国家八七扶贫攻坚计划"]
    assert plan and plan[0]["year"] == "1994" and plan[0]["kind"] == "Plan"
    assert plan[0]["month"] == "1994-03"
    years = [int(r["year"]) for r in result]
    assert years == sorted(years)


AMOUNTS = """
PREFIX shanhai: <https://w3id.org/shanhai/ontology#>
SELECT DISTINCT ?a ?h ?v ?u ?y WHERE {
  ?a a shanhai:Amount ; shanhai:amountOf ?h ; shanhai:value ?v ; shanhai:unit ?u .
  OPTIONAL { ?a shanhai:year ?y }
}"""


def test_amounts_by_helper_and_year(oxigraph: Engine) -> None:
    money = {(r["helper"], r["year"]): r for r in rows(run_named(oxigraph, "amounts-by-helper-and-year"))}
    assert money[("青岛市", "2019")]["total"] == "224000000"  # 仅2019年一年间 … 7400余万元 … 1.5亿元
    # recompute the sums from the raw facts: amounts in 元 of regions that help someone
    helpers = {str(r["helper"]) for r in rows(run_named(oxigraph, "who-helps-whom"))}
    expected: dict[tuple[str, str | None], float] = {}
    for a in oxigraph.query(AMOUNTS).records():
        label = str(next(iter(oxigraph.query(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?l WHERE { ?h rdfs:label ?l FILTER(LANG(?l) = 'zh') }", {"h": a["h"]}).rows))[0])
        if str(a["u"]) == "元" and label in helpers:
            key = (label, None if a["y"] is None else str(a["y"]))
            expected[key] = expected.get(key, 0.0) + float(str(a["v"]))
    assert {k: float(str(v["total"])) for k, v in money.items()} == expected
    people = rows(run_named(oxigraph, "amounts-by-helper-and-year", {"unit": "人"}))
    assert set(money) != {(r["helper"], r["year"]) for r in people}


def test_evidence_for_a_pairing_by_names(oxigraph: Engine, seeds_dir: Path) -> None:
    result = rows(run_named(oxigraph, "evidence-for-fact", {"helper": "青岛市", "recipient": "陇南市"}))
    assert result, "the 青岛市 → 陇南市 pairing has evidence"
    for r in result:
        assert r["kind"] == "Pairing" and r["fact_label"] == "青岛市 → 陇南市"
        text = decode((seeds_dir / str(r["document"])).read_bytes(), str(r["document"]))
        assert text[int(str(r["start"])):int(str(r["end"]))] == r["quote"]
        assert "青岛" in str(r["quote"]) and "陇南" in str(r["quote"])


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_evidence_for_a_fact_by_iri(memory: Engine, oxigraph: Engine, store: str) -> None:
    engine = memory if store == "memory" else oxigraph
    everything = rows(run_named(engine, "evidence-for-fact"))
    assert {r["kind"] for r in everything} >= {"Pairing", "Amount", "Statement"}
    for kind in ("Amount", "Statement", "Pairing"):
        fact = next(r for r in everything if r["kind"] == kind)["fact"]
        only = rows(run_named(engine, "evidence-for-fact", {"fact": str(fact)}))
        assert only == [r for r in everything if r["fact"] == fact]
    assert rows(run_named(engine, "evidence-for-fact", {"fact": "https://w3id.org/shanhai/id/none"})) == []
    assert len(run_named(engine, "evidence-for-fact", {"fact": ""})) == len(everything)  # empty: any
    with pytest.raises(ParameterError, match="IRI"):
        run_named(engine, "evidence-for-fact", {"fact": 'x" } #'})


def test_most_connected_regions_agree_with_who_helps_whom(oxigraph: Engine) -> None:
    partners: dict[str, set[str]] = {}
    for r in rows(run_named(oxigraph, "who-helps-whom")):
        partners.setdefault(str(r["helper"]), set()).add(str(r["recipient"]))
        partners.setdefault(str(r["recipient"]), set()).add(str(r["helper"]))
    ranked = rows(run_named(oxigraph, "most-connected-regions"))
    counts = {str(r["region"]): int(str(r["partners"])) for r in ranked}
    # who-helps-whom groups by label, so compare on labels that name one region only
    for region, others in partners.items():
        assert counts[region] == len(others), region
    assert [int(str(r["partners"])) for r in ranked] == sorted(counts.values(), reverse=True)
    for r in ranked:
        assert int(str(r["helps"])) + int(str(r["helped_by"])) >= int(str(r["partners"]))


# ------------------------------------------------------------------ parameters stay data


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_stay_inside_their_literal(memory: Engine, oxigraph: Engine, value: str) -> None:
    # rdflib is slow, so it gets the three values that carry every dangerous character
    for engine in (memory, oxigraph) if value in HOSTILE[:3] else (oxigraph,):
        assert len(run_named(engine, "partners-of-region", {"region": value})) == 0
        assert len(run_named(engine, "evidence-for-fact", {"helper": value})) == 0
        assert len(run_named(engine, "amounts-by-helper-and-year", {"unit": value})) == 0


def test_a_value_equal_to_a_hostile_label_is_matched_exactly(tmp_path: Path) -> None:
    label = '川"}#省'
    path = tmp_path / "odd.trig"
    path.write_text(ENDED.replace("贵州省", label.replace('"', '\\"')), encoding="utf-8")
    for store in ("memory", "oxigraph"):
        engine = open_engine(path, store)
        hits = rows(run_named(engine, "partners-of-region", {"region": label}))
        assert {r["partner"] for r in hits} == {"浙江省"}, store


def test_inline_values_skips_strings_comments_and_iris() -> None:
    query = ('PREFIX ex: <http://x/#WHERE{>\n# WHERE { in a comment\n'
             'SELECT ?s WHERE { ?s ex:p "WHERE {" }')
    bound = inline_values(query, {"v": Literal('a"}#b')})
    assert bound.index("VALUES") > bound.index('SELECT ?s WHERE {')
    assert 'VALUES (?v) { ("a\\"}#b") }' in bound
    assert "VALUES" in inline_values("ASK { ?s ?p ?o }", {"s": URIRef("http://x/s")})
    construct = inline_values("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", {"s": URIRef("http://x/s")})
    assert construct.index("VALUES") > construct.index("} {")


def test_unknown_and_mistyped_parameters_are_refused(oxigraph: Engine) -> None:
    with pytest.raises(ParameterError, match="region"):
        run_named(oxigraph, "partners-of-region", {"province": "四川省"})
    with pytest.raises(ParameterError, match="no named query"):
        run_named(oxigraph, "no-such-query")


# ------------------------------------------------------------------ errors and formats


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_a_malformed_query_reports_line_and_column(seed_out: Path, store: str) -> None:
    engine = open_engine(seed_out, store)
    with pytest.raises(QuerySyntaxError) as info:
        engine.query("SELECT ?x WHERE {\n  ?x ?y\n}")
    assert info.value.line in (2, 3) and info.value.column is not None
    assert f"line {info.value.line}, column {info.value.column}" in info.value.describe()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_formats_parse_back_with_rdflib(oxigraph: Engine, fmt: str) -> None:
    result = run_named(oxigraph, "who-helps-whom")
    data = serialise(result, fmt)
    back = Result.parse(io.BytesIO(data), format=fmt)
    assert [str(v) for v in back.vars or []] == list(result.variables)
    assert len(back) == len(result)
    helpers = {str(row[0]) for row in back}  # type: ignore[index]
    assert "青岛市" in helpers


def test_json_results_round_trip(oxigraph: Engine) -> None:
    result = run_named(oxigraph, "program-timeline")
    assert parse_json(serialise(result, "json")).values() == result.values()
    ask = oxigraph.query("ASK { ?s a <https://w3id.org/shanhai/ontology#Pairing> }")
    assert json.loads(serialise(ask, "json")) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_graph_formats_parse_back(oxigraph: Engine, fmt: str) -> None:
    result = oxigraph.query("CONSTRUCT { ?r ?p ?o } WHERE { ?r a <https://w3id.org/shanhai/ontology#Province> ; ?p ?o }")
    g = Graph()
    g.parse(data=serialise(result, fmt).decode("utf-8"), format="nt" if fmt == "ntriples" else "turtle")
    assert len(g) == len(set(result.triples)) > 0
    assert FORMATS[fmt].media_type in ("text/turtle", "application/n-triples")


# ------------------------------------------------------------------ the command


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_query_table_aligns_chinese_columns(seed_out: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_out), "--name", "who-helps-whom"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert any("青岛市" in line and "陇南市" in line and "2016" in line for line in lines)
    widths = {display_width(line) for line in lines}
    assert len(widths) == 1, widths  # every row, border and header is as wide as the others
    # the column separators sit at the same display column on every body row
    body = [line for line in lines if line.startswith("│")]
    columns = {tuple(i for i, _ in _positions(line, "│")) for line in body}
    assert len(columns) == 1


def _positions(line: str, mark: str) -> list[tuple[int, str]]:
    out, col = [], 0
    for ch in line:
        if ch == mark:
            out.append((col, ch))
        col += display_width(ch)
    return out


def test_query_csv_with_a_parameter(seed_out: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_out), "--name", "partners-of-region",
                                       "--param", "region=广元市", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"浙江省", "丽水市", "台州市", "湖州市", "吴兴区"} <= {r["partner"] for r in table}


def test_query_from_a_file_and_as_json(seed_out: Path, tmp_path: Path) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/shanhai/ontology#Pairing> }",
                  encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(seed_out), "-f", str(rq), "--format", "json"])
    assert result.exit_code == 0, result.output
    n = int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n == len(run_named(open_store(seed_out), "who-helps-whom"))


def test_name_without_value_lists_the_queries() -> None:
    for args in (["query", "--name"], ["query", "--list"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        for name in NAMES:
            assert name in result.stdout
        assert "四川省" in result.stdout  # the default of partners-of-region


def test_malformed_query_exits_2_with_the_position(seed_out: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_out), "SELECT ?x WHERE {\n  ?x ?y\n}"])
    assert result.exit_code == 2
    assert "syntax error: line" in result.stderr and "column" in result.stderr


@pytest.mark.parametrize("args, code, message", [
    (["--name", "partners-of-region", "--param", "province=四川省"], 2, "no parameter"),
    (["--name", "nope"], 2, "no named query"),
    (["--name", "who-helps-whom", "--format", "turtle"], 2, "CONSTRUCT"),
    (["SELECT * WHERE { ?s ?p ?o }", "--name", "who-helps-whom"], 2, "exactly one"),
])
def test_usage_errors_exit_2(seed_out: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(main, ["query", str(seed_out), *args])
    assert result.exit_code == code, result.output
    assert message in result.output


def test_a_missing_graph_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(tmp_path / "none"), "--name", "who-helps-whom"])
    assert result.exit_code == 1
    assert "no graph here" in result.stderr


def test_query_on_an_oxigraph_store(seed_out: Path, tmp_path: Path) -> None:
    from shanhai.graph.store import load_store

    spec = f"oxigraph:{tmp_path / 'db'}"
    load_store(spec, seed_out)
    result = CliRunner().invoke(main, ["query", spec, "--name", "network-as-of-year",
                                       "--param", "year=2016", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert '"青岛市"@zh\t"陇南市"@zh' in result.stdout
