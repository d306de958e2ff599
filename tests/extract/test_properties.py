"""Property and fuzz tests: offsets, decoding, the matching key and round trips.

Bounded on purpose (at most 150 examples each, no per-example deadline) so the
whole module runs in well under a minute.
"""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from shanhai.extract.document import Document, build_key, decode, split_sentences
from shanhai.extract.errors import DocumentError
from shanhai.extract.pipeline import extract_document
from shanhai.extract.records import (
    EntityRef,
    Evidence,
    Mention,
    Triple,
    from_json,
    read_jsonl,
    to_json,
    write_jsonl,
)
from shanhai.graph.build import DocumentRecord, build_dataset
from shanhai.graph.io import trig_text, turtle_text, union_triples

#: Derandomized, so that every run tries the same examples and a failure reproduces.
BOUNDED = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

PAIRING = "浙江省对口帮扶四川省广元市"
PHRASES = [PAIRING, "1996年", "7400余万元", "《国家八七扶贫攻坚计划》", "东西部扶贫协作",
           "青岛市对口帮扶陇南市", "闽宁协作", "2016年以来"]
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
PUNCT = "，。；、：！？（）《》“”"
ODD = "\x0b\x0c\x7f\x85\u2028\u2029\u202e\u200d\ufeff\ufffe\uffff\U0001f600\u0301\ue000<>&\"'\\{}#"
#: Line breaks that can fall inside a phrase (one per gap, so never a blank line).
BREAKS = ["\n", " \n", "\n\u3000\u3000", " ", "\u3000", "\t"]

filler = st.text(alphabet=COMMON + PUNCT + "0123456789 \n\u3000", max_size=40)


@st.composite
def broken(draw: st.DrawFn, phrase: str) -> str:
    """``phrase`` with random line breaks and spaces between its characters."""
    out = []
    for i, ch in enumerate(phrase):
        if i and draw(st.booleans()) and draw(st.booleans()):
            out.append(draw(st.sampled_from(BREAKS)))
        out.append(ch)
    return "".join(out)


@st.composite
def documents(draw: st.DrawFn, odd: bool = False) -> str:
    parts = [draw(filler)]
    for _ in range(draw(st.integers(1, 5))):
        phrase = draw(st.sampled_from(PHRASES))
        parts.append(draw(broken(phrase)))
        parts.append(draw(filler))
        if odd:
            parts.append(draw(st.text(alphabet=ODD, max_size=4)))
    return "".join(parts)


def check_offsets(text: str) -> None:
    result = extract_document(Document.from_text(text, "fuzz.txt"))
    for m in result.mentions:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text
    for t in result.triples:
        ev = t.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.quote, (t, text)


# ------------------------------------------------------------------ extraction


@BOUNDED
@given(documents())
def test_every_quote_is_the_text_at_its_offsets(text: str) -> None:
    check_offsets(text)


@BOUNDED
@given(documents(odd=True))
def test_odd_code_points_never_crash_extraction(text: str) -> None:
    check_offsets(text)


@BOUNDED
@given(before=filler, phrase=broken(PAIRING), after=filler)
def test_pairing_survives_line_breaks_inside_the_phrase(before: str, phrase: str, after: str) -> None:
    text = f"{before}。1996年，{phrase}。{after}"
    result = extract_document(Document.from_text(text, "fuzz.txt"))
    pairs = {(t.subject.key, t.object.key) for t in result.triples
             if t.predicate == "pairsWith" and t.object is not None}
    assert ("330000", "510800") in pairs, repr(text)
    check_offsets(text)


# ------------------------------------------------------------------ the matching key and sentences

spaced_text = st.text(alphabet=COMMON + PUNCT + "ab12ＡＢ１２東國對 \n\t\u3000\u200b\ufeff\r。！；", max_size=80)


@BOUNDED
@given(spaced_text)
def test_key_maps_every_character_back(text: str) -> None:
    key = build_key(text)
    offsets = [key.text_offset(k) for k in range(len(key.text))]
    assert offsets == sorted(set(offsets)), "strictly increasing"
    kept = set(offsets)
    for i, ch in enumerate(text):
        if ch in ",，" and text[i + 1:i + 2] == "、":
            assert i not in kept, "a comma doubled with a list mark is dropped"
        elif not re.match(r"[ \t\n\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]", ch):
            assert i in kept, "every visible character is in the key"
    for k, i in enumerate(offsets):
        assert key.to_key(i) == k
        assert key.to_text(k, k + 1) == (i, i + 1)
        assert key.text[k] == " " or not text[i].isspace()
    assert key.to_key(len(text)) == len(key.text)


