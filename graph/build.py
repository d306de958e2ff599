"""Records → one RDF dataset.

* One named graph per document holds its Document node, its facts and their
  Evidence.
* The background graph holds what is true regardless of any one document:
  entity labels and aliases, admin codes, coordinates and the gazetteer's
  ``partOf`` hierarchy for every region the corpus touches.
* Facts are n-ary nodes (Pairing, Amount) or ``rdf:Statement``s reifying a
  binary fact (startedIn, partOf, locatedIn, renamedTo); every one has
  ``prov:wasDerivedFrom`` → Evidence.  A fact read in three documents is one
  node with three Evidence nodes.
* Entities merge on their IRI: regions by admin code, programs and
  organisations by a hash of (kind, normalised name), program aliases folded
  into the canonical name first.  Other names seen, and the lexicon's aliases,
  become ``skos:altLabel``.
* Evidence is ``prov:wasGeneratedBy`` an Extraction (the rule family at the
  extractor's version), ``prov:wasAssociatedWith`` the Extractor release.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from pypinyin import lazy_pinyin
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..extract.gazetteer import Gazetteer
from ..extract.mentions import programs as program_names
from ..extract.records import EntityRef, Evidence, Triple
from ..extract.registry import EXTRACTOR_VERSION
from . import iri
from .io import bind_prefixes
from .iri import SH

GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

_LEVEL_CLASS = {
    "province": SH.Province,
    "prefecture": SH.Prefecture,
    "county": SH.County,
    "township": SH.Township,
    "village": SH.Village,
}
_PROGRAM_CLASS = {
    "policy": SH.Policy,
    "plan": SH.Plan,
    "meeting": SH.Meeting,
    "project": SH.Project,
    "program": SH.Program,
}
_STATEMENT_PREDICATE = {
    "startedIn": SH.startedIn,
    "partOf": SH.partOf,
    "locatedIn": SH.locatedIn,
    "renamedTo": SH.renamedTo,
}


@dataclass(frozen=True)
class DocumentRecord:
    """What the build needs to know about one source file."""

    doc_id: str
    path: str
    sha256: str
    chars: int
    triples: tuple[Triple, ...] = field(default=())


@cache
def _lexicon_aliases() -> dict[str, tuple[str, ...]]:
    """Canonical program name → its aliases in the program lexicon."""
    return {e.canonical: e.aliases for e in program_names.lexicon()}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def pinyin(text: str) -> Literal:
    return Literal(" ".join(lazy_pinyin(text)), lang="zh-Latn-pinyin")


def gyear(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


class DatasetBuilder:
    """Accumulates documents into a dataset; call :meth:`finish` once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.ds = Dataset()
        bind_prefixes(self.ds)
        self.background = self.ds.graph(iri.BACKGROUND_GRAPH)
        self._entities: dict[URIRef, EntityRef] = {}
        self._labels: dict[URIRef, Counter[str]] = {}
        self._aliases: dict[URIRef, set[str]] = {}
        self._extractors: set[str] = set()
        self._program_types: dict[URIRef, str] = {}

    # ----------------------------------------------------------- documents

    def add_document(self, rec: DocumentRecord) -> URIRef:
        g = self.ds.graph(iri.document_graph(rec.doc_id))
        doc = iri.document(rec.doc_id)
        g.add((doc, RDF.type, SH.Document))
        g.add((doc, DCTERMS.identifier, Literal(rec.doc_id)))
        g.add((doc, SH.sha256, Literal(rec.sha256)))
        g.add((doc, SH.path, Literal(rec.path)))
        g.add((doc, SH.charCount, Literal(rec.chars, datatype=XSD.integer)))
        for triple in rec.triples:
            self._add_fact(g, doc, triple)
        return g.identifier  # type: ignore[return-value]

    def _evidence(self, g: Graph, doc: URIRef, ev: Evidence, fact: URIRef) -> URIRef:
        node = iri.evidence(ev.doc, ev.start, ev.end, ev.rule, str(fact))
        g.add((node, RDF.type, SH.Evidence))
        g.add((node, SH.sourceDocument, doc))
        g.add((node, SH.charStart, Literal(ev.start, datatype=XSD.integer)))
        g.add((node, SH.charEnd, Literal(ev.end, datatype=XSD.integer)))
        g.add((node, SH.quote, Literal(ev.quote)))
        g.add((node, SH.rule, Literal(ev.rule)))
        g.add((node, SH.confidence, Literal(Decimal(str(ev.confidence)), datatype=XSD.decimal)))
        family = ev.rule.split(":")[0]
        self._extractors.add(family)
        g.add((node, PROV.wasGeneratedBy, iri.extraction(family, EXTRACTOR_VERSION)))
        g.add((fact, PROV.wasDerivedFrom, node))
        return node

    def _entity(self, ref: EntityRef) -> URIRef:
        if ref.kind == "program":
            ref = EntityRef(ref.kind, program_names.normalise(ref.key), ref.label)
        node = iri.entity(ref.kind, ref.key)
        self._entities.setdefault(node, ref)
        self._labels.setdefault(node, Counter())[ref.label] += 1
        return node

    def _names(self, node: URIRef, ref: EntityRef) -> tuple[str, list[str]]:
        """The preferred label and the other names (sorted) of a program or organisation.

        The preferred label is the merge key when it was seen as a name, else the
        most frequent name (ties: the smallest), so it does not depend on document order.
        """
        seen = self._labels.get(node) or Counter({ref.label: 1})
        label = ref.key if ref.key in seen else min(seen, key=lambda name: (-seen[name], name))
        others = set(seen)
        if ref.kind == "program":
            others.update(_lexicon_aliases().get(ref.key, ()))
        return label, sorted(others - {label})

    def _add_fact(self, g: Graph, doc: URIRef, t: Triple) -> None:
        subject = self._entity(t.subject)
        if t.predicate == "pairsWith" and t.object is not None:
            recipient = self._entity(t.object)
            fact = iri.fact("pairing", t.subject.key, t.object.key)
            g.add((fact, RDF.type, SH.Pairing))
            g.add((fact, SH.helper, subject))
            g.add((fact, SH.recipient, recipient))
            g.add((subject, SH.pairsWith, recipient))
            start, end = t.q("start_year"), t.q("end_year")
            if isinstance(start, int):
                g.add((fact, SH.startYear, gyear(start)))
            if isinstance(end, int):
                g.add((fact, SH.endYear, gyear(end)))
            self._evidence(g, doc, t.evidence, fact)
        elif t.predicate == "amount":
            fact = iri.fact("amount", t.evidence.doc, str(t.evidence.start), str(t.evidence.end))
            g.add((fact, RDF.type, SH.Amount))
            if t.subject.kind != "document":
                g.add((fact, SH.amountOf, subject))
            g.add((fact, SH.value, Literal(Decimal(str(t.value)), datatype=XSD.decimal)))
            g.add((fact, SH.unit, zh(str(t.q("unit")))))
            g.add((fact, SH.approximate, Literal(bool(t.q("approximate")))))
            measure, year, surface = t.q("measure"), t.q("year"), t.q("surface")
            if measure:
                g.add((fact, SH.measure, zh(str(measure))))
            if isinstance(year, int):
                g.add((fact, SH.year, gyear(year)))
            if surface:
                g.add((fact, SH.surface, Literal(str(surface))))
            self._evidence(g, doc, t.evidence, fact)
        elif t.predicate in _STATEMENT_PREDICATE:
            pred = _STATEMENT_PREDICATE[t.predicate]
            if t.object is not None:
                obj: URIRef | Literal = self._entity(t.object)
            elif isinstance(t.value, int):
                obj = gyear(t.value)
            else:
                return
            fact = iri.fact("statement", str(subject), str(pred), str(obj))
            g.add((subject, pred, obj))
            g.add((fact, RDF.type, RDF.Statement))
            g.add((fact, RDF.subject, subject))
            g.add((fact, RDF.predicate, pred))
            g.add((fact, RDF.object, obj))
            month, issuer = t.q("month"), t.q("issuer")
            if t.predicate == "startedIn" and isinstance(month, int) and isinstance(t.value, int):
                date = Literal(f"{t.value:04d}-{month:02d}", datatype=XSD.gYearMonth)
                g.add((fact, SH.startDate, date))
                g.add((subject, SH.startDate, date))
            if issuer:
                g.add((fact, SH.issuer, zh(str(issuer))))
            ptype = t.q("program_type")
            if isinstance(ptype, str) and t.subject.kind == "program":
                self._program_types.setdefault(subject, ptype)
            self._evidence(g, doc, t.evidence, fact)

    # ----------------------------------------------------------- background

    def finish(self) -> Dataset:
        bg = self.background
        regions = {ref.key for ref in self._entities.values() if ref.kind == "region"}
        closure: set[str] = set()
        for key in regions:
            base = key.split("/")[0]
            closure.add(key)
            closure.update(self.gaz.ancestors(base))
            if "/" in key:
                parts = key.split("/")
                closure.update("/".join(parts[:i]) for i in range(1, len(parts)))
        for key in sorted(closure):
            self._region(bg, key)
        for node, ref in sorted(self._entities.items()):
            if ref.kind not in ("program", "organization", "region_group"):
                continue
            label, others = self._names(node, ref)
            if ref.kind == "program":
                cls = _PROGRAM_CLASS.get(self._program_types.get(node, "program"), SH.Program)
                bg.add((node, RDF.type, cls))
                bg.add((node, SH.key, Literal(ref.key)))
            elif ref.kind == "organization":
                bg.add((node, RDF.type, SH.Organization))
                bg.add((node, SH.key, Literal(iri.normalise_key(ref.key))))
            else:
                bg.add((node, RDF.type, SH.RegionGroup))
                parent = ref.key.split(":")[0]
                if parent in self.gaz.regions:
                    bg.add((node, SH.partOf, iri.region(parent)))
            bg.add((node, RDFS.label, zh(label)))
            bg.add((node, RDFS.label, pinyin(label)))
            for name in others:
                bg.add((node, SKOS.altLabel, zh(name)))
        if self._extractors:
            agent = iri.extractor(EXTRACTOR_VERSION)
            bg.add((agent, RDF.type, SH.Extractor))
            bg.add((agent, RDF.type, PROV.SoftwareAgent))
            bg.add((agent, RDFS.label, Literal(f"shanhai extractor {EXTRACTOR_VERSION}")))
            bg.add((agent, SH.extractorVersion, Literal(EXTRACTOR_VERSION)))
        for family in sorted(self._extractors):
            node = iri.extraction(family, EXTRACTOR_VERSION)
            bg.add((node, RDF.type, SH.Extraction))
            bg.add((node, RDF.type, PROV.Activity))
            bg.add((node, RDFS.label, Literal(f"{family} (shanhai extractor {EXTRACTOR_VERSION})")))
            bg.add((node, SH.extractorVersion, Literal(EXTRACTOR_VERSION)))
            bg.add((node, PROV.wasAssociatedWith, iri.extractor(EXTRACTOR_VERSION)))
        return self.ds

    def _region(self, bg: Graph, key: str) -> None:
        node = iri.region(key)
        if key in self.gaz.regions:
            r = self.gaz.regions[key]
            bg.add((node, RDF.type, _LEVEL_CLASS[r.level]))
            bg.add((node, RDFS.label, zh(r.name)))
            bg.add((node, SH.adminCode, Literal(r.code)))
            bg.add((node, SH.fullName, zh(self.gaz.display_name(r.code))))
            bg.add((node, RDFS.label, pinyin(r.name)))
            for alias in sorted(set(self.gaz.aliases_of(r.code)) - {r.name}):
                bg.add((node, SKOS.altLabel, zh(alias)))
            if r.short:
                bg.add((node, SH.shortName, zh(r.short)))
            if r.parent:
                bg.add((node, SH.partOf, iri.region(r.parent)))
            if r.lat is not None and r.lon is not None:
                bg.add((node, GEO.lat, Literal(Decimal(str(r.lat)), datatype=XSD.decimal)))
                bg.add((node, GEO.long, Literal(Decimal(str(r.lon)), datatype=XSD.decimal)))
        else:
            parts = key.split("/")
            name = parts[-1]
            level = "village" if name.endswith(("村", "社区", "嘎查")) else "township"
            bg.add((node, RDF.type, _LEVEL_CLASS[level]))
            bg.add((node, RDFS.label, zh(name)))
            bg.add((node, SH.shortName, zh(name)))
            parent = "/".join(parts[:-1])
            bg.add((node, SH.partOf, iri.region(parent)))
            chain = [self.gaz.display_name(parts[0]), *parts[1:]]
            bg.add((node, SH.fullName, zh("".join(chain))))
            bg.add((node, RDFS.label, pinyin(name)))


def build_dataset(records: Iterable[DocumentRecord], gazetteer: Gazetteer) -> Dataset:
    builder = DatasetBuilder(gazetteer)
    for rec in records:
        builder.add_document(rec)
    return builder.finish()