@BOUNDED
@given(spaced_text)
def test_sentences_cover_all_visible_text_in_order(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        covered.update(range(s, e))
        last = e
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


# ------------------------------------------------------------------ decoding

BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@BOUNDED
@given(st.sampled_from(BOMS), st.binary(max_size=400))
def test_random_bytes_decode_or_fail_with_our_error(bom: bytes, data: bytes) -> None:
    try:
        text = decode(bom + data, "random.bin")
    except DocumentError as exc:
        assert str(exc).startswith("random.bin")
        return
    text.encode("utf-8")  # valid Unicode: no lone surrogates
    assert "\r" not in text
    assert not re.search("[\x00-\x08\x0e-\x1f]", text)


readable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\t\n浙江省对口帮扶"),
    max_size=60,
)


@BOUNDED
@given(readable, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030"]))
def test_text_survives_every_supported_encoding(text: str, encoding: str) -> None:
    bom_be = encoding == "utf-16-be-bom"
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be") if bom_be else text.encode(encoding)
    try:
        decoded = decode(data, "t.txt")
    except DocumentError as exc:
        # a file that opens with a known binary signature is refused by design
        assert "not a plain-text document" in exc.reason
        return
    if encoding == "gb18030" and decoded != text:
        # GB18030 bytes that are also valid UTF-8 read as UTF-8: an inherent ambiguity
        data.decode("utf-8")
        return
    assert decoded == text


# ------------------------------------------------------------------ records round trip

scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
names = st.text(max_size=20)
refs = st.builds(EntityRef, kind=st.sampled_from(["region", "program", "organization"]),
                 key=names, label=names)
quals = st.dictionaries(st.text(min_size=1, max_size=8), scalars, max_size=4).map(
    lambda d: tuple(sorted((k, v) for k, v in d.items() if v is not None)))


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    start = draw(st.integers(0, 10**7))
    quote = draw(st.text(max_size=30))
    return Evidence(doc=draw(names), start=start, end=start + len(quote), quote=quote,
                    rule=draw(names), confidence=draw(st.floats(0, 1)))


triples = st.builds(Triple, subject=refs, predicate=st.sampled_from(["pairsWith", "amount"]),
                    evidence=evidences(), object=st.none() | refs, value=scalars,
                    qualifiers=quals)


@st.composite
def mentions(draw: st.DrawFn) -> Mention:
    start = draw(st.integers(0, 10**6))
    text = draw(st.text(max_size=20))
    return Mention(kind=draw(names), start=start, end=start + len(text), text=text,
                   key=draw(names), rule=draw(names), attrs=draw(quals))


@BOUNDED
@given(st.one_of(triples, mentions()))
def test_jsonl_round_trip_is_the_identity(record: Triple | Mention) -> None:
    line = to_json(record)
    assert line.splitlines() == [line], "one record is one line, even for str.splitlines"
    back = from_json(line)
    assert back == record
    assert to_json(back) == line
    assert list(read_jsonl(write_jsonl([record, record]))) == [record, record]


# ------------------------------------------------------------------ RDF round trip


@st.composite
def titled_documents(draw: st.DrawFn) -> str:
    """Documents whose program titles and organisation names carry odd characters into quotes."""
    odd = draw(st.text(alphabet=ODD + "，", min_size=1, max_size=5))
    title = f"《国家八七{odd}扶贫攻坚计划》"
    return (f"1994年国务院制定并实施{title}。" + draw(documents())
            + f"1996年，{draw(broken(PAIRING))}，投入资金7400余万元。")


@pytest.fixture(scope="module")
def gaz():
    from shanhai.extract import gazetteer

    return gazetteer.default()


@FEW
@given(st.lists(titled_documents(), min_size=1, max_size=3))
def test_trig_and_turtle_round_trip_is_the_identity(gaz, texts: list[str]) -> None:
    records = []
    for n, text in enumerate(texts):
        doc = Document.from_text(text, f"doc{n}.txt")
        result = extract_document(doc)
        records.append(DocumentRecord(doc.doc_id, doc.path, doc.sha256, len(doc.text),
                                      result.triples))
    ds = build_dataset(records, gaz)
    trig = trig_text(ds)
    back = Dataset()
    back.parse(data=trig, format="trig")
    originals = {str(g.identifier): g for g in ds.graphs() if len(g)}
    parsed = {str(g.identifier): g for g in back.graphs() if len(g)}
    assert set(parsed) == set(originals)
    for name, graph in originals.items():
        assert isomorphic(graph, parsed[name]), name
    assert trig_text(back) == trig, "canonical: writing what was read gives the same bytes"
    ttl = turtle_text(union_triples(ds))
    union = Graph().parse(data=ttl, format="turtle")
    assert isomorphic(union, Graph().parse(data=turtle_text(union_triples(back)), format="turtle"))
    assert len(union) == len(set(union_triples(ds)))
